/// A problem in a dialog file, located for an editor: `file:line:column: message` (Spanish).
public struct FlowFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Every problem found while loading a folder of dialog files.
public struct FlowFileErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [FlowFileError]

    public init(errors: [FlowFileError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
