import CivilTime
import DialogEngine
import Domain
import FileStore
import Foundation
import Understanding

/// What a flow's save writes with: the store, the clock, and this save's identity. Each flow's
/// own save (`MingaFlow.save`, in `Flows/<Flow>.swift`) turns its values into a record.
struct RecordWriter {
    let store: any MingaStore
    let clock: CivilTime.Clock
    /// The identity of this save: a repeat of it gets the record already written.
    let key: SaveKey?

    var stamp: String { clock.stamp() }

    /// Writes a completed flow's record through its extension. Returns the values the done
    /// message may name (`{id}`, `{numero}`), and `red` when a network was created.
    func save(_ request: SaveRequest, network: String?, user: UserRef) throws -> [String: String] {
        guard let flow = FlowRegistry.byID[request.flowID], flow.saveKind == request.kind else {
            throw StoreError.notFound("cómo guardar «\(request.kind)»")
        }
        return try flow.save(request.values, with: self, network: network, user: user)
    }

    /// The network the record goes to, as stored now.
    func snapshot(_ network: String?) throws -> NetworkSnapshot {
        guard let network else { throw StoreError.notFound("la red") }
        // As the conversation sees it: a member or meeting deleted by mistake is neither
        // counted («faltan por responder») nor offered, and no save brings it back.
        return try store.snapshot(network: network).value.live
    }
}
