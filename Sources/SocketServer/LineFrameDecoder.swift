import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One newline-delimited frame: a line's bytes (without the `\n`), or the news that a line
/// went past the limit and is being skipped.
public enum LineFrame: Equatable, Sendable {
    case line(ByteBuffer)
    case tooLong
}

/// Splits bytes at `\n`, bounding each line (NIOExtras' `LineBasedFrameDecoder` has no bound
/// and drops a last line without newline; this one does neither).
///
/// A line longer than `maximumLineLength` is reported once, as soon as the limit is passed,
/// and the bytes up to its newline are discarded: the stream resynchronises at the next line.
/// A trailing `\r` is left in the line (the protocol strips it), so the limit counts it.
public struct LineFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = LineFrame

    public let maximumLineLength: Int
    /// Bytes of the current line already searched for a newline (no quadratic re-scan when
    /// a long line arrives in small pieces).
    private var scanned = 0
    private var discarding = false

    public init(maximumLineLength: Int) {
        self.maximumLineLength = maximumLineLength
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        // memchr over the unscanned bytes: the collection search it replaces was 6% of all the
        // load bench's instructions (server and client both frame with this decoder).
        let from = scanned
        let found: Int? = buffer.withUnsafeReadableBytes { raw in
            guard from < raw.count, let base = raw.baseAddress, let hit = memchr(base + from, 0x0A, raw.count - from) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
        if let length = found {
            scanned = 0
            if discarding {
                discarding = false
                buffer.moveReaderIndex(forwardBy: length + 1)
                return .continue
            }
            let line = buffer.readSlice(length: length)!
            buffer.moveReaderIndex(forwardBy: 1)
            context.fireChannelRead(wrapInboundOut(length > maximumLineLength ? .tooLong : .line(line)))
            return .continue
        }
        if discarding {
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            scanned = 0
            return .needMoreData
        }
        if buffer.readableBytes > maximumLineLength {
            discarding = true
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            scanned = 0
            context.fireChannelRead(wrapInboundOut(.tooLong))
            return .needMoreData
        }
        scanned = buffer.readableBytes
        return .needMoreData
    }

    /// At end of input the last line is answered even without its newline.
    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        if buffer.readableBytes > 0 && !discarding {
            let line = buffer.readSlice(length: buffer.readableBytes)!
            context.fireChannelRead(wrapInboundOut(.line(line)))
        }
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        scanned = 0
        discarding = false
        return .needMoreData
    }
}
