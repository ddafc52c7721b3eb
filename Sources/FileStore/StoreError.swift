/// What can go wrong with the store, in words a facilitator can act on.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A file a person edited by hand no longer reads; it is left untouched.
    case brokenFile(path: String, line: Int, message: String)
    /// The disk refused (permissions, space…).
    case io(path: String, message: String)
    case notFound(String)

    /// The file the error is about (relative to the store), or what was not found.
    public var path: String {
        switch self {
        case .brokenFile(let path, _, _), .io(let path, _): path
        case .notFound(let what): what
        }
    }

    public var description: String {
        switch self {
        case .brokenFile(let path, let line, let message):
            "El archivo \(path) tiene un problema en la línea \(line): \(message). No lo modifiqué; corrígelo a mano y vuelve a intentarlo."
        case .io(let path, let message):
            "No pude escribir en \(path): \(message)."
        case .notFound(let what):
            "No encontré \(what)."
        }
    }
}
