import Assistant
import Foundation
import MingaProtocol
import Terminal
#if canImport(Glibc)
import Glibc
#endif

/// `minga chat --json`: socket protocol v1 over stdin/stdout, so a bridge can run Minga as a
/// child process and tests need no network.
struct JSONChat {
    let assistant: Assistant
    let network: String?

    func run() {
        var connection = ProtocolConnection(hub: SessionHub(assistant: assistant), token: nil, defaultNetwork: network)
        var reader = ByteLineReader(fd: 0, maxLine: ProtocolConnection.maxLineBytes)
        while let line = reader.next() {
            let output: ProtocolConnection.Output
            switch line {
            case .line(let bytes): output = connection.handle(line: bytes)
            case .tooLong: output = .init(lines: [ProtocolErrorCode.tooLong.line()], close: false)
            }
            for l in output.lines { ChatLoop.standardOutput(l + "\n") }
            if output.close { return }
        }
    }
}

/// Reads newline-separated byte lines from a file descriptor, bounding each line: an over-long
/// line is reported once and skipped up to its newline, so the stream resynchronises.
struct ByteLineReader {
    enum Item { case line([UInt8]), tooLong }

    let fd: Int32
    let maxLine: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    private var discarding = false

    init(fd: Int32, maxLine: Int) {
        self.fd = fd
        self.maxLine = maxLine
    }

    mutating func next() -> Item? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<nl])
                start = nl + 1
                compact()
                if discarding { discarding = false; continue }
                return line.count > maxLine ? .tooLong : .line(line)
            }
            if buffer.count - start > maxLine && !discarding {
                discarding = true
                buffer.removeAll(keepingCapacity: true)
                start = 0
                return .tooLong
            }
            if discarding { buffer.removeAll(keepingCapacity: true); start = 0 }
            if eof {
                // A last line without a newline is still answered.
                guard start < buffer.count, !discarding else { return nil }
                let line = Array(buffer[start...])
                buffer.removeAll()
                start = 0
                return .line(line)
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 65536) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                eof = true
            } else {
                buffer.append(contentsOf: chunk[0..<n])
            }
        }
    }

    private mutating func compact() {
        if start > 65536 {
            buffer.removeFirst(start)
            start = 0
        }
    }
}
