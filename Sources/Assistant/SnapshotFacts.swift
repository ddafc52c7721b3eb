import Domain

/// What a session worked out from one revision of its network (`Session.fromSnapshot`): the
/// key says which snapshot it was read from, without keeping the snapshot (a snapshot held
/// between turns would make the store copy the network's records on its next save).
struct SnapshotFacts {
    let network: String
    let revision: Int
    let rewritten: Int
    /// Counts too: a store that forgets a network and reads it again starts its revisions over.
    let members: Int
    let agreements: Int
    /// `KnownPeople.names(in:speaker:)` for `speaker`.
    var people: [String]?
    var speaker: String?
    /// True when `live` left nothing out of the snapshot.
    var nothingDeleted: Bool?

    init(_ snapshot: NetworkSnapshot) {
        network = snapshot.networkID
        revision = snapshot.revision
        rewritten = snapshot.rewritten
        members = snapshot.members.count
        agreements = snapshot.agreements.count
    }

    func describes(_ snapshot: NetworkSnapshot) -> Bool {
        revision == snapshot.revision && rewritten == snapshot.rewritten && network == snapshot.networkID
            && members == snapshot.members.count && agreements == snapshot.agreements.count
    }
}
