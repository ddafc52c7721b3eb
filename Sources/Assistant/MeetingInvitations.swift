import Domain
import Understanding

/// Who is invited to the meetings still to come follows who is in the network: a member
/// deleted leaves their invitations, and someone who joins is invited to every coming meeting
/// the whole network was invited to («participan todos»). A past meeting's list and every
/// acta's attendance are history and stay as they were. Participants stay a list of names, so
/// files written before keep reading the same.
enum MeetingInvitations {
    /// Meetings with a date still to come (not suspended) at the writer's clock.
    private static func coming(_ s: NetworkSnapshot, with w: RecordWriter) -> [Meeting] {
        let now = w.clock.localNow()
        return s.meetings.filter { $0.deleted == nil && $0.nextHeld(after: now) != nil }
    }

    /// `name` left the network: out of the coming meetings' participants, and no longer the one
    /// who leads them (a person who left cannot lead what comes). The dates already held keep who
    /// led them: the meeting's leader is written into each acta that had none of its own. The
    /// coming meetings that lost their leader, so the person is told.
    @discardableResult
    static func left(_ name: String, in s: NetworkSnapshot, with w: RecordWriter) throws -> [Meeting] {
        let gone = TextFold.fold(name)
        let now = w.clock.localNow()
        var leaderless: [Meeting] = []
        for m in coming(s, with: w) {
            let invited = m.participants.contains(where: { TextFold.fold($0) == gone })
            let leads = m.leader.map { TextFold.fold($0) == gone } ?? false
            let leadsADate = m.occurrences.values.contains { $0.start >= now && $0.ledBy.map { TextFold.fold($0) == gone } ?? false }
            guard invited || leads || leadsADate else { continue }
            let changed = try w.store.modifyMeeting(id: m.id, network: s.network.id) {
                let old = $0
                $0.participants.removeAll { TextFold.fold($0) == gone }
                if leads, let leader = $0.leader {
                    for (date, var o) in $0.occurrences where o.start < now && o.ledBy == nil && o.hasActa {
                        o.ledBy = leader
                        $0.occurrences[date] = o
                    }
                    $0.leader = nil
                }
                for (date, var o) in $0.occurrences where o.start >= now && o.ledBy.map({ TextFold.fold($0) == gone }) ?? false {
                    o.ledBy = nil
                    $0.occurrences[date] = o
                }
                $0.markChanged(since: old, at: w.stamp)
            }
            if leads || leadsADate { leaderless.append(changed) }
        }
        return leaderless
    }

    /// `names` joined (or came back to) the network whose members before were those of `s`:
    /// added to each coming meeting that invited every one of them, i.e. one for everyone.
    static func joined(_ names: [String], before s: NetworkSnapshot, with w: RecordWriter) throws {
        let members = Set(s.members.filter { !$0.isOut }.map { TextFold.fold($0.name) })
        guard !members.isEmpty else { return }
        for m in coming(s, with: w) {
            let invited = Set(m.participants.map(TextFold.fold))
            let added = names.filter { !invited.contains(TextFold.fold($0)) }
            guard members.isSubset(of: invited), !added.isEmpty else { continue }
            _ = try w.store.modifyMeeting(id: m.id, network: s.network.id) {
                let old = $0
                $0.participants += added
                $0.markChanged(since: old, at: w.stamp)
            }
        }
    }
}
