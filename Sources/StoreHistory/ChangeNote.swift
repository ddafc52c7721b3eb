import Domain
import FileStore
import Foundation

/// Who made a change: the member's name (from the session) and a stable e-mail-like id,
/// `ana-perez@red-norte`, which is what git keeps as the commit's author.
public struct ChangeAuthor: Hashable, Sendable {
    public var name: String
    public var email: String

    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }

    /// The author for a member of `network`: `Ana Pérez <ana-perez@red-norte>`.
    public static func member(name: String?, id: String, network: String?) -> ChangeAuthor {
        let display = (name?.isEmpty == false ? name! : id)
        let slug = Slug.make(display).isEmpty ? "persona" : Slug.make(display)
        return ChangeAuthor(name: display, email: "\(slug)@\(network.map { Slug.make($0) } ?? "minga")")
    }

    /// Changes nobody in a conversation made: hand edits found on start, syncs.
    public static let minga = ChangeAuthor(name: "Minga", email: "minga@minga")
}

/// Who made a write and, when the caller knows better than the file diff, why. Passed
/// explicitly with each write (`AuthoredStore`), never through ambient state.
public struct ChangeNote: Sendable {
    public var author: ChangeAuthor
    /// The commit's one-line message; nil: described from what changed in the file.
    public var message: String?

    public init(author: ChangeAuthor, message: String? = nil) {
        self.author = author
        self.message = message
    }
}

/// Receives every record write made through an `AuthoredStore`, right after it is written:
/// the history queue (`GitHistory`) commits them in batches.
public protocol ChangeRecorder: AnyObject, Sendable {
    /// `path` (relative to the store's root) went from `before` to its current content, by
    /// `note.author`. Writes with the same `group` came from one save and share one commit.
    func recorded(path: String, before: Data?, note: ChangeNote, group: UInt64)
    /// The store's root, to read the file just written.
    var root: URL { get }
}

/// What a conversation needs from a store's history: to note each save's author, and to answer
/// «¿quién cambió el acuerdo 3?».
public protocol StoreChanges: ChangeRecorder {
    func answer(question text: String, network: String) -> [String]?
}

extension GitHistory: StoreChanges {}
