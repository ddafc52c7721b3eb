import Assistant
import MingaProtocol
import NIOCore
import NIOEmbedded
import PlainJSON
import SocketServer
import Testing

/// SplitMix64: a small seeded generator, so a failure replays.
struct SeededRNG: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

/// Random input in the shapes that matter: valid requests, mutated requests, raw bytes, long runs.
func fuzzInput(_ rng: inout SeededRNG) -> [UInt8] {
    let seeds = [#"{"user":"u1","text":"hola"}"#, #"{"type":"ping","id":1}"#, #"{"type":"reset","user":"u2"}"#,
                 #"{"type":"hello"}"#, #"{"user":"u3","name":"Ana","text":"quiero registrar un acuerdo"}"#, "", "  \r"]
    var out: [UInt8] = []
    for _ in 0..<Int.random(in: 1...12, using: &rng) {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0, 1:
            out += Array(seeds.randomElement(using: &rng)!.utf8)
        case 2:
            var b = Array(seeds.randomElement(using: &rng)!.utf8)
            for _ in 0..<Int.random(in: 1...4, using: &rng) where !b.isEmpty {
                b[Int.random(in: 0..<b.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            out += b
        case 3:
            out += (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        case 4:
            out += [UInt8](repeating: UInt8.random(in: 0x20...0x7E, using: &rng), count: Int.random(in: 60_000...70_000, using: &rng))
        default:
            out += [0xFF, 0xFE, 0xC3]
        }
        out += Bool.random(using: &rng) ? [0x0A] : (Bool.random(using: &rng) ? [0x0D, 0x0A] : [])
    }
    return out
}

/// How many reply lines protocol v1 owes for `input`: one per non-blank line (an over-long line
/// gets one error), a last line without newline included.
func expectedReplies(_ input: [UInt8], max: Int) -> Int {
    var segments = input.split(separator: 0x0A, omittingEmptySubsequences: false)
    if input.last == 0x0A { segments.removeLast() }
    return segments.filter { seg in
        if seg.count > max + 1 { return true }
        var s = Array(seg)
        if s.last == 0x0D { s.removeLast() }
        return !s.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }.count
}

@Suite struct FuzzTests {
    /// Seeded random and mutated bytes through the line codec and the request decoder: no crash, every line answered or rejected with exactly one JSON line.
    @Test func codecAndProtocol() throws {
        let hub = SessionHub(assistant: Assistant(store: seededStore(), flows: testFlows, clock: .fixed(wednesday, timeZone: .santiago)))
        var rng = SeededRNG(state: 0x6D696E6761)
        for round in 0..<150 {
            let input = fuzzInput(&rng)
            let channel = EmbeddedChannel(handler: ByteToMessageHandler(LineFrameDecoder(maximumLineLength: ProtocolConnection.maxLineBytes + 1)))
            var connection = ProtocolConnection(hub: hub, token: nil)
            // Random chunking, as a network would deliver it.
            var i = 0
            var lines: [String] = []
            func drain() throws {
                while let frame: LineFrame = try channel.readInbound() {
                    switch frame {
                    case .tooLong: lines.append(ProtocolErrorCode.tooLong.line())
                    case .line(let b): lines += connection.handle(line: Array(b.readableBytesView)).lines
                    }
                }
            }
            while i < input.count {
                let n = min(input.count - i, Int.random(in: 1...9000, using: &rng))
                try channel.writeInbound(ByteBuffer(bytes: input[i..<(i + n)]))
                try drain()
                i += n
            }
            _ = try channel.finish()
            try drain()
            #expect(lines.count == expectedReplies(input, max: ProtocolConnection.maxLineBytes), "round \(round)")
            for line in lines {
                let value = JSONValue.parse(line)
                #expect(value?["type"]?.stringValue != nil, "round \(round): \(line.prefix(80))")
                #expect(!line.contains("\n"))
            }
        }
    }

    /// The same kind of bytes against a live server: the reply count matches and the connection ends cleanly.
    @Test func liveServer() async throws {
        try await withServer { live in
            var rng = SeededRNG(state: 42)
            for _ in 0..<8 {
                let input = fuzzInput(&rng)
                let client = try await live.connect()
                try await client.sendRaw(input)
                try await client.closeOutput()
                var count = 0
                while let line = try await client.inbox.next(timeout: .seconds(20)) {
                    #expect(JSONValue.parse(line)?["type"] != nil)
                    count += 1
                }
                #expect(count == expectedReplies(input, max: ProtocolConnection.maxLineBytes))
                await client.close()
            }
        }
    }
}
