import Foundation
import Assistant
import DialogEngine
import PlainJSON

/// One connection's side of socket protocol v1 (design.md), independent of the transport:
/// the socket server and `minga chat --json` feed it lines and write what it returns.
public struct ProtocolConnection: Sendable {
    public static let maxLineBytes = 64 * 1024

    public struct Output: Sendable, Equatable {
        /// Lines to send, without newlines (possibly none: blank input gets no reply).
        public var lines: [String]
        /// Close the connection after sending (unauthorized).
        public var close: Bool

        public init(lines: [String], close: Bool) {
            self.lines = lines
            self.close = close
        }
    }

    private let hub: SessionHub
    private let token: String?
    /// The network for requests that name none (`minga chat --network ID --json`).
    private let defaultNetwork: String?
    public private(set) var authenticated: Bool
    public private(set) var wantsNotices = false
    /// Users seen on this connection, with the name and network they last gave (notices go to them).
    public private(set) var userRefs: [String: UserRef] = [:]
    /// Ids of the users seen on this connection.
    public var users: Set<String> { Set(userRefs.keys) }

    public init(hub: SessionHub, token: String?, defaultNetwork: String? = nil) {
        self.hub = hub
        self.token = token
        self.defaultNetwork = defaultNetwork
        authenticated = token == nil
    }

    /// What a line needs: an answer known at once (errors, hello, ping, blank lines), or a turn
    /// to run. The socket server runs turns off its event loop; the state changes (auth, notices,
    /// users) happen here, in line order.
    public enum Step: Sendable {
        case output(Output)
        case turn(Turn)
    }

    /// One user's turn, ready to run on any thread (the hub serialises turns of one user).
    public struct Turn: Sendable {
        public enum Kind: Sendable { case message(String), reset }
        let hub: SessionHub
        public let user: UserRef
        public let kind: Kind
        let id: JSONValue?

        /// Runs the turn and returns the reply line (without newline).
        public func run() -> String {
            let reply: Reply
            switch kind {
            case .message(let text): reply = hub.handle(text, user: user, requestID: id.flatMap { $0 == .null ? nil : $0.rendered() })
            case .reset: reply = hub.reset(user: user)
            }
            return ProtocolConnection.encode(reply, id: id, user: user.id)
        }
    }

    /// Handles one line (bytes without the newline; a trailing `\r` is ignored).
    public mutating func handle(line raw: [UInt8]) -> Output {
        switch prepare(line: raw) {
        case .output(let output): output
        case .turn(let turn): Output(lines: [turn.run()], close: false)
        }
    }

    /// Reads one line (bytes without the newline; a trailing `\r` is ignored) up to the point
    /// where a turn would run.
    public mutating func prepare(line raw: [UInt8]) -> Step {
        var bytes = raw
        if bytes.last == 0x0D { bytes.removeLast() }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .output(Output(lines: [], close: false)) }
        if bytes.count > Self.maxLineBytes { return .output(Output(lines: [ProtocolErrorCode.tooLong.line()], close: false)) }
        guard let request = bytes.withUnsafeBufferPointer({ JSONValue.parse(Data(buffer: $0)) }) else {
            return reject(.invalidJSON, id: nil)
        }
        guard case .object = request else { return reject(.invalidJSON, id: nil, message: "Cada línea debe ser un objeto JSON, por ejemplo {\"user\":\"u1\",\"text\":\"hola\"}.") }
        let id = request["id"]
        let type = request["type"]?.stringValue ?? (request["type"] == nil ? "message" : "")

        if !authenticated {
            guard type == "hello", let given = request["token"]?.stringValue, let token,
                  Self.constantTimeEqual(Array(given.utf8), Array(token.utf8)) else {
                return .output(Output(lines: [ProtocolErrorCode.unauthorized.line(id: id)], close: true))
            }
            authenticated = true
        }
        switch type {
        case "hello":
            if request["notices"] == .bool(true) { wantsNotices = true }
            return .output(Output(lines: [JSONValue.object([("type", .string("welcome"))]).rendered()], close: false))
        case "ping":
            var pairs: [(String, JSONValue)] = [("type", .string("pong"))]
            if let id { pairs.append(("id", id)) }
            return .output(Output(lines: [JSONValue.object(pairs).rendered()], close: false))
        case "message", "reset":
            guard let user = request["user"]?.stringValue, !user.isEmpty, user.utf8.count <= 256 else {
                return reject(.badRequest, id: id, message: "Falta «user»: un identificador de usuario (texto).")
            }
            let ref = UserRef(id: user, name: request["name"]?.stringValue, network: request["network"]?.stringValue ?? defaultNetwork)
            let kind: Turn.Kind
            if type == "reset" {
                kind = .reset
            } else {
                guard let text = request["text"]?.stringValue else {
                    return reject(.badRequest, id: id, message: "Falta «text»: el mensaje del usuario (texto).")
                }
                kind = .message(text)
            }
            var known = userRefs[user] ?? ref
            if ref.name != nil { known.name = ref.name }
            if ref.network != nil { known.network = ref.network }
            userRefs[user] = known
            return .turn(Turn(hub: hub, user: ref, kind: kind, id: id))
        default:
            return reject(.badRequest, id: id, message: "Tipo de solicitud desconocido; usa message, hello, reset o ping.")
        }
    }

    private func reject(_ code: ProtocolErrorCode, id: JSONValue?, message: String? = nil) -> Step {
        .output(Output(lines: [code.line(id: id, message: message)], close: false))
    }

    /// `{"type":"reply","id":…,"user":…,"messages":[…],"expects":{…}|null,"choices":[…]}`
    public static func encode(_ reply: Reply, id: JSONValue?, user: String) -> String {
        let expects: JSONValue = reply.expects.map { e in
            .object([("flow", .string(e.flow)), ("slot", .string(e.slot)), ("type", .string(e.type.rawValue))])
        } ?? .null
        return JSONValue.object([
            ("type", .string("reply")),
            ("id", id ?? .null),
            ("user", .string(user)),
            ("messages", .strings(reply.messages)),
            ("expects", expects),
            ("choices", .strings(reply.choices)),
        ]).rendered()
    }

    /// Compares secrets in time independent of where they differ.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var diff = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) {
            diff |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return diff == 0
    }
}
