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
}
