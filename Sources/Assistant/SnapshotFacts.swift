import Domain

/// What a session worked out from one revision of its network (`Session.fromSnapshot`): the
/// key says which snapshot it was read from, as `KnownPeople` keys its entries, without
/// keeping the snapshot (a snapshot held between turns would make the store copy the
/// network's records on its next save). Kept inline in the session (an idle session's memory).
struct SnapshotFacts {
    let network: String
    let revision: Int
    /// `KnownPeople.names(in:speaker:)` for `speaker`.
    var people: [String]?
    var speaker: String?
    /// The member the session's name `of` is (`Session.speakerName`): `name`.
    var member: (of: String?, name: String?)?

    init(_ snapshot: NetworkSnapshot) {
        network = snapshot.networkID
        revision = snapshot.revision
    }

    /// True when these facts were read from `snapshot`'s revision of its network (the number
    /// first: it is what changes).
    func describes(_ snapshot: NetworkSnapshot) -> Bool {
        revision == snapshot.revision && network == snapshot.networkID
    }
}
