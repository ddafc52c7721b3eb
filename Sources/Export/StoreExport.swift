import CivilTime
import Domain
import FileStore
import Foundation
import PlainJSON

/// Reads what an export covers from a store: every network, or one.
public enum StoreExport {
    /// Snapshots of `network` (or of every network), plus the problems found reading them.
    public static func snapshots(_ store: any MingaStore, network: String?) throws -> StoreRead<[NetworkSnapshot]> {
        let ids = try network.map { [$0] } ?? store.networks().map(\.id)
        // Networks whose red.md is broken are left out of an export of every network, but reported.
        var problems: [StoreError] = network == nil ? store.unreadableNetworks() : []
        var out: [NetworkSnapshot] = []
        for id in ids {
            let read = try store.snapshot(network: id)
            // Meetings, polls, reflections and members deleted by mistake are left out.
            out.append(read.value.live)
            problems += read.problems
        }
        return StoreRead(value: out, problems: problems)
    }

    public static func json(_ store: any MingaStore, network: String?, today: LocalDate,
                            timeZone: TimeZone = .santiago) throws -> StoreRead<JSONValue> {
        let read = try snapshots(store, network: network)
        return StoreRead(value: JSONExport.document(read.value, today: today, timeZone: timeZone), problems: read.problems)
    }

    /// The export in `format` (json, ics, csv, md, html) as text; `csvDelimiter` separates csv columns.
    public static func text(_ format: String, store: any MingaStore, network: String?, clock: Clock,
                            csvDelimiter: Character = ";") throws -> StoreRead<String> {
        let read = try snapshots(store, network: network)
        let today = clock.today()
        let text: String
        switch format {
        case "ics": text = ICSExport.document(read.value, timeZone: clock.timeZone, stamp: clock.now())
        case "csv": text = CSVExport.document(read.value, today: today, delimiter: csvDelimiter)
        case "md": text = MarkdownExport.document(read.value, today: today, now: clock.localNow())
        case "html": text = HTMLExport.document(read.value, today: today, now: clock.localNow())
        default: text = JSONExport.document(read.value, today: today, timeZone: clock.timeZone).rendered(pretty: true) + "\n"
        }
        return StoreRead(value: text, problems: read.problems)
    }
}
