import Domain
import Understanding

/// Records name people by their name, so a member's name fixed («el Hugo se llama Hugo Barria
/// Muñoz», «cambiar el nombre de Gabriela Mena jefa a Gabriela Mena») must be fixed everywhere
/// the old name stands for that member: agreements' responsables, meetings (who takes part,
/// leads, attended or was absent, past ones and actas included: it is the same person), the
/// purpose (who agreed it, each one's apropiación) and the norms (who agreed them).
enum PersonRename {
    /// The member added earlier by first name alone, with nothing else known («Jaime», from who
    /// agreed the purpose), that `name` («Jaime Catrileo») completes; nil unless exactly one.
    static func stub(for name: String, in s: NetworkSnapshot) -> Member? {
        guard name.contains(" "), let first = TextFold.fold(name).split(separator: " ").first.map(String.init) else { return nil }
        let stubs = s.members.filter {
            !TextFold.fold($0.name).contains(" ") && TextFold.fold($0.name) == first
                && $0.role == nil && $0.school == nil && $0.contact == nil && $0.strengths == nil
        }
        return stubs.count == 1 ? stubs[0] : nil
    }

    static func renamed(_ old: String, to new: String, in s: NetworkSnapshot, with w: RecordWriter) throws {
        let was = TextFold.fold(old)
        let names = { (list: [String]) in list.contains { TextFold.fold($0) == was } }
        let fix = { (name: String) in TextFold.fold(name) == was ? new : name }
        let network = s.network.id
        // On each record as stored (the snapshot read here is the live view, which leaves out
        // links to deleted meetings: writing it back would drop them from the file).
        for a in s.agreements where names(a.responsables) {
            _ = try w.store.modifyAgreement(id: a.id, network: network) { $0.responsables = $0.responsables.map(fix) }
        }
        for m in s.meetings where m.deleted == nil {
            let people = m.participants + [m.leader ?? ""]
                + m.occurrences.values.flatMap { $0.attendees + $0.absentees + [$0.ledBy ?? ""] }
            guard names(people) else { continue }
            _ = try w.store.modifyMeeting(id: m.id, network: network) {
                let before = $0
                $0.participants = $0.participants.map(fix)
                $0.leader = $0.leader.map(fix)
                for (date, var o) in $0.occurrences {
                    o.attendees = o.attendees.map(fix)
                    o.absentees = o.absentees.map(fix)
                    o.ledBy = o.ledBy.map(fix)
                    $0.occurrences[date] = o
                }
                $0.markChanged(since: before, at: w.stamp)
            }
        }
        if var p = s.purpose, names(p.participants) || names(p.appropriations.map(\.member)) {
            p.participants = p.participants.map(fix)
            for i in p.appropriations.indices { p.appropriations[i].member = fix(p.appropriations[i].member) }
            try w.store.savePurpose(p, network: network)
        }
        for var n in s.norms where names(n.agreedBy) {
            n.agreedBy = n.agreedBy.map(fix)
            try w.store.updateNorm(n, network: network)
        }
    }
}
