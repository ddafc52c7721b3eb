import Locks
import CivilTime
import Domain
import Foundation
import Synchronization
import Yams
#if canImport(Glibc)
import Glibc
#endif

/// The plain-file store (layout in design.md):
///
///     <root>/redes/<network-id>/red.md
///     <root>/redes/<network-id>/acuerdos/A-12.md
///     <root>/redes/<network-id>/miembros/<member-id>.md
///     <root>/sesiones/<hash>.json
///
/// Every record write is atomic (AtomicFile), made durable by `commit()` before any reply
/// confirms it (`GroupCommit`: concurrent saves share their fsyncs), and happens under an exclusive flock
/// on `<root>/.lock`, which also serialises id allocation across processes. Paths are built
/// only from ids Minga generated (`Slug`, `A-<n>`), never from user text.
public final class FileStore: MingaStore {
    public let root: URL
    let lock: StoreLock
    /// Record writes waiting for their fsync (see `commit()`).
    let durability: GroupCommit
    /// `<root>/sesiones`, as a string for the per-turn session paths.
    private let sessionsPath: String
    /// `<root>/redes/`, as a string: every turn compares the watcher's folders with it (building
    /// it as a URL each time was half the cost of taking in the watcher's news).
    let networksPrefix: String
    /// `root`'s path with a trailing slash, made once: `relative(path:)` runs for every change a
    /// snapshot takes in, and cutting it from `sessionsPath` by characters each time cost ~6k
    /// instructions a call.
    private let rootPrefixBytes: [UInt8]
    /// `<root>/.claves`, made once: a save builds a dozen marker paths from it, and cutting it
    /// from `sessionsPath` by characters each time cost ~2k instructions a path.
    private let keysPathValue: String
    /// `sessionsPath` with a trailing slash, the start of every session file's path.
    private let sessionsFolderPrefix: String
    /// What this store did (the benchmark prints it per turn).
    public let counters = StoreCounters()
    /// Networks kept in memory between turns (see `SnapshotCache`).
    let snapshots: SnapshotCacheBox
    /// Decoded records by path (see `decodeCached`).
    let decoded = PlainLock<[DecodedKey: (stamp: FileStamp, value: any Sendable)]>([:])
    /// Beyond this many decoded records the cache starts afresh (a bound on memory).
    static let decodedLimit = 100_000
    /// Whether this process keeps the networks' index files (not when only reading).
    let writesIndex: Bool

    /// Where a test makes a write stop as a kill -9 would (none in production).
    let faults: StoreFaults
    /// Session writes waiting for the next commit (see `holdSessionWrites()`).
    let heldSessions = HeldSessions()
    /// Session files kept open between turns (see `OpenSessionFiles`).
    let openSessions = OpenSessionFiles()
    /// Names in `.claves/` of this process's saves whose record is written: they reserve no
    /// number beyond the folder's own, so `reservedNumbers` need not read them. (While session
    /// writes are held a batch's markers stay until its commit: hundreds, read on every save.)
    let settledMarkers = PlainLock<Set<String>>([])
    /// Writes the indexes of networks already in memory, off the turns (see `maybeWriteIndex`).
    let indexWriter = DispatchQueue(label: "minga.indice", qos: .utility)
    /// Networks whose index `indexWriter` has yet to write.
    let indexWriting = Mutex<Set<String>>([])
    /// Spare marker files this process may reuse, and a counter for their names.
    let spareMarkers = Mutex<(paths: [String], serial: Int, adopted: Bool)>(([], 0, false))
    /// `reservedNumbers` by network and prefix, for the lock holding it was read under.
    let reservedCache = Mutex<(generation: UInt64, highest: [String: Int])>((0, [:]))

    public convenience init(root: URL) throws {
        try self.init(root: root, faults: StoreFaults())
    }

    /// Opens an existing store only to read it (`minga export`): creates no folder and no `.lock`
    /// and sweeps nothing, so a read-only store (or someone else's) can be read. Reads need no
    /// lock, since every write is an atomic rename. Do not write through a store opened this way.
    public init(readingAt root: URL) {
        self.root = root
        faults = StoreFaults()
        durability = GroupCommit()
        // Read once and done: nothing to watch for changes.
        snapshots = SnapshotCacheBox(watcher: nil)
        writesIndex = false
        sessionsPath = root.appendingPathComponent("sesiones", isDirectory: false).path
        networksPrefix = root.appendingPathComponent("redes", isDirectory: false).path + "/"
        rootPrefixBytes = Array(sessionsPath.dropLast("sesiones".count).utf8)
        keysPathValue = sessionsPath.dropLast("sesiones".count) + ".claves"
        sessionsFolderPrefix = sessionsPath + "/"
        lock = StoreLock(path: root.appendingPathComponent(".lock", isDirectory: false).path)
    }

    init(root: URL, faults: StoreFaults) throws {
        self.root = root
        self.faults = faults
        durability = GroupCommit(beforeSync: faults.beforeSync)
        snapshots = SnapshotCacheBox(watcher: StoreWatcher())
        writesIndex = true
        sessionsPath = root.appendingPathComponent("sesiones", isDirectory: false).path
        networksPrefix = root.appendingPathComponent("redes", isDirectory: false).path + "/"
        rootPrefixBytes = Array(sessionsPath.dropLast("sesiones".count).utf8)
        keysPathValue = sessionsPath.dropLast("sesiones".count) + ".claves"
        sessionsFolderPrefix = sessionsPath + "/"
        lock = StoreLock(path: root.appendingPathComponent(".lock", isDirectory: false).path, counters: counters)
        try ensureDirectory(root)
        try ensureDirectory(root.appendingPathComponent("redes", isDirectory: false))
        try ensureDirectory(root.appendingPathComponent("sesiones", isDirectory: false))
        try lock.withLock {
            removeTemporaryFiles()
            sweepOldKeys()
        }
    }

    /// The default store: `$MINGA_STORE`, else `$XDG_DATA_HOME/minga`, else `~/.local/share/minga`.
    public static func defaultRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let s = environment["MINGA_STORE"], !s.isEmpty { return URL(fileURLWithPath: s) }
        if let x = environment["XDG_DATA_HOME"], !x.isEmpty { return URL(fileURLWithPath: x).appendingPathComponent("minga", isDirectory: false) }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/minga", isDirectory: false)
    }

    // MARK: Paths

    private var networksDir: URL { root.appendingPathComponent("redes", isDirectory: false) }
    func networkDir(_ id: String) -> URL { networksDir.appendingPathComponent(Slug.make(id), isDirectory: false) }
    private func agreementsDir(_ id: String) -> URL { networkDir(id).appendingPathComponent("acuerdos", isDirectory: false) }
    private func membersDir(_ id: String) -> URL { networkDir(id).appendingPathComponent("miembros", isDirectory: false) }

    /// A path relative to the store root, for messages.
    func relative(_ url: URL) -> String { relative(path: url.path) }

    func relative(path p: String) -> String {
        // The store builds its paths from `root`: a prefix test settles it without Foundation's
        // path standardization (a tenth of reading a large network).
        // Compared and cut by bytes: the prefix ends with «/», so the cut falls between two
        // characters (`hasPrefix` and `dropFirst` went by characters).
        var p = p
        let n = rootPrefixBytes.count
        let cut = p.withUTF8 { b -> String? in
            guard n > 0, b.count >= n, let base = b.baseAddress, memcmp(base, rootPrefixBytes, n) == 0 else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: b[n...]), as: UTF8.self)
        }
        if let cut { return cut }
        let r = root.standardizedFileURL.path
        let q = URL(fileURLWithPath: p, isDirectory: false).standardizedFileURL.path
        return q.hasPrefix(r + "/") ? String(q.dropFirst(r.count + 1)) : q
    }

    /// `<root>/redes/<network>/<folder>` as a string: built on every save and every change taken
    /// into a snapshot, where `URL.appendingPathComponent` showed in profiles.
    func folderPath(_ network: String, _ folder: String) -> String {
        networksPrefix + Slug.make(network) + "/" + folder
    }

    // MARK: Networks

    public func networks() throws -> [Network] {
        try cachedNetworks()
    }

    public func unreadableNetworks() -> [StoreError] {
        ((try? networkIDs()) ?? []).compactMap { id in
            do {
                _ = try readNetwork(id)
                return nil
            } catch let e as StoreError {
                return e
            } catch {
                return .brokenFile(path: "redes/\(id)/red.md", line: 1, message: String(describing: error))
            }
        }
    }

    func networkIDs() throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: networksDir.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && FileManager.default.fileExists(atPath: networkDir($0).appendingPathComponent("red.md", isDirectory: false).path) }
            .sorted()
    }

    func readNetwork(_ id: String) throws -> Network {
        try decodeCached(networkDir(id).appendingPathComponent("red.md", isDirectory: false), RecordCodec.decodeNetwork)
    }

    public func createNetwork(_ draft: Network, key: SaveKey?) throws -> Network {
        try lock.withLock {
            // Exactly once: a repeated save finds the id its first attempt reserved.
            if let key, let id = savedID(key), !id.isEmpty, !id.contains("/"), Slug.make(id) == id {
                if let existing = try? readNetwork(id) {
                    // Its reply confirms it: it waits for the round of the first attempt's write.
                    durability.dependOnPending()
                    return existing
                }
                return try writeNetwork(draft, id: id)
            }
            let id = Slug.unique(draft.id.isEmpty ? draft.name : draft.id) {
                FileManager.default.fileExists(atPath: networkDir($0).path)
            }
            try ensureDirectory(networkDir(id))
            if let key { try remember(key, id: id) }
            return try writeNetwork(draft, id: id)
        }
    }

    private func writeNetwork(_ draft: Network, id: String) throws -> Network {
        var n = draft
        n.id = id
        try ensureDirectory(agreementsDir(id))
        try ensureDirectory(membersDir(id))
        try write(RecordCodec.encode(n), to: networkDir(id).appendingPathComponent("red.md", isDirectory: false), network: id, values: [n])
        return n
    }

    // MARK: Save keys

    /// `<root>/.claves/<digest>` holds the id a keyed save was given, until its session moves on.
    private var keysDir: URL { root.appendingPathComponent(".claves", isDirectory: false) }
    private var keysPath: String { keysPathValue }

    /// The id a save known by any of `key`'s names was given.
    func savedID(_ key: SaveKey) -> String? {
        for digest in key.digests {
            if let data = try? AtomicFile.readLocked(keysPath + "/" + digest) { return Self.markerID(data) }
        }
        return nil
    }

    /// Files `id` under every name of `key` before the record itself is written: small files
    /// written in place, not fsync'd (a retry follows a process's death, which the page cache
    /// survives; after a power cut a retried save may be written twice, never lost).
    func remember(_ key: SaveKey, id: String) throws {
        if !FileManager.default.fileExists(atPath: keysPath) { try ensureDirectory(keysDir) }
        let first = keysPath + "/" + key.digest
        if !reuseSpareMarker(as: first, id: id) {
            try AtomicFile.overwrite(Data(id.utf8), atPath: first, mode: 0o644, counters: counters)
        }
        // The other names are hard links: a directory entry each, not a new file (creating
        // files next to many recently deleted ones is slow on ext4).
        for digest in key.digests.dropFirst() {
            let path = keysPath + "/" + digest
            if link(first, path) != 0 {
                try AtomicFile.overwrite(Data(id.utf8), atPath: path, mode: 0o644, counters: counters)
            }
        }
    }

    /// The highest number that a marker of a save in progress (or stopped by a kill) holds for
    /// this network and kind of record. Markers go once their session moves on, so there are few.
    func reservedNumbers(network: String, prefix: String) -> Int {
        // Under one holding of the lock only this process adds markers, and its own are settled
        // once their record is written: the folder need not be listed again on every save of a
        // batch (thousands of markers wait for the batch's commit).
        let generation = lock.generation
        let cacheKey = network + "/" + prefix
        if let hit = reservedCache.withLock({ $0.generation == generation ? $0.highest[cacheKey] : nil }) { return hit }
        let highest = listReservedNumbers(network: network, prefix: prefix)
        reservedCache.withLock { cache in
            if cache.generation != generation { cache = (generation, [:]) }
            cache.highest[cacheKey] = highest
        }
        return highest
    }

    /// A number this process's save just reserved: until its record is written (a write that
    /// failed leaves it reserved) the next save under the same holding takes a higher one.
    func noteReserved(network: String, prefix: String, number: Int) {
        let generation = lock.generation
        reservedCache.withLock { cache in
            guard cache.generation == generation, let h = cache.highest[network + "/" + prefix] else { return }
            cache.highest[network + "/" + prefix] = max(h, number)
        }
    }

    private func listReservedNumbers(network: String, prefix: String) -> Int {
        var highest = 0
        let settled = settledMarkers.withLock { $0 }
        for name in names(in: keysPath) where SaveKey.isDigest(name) && !settled.contains(name) {
            guard let data = try? AtomicFile.readLocked(keysPath + "/" + name) else { continue }
            let marker = Self.markerID(data)
            guard marker.hasPrefix(network + "/" + prefix + "-"),
                  let n = Int(marker.dropFirst(network.count + prefix.count + 2)) else { continue }
            highest = max(highest, n)
        }
        return highest
    }

    /// Makes every record written so far durable (fsync of the files and their folders), shared
    /// with whatever other saves are committing at the same time.
    public func commit() throws {
        try durability.commit(counters: counters)
        flushHeldSessions()
    }

    public var hasUncommittedWrites: Bool { durability.hasUncommitted }

    public func trackingWrites<T>(_ body: () throws -> T) rethrows -> (value: T, pending: Bool) {
        try durability.tracking(body)
    }

    /// Waits for the index writes started in the background (a process about to exit leaves
    /// its networks' indexes for the next one).
    public func finishBackgroundWrites() {
        indexWriter.sync {}
    }

    public func whileLocked<T>(_ body: () throws -> T) rethrows -> T {
        // A `.lock` that can't be taken: each save inside tries again and reports why.
        guard (try? lock.acquire()) != nil else { return try body() }
        defer { lock.release() }
        return try body()
    }

    public func forgetSave(_ key: SaveKey) {
        // No fsync needed: a marker that comes back after a power cut is only swept later.
        for digest in key.digests.dropFirst() { unlink(keysPath + "/" + digest) }
        // The file itself is kept, under a name no save has, for the next save's marker.
        let first = keysPath + "/" + key.digest
        let spare = spareMarkers.withLock { pool -> String? in
            guard pool.paths.count < Self.spareMarkerLimit else { return nil }
            pool.serial += 1
            return keysPath + "/" + Self.sparePrefix + "\(getpid())-\(pool.serial)"
        }
        if let spare, rename(first, spare) == 0 {
            spareMarkers.withLock { $0.paths.append(spare) }
        } else {
            unlink(first)
        }
        settledMarkers.withLock { set in for digest in key.digests { set.remove(digest) } }
    }

    /// The id a marker file holds: a reused marker is padded with spaces to its old length.
    static func markerID(_ data: Data) -> String {
        var end = data.endIndex
        while end > data.startIndex, data[end - 1] == 0x20 || data[end - 1] == 0x0A { end -= 1 }
        return String(decoding: data[data.startIndex..<end], as: UTF8.self)
    }

    /// Names of marker files kept for reuse (see `reuseSpareMarker`).
    static let sparePrefix = ".libre-"
    /// At most this many spare markers per process.
    static let spareMarkerLimit = 4096

    /// Makes a spare marker file the marker `path` holding `id`: the id goes in while the file
    /// still has its spare name, then it is renamed, so a kill leaves a spare or a whole marker.
    /// Each save used to create a marker file and its session's next write to delete it: on ext4
    /// a new file is allocated past the recently deleted ones, so that churn made every file
    /// creation of the store slower (~0.4 ms each on this project's machine), and a rename
    /// allocates nothing. Call under the store lock: every reader of markers holds it, so none
    /// is reading a spare's old content while it is rewritten.
    func reuseSpareMarker(as path: String, id: String) -> Bool {
        while let spare = spareMarkers.withLock({ pool -> String? in
            if pool.paths.isEmpty && !pool.adopted {
                // Spares other processes left (their pools are claimed under the lock too, and
                // a spare taken from under one is only a failed open for it).
                pool.adopted = true
                pool.paths = Self.names(in: keysPath, prefix: Self.sparePrefix).prefix(Self.spareMarkerLimit).map { keysPath + "/" + $0 }
            }
            return pool.paths.popLast()
        }) {
            // Not truncated: rewritten in place, padded with spaces to its old length (readers
            // trim them, `markerID`). A truncation frees the file's block, and on a store mounted
            // with `discard` (this project's machine) ext4 then sends the device a discard and
            // waits for it, or waits for the block's writeback: 2–3 ms per save, under the lock.
            let fd = open(spare, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            var bytes = Array(id.utf8)
            var info = stat()
            if fstat(fd, &info) == 0, Int(info.st_size) > bytes.count {
                bytes += [UInt8](repeating: 0x20, count: Int(info.st_size) - bytes.count)
            }
            let written = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
            close(fd)
            guard written == bytes.count, rename(spare, path) == 0 else {
                unlink(spare)
                continue
            }
            counters.writes.add(1, ordering: .relaxed)
            return true
        }
        return false
    }

    /// Markers whose session never said it moved on (killed in between) are dropped after a week:
    /// a retry comes seconds or minutes after its crash, not days.
    private func sweepOldKeys(now: Date = Date()) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: keysDir.path)) ?? []
        for name in names where SaveKey.isDigest(name) {
            let path = keysDir.appendingPathComponent(name, isDirectory: false).path
            var info = stat()
            if stat(path, &info) == 0, Double(info.st_mtim.tv_sec) < now.timeIntervalSince1970 - 7 * 86_400 { unlink(path) }
        }
    }

    // MARK: Snapshot

    public func snapshot(network id: String) throws -> StoreRead<NetworkSnapshot> {
        try cachedSnapshot(id)
    }

    /// Starts reading `network` (or the store's only network) on another core, so a process that
    /// is about to greet someone finds it read: `minga chat` calls it before loading its dialogs.
    public func prefetch(network: String?) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let id = network ?? {
                let ids = (try? networkIDs()) ?? []
                return ids.count == 1 ? ids[0] : nil
            }()
            // On this thread alone: the caller's thread is busy on the other core (loading the
            // dialogs), and a second decoding thread only took time from it. On 2 cores the
            // first reply on 10,000 agreements waited for three threads sharing two cores.
            if let id { NetworkIndex.$decodesInParallel.withValue(false) { _ = try? cachedSnapshot(id) } }
        }
    }

    /// Everything about one network as a first read sees it: from its index where its folders
    /// are as the index saw them, else from its files.
    struct NetworkLoad {
        var read: StoreRead<NetworkSnapshot>
        /// Highest number in each folder's file names.
        var highest: [String: Int] = [:]
        /// Comparing the file stamps of what came from the index unchecked (nil: nothing did).
        var check: IndexCheck?
        /// Some folder was read from its files: the index is to be written again.
        var readFiles = false
    }

    /// `index`: the network's index when the caller has read it already.
    func fullSnapshot(network id: String, useIndex: Bool = true, index preread: NetworkIndex? = nil) throws -> NetworkLoad {
        var problems: [StoreError] = []
        let network: Network
        do {
            network = try readNetwork(id)
        } catch let e as StoreError {
            if case .brokenFile = e { throw e }
            throw StoreError.notFound("la red «\(id)»")
        }
        let index = useIndex ? preread ?? NetworkIndex.read(atPath: indexPath(id)) : nil
        var out = NetworkLoad(read: StoreRead(value: NetworkSnapshot(network: network), problems: []))
        let check = IndexCheck()
        var checking = false
        func take<T: Sendable>(_ kind: Kind<T>) {
            let load = loadFolder(kind, network: id, index: index, problems: &problems)
            out.read.value[keyPath: kind.records] = load.values
            out.highest[kind.folder] = load.highest
            out.readFiles = out.readFiles || load.read
            if load.unchecked != nil {
                startCheck(kind, network: id, load, into: check)
                checking = true
            }
        }
        take(Self.agreements)
        take(Self.members)
        take(Self.meetings)
        take(Self.polls)
        take(Self.reflections)
        take(Self.diagnoses)
        take(Self.organizations)
        take(Self.norms)
        take(Self.decisions)
        take(Self.practices)
        take(Self.results)
        let url = networkDir(id).appendingPathComponent("red.md", isDirectory: false)
        do {
            out.read.value.purpose = try decodeCached(url, RecordCodec.decodePurpose)
        } catch let e as StoreError {
            problems.append(e)
        } catch {
            problems.append(.brokenFile(path: relative(url), line: 1, message: String(describing: error)))
        }
        out.read.problems = problems
        out.check = checking ? check : nil
        return out
    }

    /// Reads every `*.md` in `dir`; a broken one becomes a problem, the rest still load.
    func records<T: Sendable>(in dir: URL, problems: inout [StoreError], decode: @escaping @Sendable (Node, String) throws -> T) -> [T] {
        records(in: dir, names: names(in: dir.path), problems: &problems, decode: decode)
    }

    func records<T: Sendable>(in dir: URL, names all: [String], problems: inout [StoreError],
                              decode: @escaping @Sendable (Node, String) throws -> T) -> [T] {
        let names = all.filter { $0.hasSuffix(".md") }.sorted()
        // A large folder is read on both cores: the first read of a network of 10,000 agreements
        // is the one moment a turn waits for the disk and the parser.
        let chunks = names.count > 512 ? ProcessInfo.processInfo.activeProcessorCount : 1
        let results = Mutex([Int: [Result<T, StoreError>]]())
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var mine: [Result<T, StoreError>] = []
            var i = chunk
            while i < names.count {
                let url = dir.appendingPathComponent(names[i], isDirectory: false)
                do {
                    mine.append(.success(try decodeCached(url, decode)))
                } catch let e as StoreError {
                    mine.append(.failure(e))
                } catch {
                    mine.append(.failure(.brokenFile(path: relative(url), line: 1, message: String(describing: error))))
                }
                i += chunks
            }
            results.withLock { $0[chunk] = mine }
        }
        // Back in name order: chunk k holds names k, k + chunks, k + 2·chunks…
        let byChunk = results.withLock { $0 }
        var out: [T] = []
        out.reserveCapacity(names.count)
        for i in names.indices {
            switch byChunk[i % chunks]![i / chunks] {
            case .success(let value): out.append(value)
            case .failure(let e): problems.append(e)
            }
        }
        return out
    }

    // MARK: Agreements

    public func addAgreement(_ draft: Agreement, network: String, key: SaveKey?) throws -> Agreement {
        try add(draft, kind: Self.agreements, network: network, key: key)
    }

    public func updateAgreement(_ agreement: Agreement, network: String) throws {
        guard agreement.id.hasPrefix("A-"), Int(agreement.id.dropFirst(2)) != nil else {
            throw StoreError.notFound("el acuerdo «\(agreement.id)»")
        }
        try lock.withLock {
            let path = folderPath(network, "acuerdos") + "/" + agreement.id + ".md"
            // Re-read under the lock: a file broken by hand is reported, never replaced.
            _ = try RecordCodec.decodeAgreement(try readFrontMatter(path: path), path: relative(path: path))
            try write(nil, record: RecordCodec.encode(agreement), toPath: path, network: network, values: [agreement])
        }
    }

    // MARK: Members

    public func saveMember(_ member: Member, network: String) throws {
        try lock.withLock {
            let dir = membersDir(network)
            try ensureDirectory(dir)
            var m = member
            m.id = Slug.make(member.id.isEmpty ? member.name : member.id)
            let url = dir.appendingPathComponent("\(m.id).md", isDirectory: false)
            if FileManager.default.fileExists(atPath: url.path) {
                _ = try RecordCodec.decodeMember(try readFrontMatter(url), path: relative(url))
            }
            try write(RecordCodec.encode(m), to: url, network: network, values: [m])
        }
    }

    // MARK: Sessions

    private func sessionURL(_ key: String) -> URL { URL(fileURLWithPath: sessionPath(key), isDirectory: false) }

    /// A string, not a URL: it is built on every turn.
    private func sessionPath(_ key: String) -> String { SessionKey.fileName(key, after: sessionsFolderPrefix) }

    public func sessionVersion(_ key: String) -> SessionVersion? {
        let path = sessionPath(key)
        return heldSessions.version(path) {
            var info = stat()
            let found = stat(path, &info) == 0
            // A kept descriptor of a file that is no longer this path's (moved away by hand) goes.
            openSessions.check(path, inode: found ? UInt64(info.st_ino) : nil)
            return found ? FileStamp(info) : nil
        }
    }

    /// From now on session writes wait for the next `commit()` (see `HeldSessions`): for a
    /// channel that sends no reply before a commit (`minga chat --json`).
    public func holdSessionWrites() {
        heldSessions.enabled = true
    }

    public func removeSessions(untouchedSince before: Date, where finished: (Data) -> Bool) -> Int {
        let dir = root.appendingPathComponent("sesiones", isDirectory: false)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".json") }
        var removed = 0
        for name in names {
            let path = dir.appendingPathComponent(name, isDirectory: false).path
            var info = stat()
            // Only old files are read: the sweep costs a stat per session, not a read.
            guard stat(path, &info) == 0, Double(info.st_mtim.tv_sec) < before.timeIntervalSince1970,
                  let data = FileManager.default.contents(atPath: path), finished(data) else { continue }
            if unlink(path) == 0 { removed += 1 }
        }
        return removed
    }

    public func loadSession(_ key: String) throws -> Data? {
        let path = sessionPath(key)
        // A state waiting for the commit is newer than the file.
        if let held = heldSessions.data(path) { return held }
        return try AtomicFile.readLocked(path)
    }

    /// A session file that does not decode (broken by hand) is reported by name and line; the
    /// session then keeps its state in memory and never overwrites the file.
    public func loadSessionState<T: Codable & Sendable>(_ key: String, as type: T.Type) throws -> T? {
        guard let data = try loadSession(key) else { return nil }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw StoreError.brokenFile(path: relative(sessionURL(key)), line: Self.line(of: error),
                                        message: "el estado de la conversación no se puede leer (JSON no válido)")
        }
    }

    /// The line a JSON decoding error points at, when it says (else 1: Minga writes one line).
    static func line(of error: any Error) -> Int {
        var texts = ["\(error)"]
        if case DecodingError.dataCorrupted(let context) = error, let underlying = context.underlyingError {
            texts.append("\(underlying)")
        }
        for text in texts {
            if let r = text.range(of: #"line (\d+)"#, options: .regularExpression),
               let n = Int(text[r].dropFirst(5)), n > 0 { return n }
        }
        return 1
    }

    /// Session state is rewritten every turn, in place and without an fsync (`AtomicFile.overwrite`):
    /// it only has to survive the process dying, which the page cache does, and a kill leaves the
    /// old state or the new one. Readable by its owner only: it says who the user is and what
    /// they were writing.
    public func saveSession(_ key: String, data: Data) throws {
        _ = try writeSession(sessionPath(key), data: data, forgetting: [], mayWait: false)
    }

    /// The state written (or held, see `holdSessionWrites()`), the keys it moved past forgotten
    /// once it is on disk, and its version from the write itself: no `stat` after it.
    public func saveSessionState<T: Codable & Sendable>(_ key: String, _ value: T, forgetting keys: [SaveKey],
                                                        mayWait: Bool) throws -> SessionVersion? {
        let data: Data
        if let own = value as? any JSONWritable, let bytes = own.jsonData() {
            data = bytes
        } else {
            data = try JSONEncoder().encode(value)
        }
        return try writeSession(sessionPath(key), data: data, forgetting: keys, mayWait: mayWait)
    }

    private func writeSession(_ path: String, data: Data, forgetting keys: [SaveKey], mayWait: Bool) throws -> SessionVersion? {
        if let version = heldSessions.hold(path, data, forgetting: keys) {
            if mayWait { return version }
            // Needed on disk now: written with whatever older state it replaces.
            if let error = heldSessions.flush(only: path, write: writeSessionFile, forget: forgetSave) { throw error }
            return version
        }
        let stamp = try writeSessionFile(path, data)
        for key in keys { forgetSave(key) }
        return SessionVersion(stamp)
    }

    private func writeSessionFile(_ path: String, _ data: Data) throws -> FileStamp {
        try AtomicFile.overwrite(data, atPath: path, mode: 0o600, counters: counters, kept: openSessions)
    }

    /// Writes the held session states (after the records they follow are durable), then forgets
    /// the save keys they moved past. A state that can't be written stays held for the next
    /// commit, and the turn's replies still go: a session file only has to survive the process.
    func flushHeldSessions() {
        heldSessions.flush(stopAfter: faults.stopAfterSessionWrites, write: writeSessionFile, forget: forgetSave)
    }

    // MARK: Files

    /// Writes a record's file and keeps what it decodes to, so the cache takes the change in
    /// without parsing the file this process just wrote. `values` are the decoded forms of the
    /// file (red.md is read both as a network and as a purpose).
    /// `prepared`: its temporary file, made before the lock was taken (see `add`).
    func write(_ record: FrontMatter, to url: URL, network: String, values: [any Sendable],
               prepared: AtomicFile.Prepared? = nil) throws {
        try write(nil, record: record, toPath: url.path, network: network, values: values, prepared: prepared)
    }

    /// `rendered`: the record's text (UTF-8) when it was encoded before the lock (else `record` is).
    /// `record` is an autoclosure so that text never builds it.
    func write(_ rendered: [UInt8]?, record: @autoclosure () -> FrontMatter, toPath path: String, network: String,
               values: [any Sendable], prepared: AtomicFile.Prepared? = nil) throws {
        let text: [UInt8]
        if let rendered {
            text = rendered
        } else {
            do { text = try record().renderBytes() } catch {
                if let prepared { AtomicFile.discard(prepared) }
                throw StoreError.io(path: relative(path: path), message: "no pude escribir los datos (\(error))")
            }
        }
        let stamp = try AtomicFile.write(Data(text), toPath: path, counters: counters, prepared: prepared)
        durability.register(path)
        decoded.withLock { cache in
            for value in values { cache[DecodedKey(path: path, type: ObjectIdentifier(type(of: value)))] = (stamp, value) }
        }
        wrote(path: path, network: network)
    }

    /// A decoded record, reused while its file keeps the same modification time and size: every
    /// turn reads the snapshot, but only files changed since (by Minga or by hand) are parsed again.
    func decodeCached<T: Sendable>(_ url: URL, _ decode: (Node, String) throws -> T) throws -> T {
        try decodeCached(path: url.path, decode)
    }

    func decodeCached<T: Sendable>(path: String, _ decode: (Node, String) throws -> T) throws -> T {
        var info = stat()
        counters.looks.add(1, ordering: .relaxed)
        guard stat(path, &info) == 0 else { throw StoreError.notFound(relative(path: path)) }
        let stamp = FileStamp(info)
        // red.md is read both as a network and as a purpose: the type is part of the key.
        let key = DecodedKey(path: path, type: ObjectIdentifier(T.self))
        if let hit = decoded.withLock({ $0[key] }), hit.stamp == stamp, let value = hit.value as? T { return value }
        counters.parses.add(1, ordering: .relaxed)
        let text = try readText(path: path)
        let rel = relative(path: path)
        let value: T
        do {
            value = try decode(try FrontMatter.parse(text, path: rel, fast: true), rel)
        } catch {
            // Read again by the full parser: its nodes know their lines, for a located message.
            value = try decode(try FrontMatter.parse(text, path: rel), rel)
        }
        decoded.withLock { cache in
            if cache.count > Self.decodedLimit { cache.removeAll() }
            cache[key] = (stamp, value)
        }
        return value
    }

    func readFrontMatter(path: String) throws -> Node {
        try FrontMatter.parse(try readText(path: path), path: relative(path: path))
    }

    func readFrontMatter(_ url: URL) throws -> Node {
        try FrontMatter.parse(try readText(url), path: relative(url))
    }

    func readText(_ url: URL) throws -> String { try readText(path: url.path) }

    func readText(path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError.notFound(relative(path: path))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw StoreError.brokenFile(path: relative(path: path), line: 1, message: "no es texto UTF-8 válido")
        }
        return text
    }

    func ensureDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw StoreError.io(path: url.path, message: "no pude crear la carpeta")
        }
    }

    /// Leftovers of a write killed before its rename: temporary files whose process is gone (or
    /// that are older than ten minutes, in case the pid was reused). Session files are written
    /// outside the lock, so a live process's temporary file is never taken from under it.
    private func removeTemporaryFiles() {
        let now = Date().timeIntervalSince1970
        // Only where Minga writes (not a walk of the whole tree: a store under git holds
        // `.git/`, and a large network thousands of records): each folder is one `readdir`,
        // and only the names that start with the prefix become strings.
        // Record folders are swept when their network is first read (`sweepTemporaryFiles(in:)`),
        // where a folder the index vouches for is known to hold none.
        var folders = [root.path, sessionsPath, keysPath]
        let redes = root.appendingPathComponent("redes", isDirectory: false).path
        for network in Self.names(in: redes) { folders.append(redes + "/" + network) }
        for folder in folders { Self.sweepTemporaryFiles(in: folder, now: now) }
    }

    /// Removes the temporary files in `folder` whose process is gone (or that are older than ten
    /// minutes, in case the pid was reused): a live writer's file is never taken from under it.
    static func sweepTemporaryFiles(in folder: String, now: Double = Date().timeIntervalSince1970) {
        for name in temporaryNames(in: folder) {
            let full = folder + "/" + name
            let pid = name.dropFirst(AtomicFile.temporaryPrefix.count).split(separator: "-", maxSplits: 1).first.flatMap { pid_t($0) } ?? 0
            let alive = pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
            var info = stat()
            let old = stat(full, &info) == 0 && Double(info.st_mtim.tv_sec) < now - 600
            if !alive || old { unlink(full) }
        }
    }

    /// Names in `path` that start with `AtomicFile.temporaryPrefix`.
    static func temporaryNames(in path: String) -> [String] {
        names(in: path, prefix: AtomicFile.temporaryPrefix)
    }

    /// Names in `path` that start with `prefix`.
    static func names(in path: String, prefix: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var out: [String] = []
        let length = prefix.utf8.count
        while let entry = readdir(dir) {
            // The prefix compared as bytes, in place: no string for the thousands of other names.
            let name = UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: CChar.self)
            if strncmp(name, prefix, length) == 0 { out.append(String(cString: name)) }
        }
        return out
    }
}

/// Points where a test stops a write, to check what a kill -9 there would leave.
struct StoreFaults: Sendable {
    /// Stop a keyed save right after its id is reserved, before its record is written.
    var stopAfterReserving = false
    /// Stop only the keyed save with this key (a failed write among a batch's other saves).
    var stopAfterReservingKey: SaveKey?
    /// Stop a commit's writes of held sessions after this many (a kill in the middle of a batch).
    var stopAfterSessionWrites: Int?
    /// Called before each commit round's fsyncs: a test blocks it to hold a round open.
    var beforeSync: (@Sendable () -> Void)?
}

/// When a file last changed, as far as the decode cache is concerned.
struct FileStamp: Equatable, Sendable {
    var inode: UInt64
    var seconds: Int
    var nanoseconds: Int
    var size: Int

    init(_ info: stat) {
        inode = UInt64(info.st_ino)
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
        size = Int(info.st_size)
    }
}

struct DecodedKey: Hashable, Sendable {
    var path: String
    var type: ObjectIdentifier
}
