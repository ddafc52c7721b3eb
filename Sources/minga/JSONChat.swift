import Assistant
import Foundation
import MingaProtocol
import Terminal
#if canImport(Glibc)
import Glibc
#endif

/// `minga chat --json`: socket protocol v1 over stdin/stdout, so a bridge can run Minga as a
/// child process and tests need no network.
///
/// Replies are held while more requests are already waiting in the input (a bridge that pipes
/// many users' lines): every line already readable is answered in one batch, under one holding
/// of the store's lock, then the saves of all those turns are made durable with one group
/// commit and the replies written in one go. A request that arrives alone is answered at once.
/// No reply leaves before the records it confirms are on disk.
struct JSONChat {
    let assistant: Assistant
    let network: String?
    /// The most replies held back before committing and writing them (a bound on memory and on
    /// the wait of the first line of a long stream).
    static let batch = 16_384

    func run() {
        var connection = ProtocolConnection(hub: SessionHub(assistant: assistant), token: nil, defaultNetwork: network)
        var reader = ByteLineReader(fd: 0, maxLine: ProtocolConnection.maxLineBytes)
        var held: [String] = []
        var close = false
        // Waiting for input holds nothing; the lines then already readable are one batch.
        while !close, let first = reader.next() {
            assistant.store.whileLocked {
                var line: ByteLineReader.Item? = first
                while let item = line {
                    let output: ProtocolConnection.Output
                    switch item {
                    case .line(let bytes): output = connection.handle(line: bytes)
                    case .tooLong: output = .init(lines: [ProtocolErrorCode.tooLong.line()], close: false)
                    }
                    held += output.lines
                    close = output.close
                    guard !close, held.count < Self.batch else { break }
                    line = reader.next(waiting: false)
                }
            }
            flush(&held)
        }
        flush(&held)
    }

    /// Commits what the held replies confirm, then writes them.
    private func flush(_ held: inout [String]) {
        guard !held.isEmpty else { return }
        do {
            try assistant.store.commit()
        } catch {
            // Not surely on disk: no confirmation may go out. Every held reply becomes an error
            // (`busy`, the contract's «try again»; the retry with the same id gets the record).
            let line = ProtocolErrorCode.busy.line(message: "No pude asegurar en el disco lo que guardé (\(error)). Intenta de nuevo.")
            held = held.map { _ in line }
        }
        ChatLoop.standardOutput(held.joined(separator: "\n") + "\n")
        held.removeAll(keepingCapacity: true)
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

    /// The next line; waits for input unless `waiting` is false, in which case it returns nil
    /// when no whole line (or end of input) is readable without blocking.
    mutating func next(waiting: Bool = true) -> Item? {
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
            if !waiting {
                var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&p, 1, 0) > 0 else { return nil }
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
