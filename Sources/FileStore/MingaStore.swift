import Domain
import Foundation

/// Where Minga keeps a network's records and the users' dialog state. `FileStore` is the real
/// one (plain files); `MemoryStore` serves benchmarks and tests.
///
/// Implementations guarantee: a write either happens whole or not at all; ids are assigned
/// without gaps or duplicates even with several processes; a record that cannot be read is
/// reported (with its file and line) and never overwritten.
public protocol MingaStore: AnyObject, Sendable {
    /// Every network, plus problems with files that could not be read.
    func networks() throws -> [Network]
    /// Everything about one network; unreadable files are skipped and listed in `problems`.
    func snapshot(network id: String) throws -> StoreRead<NetworkSnapshot>
    /// Creates a network; its id is derived from the name and made unique.
    func createNetwork(_ draft: Network) throws -> Network
    /// Adds an agreement, assigning the next id (A-1, A-2…).
    func addAgreement(_ draft: Agreement, network: String) throws -> Agreement
    /// Rewrites an existing agreement (status changes).
    func updateAgreement(_ agreement: Agreement, network: String) throws
    /// Adds or replaces a member (keyed by its id).
    func saveMember(_ member: Member, network: String) throws

    func loadSession(_ key: String) throws -> Data?
    func saveSession(_ key: String, data: Data) throws
}

/// A value read from the store, with the problems found on the way.
public struct StoreRead<Value: Sendable>: Sendable {
    public var value: Value
    public var problems: [StoreError]

    public init(value: Value, problems: [StoreError] = []) {
        self.value = value
        self.problems = problems
    }
}
