import CivilTime

/// An entry of the network's decision log: what was decided, how, and how a disagreement was
/// handled. Unlike an agreement it has no responsable nor plazo.
public struct Decision: Hashable, Sendable, Codable {
    public enum Mode: String, Hashable, Sendable, Codable, CaseIterable {
        case consenso, votacion, otro

        public var label: String {
            switch self {
            case .consenso: "por consenso"
            case .votacion: "por votación"
            case .otro: "de otra forma"
            }
        }
    }

    /// "DC-1".
    public var id: String
    public var date: LocalDate?
    public var text: String
    public var mode: Mode
    public var disagreement: String?
    public var resolution: String?
    /// The meeting where it was decided ("E-3"), when said.
    public var meeting: String?
    /// Who registered it (the session's user name at save time); nil in files from before.
    public var registeredBy: String? = nil

    public init(id: String, date: LocalDate?, text: String, mode: Mode = .consenso, disagreement: String? = nil,
                resolution: String? = nil, meeting: String? = nil) {
        self.id = id
        self.date = date
        self.text = text
        self.mode = mode
        self.disagreement = disagreement
        self.resolution = resolution
        self.meeting = meeting
    }

    public var number: Int? { RecordNumber.of(id) }
}
