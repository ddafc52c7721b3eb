import Foundation
import MingaProtocol
import NIOCore

/// Where and how `minga serve` listens, and the limits it enforces.
public struct ServerConfiguration: Sendable {
    /// A listening address: TCP host and port, or a Unix socket path.
    public enum Endpoint: Sendable, Equatable, CustomStringConvertible {
        case tcp(host: String, port: Int)
        case unix(path: String)

        public static let defaultTCP = Endpoint.tcp(host: "127.0.0.1", port: 7421)

        /// Parses `HOST:PORT` (`[::1]:7421` for IPv6).
        public static func parseTCP(_ text: String) -> Endpoint? {
            var host: Substring
            let portText: Substring
            if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
                host = text[text.index(after: text.startIndex)..<close]
                let rest = text[text.index(after: close)...]
                guard rest.hasPrefix(":") else { return nil }
                portText = rest.dropFirst()
            } else {
                guard let colon = text.lastIndex(of: ":") else { return nil }
                host = text[..<colon]
                portText = text[text.index(after: colon)...]
            }
            if host.isEmpty { host = "127.0.0.1" }
            guard let port = Int(portText), (0...65535).contains(port) else { return nil }
            return .tcp(host: String(host), port: port)
        }

        public var description: String {
            switch self {
            case .tcp(let host, let port): host.contains(":") ? "tcp [\(host)]:\(port)" : "tcp \(host):\(port)"
            case .unix(let path): "unix \(path)"
            }
        }
    }

    public var endpoints: [Endpoint]
    /// The shared secret of `{"type":"hello","token":…}`; nil: no authentication.
    public var token: String?
    /// Connections that send no complete, non-blank line for this long (and have nothing left
    /// to answer) are closed. Bytes of an unfinished line and blank lines are not activity.
    public var idleTimeout: Duration
    /// With a token, a connection must have sent a correct `hello` within this long of opening,
    /// or it gets `unauthorized` and is closed (a client that never says hello cannot hold a
    /// connection slot).
    public var helloTimeout: Duration
    /// Users remembered per connection for notices; past it the least recently seen is forgotten.
    public var maxUsersPerConnection: Int
    /// Connections beyond this many get a `busy` error and are closed.
    public var maxConnections: Int
    /// Longest line, in bytes, without its newline (protocol v1: 64 KiB).
    public var maxLineBytes: Int
    /// Requests of one connection read but not yet answered; past it the server stops reading
    /// from that connection until replies go out (backpressure).
    public var maxPendingPerConnection: Int
    /// Threads that run turns (store I/O and dialog work, off the event loops). 0: each turn runs
    /// on the event loop that read its line, with no hand-off to another thread and back (two
    /// thread wake-ups less per read burst); a slow turn then delays the other connections of
    /// its loop. Saves still wait for their fsync on the committer, never on a loop.
    public var turnThreads: Int
    /// Event loop threads.
    public var eventLoopThreads: Int
    /// How often the clock is looked at for a new day (notices).
    public var noticeCheckInterval: Duration
    /// How long a graceful shutdown waits for connections to finish their turns.
    public var shutdownGracePeriod: Duration

    public init(endpoints: [Endpoint] = [.defaultTCP], token: String? = nil,
                idleTimeout: Duration = .seconds(300), helloTimeout: Duration = .seconds(10), maxConnections: Int = 1024,
                maxLineBytes: Int = 64 * 1024, maxPendingPerConnection: Int = 64,
                turnThreads: Int = max(4, 2 * System.coreCount), eventLoopThreads: Int = System.coreCount,
                noticeCheckInterval: Duration = .seconds(30), shutdownGracePeriod: Duration = .seconds(10),
                maxUsersPerConnection: Int = ProtocolConnection.defaultMaxUsers) {
        self.endpoints = endpoints
        self.token = token
        self.idleTimeout = idleTimeout
        self.helloTimeout = helloTimeout
        self.maxUsersPerConnection = maxUsersPerConnection
        self.maxConnections = maxConnections
        self.maxLineBytes = maxLineBytes
        self.maxPendingPerConnection = maxPendingPerConnection
        self.turnThreads = turnThreads
        self.eventLoopThreads = eventLoopThreads
        self.noticeCheckInterval = noticeCheckInterval
        self.shutdownGracePeriod = shutdownGracePeriod
    }

    /// Problems that forbid starting, in Spanish (a non-loopback address without a token…).
    public func problems() -> [String] {
        var out: [String] = []
        if endpoints.isEmpty { out.append("No hay dónde escuchar: usa --tcp HOST:PUERTO o --unix RUTA.") }
        for case .tcp(let host, _) in endpoints where token == nil && !Self.isLoopback(host) {
            out.append("No escucho en \(host) sin token: cualquiera en la red podría hablar en nombre de los usuarios. Usa --token-file ARCHIVO, o una dirección local (127.0.0.1).")
        }
        if let token, token.isEmpty { out.append("El token está vacío.") }
        if turnThreads < 0 { out.append("El número de hilos de turnos no puede ser negativo.") }
        if maxConnections < 1 { out.append("--max-connections debe ser al menos 1.") }
        if idleTimeout <= .zero { out.append("--idle-timeout debe ser mayor que cero.") }
        if helloTimeout <= .zero { out.append("--hello-timeout debe ser mayor que cero.") }
        if maxUsersPerConnection < 1 { out.append("El máximo de usuarios por conexión debe ser al menos 1.") }
        return out
    }

    /// True when every address `host` resolves to is a loopback address (127/8, ::1).
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" { return true }
        guard let address = try? SocketAddress.makeAddressResolvingHost(host, port: 0) else { return false }
        switch address {
        case .v4(let a):
            return UInt32(bigEndian: a.address.sin_addr.s_addr) >> 24 == 127
        case .v6(let a):
            var addr = a.address.sin6_addr
            let bytes = withUnsafeBytes(of: &addr) { Array($0) }
            let mapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
            return bytes == [UInt8](repeating: 0, count: 15) + [1] || (mapped && bytes[12] == 127)
        default:
            return false
        }
    }
}
