import Domain
import Understanding
import Synchronization

/// The people a network already knows: members, then anyone responsible for an agreement.
/// Only names outside this list prompt "¿lo agrego a la red?".
///
/// Every turn needs the list; it changes only when members or agreements do. One entry per
/// network, shared by its sessions, is kept while the snapshot's `revision` is the one it was
/// built from. It holds no copy of the snapshot's arrays (a copy would make the store copy
/// them on its next change); when records were only added since (`rewritten`), only the new
/// agreements are read.
final class KnownPeople: Sendable {
    private struct Entry: Sendable {
        var revision: Int
        var members: [String]
        var agreementsRead: Int
        /// Responsables not among the members, in order of first appearance.
        var others: [String]
        var seen: Set<String>
        /// `members + others`, joined once per revision rather than on every turn.
        var names: [String]

        init(revision: Int, members: [String], agreementsRead: Int, others: [String], seen: Set<String>) {
            self.revision = revision
            self.members = members
            self.agreementsRead = agreementsRead
            self.others = others
            self.seen = seen
            names = members + others
        }
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// The network's known people, with `speaker` last when not among them.
    func names(in snapshot: NetworkSnapshot, speaker: String?) -> [String] {
        let id = snapshot.network.id
        let cached = entries.withLock { $0[id] }
        var names: [String]
        var seen: Set<String>
        if let cached, cached.revision == snapshot.revision {
            names = cached.names
            seen = cached.seen
        } else {
            let members = snapshot.members.map(\.name)
            var entry: Entry
            if var grown = cached, grown.revision >= snapshot.rewritten, snapshot.agreements.count >= grown.agreementsRead {
                // Only records were added since this entry was built: only the new ones are read.
                for i in grown.agreementsRead..<snapshot.agreements.count {
                    for r in snapshot.agreements[i].responsables where grown.seen.insert(r).inserted { grown.others.append(r) }
                }
                grown.agreementsRead = snapshot.agreements.count
                grown.revision = snapshot.revision
                grown.names = grown.members + grown.others
                entry = grown
            } else {
                var seen = Set(members)
                var others: [String] = []
                // Only each agreement's responsables are read (a copy of the whole agreement per
                // record showed at start-up on a large network).
                // Agreements in a row often have the same responsables: those are not hashed again.
                snapshot.agreements.withUnsafeBufferPointer { agreements in
                    var previous: [String] = []
                    for i in agreements.indices where agreements[i].responsables != previous {
                        previous = agreements[i].responsables
                        for r in previous where seen.insert(r).inserted { others.append(r) }
                    }
                }
                entry = Entry(revision: snapshot.revision, members: members, agreementsRead: snapshot.agreements.count,
                              others: others, seen: seen)
            }
            entries.withLock { $0[id] = entry }
            // Each name a people answer says is matched against this list: indexed once here.
            PersonMatcher.MemberIndex.remember(entry.names)
            names = entry.names
            seen = entry.seen
        }
        if let me = speaker, !seen.contains(me) { names.append(me) }
        return names
    }
}
