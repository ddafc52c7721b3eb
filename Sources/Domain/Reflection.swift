import CivilTime

/// A collective reflection on a practice (sistematización): the practice, what happened,
/// success factors, what to improve, adjustments, learnings to share, tags.
public struct Reflection: Hashable, Sendable, Codable {
    /// "R-4".
    public var id: String
    public var date: LocalDate?
    public var author: String?
    public var practice: String
    public var whatHappened: String?
    public var successFactors: String?
    public var improvements: String?
    public var adjustments: String?
    public var learnings: String?
    public var tags: [String]
    public var meeting: String?
    public var agreement: String?
    public var institutionalize: Bool
    /// Where the practice would go when proposed: "PEI", "PME" or "otro" (`Practice.Document`).
    public var document: String?
    /// Set when the record was deleted by mistake: when, by whom and why. The file keeps it
    /// (and its history); lists, answers and exports leave it out (`NetworkSnapshot.live`).
    public var deleted: String?

    public init(id: String, date: LocalDate?, author: String?, practice: String, whatHappened: String? = nil,
                successFactors: String? = nil, improvements: String? = nil, adjustments: String? = nil,
                learnings: String? = nil, tags: [String] = [], meeting: String? = nil, agreement: String? = nil,
                institutionalize: Bool = false, document: String? = nil) {
        self.id = id
        self.date = date
        self.author = author
        self.practice = practice
        self.whatHappened = whatHappened
        self.successFactors = successFactors
        self.improvements = improvements
        self.adjustments = adjustments
        self.learnings = learnings
        self.tags = tags
        self.meeting = meeting
        self.agreement = agreement
        self.institutionalize = institutionalize
        self.document = document
    }

    public var number: Int? { RecordNumber.of(id) }

    /// Every text of the reflection, for searching.
    public var searchableText: String {
        ([practice, whatHappened, successFactors, improvements, adjustments, learnings].compactMap { $0 } + tags)
            .joined(separator: " ")
    }
}
