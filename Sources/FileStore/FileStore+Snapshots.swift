import Domain
import Foundation
import Synchronization
import Yams
#if canImport(Glibc)
import Glibc
#endif

/// Networks kept in memory between turns, so a turn costs the same with 10 records or 10,000:
/// a network is read whole once; after that only the files inotify reports as changed (by
/// Minga, another process or a person) are looked at again. Where inotify can't watch a folder
/// the network is re-checked whole at most once a second (a `stat` per file, a parse only of
/// what changed) — a hand edit then shows within a second.
struct SnapshotCache {
    var watcher: StoreWatcher?
    var networks: [String: CachedNetwork] = [:]
    /// The store's networks, until a network folder or a red.md changes.
    var list: [Network]?
    var listChecked: UInt64 = 0
}

/// One network as last read.
struct CachedNetwork {
    var snapshot: NetworkSnapshot
    /// Files that could not be read, by path relative to the store.
    var problems: [String: StoreError] = [:]
    /// Files to look at again (absolute paths).
    var dirty: Set<String> = []
    /// Read everything again (a folder appeared or vanished, events were lost).
    var stale = false
    /// Some folder is not watched: re-check the whole network at most once a second.
    var polled = false
    var checked: UInt64 = 0
    /// Highest number in each folder's file names, readable or not (ids never reuse a file).
    var highest: [String: Int] = [:]
}

/// The cache behind a lock, mutated in place (so its arrays stay uniquely referenced and a
/// changed record costs an insertion, not a copy of the network).
final class SnapshotCacheBox: @unchecked Sendable {
    // @unchecked: `cache` (and the watcher inside it) is only used inside `lock.withLock`.
    private let lock = Mutex(())
    private var cache: SnapshotCache

    init(watcher: StoreWatcher?) { cache = SnapshotCache(watcher: watcher) }

    func with<T>(_ body: (inout SnapshotCache) throws -> T) rethrows -> T {
        try lock.withLock { _ in try body(&cache) }
    }
}

extension FileStore {
    /// The record folders of a network and how each file in them becomes part of a snapshot.
    static let folders = ["acuerdos", "miembros", "encuentros", "sondeos", "reflexiones", "diagnosticos",
                                  "organizaciones", "normas", "decisiones", "institucionalizacion"]

    static func uptime() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    // MARK: Reading through the cache

    /// The network's snapshot, brought up to date with what changed since the last call.
    func cachedSnapshot(_ id: String) throws -> StoreRead<NetworkSnapshot> {
        try snapshots.with { c in
            let e = try refreshed(&c, id)
            return StoreRead(value: e.snapshot, problems: e.problems.sorted { $0.key < $1.key }.map(\.value))
        }
    }

    /// The highest number used in `folder` of `network`, on disk now (call under the store lock).
    func highestNumber(folder: String, prefix: String, network: String) throws -> Int {
        try snapshots.with { c in
            let e = try refreshed(&c, network)
            let dir = networkDir(network).appendingPathComponent(folder, isDirectory: false).path
            if c.watcher?.isWatching(dir) == true { return e.highest[folder] ?? 0 }
            // Not watched: the folder itself is the truth.
            return Self.names(in: dir).compactMap { Self.number(ofFile: $0, prefix: prefix) }.max() ?? 0
        }
    }

    /// Tells the cache about a file this process just wrote; its decoded value is already in the
    /// decode cache, so taking it in costs a `stat`, not a parse.
    func wrote(_ url: URL, network: String) {
        snapshots.with { c in
            c.networks[Slug.make(network)]?.dirty.insert(url.path)
            if url.lastPathComponent == "red.md" { c.list = nil }
        }
    }

    func cachedNetworks() throws -> [Network] {
        try snapshots.with { c in
            absorbChanges(&c)
            let now = Self.uptime()
            let watched = c.watcher?.isWatching(root.appendingPathComponent("redes", isDirectory: false).path) == true
            if let list = c.list, watched || now - c.listChecked < 1_000_000_000 { return list }
            if c.watcher?.watch(root.appendingPathComponent("redes", isDirectory: false).path) == true {
                for id in Self.names(in: root.appendingPathComponent("redes", isDirectory: false).path) { c.watcher?.watch(networkDir(id).path) }
            }
            let list = try networkIDs().compactMap { id in try? readNetwork(id) }
            c.list = list
            c.listChecked = now
            return list
        }
    }

    private func refreshed(_ c: inout SnapshotCache, _ rawID: String) throws -> CachedNetwork {
        let id = Slug.make(rawID)
        absorbChanges(&c)
        let now = Self.uptime()
        let previous = c.networks.removeValue(forKey: id)
        if var e = previous, !e.stale, !(e.polled && now - e.checked > 1_000_000_000) {
            if !e.dirty.isEmpty {
                var appendedOnly = true
                for path in e.dirty.sorted() { appendedOnly = apply(URL(fileURLWithPath: path, isDirectory: false), to: &e) && appendedOnly }
                e.dirty = []
                e.snapshot.revision += 1
                if !appendedOnly { e.snapshot.rewritten = e.snapshot.revision }
            }
            if !e.stale {
                c.networks[id] = e
                return e
            }
        }
        var e = try load(id, watcher: c.watcher, now: now)
        // Read whole again: a new revision, and whatever was derived from the old one is rebuilt.
        e.snapshot.revision = (previous?.snapshot.revision ?? 0) + 1
        e.snapshot.rewritten = e.snapshot.revision
        c.networks[id] = e
        return e
    }

    /// Marks what the watcher saw: changed files dirty, vanished or new folders stale.
    private func absorbChanges(_ c: inout SnapshotCache) {
        guard let watcher = c.watcher else { return }
        switch watcher.drain() {
        case .overflow:
            for id in c.networks.keys { c.networks[id]?.stale = true }
            c.list = nil
        case .changes(let changes):
            let redes = root.appendingPathComponent("redes", isDirectory: false).path + "/"
            for change in changes {
                if change.folder + "/" == redes {
                    c.list = nil
                    if let name = change.name { c.networks[name]?.stale = true }
                    continue
                }
                guard change.folder.hasPrefix(redes) else { continue }
                let parts = change.folder.dropFirst(redes.count).split(separator: "/", maxSplits: 1)
                guard let network = parts.first.map(String.init), c.networks[network] != nil else { continue }
                guard let name = change.name, !change.isDirectory || parts.count == 2 else {
                    c.networks[network]?.stale = true
                    continue
                }
                if name.hasPrefix(".") { continue }  // temporary files, `.claves`
                if parts.count == 1 {
                    if name == "red.md" {
                        c.networks[network]?.dirty.insert(change.folder + "/red.md")
                        c.list = nil
                    } else if Self.folders.contains(name) {
                        c.networks[network]?.stale = true  // a record folder appeared or went
                    }
                } else {
                    c.networks[network]?.dirty.insert(change.folder + "/" + name)
                }
            }
        }
    }

    /// Reads a network whole, and starts watching its folders.
    private func load(_ id: String, watcher: StoreWatcher?, now: UInt64) throws -> CachedNetwork {
        let base = networkDir(id)
        var polled = watcher == nil
        if let watcher {
            // Watch before reading: a change made while reading is then seen next time.
            polled = !watcher.watch(base.path)
            for folder in Self.folders {
                let path = base.appendingPathComponent(folder, isDirectory: false).path
                if FileManager.default.fileExists(atPath: path), !watcher.watch(path) { polled = true }
            }
        }
        counters.fullReads.add(1, ordering: .relaxed)
        let read = try fullSnapshot(network: id)
        var e = CachedNetwork(snapshot: read.value, polled: polled, checked: now)
        for problem in read.problems { e.problems[problem.path] = problem }
        for (folder, prefix) in zip(Self.folders, ["A", "", "E", "S", "R", "D", "O", "N", "DC", "P"]) where !prefix.isEmpty {
            e.highest[folder] = Self.names(in: base.appendingPathComponent(folder, isDirectory: false).path)
                .compactMap { Self.number(ofFile: $0, prefix: prefix) }.max() ?? 0
        }
        return e
    }

    /// Takes one changed file into the snapshot: replaced, added, removed, or listed as a problem.
    /// True when it only added a record at the end of its list.
    private func apply(_ url: URL, to e: inout CachedNetwork) -> Bool {
        let rel = relative(url)
        if url.lastPathComponent == "red.md" {
            do {
                e.snapshot.network = try decodeCached(url, RecordCodec.decodeNetwork)
                e.problems[rel] = nil
                e.snapshot.purpose = try decodeCached(url, RecordCodec.decodePurpose)
            } catch {
                // A broken red.md blocks the whole network: the full read says so, with its line.
                e.stale = true
            }
            return false
        }
        switch url.deletingLastPathComponent().lastPathComponent {
        case "acuerdos": return applyRecord(Self.agreements, url, rel, &e)
        case "miembros": return applyRecord(Self.members, url, rel, &e) && false
        case "encuentros": return applyRecord(Self.meetings, url, rel, &e)
        case "sondeos": return applyRecord(Self.polls, url, rel, &e)
        case "reflexiones": return applyRecord(Self.reflections, url, rel, &e)
        case "diagnosticos": return applyRecord(Self.diagnoses, url, rel, &e)
        case "organizaciones": return applyRecord(Self.organizations, url, rel, &e)
        case "normas": return applyRecord(Self.norms, url, rel, &e)
        case "decisiones": return applyRecord(Self.decisions, url, rel, &e)
        case "institucionalizacion": return applyRecord(Self.practices, url, rel, &e)
        default: return true
        }
    }

    private func applyRecord<T: Sendable>(_ kind: Kind<T>, _ url: URL, _ rel: String, _ e: inout CachedNetwork) -> Bool {
        let name = url.lastPathComponent
        guard name.hasSuffix(".md") else { return true }
        let fileID = String(name.dropLast(3))
        if let n = Self.number(ofFile: name, prefix: kind.prefix) { e.highest[kind.folder] = max(e.highest[kind.folder] ?? 0, n) }
        e.problems[rel] = nil
        // Taken out of the snapshot while it changes, so the array is uniquely referenced and
        // is edited in place (a copy of 10,000 records per change is what this cache avoids).
        var records = e.snapshot[keyPath: kind.records]
        e.snapshot[keyPath: kind.records] = []
        defer { e.snapshot[keyPath: kind.records] = records }
        var appended = true
        if let i = kind.index(of: fileID, in: records) {
            records.remove(at: i)
            appended = false
        }
        do {
            let value = try decodeCached(url, kind.decode)
            let at = kind.insertionIndex(value, records)
            records.insert(value, at: at)
            return appended && at == records.count - 1
        } catch StoreError.notFound {
            // Deleted: already removed above.
        } catch let error as StoreError {
            e.problems[rel] = error
        } catch {
            e.problems[rel] = .brokenFile(path: rel, line: 1, message: String(describing: error))
        }
        return false
    }

    // MARK: Names

    /// The visible file names in a folder (none when it doesn't exist).
    func names(in path: String) -> [String] {
        counters.looks.add(1, ordering: .relaxed)
        return Self.names(in: path)
    }

    static func names(in path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var out: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if !name.hasPrefix(".") { out.append(name) }
        }
        return out
    }

    /// 12 for "A-12.md" with prefix "A".
    static func number(ofFile name: String, prefix: String) -> Int? {
        guard !prefix.isEmpty, name.hasPrefix(prefix + "-"), name.hasSuffix(".md") else { return nil }
        return Int(name.dropFirst(prefix.count + 1).dropLast(3))
    }
}

extension FileStore.Kind {
    /// Where the record filed as `fileID` sits: by binary search on its number for numbered
    /// records (kept in number order), else by id.
    func index(of fileID: String, in records: [T]) -> Int? {
        if let n = RecordNumber.of(fileID), prefix == String(fileID.prefix { $0 != "-" }) {
            var lo = 0, hi = records.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if (RecordNumber.of(id(records[mid])) ?? 0) < n { lo = mid + 1 } else { hi = mid }
            }
            if lo < records.count, id(records[lo]) == fileID { return lo }
            // Past the last number: a new record, not one filed under another name.
            if lo == records.count { return nil }
        }
        // A file whose id inside differs from its name (edited by hand), or a member.
        return records.firstIndex { id($0) == fileID }
    }

    func insertionIndex(_ value: T, _ records: [T]) -> Int {
        var lo = 0, hi = records.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ordered(records[mid], value) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
