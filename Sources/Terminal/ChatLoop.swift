import Assistant
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The terminal conversation: opening, then one reply block per line until "salir" or the end
/// of input. Output goes through `write` so tests capture it.
public struct ChatLoop {
    public var session: Session
    public var decorated: Bool
    private let write: (String) -> Void

    /// `decorated`: a person at a terminal (prompt, spacing); plain otherwise (pipes, bots).
    public init(session: Session, decorated: Bool, write: @escaping (String) -> Void = ChatLoop.standardOutput) {
        self.session = session
        self.decorated = decorated
        self.write = write
    }

    public static func standardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
        // A pipe is block-buffered: flush so a bot on the other end gets each reply at once.
        fflush(nil)
    }

    /// Words that end the chat.
    static let exitWords: Set<String> = ["salir", "exit", "quit", ":q"]

    /// Runs until end of input; calls `recorder` with each input line and its reply.
    public mutating func run(reader: inout some LineReader, recorder: ((String?, Reply) -> Void)? = nil) {
        let opening = session.open()
        show(opening)
        recorder?(nil, opening)
        reader.setCompletions(opening.choices)
        while let line = reader.readLine(prompt: decorated ? "tú › " : "") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if Self.exitWords.contains(trimmed.lowercased()) { break }
            let reply = session.handle(line)
            show(reply)
            recorder?(line, reply)
            reader.setCompletions(reply.choices)
        }
        if decorated { write("¡Hasta pronto!\n") }
    }

    private func show(_ reply: Reply) {
        let lines = reply.plainLines
        guard !lines.isEmpty else { return }
        if decorated {
            write(lines.map { "  " + $0 }.joined(separator: "\n") + "\n\n")
        } else {
            write(lines.joined(separator: "\n") + "\n")
        }
    }
}
