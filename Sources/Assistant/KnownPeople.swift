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
        if let cached = entries.withLock({ $0[id] }), cached.members == snapshot.members, cached.agreements == snapshot.agreements {
            entry = cached
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
}
