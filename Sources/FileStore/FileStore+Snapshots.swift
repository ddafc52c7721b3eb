import Locks
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
    /// Records taken from the index whose files are still being compared with it.
    var check: IndexCheck?
    /// Something changed since the index file was last written (or read).
    var indexOutdated = false
    /// When this process last wrote the index (uptime ns; 0: never).
    var indexWritten: UInt64 = 0
}

/// The cache behind a lock, mutated in place (so its arrays stay uniquely referenced and a
/// changed record costs an insertion, not a copy of the network).
final class SnapshotCacheBox: @unchecked Sendable {
    // @unchecked: `cache` (and the watcher inside it) is only used inside `lock.withLock`.
    private let lock = PlainLock(())
    private var cache: SnapshotCache

    init(watcher: StoreWatcher?) { cache = SnapshotCache(watcher: watcher) }

    func with<T>(_ body: (inout SnapshotCache) throws -> T) rethrows -> T {
        // The lock may be held by a thread decoding a network's index: help it rather than wait.
        NetworkIndex.helpDecoding()
        return try lock.withLock { _ in try body(&cache) }
    }
}

extension FileStore {
    /// The record folders of a network and how each file in them becomes part of a snapshot.
    static let folders = ["acuerdos", "miembros", "encuentros", "sondeos", "reflexiones", "diagnosticos",
                                  "organizaciones", "normas", "decisiones", "institucionalizacion", "resultados"]

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
            let dir = folderPath(network, folder)
            if c.watcher?.isWatching(dir) == true { return e.highest[folder] ?? 0 }
            // Not watched: the folder itself is the truth.
            return Self.names(in: dir).compactMap { Self.number(ofFile: $0, prefix: prefix) }.max() ?? 0
        }
    }

    /// Tells the cache about a file this process just wrote; its decoded value is already in the
    /// decode cache, so taking it in costs a `stat`, not a parse.
    func wrote(path: String, network: String) {
        snapshots.with { c in
            c.networks[Slug.make(network)]?.dirty.insert(path)
            if path.hasSuffix("/red.md") { c.list = nil }
        }
    }

    func cachedNetworks() throws -> [Network] {
        try snapshots.with { c in
            absorbChanges(&c)
            let now = Self.uptime()
            let watched = c.watcher?.isWatching(String(networksPrefix.dropLast())) == true
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
        var previous = c.networks.removeValue(forKey: id)
        let previousRevision = previous?.snapshot.revision ?? 0
        let current = previous.map { !$0.stale && !($0.polled && now - $0.checked > 1_000_000_000) } ?? false
        // Moved out, not copied: a second reference to the network's arrays would make the next
        // change copy all of them (10,000 agreements per save).
        if current, var e = previous.take() {
            if let check = e.check {
                // Files edited in place since the index was written are read like any change,
                // as soon as the comparison is done (a turn never waits for it).
                switch check.outcome() {
                case .running: break
                case .changed(let paths):
                    e.dirty.formUnion(paths)
                    e.check = nil
                case .unusable:
                    e.stale = true
                    e.check = nil
                }
            }
            applyDirty(&e)
            if !e.stale {
                maybeWriteIndex(&c, &e, id: id, now: now, inBackground: true)
                c.networks[id] = e
                return e
            }
        }
        var e = try load(id, watcher: c.watcher, now: now)
        // Read whole again: a new revision, and whatever was derived from the old one is rebuilt.
        e.snapshot.revision = previousRevision + 1
        e.snapshot.rewritten = e.snapshot.revision
        // A network read from its files leaves an index at once: the next process to start
        // (maybe in a moment: `minga chat` from a script) reads that instead.
        maybeWriteIndex(&c, &e, id: id, now: now)
        c.networks[id] = e
        return e
    }

    /// Takes the changed files into the snapshot.
    private func applyDirty(_ e: inout CachedNetwork) {
        guard !e.dirty.isEmpty else { return }
        var appendedOnly = true
        for path in e.dirty.sorted() { appendedOnly = apply(path, to: &e) && appendedOnly }
        e.dirty = []
        e.snapshot.revision += 1
        if !appendedOnly { e.snapshot.rewritten = e.snapshot.revision }
        e.indexOutdated = true
    }

    /// Rewrites the network's index when it is out of date: at once after a read from the files,
    /// else at most every few seconds (a busy server's saves don't each rewrite it). Only for a
    /// network inotify watches whole, so the cache has seen every change made before the folder
    /// stamps it records.
    /// `inBackground`: the rewrite of a network already in memory is written by `indexWriter`
    /// from a copy, so the turn that notices it is due pays a copy of the record lists, not the
    /// encoding and writing of thousands of records.
    private func maybeWriteIndex(_ c: inout SnapshotCache, _ e: inout CachedNetwork, id: String, now: UInt64,
                                 inBackground: Bool = false) {
        guard writesIndex, e.indexOutdated, e.check == nil, !e.polled, !e.stale, c.watcher != nil,
              e.indexWritten == 0 || now - e.indexWritten > Self.indexInterval else { return }
        if inBackground, indexWriting.withLock({ $0.contains(id) }) { return }  // the last one is still being written
        // Folders first, then whatever changed before: the stamps never claim a change the
        // records don't hold (inotify queues an event before the change's syscall returns).
        let base = networkDir(id).path + "/"
        var folders: [String: FileStamp?] = [:]
        for folder in Self.folders { folders[folder] = Self.folderStamp(base + folder) }
        // In the map while the watcher's events are taken, or those for this network are dropped.
        c.networks[id] = e
        absorbChanges(&c)
        e = c.networks.removeValue(forKey: id)!
        applyDirty(&e)
        guard !e.stale else { return }
        if inBackground {
            // A copy: the records as of now with the folder stamps taken before them, which is
            // all `writeIndex` needs; changes made meanwhile mark the index outdated again.
            let copy = e
            indexWriting.withLock { _ = $0.insert(id) }
            indexWriter.async { [self, folders] in
                writeIndex(copy, network: id, folders: folders)
                indexWriting.withLock { _ = $0.remove(id) }
            }
        } else {
            writeIndex(e, network: id, folders: folders)
        }
        e.indexOutdated = false
        e.indexWritten = max(now, 1)
    }

    /// How often a network's index is rewritten at most while its records change.
    static var indexInterval: UInt64 { 5_000_000_000 }

    /// Marks what the watcher saw: changed files dirty, vanished or new folders stale.
    private func absorbChanges(_ c: inout SnapshotCache) {
        guard let watcher = c.watcher else { return }
        switch watcher.drain() {
        case .overflow:
            for id in c.networks.keys { c.networks[id]?.stale = true }
            c.list = nil
        case .changes(let changes):
            for change in changes {
                // The folder's place under `redes/`, cut by bytes: this runs for each event of
                // every save (three per record), and cutting by characters cost more than the rest.
                guard let place = Self.networkPlace(change.folder, prefix: networksPrefix) else { continue }
                guard let network = place.network else {
                    c.list = nil
                    if let name = change.name { c.networks[name]?.stale = true }
                    continue
                }
                guard c.networks[network] != nil else { continue }
                guard let name = change.name, !change.isDirectory || place.inFolder else {
                    c.networks[network]?.stale = true
                    continue
                }
                if name.utf8.first == UInt8(ascii: ".") { continue }  // temporary files, `.claves`
                if !place.inFolder {
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

    /// Where a watched folder sits under `prefix` (`…/redes/`, ending in «/»): nil outside it;
    /// `network` nil for `redes` itself; `inFolder` for a network's record folder (any path
    /// below the network's own folder), else the network's folder.
    static func networkPlace(_ folder: String, prefix: String) -> (network: String?, inFolder: Bool)? {
        var folder = folder
        var prefix = prefix
        return folder.withUTF8 { f -> (network: String?, inFolder: Bool)? in
            prefix.withUTF8 { p -> (network: String?, inFolder: Bool)? in
                let n = p.count
                guard n > 0, f.count >= n - 1, let fb = f.baseAddress, let pb = p.baseAddress,
                      memcmp(fb, pb, n - 1) == 0 else { return nil }
                if f.count == n - 1 { return (nil, false) }
                guard f[n - 1] == UInt8(ascii: "/") else { return nil }
                let rest = UnsafeBufferPointer(rebasing: f[n...])
                guard !rest.isEmpty else { return nil }
                if let slash = rest.firstIndex(of: UInt8(ascii: "/")) {
                    return (String(decoding: UnsafeBufferPointer(rebasing: rest[..<slash]), as: UTF8.self), true)
                }
                return (String(decoding: rest, as: UTF8.self), false)
            }
        }
    }

    /// Reads a network whole, and starts watching its folders.
    ///
    /// A record folder the index vouches for (its stamp is the one the index saw) is watched only
    /// when its files are compared with the index, after the first reply: adding an inotify watch
    /// makes the kernel go over every name of the folder it has cached (~2.5 ms for 10,000
    /// agreements, a sixth of a process's first reply). Any entry created, removed or renamed in
    /// between changes the folder's stamp, which is compared again once the watch is in place
    /// (the network is then read again); a file edited in place is found by the comparison of
    /// the files' own stamps, which starts after the watches.
    private func load(_ id: String, watcher: StoreWatcher?, now: UInt64) throws -> CachedNetwork {
        let base = networkDir(id)
        var polled = watcher == nil
        var index: NetworkIndex?
        var deferred: [String: FileStamp] = [:]
        if let watcher {
            // Watch before reading: a change made while reading is then seen next time.
            polled = !watcher.watch(base.path)
            index = polled ? nil : NetworkIndex.read(atPath: indexPath(id))
            for folder in Self.folders {
                let path = base.appendingPathComponent(folder, isDirectory: false).path
                guard let stamp = Self.folderStamp(path) else { continue }
                if let trusted = index?.folders[folder]?.stamp, trusted == stamp, !watcher.isWatching(path) {
                    deferred[path] = stamp
                } else if !watcher.watch(path) {
                    polled = true
                }
            }
            if polled {
                // Checked a file at a time anyway: the index is only for watched networks.
                for path in deferred.keys { watcher.watch(path) }
                deferred = [:]
                index = nil
            }
        }
        counters.fullReads.add(1, ordering: .relaxed)
        // Polled folders are checked a file at a time anyway: the index is only for watched ones.
        let load = try fullSnapshot(network: id, useIndex: !polled, index: index)
        var e = CachedNetwork(snapshot: load.read.value, polled: polled, checked: now)
        for problem in load.read.problems { e.problems[problem.path] = problem }
        e.highest = load.highest
        e.check = load.check
        e.indexOutdated = load.readFiles
        if let check = load.check {
            let folders = deferred
            check.launch { [self] in
                snapshots.with { c in c.watcher.map { Self.watch(folders, with: $0) } ?? false }
            }
        } else if let watcher, !deferred.isEmpty, !Self.watch(deferred, with: watcher) {
            // Read from the files after all (changed since the stamps): read again, watched.
            e.stale = true
        }
        return e
    }

    /// Watches `folders` and checks each still has the stamp it had when its records were taken
    /// without a watch; false when one can't be watched or changed meanwhile.
    private static func watch(_ folders: [String: FileStamp], with watcher: StoreWatcher) -> Bool {
        for (path, stamp) in folders {
            guard watcher.watch(path), folderStamp(path) == stamp else { return false }
        }
        return true
    }

    /// Takes one changed file into the snapshot: replaced, added, removed, or listed as a problem.
    /// True when it only added a record at the end of its list.
    /// Paths as strings (`URL` parsing showed in profiles: this runs for every save).
    private func apply(_ path: String, to e: inout CachedNetwork) -> Bool {
        let rel = relative(path: path)
        // Cut at the last two slashes by bytes (by characters, this was a tenth of taking a save in).
        let bytes = path.utf8
        let slash = bytes.lastIndex(of: UInt8(ascii: "/"))
        let name = slash.map { String(path[bytes.index(after: $0)...]) } ?? path
        let parent = slash.map { path[..<$0] } ?? ""
        let folder = parent.utf8.lastIndex(of: UInt8(ascii: "/")).map { parent[parent.utf8.index(after: $0)...] } ?? parent
        if name == "red.md" {
            do {
                e.snapshot.network = try decodeCached(path: path, RecordCodec.decodeNetwork)
                e.problems[rel] = nil
                e.snapshot.purpose = try decodeCached(path: path, RecordCodec.decodePurpose)
            } catch {
                // A broken red.md blocks the whole network: the full read says so, with its line.
                e.stale = true
            }
            return false
        }
        switch folder {
        case "acuerdos": return applyRecord(Self.agreements, path, name, rel, &e)
        case "miembros": return applyRecord(Self.members, path, name, rel, &e) && false
        case "encuentros": return applyRecord(Self.meetings, path, name, rel, &e)
        case "sondeos": return applyRecord(Self.polls, path, name, rel, &e)
        case "reflexiones": return applyRecord(Self.reflections, path, name, rel, &e)
        case "diagnosticos": return applyRecord(Self.diagnoses, path, name, rel, &e)
        case "organizaciones": return applyRecord(Self.organizations, path, name, rel, &e)
        case "normas": return applyRecord(Self.norms, path, name, rel, &e)
        case "decisiones": return applyRecord(Self.decisions, path, name, rel, &e)
        case "institucionalizacion": return applyRecord(Self.practices, path, name, rel, &e)
        case "resultados": return applyRecord(Self.results, path, name, rel, &e)
        default: return true
        }
    }

    private func applyRecord<T: Sendable>(_ kind: Kind<T>, _ path: String, _ name: String, _ rel: String, _ e: inout CachedNetwork) -> Bool {
        guard name.hasSuffix(".md") else { return true }
        let fileID = String(name.dropLast(3))
        if let n = Self.number(ofFile: name, prefix: kind.prefix) { e.highest[kind.folder] = max(e.highest[kind.folder] ?? 0, n) }
        e.problems[rel] = nil
        // Edited in place: `RecordList` copies only the chunk a change touches (the turns still
        // hold the snapshot as it was), so no change costs a copy of the network's records.
        let existing = kind.index(of: fileID, in: e.snapshot[keyPath: kind.records])
        do {
            let value = try decodeCached(path: path, kind.decode)
            if let i = existing {
                let records = e.snapshot[keyPath: kind.records]
                // The common edit keeps the record where it was (same number, same name).
                if (i == 0 || !kind.ordered(value, records[i - 1])) && (i == records.count - 1 || !kind.ordered(records[i + 1], value)) {
                    e.snapshot[keyPath: kind.records][i] = value
                    return false
                }
                e.snapshot[keyPath: kind.records].remove(at: i)
            }
            let at = kind.insertionIndex(value, e.snapshot[keyPath: kind.records])
            e.snapshot[keyPath: kind.records].insert(value, at: at)
            return existing == nil && at == e.snapshot[keyPath: kind.records].count - 1
        } catch StoreError.notFound {
            // Deleted.
            if let i = existing { e.snapshot[keyPath: kind.records].remove(at: i) }
        } catch let error as StoreError {
            if let i = existing { e.snapshot[keyPath: kind.records].remove(at: i) }
            e.problems[rel] = error
        } catch {
            if let i = existing { e.snapshot[keyPath: kind.records].remove(at: i) }
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
            // The name read in place: `entry.pointee.d_name` would copy 256 bytes per entry.
            let name = UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: CChar.self)
            if name[0] != 0x2E { out.append(String(cString: name)) }
        }
        return out
    }

    /// Where `d_name` sits in a `dirent`.
    static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

    /// 12 for "A-12.md" with prefix "A".
    static func number(ofFile name: String, prefix: String) -> Int? {
        guard !prefix.isEmpty, name.hasPrefix(prefix + "-"), name.hasSuffix(".md") else { return nil }
        return Int(name.dropFirst(prefix.count + 1).dropLast(3))
    }
}

extension FileStore.Kind {
    /// Where the record filed as `fileID` sits: by binary search on its number for numbered
    /// records (kept in number order), else by id.
    func index(of fileID: String, in records: RecordList<T>) -> Int? {
        if let n = RecordNumber.of(fileID), prefix == String(fileID.prefix { $0 != "-" }) {
            // Past the last number: a new record (what every save brings), found without the search.
            if records.isEmpty || (RecordNumber.of(id(records[records.count - 1])) ?? 0) < n { return nil }
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

    func insertionIndex(_ value: T, _ records: RecordList<T>) -> Int {
        // After the last one (a new record): the list is in order, so after every one.
        if records.isEmpty || ordered(records[records.count - 1], value) { return records.count }
        var lo = 0, hi = records.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ordered(records[mid], value) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
