import CivilTime

/// A person of the network (directora, jefe UTP, docente, sostenedor, supervisora…).
public struct Member: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var role: String?
    public var school: String?
    public var contact: String?
    public var since: LocalDate?
    public var strengths: String?
    /// The territory organisation the member belongs to ("O-1"): a CESFAM psychologist in a convivencia network.
    public var organization: String?
    /// Set when the record was deleted by mistake: when, by whom and why. The file keeps it
    /// (and its history); lists, answers and exports leave it out (`NetworkSnapshot.live`).
    public var deleted: String?
    /// Each time it was taken out and put back: its deletion note then, and who brought it back
    /// when. Restoring clears `deleted`, so the file keeps both here («historial»).
    public var trail: [String] = []
    /// Set when the member left the network («se fue de la red, lo trasladaron»): when, who told
    /// it and why («<cuándo> por <quién>: <motivo>», key `salida`). Not a mistake to erase (that is
    /// `deleted`): the member is out of the lists of who is in the network, and the export keeps
    /// the departure (`salidas`).
    public var left: String?

    /// Out of the network's lists: deleted by mistake, or left it.
    public var isOut: Bool { deleted != nil || left != nil }

    public init(id: String, name: String, role: String? = nil, school: String? = nil, contact: String? = nil,
                since: LocalDate? = nil, strengths: String? = nil, organization: String? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.school = school
        self.contact = contact
        self.since = since
        self.strengths = strengths
        self.organization = organization
    }

    private enum CodingKeys: String, CodingKey { case id, name, role, school, contact, since, strengths, organization, deleted, trail, left }

    /// Values encoded before `trail` existed (a cached index) still decode.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
                  role: try c.decodeIfPresent(String.self, forKey: .role), school: try c.decodeIfPresent(String.self, forKey: .school),
                  contact: try c.decodeIfPresent(String.self, forKey: .contact), since: try c.decodeIfPresent(LocalDate.self, forKey: .since),
                  strengths: try c.decodeIfPresent(String.self, forKey: .strengths),
                  organization: try c.decodeIfPresent(String.self, forKey: .organization))
        deleted = try c.decodeIfPresent(String.self, forKey: .deleted)
        trail = try c.decodeIfPresent([String].self, forKey: .trail) ?? []
        left = try c.decodeIfPresent(String.self, forKey: .left)
    }
}
