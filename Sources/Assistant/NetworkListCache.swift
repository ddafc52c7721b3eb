import Domain
import Locks

/// A value built from the store's list of networks, kept while the list is the same. The stores
/// hand back the same array while their networks are unchanged, so the comparison is by identity
/// (Array's `==` checks its buffer first): a server hosting a thousand networks builds it once,
/// not on every turn.
final class NetworkListCache<Value: Sendable>: Sendable {
    private let last = PlainLock<(networks: [Network], value: Value)?>(nil)
    private let build: @Sendable ([Network]) -> Value

    init(_ build: @escaping @Sendable ([Network]) -> Value) { self.build = build }

    func of(_ all: [Network]) -> Value {
        if let kept = last.withLock({ $0 }), kept.networks == all { return kept.value }
        let made = build(all)
        last.withLock { $0 = (all, made) }
        return made
    }
}
