import Domain
import Understanding
import Locks

/// The people a network already knows: members, then anyone responsible for an agreement.
/// Only names outside this list prompt "¿lo agrego a la red?".
///
/// Every turn needs the list; it changes only when members or agreements do. One entry per
/// network, shared by its sessions, is kept while the snapshot's `revision` is the one it was
/// built from. It holds no copy of the snapshot's arrays (a copy would make the store copy
/// them on its next change); when records were only added since (`rewritten`), only the new
/// agreements are read.
final class KnownPeople: Sendable {
    /// A class, read and changed only under `entries`' lock: a turn finds it with one lookup and
    /// no copy of its arrays (a dictionary's in-place access cost more than the rest of the turn's
    /// bookkeeping here).
    private final class Entry: @unchecked Sendable {
        var revision: Int
        var members: [String]
        var agreementsRead: Int
        /// Responsables not among the members, in order of first appearance.
        var others: [String]
        var seen: Set<String>
        /// `members + others`, joined once per revision rather than on every turn.
        var names: [String]
        /// `names` with the last speaker who was not among them, kept for that speaker's next
        /// turns (one person's turns come in a row): the same array, not a new one each turn.
        var spoken: (speaker: String, names: [String])?
        /// `PersonMatcher`'s index of `names`, which a speaker's `spoken` list extends.
        var index: PersonMatcher.MemberIndex?

        init(revision: Int, members: [String], agreementsRead: Int, others: [String], seen: Set<String>) {
            self.revision = revision
            self.members = members
            self.agreementsRead = agreementsRead
            self.others = others
            self.seen = seen
            names = members + others
        }

        /// The known people with `speaker` last when not among them; nil when built from
        /// another revision.
        /// A copy to grow from (the entry in the dictionary stays as it is until replaced).
        func copy() -> Entry {
            let e = Entry(revision: revision, members: members, agreementsRead: agreementsRead, others: others, seen: seen)
            e.names = names
            e.index = index
            return e
        }

        func names(revision: Int, speaker: String?) -> [String]? {
            guard self.revision == revision else { return nil }
            guard let me = speaker else { return names }
            if let spoken, spoken.speaker == me { return spoken.names }
            if seen.contains(me) { return names }
            var withMe = names
            withMe.append(me)
            spoken = (me, withMe)
            // The speaker's people answers match names against this list: its index is the
            // network's with the speaker's name added, kept once here.
            if let index { PersonMatcher.MemberIndex.remember(withMe, extending: index) }
            return withMe
        }
    }

    private let entries = PlainLock<[String: Entry]>([:])

    /// The network's known people, with `speaker` last when not among them.
    func names(in snapshot: NetworkSnapshot, speaker: String?) -> [String] {
        let id = snapshot.networkID
        let revision = snapshot.revision
        // Nearly every turn: the entry of this revision, read in place under one lock.
        if let hit = entries.withLock({ $0[id]?.names(revision: revision, speaker: speaker) }) { return hit }
        // An entry is never changed once in the dictionary but for `spoken` (under the lock):
        // the rest of it is read here without it.
        let cached = entries.withLock { $0[id] }
        do {
            let members = snapshot.members.map(\.name)
            let entry: Entry
            if let old = cached, old.revision >= snapshot.rewritten, snapshot.agreements.count >= old.agreementsRead {
                let grown = old.copy()
                // Only records were added since this entry was built: only the new ones are read.
                let known = grown.others.count
                for i in grown.agreementsRead..<snapshot.agreements.count {
                    for r in snapshot.agreements[i].responsables where grown.seen.insert(r).inserted { grown.others.append(r) }
                }
                grown.agreementsRead = snapshot.agreements.count
                grown.revision = snapshot.revision
                // No one new: the same list as before (`copy` keeps it), the same storage, so the
                // lists built from it and its member index are found without comparing names.
                if grown.others.count != known { grown.names = grown.members + grown.others }
                assert(grown.names == grown.members + grown.others, "KnownPeople kept a stale list")
                grown.spoken = nil
                entry = grown
            } else {
                var seen = Set(members)
                var others: [String] = []
                // Only each agreement's responsables are read (a copy of the whole agreement per
                // record showed at start-up on a large network).
                // Agreements in a row often have the same responsables: those are not hashed again.
                var previous: [String] = []
                snapshot.agreements.withChunks { agreements, _ in
                    for i in agreements.indices where agreements[i].responsables != previous {
                        previous = agreements[i].responsables
                        for r in previous where seen.insert(r).inserted { others.append(r) }
                    }
                }
                entry = Entry(revision: snapshot.revision, members: members, agreementsRead: snapshot.agreements.count,
                              others: others, seen: seen)
            }
            // Each name a people answer says is matched against this list: indexed once here.
            entry.index = PersonMatcher.MemberIndex.remember(entry.names)
            entries.withLock { $0[id] = entry }
            // From the entry built here: between the two holdings of the lock another turn may
            // have put an entry of another revision in its place (a crash under the socket load).
            return entries.withLock { _ in entry.names(revision: revision, speaker: speaker)! }
        }
    }
}
