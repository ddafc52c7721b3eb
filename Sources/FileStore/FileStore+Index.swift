import Domain
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Reading a network through its index (`NetworkIndex`) and keeping the index up to date.
extension FileStore {
    /// One record folder as loaded for a snapshot.
    struct FolderLoad<T> {
        var values: RecordList<T>
        var highest: Int
        /// Taken from the index without looking at the files (their folder is as the index saw
        /// it): checked file by file after the first reply (`IndexCheck`).
        var unchecked: NetworkIndex.Entries?
        /// Read from the files (some or all): the index no longer says what the folder holds.
        var read = false
    }

    func indexPath(_ network: String) -> String { networkDir(network).path + "/" + NetworkIndex.fileName }

    /// The stamp of a folder (nil when it doesn't exist).
    static func folderStamp(_ path: String) -> FileStamp? {
        var info = stat()
        return stat(path, &info) == 0 ? FileStamp(info) : nil
    }

    /// A folder's records: from the index when the folder is as the index saw it, else from its
    /// files (the index's values still spare parsing the files whose own stamp is unchanged).
    func loadFolder<T: Sendable>(_ kind: Kind<T>, network: String, index: NetworkIndex?, problems: inout [StoreError]) -> FolderLoad<T> {
        let path = dir(kind, network).path
        let indexed = index?.folders[kind.folder]
        let stamp = Self.folderStamp(path)
        if let indexed, let trusted = indexed.stamp, stamp == trusted, let values = indexed.records(T.self) {
            return FolderLoad(values: values, highest: indexed.highest, unchecked: indexed.entries)
        }
        // No such folder, and none when the index was written: nothing changed.
        if stamp == nil, index != nil, indexed == nil { return FolderLoad(values: [], highest: 0) }
        // Leftovers of a killed write (the index vouches for none in a folder it trusts).
        if writesIndex { Self.sweepTemporaryFiles(in: path) }
        if let indexed, let values = indexed.records(T.self), let entries = indexed.entries.decoded(), values.count == entries.count {
            remember(zip(entries, values).map { (path + "/" + $0.name, $0.stamp, $1) })
        }
        let names = names(in: path)
        var values = records(in: URL(fileURLWithPath: path, isDirectory: true), names: names, problems: &problems, decode: kind.decode)
        values.sort(by: kind.ordered)
        let highest = kind.prefix.isEmpty ? 0 : names.compactMap { Self.number(ofFile: $0, prefix: kind.prefix) }.max() ?? 0
        return FolderLoad(values: RecordList(values), highest: highest, read: true)
    }

    /// Puts decoded records in the decode cache, each with the stamp of the file it came from.
    func remember<T: Sendable>(_ items: [(path: String, stamp: FileStamp, value: T)]) {
        guard !items.isEmpty else { return }
        decoded.withLock { cache in
            if cache.count + items.count > Self.decodedLimit { cache.removeAll() }
            for item in items { cache[DecodedKey(path: item.path, type: ObjectIdentifier(T.self))] = (item.stamp, item.value) }
        }
    }

    /// The file stamps of records taken from the index unchecked, compared in the background
    /// (a `stat` each): files edited in place since the index was written come back to be read.
    func startCheck<T: Sendable>(_ kind: Kind<T>, network: String, _ load: FolderLoad<T>, into check: IndexCheck) {
        guard let unchecked = load.unchecked else { return }
        let dir = dir(kind, network).path
        let values = load.values
        check.add { [self] in
            // Entries that don't decode: every file of the folder is read again.
            // (The checksum makes this a bug, not damage: the index goes, so the read that follows
            // uses the files.)
            guard let entries = unchecked.decoded(), entries.count == values.count else {
                unlink(indexPath(network))
                return nil
            }
            var changed: [String] = []
            var same: [(path: String, stamp: FileStamp, value: T)] = []
            same.reserveCapacity(entries.count)
            let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            defer { if fd >= 0 { close(fd) } }
            for (entry, value) in zip(entries, values) {
                var info = stat()
                let path = dir + "/" + entry.name
                if fd >= 0, fstatat(fd, entry.name, &info, 0) == 0, FileStamp(info) == entry.stamp {
                    same.append((path, entry.stamp, value))
                } else {
                    changed.append(path)
                }
            }
            remember(same)
            return changed
        }
    }

    /// Waits until every comparison of index stamps with files has finished (tests).
    func waitForIndexChecks() {
        for check in snapshots.with({ c in c.networks.values.compactMap(\.check) }) { check.wait() }
    }

    // MARK: Writing the index

    /// Writes the network's index from what the cache holds now, if it is complete enough to be
    /// believed: every record with the stamp of the file it was read from. A folder that is not
    /// (a broken file, a file whose name is not its id, a change too recent to tell apart) is
    /// written as not trusted: the next process lists and stats it, but still parses nothing
    /// that didn't change. Call under the cache lock, with `folders` stamped before the cache was
    /// last brought up to date.
    func writeIndex(_ e: CachedNetwork, network: String, folders: [String: FileStamp?]) {
        let now = NetworkIndex.realtimeNow()
        var index = NetworkIndex()
        let problemFolders = Set(e.problems.keys.compactMap { $0.split(separator: "/").dropLast().last.map(String.init) })
        func add<T: Sendable>(_ kind: Kind<T>) {
            let dir = dir(kind, network).path
            guard let stamp = folders[kind.folder] ?? nil else { return }  // no such folder: nothing to index
            let records = e.snapshot[keyPath: kind.records]
            // A folder holding a temporary file is not vouched for: the next process sweeps it.
            var trusted = NetworkIndex.settled(stamp, now: now) && !problemFolders.contains(kind.folder)
                && Self.temporaryNames(in: dir).isEmpty
            var entries: [NetworkIndex.Entry] = []
            var values: [T] = []
            entries.reserveCapacity(records.count)
            values.reserveCapacity(records.count)
            decoded.withLock { cache in
                for r in records {
                    let name = kind.id(r) + ".md"
                    guard let hit = cache[DecodedKey(path: dir + "/" + name, type: ObjectIdentifier(T.self))],
                          let value = hit.value as? T, NetworkIndex.settled(hit.stamp, now: now) else {
                        trusted = false
                        continue
                    }
                    entries.append(.init(name: name, stamp: hit.stamp))
                    values.append(value)
                }
            }
            index.folders[kind.folder] = .init(stamp: trusted ? stamp : nil, highest: e.highest[kind.folder] ?? 0,
                                               entries: .init(entries), values: values)
        }
        add(Self.agreements)
        add(Self.members)
        add(Self.meetings)
        add(Self.polls)
        add(Self.reflections)
        add(Self.diagnoses)
        add(Self.organizations)
        add(Self.norms)
        add(Self.decisions)
        add(Self.practices)
        add(Self.results)
        // A cache: not fsync'd (after a power cut a lost or stale index is only read past).
        guard let data = try? index.encoded() else { return }
        _ = try? AtomicFile.write(data, toPath: indexPath(network), counters: nil)
    }
}

/// The background comparison of an index's file stamps with the files (see `startCheck`).
final class IndexCheck: Sendable {
    /// How long after the first read the comparison starts.
    static let delayMilliseconds = 100
    private let group = DispatchGroup()
    /// Paths found changed, how many jobs are still to finish, and the jobs not yet launched.
    private let state = Mutex<(changed: [String]?, running: Int, jobs: [@Sendable () -> [String]?])>(([], 0, []))

    /// `job` returns the paths it found changed, or nil when the whole network is to be read again.
    func add(_ job: @escaping @Sendable () -> [String]?) {
        state.withLock {
            $0.jobs.append(job)
            $0.running += 1
        }
    }

    /// Runs the jobs a moment later, on a low-priority thread: a stat per record must not slow
    /// the first reply it follows (on two cores, the other one is loading the dialogs). `first`
    /// runs before them (the folder watches the read put off, which must be in place before the
    /// files are compared); false from it means the network is to be read again.
    func launch(first: @escaping @Sendable () -> Bool = { true }) {
        let jobs = state.withLock { s -> [@Sendable () -> [String]?] in
            defer { s.jobs = [] }
            return s.jobs
        }
        group.enter()
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + .milliseconds(Self.delayMilliseconds)) { [self] in
            defer { group.leave() }
            guard first() else {
                state.withLock {
                    $0.changed = nil
                    $0.running = 0
                }
                return
            }
            for job in jobs {
                let changed = job()
                state.withLock {
                    if let changed, $0.changed != nil { $0.changed! += changed } else { $0.changed = nil }
                    $0.running -= 1
                }
            }
        }
    }

    enum Outcome {
        case running
        /// These files differ from the index.
        case changed([String])
        /// The index could not be compared: read the network again.
        case unusable
    }

    func outcome() -> Outcome {
        state.withLock { s in
            if s.running > 0 { return .running }
            return s.changed.map { .changed($0) } ?? .unusable
        }
    }

    /// Waits for the comparison to finish (tests).
    func wait() {
        group.wait()
    }
}

extension FileStamp {
    init(inode: UInt64, seconds: Int, nanoseconds: Int, size: Int) {
        self.inode = inode
        self.seconds = seconds
        self.nanoseconds = nanoseconds
        self.size = size
    }
}
