import Domain
import Synchronization

/// The people a network already knows: members, then anyone responsible for an agreement.
/// Only names outside this list prompt "¿lo agrego a la red?".
///
/// Every turn needs the list; it changes only when members or agreements do. One entry per
/// network, shared by its sessions, is kept while the snapshot's arrays are equal to the ones
/// it was built from (`==` on arrays first compares storage identity: nearly free when the
/// store hands out the same arrays, as the in-memory one does).
final class KnownPeople: Sendable {
    private struct Entry: Sendable {
        var members: [Member]
        var agreements: [Agreement]
        var names: [String]
        var seen: Set<String>
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// The network's known people, with `speaker` last when not among them.
    func names(in snapshot: NetworkSnapshot, speaker: String?) -> [String] {
        let id = snapshot.network.id
        var entry: Entry
        let cached = entries.withLock { $0[id] }
        if let cached, cached.members == snapshot.members, cached.agreements == snapshot.agreements {
            entry = cached
        } else if var grown = cached, grown.members == snapshot.members, snapshot.agreements.count > grown.agreements.count,
                  Self.sameResponsables(grown.agreements, snapshot.agreements) {
            // Agreements are mostly appended: only the new ones are read.
            for a in snapshot.agreements[grown.agreements.count...] {
                for r in a.responsables where grown.seen.insert(r).inserted { grown.names.append(r) }
            }
            grown.agreements = snapshot.agreements
            entry = grown
            entries.withLock { $0[id] = entry }
        } else {
            var names = snapshot.members.map(\.name)
            var seen = Set(names)
            for a in snapshot.agreements { for r in a.responsables where seen.insert(r).inserted { names.append(r) } }
            entry = Entry(members: snapshot.members, agreements: snapshot.agreements, names: names, seen: seen)
            entries.withLock { $0[id] = entry }
        }
        if let me = speaker, !entry.seen.contains(me) { entry.names.append(me) }
        return entry.names
    }

    /// True when every agreement of `old` has the same responsables in `new` (read in place:
    /// copying thousands of agreements to compare them was most of a turn in a large network).
    private static func sameResponsables(_ old: [Agreement], _ new: [Agreement]) -> Bool {
        old.withUnsafeBufferPointer { a in
            new.withUnsafeBufferPointer { b in
                for i in a.indices where a[i].responsables != b[i].responsables { return false }
                return true
            }
        }
    }
}
