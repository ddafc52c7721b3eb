import CivilTime

/// An agreement (acuerdo / compromiso): a concrete action with responsables, a plazo and the
/// evidence that will show it was done (medio de verificación).
public struct Agreement: Hashable, Sendable, Codable {
    /// The stored status. `vencido` is never stored: it is derived from the plazo (see `status(on:)`).
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        case pendiente, enProceso = "en_proceso", cumplido, noCumplido = "no_cumplido", reprogramado, vencido
        /// Deleted by a person (registered by mistake): kept, with its history, out of every list.
        case borrado

        public var label: String {
            switch self {
            case .pendiente: "pendiente"
            case .enProceso: "en proceso"
            case .cumplido: "cumplido"
            case .noCumplido: "no cumplido"
            case .reprogramado: "reprogramado"
            case .vencido: "vencido"
            case .borrado: "borrado"
            }
        }

        /// Still waiting to be met.
        public var isOpen: Bool { self == .pendiente || self == .enProceso || self == .reprogramado || self == .vencido }
    }

    /// One status change, kept as the agreement's history.
    public struct Change: Hashable, Sendable, Codable {
        public var at: String  // RFC 3339 with offset, as written
        public var status: Status
        public var note: String?
        public var deadline: LocalDate?
        /// A change of the text or the responsables: which («texto», «responsables») and what it
        /// was before, so it can be undone later (store only; the export keeps its keys).
        public var field: String?
        public var before: [String]?
        /// Of a «cumplido» told after the fact («lo mandamos el 25 de febrero»): the day it was
        /// done, when it is not the day of `at`. Whether it was on time is reckoned from it.
        public var done: LocalDate?

        public init(at: String, status: Status, note: String? = nil, deadline: LocalDate? = nil, field: String? = nil, before: [String]? = nil,
                    done: LocalDate? = nil) {
            self.at = at
            self.status = status
            self.note = note
            self.deadline = deadline
            self.field = field
            self.before = before
            self.done = done
        }
    }

    /// "A-12".
    public var id: String
    public var text: String
    public var responsables: [String]
    public var deadline: LocalDate?
    public var evidence: String?
    public var status: Status
    public var meeting: String?
    /// When it was registered, RFC 3339 with the zone's offset.
    public var registered: String?
    /// Who registered it (the session's user name at save time); nil in files from before.
    public var registeredBy: String? = nil
    public var evidenceDelivered: String?
    public var history: [Change]

    /// Inlinable: the index decodes 10,000 of these at start-up, and the call across modules
    /// copied every field in and released the caller's.
    @inlinable
    public init(id: String, text: String, responsables: [String], deadline: LocalDate?, evidence: String?,
                status: Status = .pendiente, meeting: String? = nil, registered: String? = nil,
                evidenceDelivered: String? = nil, history: [Change] = []) {
        self.id = id
        self.text = text
        self.responsables = responsables
        self.deadline = deadline
        self.evidence = evidence
        self.status = status
        self.meeting = meeting
        self.registered = registered
        self.evidenceDelivered = evidenceDelivered
        self.history = history
    }

    /// The status as of `today`: an open agreement past its plazo is `vencido`.
    public func status(on today: LocalDate) -> Status { Self.status(status, deadline: deadline, on: today) }

    /// The same from the two fields it depends on: a loop over thousands of agreements reads just
    /// these in place instead of copying each agreement to ask it.
    public static func status(_ stored: Status, deadline: LocalDate?, on today: LocalDate) -> Status {
        if let deadline, deadline < today, stored == .pendiente || stored == .enProceso || stored == .reprogramado {
            return .vencido
        }
        return stored
    }

    /// True when the plazo falls within the next `days` days (today included).
    public func isDue(within days: Int, on today: LocalDate) -> Bool {
        guard let d = deadline else { return false }
        return d >= today && today.days(until: d) < days
    }

    /// The number people say ("acuerdo 12").
    public var number: Int? { RecordNumber.of(id) }
}
