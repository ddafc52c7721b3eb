/// Who is talking: a stable user key (the `--user` name, or a bridge's "telegram:555…"), the
/// name to call them, and the network they work in when known.
public struct UserRef: Hashable, Sendable {
    public var id: String
    public var name: String?
    public var network: String?

    public init(id: String, name: String? = nil, network: String? = nil) {
        self.id = id
        self.name = name
        self.network = network
    }

    /// The first name, for greetings ("Hola, Ana").
    public var firstName: String? {
        name?.split(separator: " ").first.map(String.init)
    }
}
