import Foundation
import Assistant
import DialogEngine
import PlainJSON

/// One connection's side of socket protocol v1 (design.md), independent of the transport:
/// the socket server and `minga chat --json` feed it lines and write what it returns.
public struct ProtocolConnection: Sendable {
    public static let maxLineBytes = 64 * 1024
    /// Users remembered per connection by default (`ServerConfiguration.maxUsersPerConnection`).
    public static let defaultMaxUsers = 10_000
    /// Longest `user`, `network` and `name` accepted, in UTF-8 bytes.
    public static let maxUserBytes = 256
    public static let maxNetworkBytes = 128
    public static let maxNameBytes = 256

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
    /// A `hello` was answered `welcome`; a connection says hello at most once.
    public private(set) var greeted = false
    public private(set) var wantsNotices = false
    private var recent: RecentUsers
    /// Users seen on this connection, with the name and network they last gave (notices go to
    /// them): at most `maxUsers`, the least recently seen forgotten first.
    public var userRefs: [String: UserRef] { recent.refs }
    /// Ids of the users seen on this connection.
    public var users: Set<String> { Set(recent.refs.keys) }
    /// Users forgotten to stay within `maxUsers`.
    public var forgottenUsers: Int { recent.evicted }

    public init(hub: SessionHub, token: String?, defaultNetwork: String? = nil, maxUsers: Int = ProtocolConnection.defaultMaxUsers) {
        self.hub = hub
        self.token = token
        self.defaultNetwork = defaultNetwork
        authenticated = token == nil
        recent = RecentUsers(capacity: maxUsers)
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
        raw.withUnsafeBufferPointer { prepare(line: $0) }
    }

    /// The same over bytes the caller holds (the socket server's read buffer: no copy per line).
    public mutating func prepare(line raw: UnsafeBufferPointer<UInt8>) -> Step {
        var bytes = raw
        if bytes.last == 0x0D { bytes = UnsafeBufferPointer(rebasing: bytes.dropLast()) }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .output(Output(lines: [], close: false)) }
        if bytes.count > Self.maxLineBytes { return .output(Output(lines: [ProtocolErrorCode.tooLong.line()], close: false)) }
        let request: JSONValue
        do throws(JSONParseError) {
            request = try JSONValue.parseOrThrow(bytes)
        } catch {
            return reject(.invalidJSON, id: nil, message: Self.explain(error, line: Array(bytes)))
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
            // Once welcomed, never again: a later hello cannot re-authenticate (nor get a
            // `welcome` with a wrong token); notices are asked for in the first one.
            guard !greeted else {
                return reject(.badRequest, id: id, message: "Esta conexión ya saludó: «hello» va una sola vez, como primera línea. Si quieres avisos, pídelos en ese primer hello con \"notices\":true.")
            }
            greeted = true
            if request["notices"] == .bool(true) { wantsNotices = true }
            return .output(Output(lines: [JSONValue.object([("type", .string("welcome"))]).rendered()], close: false))
        case "ping":
            var pairs: [(String, JSONValue)] = [("type", .string("pong"))]
            if let id { pairs.append(("id", id)) }
            return .output(Output(lines: [JSONValue.object(pairs).rendered()], close: false))
        case "message", "reset":
            guard let user = request["user"]?.stringValue, !user.isEmpty else {
                return reject(.badRequest, id: id, message: "Falta «user»: un identificador de usuario (texto).")
            }
            guard user.utf8.count <= Self.maxUserBytes else {
                return reject(.badRequest, id: id, message: "«user» es demasiado largo: el máximo es \(Self.maxUserBytes) bytes.")
            }
            let name: String?
            switch request["name"] {
            case nil, .null?: name = nil
            case .string(let s)? where s.utf8.count <= Self.maxNameBytes: name = s
            case .string?: return reject(.badRequest, id: id, message: "«name» es demasiado largo: el máximo es \(Self.maxNameBytes) bytes.")
            default: return reject(.badRequest, id: id, message: "«name» debe ser texto (el nombre de la persona) o null.")
            }
            let network: String?
            switch request["network"] {
            case nil, .null?: network = defaultNetwork
            case .string(let s)? where !s.isEmpty && s.utf8.count <= Self.maxNetworkBytes: network = s
            case .string(let s)? where s.isEmpty: return reject(.badRequest, id: id, message: "«network» está vacío: omítelo o indica el id de una red.")
            case .string?: return reject(.badRequest, id: id, message: "«network» es demasiado largo: el máximo es \(Self.maxNetworkBytes) bytes.")
            default: return reject(.badRequest, id: id, message: "«network» debe ser texto: el id de una red, por ejemplo \"rme-valdivia-norte\".")
            }
            let ref = UserRef(id: user, name: name, network: network)
            let kind: Turn.Kind
            if type == "reset" {
                kind = .reset
            } else {
                guard let text = request["text"]?.stringValue else {
                    return reject(.badRequest, id: id, message: "Falta «text»: el mensaje del usuario (texto).")
                }
                kind = .message(text)
            }
            recent.see(ref)
            return .turn(Turn(hub: hub, user: ref, kind: kind, id: id))
        default:
            return reject(.badRequest, id: id, message: "Tipo de solicitud desconocido; usa message, hello, reset o ping.")
        }
    }

    /// A Spanish explanation of why a line is not JSON, with the byte where it went wrong (never
    /// the line's text).
    static func explain(_ error: JSONParseError, line: [UInt8]) -> String {
        let at = "(byte \(error.offset + 1))"
        if error.reason == .invalidUTF8 || String(validating: line, as: UTF8.self) == nil {
            return "La línea no es texto UTF-8 válido: revisa la codificación de tu programa (debe enviar UTF-8) y que los \\u de las cadenas formen pares completos."
        }
        switch error.reason {
        case .invalidNumber:
            return "Hay un número mal escrito \(at): en JSON no van ceros a la izquierda, «+» inicial, ni punto o exponente sin dígitos."
        case .duplicateKey:
            return "Una clave se repite en el mismo objeto \(at): cada clave debe ir una sola vez."
        case .tooDeep:
            return "La línea anida demasiados objetos o listas: el máximo es \(JSONValue.maxDepth) niveles."
        case .syntax, .invalidUTF8:
            return "No pude leer esa línea como JSON \(at): debe ser un objeto JSON válido en UTF-8, por ejemplo {\"user\":\"u1\",\"text\":\"hola\"}."
        }
    }

    private func reject(_ code: ProtocolErrorCode, id: JSONValue?, message: String? = nil) -> Step {
        .output(Output(lines: [code.line(id: id, message: message)], close: false))
    }

    /// `{"type":"reply","id":…,"user":…,"messages":[…],"expects":{…}|null,"choices":[…]}`
    ///
    /// Written straight to UTF-8 bytes, in one array sized up front, and made a String once:
    /// every socket turn ends here. Building the `JSONValue` tree first cost more than the
    /// escaping, and so did building the text with `String +=` (~340 instructions an append,
    /// ~27 appends a reply). Byte for byte what `replyValue(_:id:user:)` renders.
    public static func encode(_ reply: Reply, id: JSONValue?, user: String) -> String {
        let choices = reply.choices
        var size = 90 + user.utf8.count
        for m in reply.messages { size += m.utf8.count + 3 }
        for c in choices { size += c.utf8.count + 3 }
        if let e = reply.expects { size += e.flow.utf8.count + e.slot.utf8.count + 40 }
        var out: [UInt8] = []
        out.reserveCapacity(size)
        put(#"{"type":"reply","id":"#, &out)
        if let id { out.append(contentsOf: id.rendered().utf8) } else { put("null", &out) }
        put(#","user":"#, &out)
        JSONValue.appendString(user, to: &out)
        put(#","messages":"#, &out)
        appendStrings(reply.messages, to: &out)
        put(#","expects":"#, &out)
        if let e = reply.expects {
            put(#"{"flow":"#, &out)
            JSONValue.appendString(e.flow, to: &out)
            put(#","slot":"#, &out)
            JSONValue.appendString(e.slot, to: &out)
            put(#","type":"#, &out)
            JSONValue.appendString(e.type.rawValue, to: &out)
            out.append(0x7D)
        } else {
            put("null", &out)
        }
        put(#","choices":"#, &out)
        appendStrings(choices, to: &out)
        out.append(0x7D)
        return String(decoding: out, as: UTF8.self)
    }

    private static func put(_ text: StaticString, _ out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    private static func appendStrings(_ items: [String], to out: inout [UInt8]) {
        out.append(0x5B)
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(0x2C) }
            JSONValue.appendString(item, to: &out)
        }
        out.append(0x5D)
    }

    /// The reply line as a `JSONValue` (the contract's shape, key order included): what
    /// `encode` must write, kept for the tests that hold it to that.
    public static func replyValue(_ reply: Reply, id: JSONValue?, user: String) -> JSONValue {
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
        ])
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
