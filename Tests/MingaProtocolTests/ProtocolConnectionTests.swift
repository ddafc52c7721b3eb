import Assistant
import CivilTime
import DialogEngine
import FileStore
import Foundation
import MingaProtocol
import PlainJSON
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func makeHub() -> SessionHub {
    let flows = try! FlowSource(directory: repositoryRoot.appendingPathComponent("dialogs"))
    let now = CivilTime.Clock.parseNow("2026-11-25T10:00", timeZone: .santiago)!
    let store = MemoryStore()
    _ = try! store.createNetwork(.init(id: "", name: "Red Norte", kind: .rme))
    return SessionHub(assistant: Assistant(store: store, flows: flows, clock: .fixed(now, timeZone: .santiago)))
}

@Suite struct ProtocolConnectionTests {
    func send(_ c: inout ProtocolConnection, _ line: String) -> [String] {
        c.handle(line: Array(line.utf8)).lines
    }

    /// The reply line written straight to text is byte for byte the contract's `JSONValue`
    /// rendered: with and without id (text, number, null), expectation and choices, and with
    /// text that needs escaping (quotes, backslashes, newlines, controls, U+2028, non-ASCII).
    @Test func encodedReplyIsTheContractsRendering() {
        let odd = "Dijo \"sí\" \\ y\nluego\t\u{01} \u{2028}fin ñandú 🌱"
        let replies = [
            Reply(messages: [], expects: nil),
            Reply(messages: ["Hola."], expects: nil),
            Reply(messages: ["Vamos a registrar un acuerdo.", "¿Cuál es el acuerdo?"],
                  expects: Expectation(flow: "acuerdo", slot: "texto", type: .text)),
            Reply(messages: [odd, ""], expects: Expectation(flow: "acuerdo", slot: "confirmar", type: .confirm, choices: ["Sí", "No", odd])),
        ]
        let ids: [JSONValue?] = [nil, .null, .string("m-17"), .string(odd), .number(42), .number(-1.5)]
        for reply in replies {
            for id in ids {
                for user in ["telegram:5551234", odd] {
                    let line = ProtocolConnection.encode(reply, id: id, user: user)
                    #expect(line == ProtocolConnection.replyValue(reply, id: id, user: user).rendered(), "\(reply) \(String(describing: id))")
                    #expect(JSONValue.parse(line)?["messages"] == .strings(reply.messages))
                }
            }
        }
    }

    /// A message gets exactly one reply line in the contract's shape.
    @Test func replyShape() throws {
        var c = ProtocolConnection(hub: makeHub(), token: nil)
        let out = send(&c, #"{"type":"message","id":"m-17","user":"telegram:5551234","name":"Ana Pérez","text":"quiero registrar un acuerdo"}"#)
        #expect(out.count == 1)
        let reply = try #require(JSONValue.parse(out[0]))
        #expect(reply["type"] == .string("reply"))
        #expect(reply["id"] == .string("m-17"))
        #expect(reply["user"] == .string("telegram:5551234"))
        #expect(reply["messages"]?.arrayValue?.contains(.string("¿Cuál es el acuerdo? Escríbelo como una acción concreta.")) == true)
        #expect(reply["expects"] == .object([("flow", .string("acuerdo")), ("slot", .string("texto")), ("type", .string("text"))]))
        #expect(reply["choices"] == .array([]))
    }

    /// Errors: invalid JSON, invalid UTF-8, missing text, unknown type, too long; blank lines get nothing.
    @Test func errors() {
        var c = ProtocolConnection(hub: makeHub(), token: nil)
        #expect(send(&c, "{nope")[0].contains(#""code":"invalid_json""#))
        #expect(c.handle(line: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]).lines[0].contains("invalid_json"))
        #expect(send(&c, #"{"user":"u"}"#)[0].contains(#""code":"bad_request""#))
        #expect(send(&c, #"{"type":"dance","user":"u"}"#)[0].contains("bad_request"))
        #expect(send(&c, "[1,2]")[0].contains("invalid_json"))
        #expect(send(&c, "   ").isEmpty)
        let long = #"{"user":"u","text":""# + String(repeating: "a", count: 70_000) + #""}"#
        #expect(send(&c, long)[0].contains(#""code":"too_long""#))
        #expect(send(&c, #"{"type":"ping","id":7}"#) == [#"{"type":"pong","id":7}"#])
    }

    /// With a token, the first line must be a correct hello; otherwise unauthorized and close.
    @Test func authentication() {
        let hub = makeHub()
        var bad = ProtocolConnection(hub: hub, token: "s3cret")
        let out = bad.handle(line: Array(#"{"user":"u","text":"hola"}"#.utf8))
        #expect(out.close)
        #expect(out.lines[0].contains("unauthorized"))
        var wrong = ProtocolConnection(hub: hub, token: "s3cret")
        #expect(wrong.handle(line: Array(#"{"type":"hello","token":"s3creT"}"#.utf8)).close)
        var good = ProtocolConnection(hub: hub, token: "s3cret")
        #expect(send(&good, #"{"type":"hello","token":"s3cret","notices":true}"#) == [#"{"type":"welcome"}"#])
        #expect(good.wantsNotices)
        #expect(send(&good, #"{"user":"u","text":"hola"}"#)[0].hasPrefix(#"{"type":"reply""#))
    }

    /// Many users share one connection; each keeps their own flow; reset drops only theirs.
    @Test func multiplexedUsersAndReset() throws {
        var c = ProtocolConnection(hub: makeHub(), token: nil)
        _ = send(&c, #"{"user":"a","text":"registrar un acuerdo"}"#)
        _ = send(&c, #"{"user":"b","text":"registrar un acuerdo"}"#)
        let a = try #require(JSONValue.parse(send(&c, #"{"user":"a","text":"leer juntos"}"#)[0]))
        #expect(a["expects"]?["slot"] == .string("responsables"))
        let r = try #require(JSONValue.parse(send(&c, #"{"type":"reset","user":"b"}"#)[0]))
        #expect(r["expects"] == .null)
        let b = try #require(JSONValue.parse(send(&c, #"{"user":"b","text":"¿qué acuerdos hay?"}"#)[0]))
        #expect(b["expects"] == .null)
        let a2 = try #require(JSONValue.parse(send(&c, #"{"user":"a","text":"Ana"}"#)[0]))
        // Ana is not a member yet: Minga offers to add her, a yes/no on the same slot.
        #expect(a2["expects"] == .object([("flow", .string("acuerdo")), ("slot", .string("responsables")), ("type", .string("yesno"))]))
    }

    /// A user continues on a new connection where they left off.
    @Test func reconnectContinues() throws {
        let hub = makeHub()
        var first = ProtocolConnection(hub: hub, token: nil)
        _ = send(&first, #"{"user":"a","text":"registrar un acuerdo"}"#)
        var second = ProtocolConnection(hub: hub, token: nil)
        let r = try #require(JSONValue.parse(send(&second, #"{"user":"a","text":"leer"}"#)[0]))
        #expect(r["expects"]?["slot"] == .string("responsables"))
    }

    /// Random and mutated bytes never crash the decoder; every non-blank line gets one line back.
    @Test func fuzzedLines() {
        var c = ProtocolConnection(hub: makeHub(), token: nil)
        var rng = SplitMix(seed: 42)
        let seeds = [#"{"user":"u","text":"hola"}"#, #"{"type":"ping"}"#, #"{"type":"reset","user":"u"}"#]
        for i in 0..<3_000 {
            var bytes = Array(seeds[i % seeds.count].utf8)
            for _ in 0..<Int(rng.next() % 4) {
                let pos = Int(rng.next() % UInt64(bytes.count))
                bytes[pos] = UInt8(truncatingIfNeeded: rng.next())
            }
            if i % 7 == 0 { bytes = (0..<Int(rng.next() % 64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) } }
            bytes.removeAll { $0 == 0x0A }
            let out = c.handle(line: bytes)
            let blank = bytes.filter { $0 != 0x0D }.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            #expect(out.lines.count == (blank ? 0 : 1))
            if let line = out.lines.first { #expect(JSONValue.parse(line) != nil) }
        }
    }
}

/// A tiny deterministic RNG for reproducible fuzzing.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

@Suite struct FirstMessageTests {
    /// A bridge user's first "hola" gets the greeting once, not a greeting plus a second hello and the menu.
    @Test func firstHelloIsTheGreeting() throws {
        var c = ProtocolConnection(hub: makeHub(), token: nil)
        let out = c.handle(line: Array(#"{"user":"u9","name":"Luis Soto","text":"hola"}"#.utf8)).lines
        let reply = try #require(JSONValue.parse(out[0]))
        #expect(reply["messages"] == .strings(["Hola, Luis. Estamos en «Red Norte».",
                                               "¿En qué te ayudo? Por ejemplo: «registrar un acuerdo» o «¿qué acuerdos están vencidos?»."]))
        #expect(reply["expects"] == .null)
    }
}

/// `minga chat --network ID --json`: requests without `network` work in that network (the flag
/// is part of the command-line contract for `chat`, with or without `--json`).
@Test func defaultNetworkForRequestsWithoutOne() throws {
    let flows = try FlowSource(directory: repositoryRoot.appendingPathComponent("dialogs"))
    let now = try #require(CivilTime.Clock.parseNow("2026-11-25T10:00", timeZone: .santiago))
    let store = MemoryStore()
    _ = try store.createNetwork(.init(id: "", name: "Red Norte", kind: .rme))
    let sur = try store.createNetwork(.init(id: "", name: "Red Sur", kind: .rme))
    let hub = SessionHub(assistant: Assistant(store: store, flows: flows, clock: .fixed(now, timeZone: .santiago)))
    var c = ProtocolConnection(hub: hub, token: nil, defaultNetwork: sur.id)
    let out = c.handle(line: Array(#"{"id":1,"user":"u1","text":"hola"}"#.utf8)).lines
    #expect(out.count == 1)
    #expect(out[0].contains("Red Sur"), "\(out)")
    // A request that names its network still gets it.
    let other = c.handle(line: Array(#"{"id":2,"user":"u2","network":"red-norte","text":"hola"}"#.utf8)).lines
    #expect(other[0].contains("Red Norte"), "\(other)")
}
