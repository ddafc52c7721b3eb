import CivilTime
import Domain
import FileStore
import PlainJSON

/// Reads what an export covers from a store: every network, or one.
public enum StoreExport {
    /// Snapshots of `network` (or of every network), plus the problems found reading them.
    public static func snapshots(_ store: any MingaStore, network: String?) throws -> StoreRead<[NetworkSnapshot]> {
        let ids = try network.map { [$0] } ?? store.networks().map(\.id)
        var problems: [StoreError] = []
        var out: [NetworkSnapshot] = []
        for id in ids {
            let read = try store.snapshot(network: id)
            out.append(read.value)
            problems += read.problems
        }
        return StoreRead(value: out, problems: problems)
    }

    public static func json(_ store: any MingaStore, network: String?, today: LocalDate) throws -> StoreRead<JSONValue> {
        let read = try snapshots(store, network: network)
        return StoreRead(value: JSONExport.document(read.value, today: today), problems: read.problems)
    }
}
