import NIOCore
import NIOEmbedded
import NIOTestUtils
import SocketServer
import Testing

@Suite struct LineFrameDecoderTests {
    func frames(_ input: [[UInt8]], max: Int = 16, close: Bool = true) throws -> [LineFrame] {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(LineFrameDecoder(maximumLineLength: max)))
        for chunk in input { try channel.writeInbound(ByteBuffer(bytes: chunk)) }
        if close { _ = try channel.finish() }
        var out: [LineFrame] = []
        while let f: LineFrame = try channel.readInbound() { out.append(f) }
        return out
    }

    func line(_ s: String) -> LineFrame { .line(ByteBuffer(string: s)) }

    /// Batched bytes split at each newline; `\r` stays for the protocol; a last line without newline is delivered at EOF.
    @Test func batched() throws {
        #expect(try frames([Array("a\nbc\r\n\nlast".utf8)]) == [line("a"), line("bc\r"), line(""), line("last")])
    }

    /// Drip-fed, batched and every split in between give the same frames (NIO's decoder verifier).
    @Test func dripFedAndBatchedAgree() throws {
        let input = ByteBuffer(string: "uno\ndos\r\n\ntres\n")
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: [(input, [line("uno"), line("dos\r"), line(""), line("tres")])],
            decoderFactory: { LineFrameDecoder(maximumLineLength: 64) })
    }

    /// An over-long line is reported once, as soon as the limit is passed, and the stream resynchronises at the next newline.
    @Test func tooLongResynchronises() throws {
        let long = [UInt8](repeating: 0x61, count: 40)
        #expect(try frames([long + Array("\nok\n".utf8)]) == [.tooLong, line("ok")])
        // Drip-fed: still one error, then the next line.
        let drip = (long + Array("\nok\n".utf8)).map { [$0] }
        #expect(try frames(drip) == [.tooLong, line("ok")])
        // Exactly at the limit is fine.
        #expect(try frames([[UInt8](repeating: 0x62, count: 16) + [0x0A]]) == [line(String(repeating: "b", count: 16))])
    }

    /// An over-long last line without newline yields one error and nothing else at EOF.
    @Test func tooLongAtEOF() throws {
        #expect(try frames([[UInt8](repeating: 0x61, count: 100)]) == [.tooLong])
    }
}
