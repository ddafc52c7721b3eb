#if canImport(Glibc)
import Glibc
#endif

/// Where the chat's input lines come from: GNU readline on a terminal, plain lines from a
/// pipe, or a script in tests.
public protocol LineReader {
    /// The next line, or nil at end of input (Ctrl-D, end of pipe).
    mutating func readLine(prompt: String) -> String?
    /// Called with the choices the next answer may take, for Tab completion.
    mutating func setCompletions(_ words: [String])
}

extension LineReader {
    public mutating func setCompletions(_ words: [String]) {}
}

/// Lines from a pipe or file: no prompt, no editing.
public struct PlainLineReader: LineReader {
    public init() {}

    public mutating func readLine(prompt: String) -> String? {
        Swift.readLine(strippingNewline: true)
    }
}

/// A fixed list of lines (tests).
public struct ScriptedLineReader: LineReader {
    private var lines: [String]
    public private(set) var prompts: [String] = []

    public init(_ lines: [String]) { self.lines = lines }

    public mutating func readLine(prompt: String) -> String? {
        prompts.append(prompt)
        return lines.isEmpty ? nil : lines.removeFirst()
    }
}

/// True when standard input is a terminal.
public func standardInputIsTerminal() -> Bool { isatty(0) == 1 }
