import Domain
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `redes/<red>/.indice`: the network's records as last read, with the stamps of the files and
/// folders they came from, so a process starting on an unchanged network reads one file instead
/// of one per record. A cache and nothing more: every record it holds is also in its own `.md`,
/// and an index that is missing, truncated, foreign or from another version is ignored (the
/// folders are read as before and the index is written again).
///
/// Trust is per folder: a folder whose stamp (inode, modification time, size) is the one the
/// index saw has the same entries, since creating, removing or renaming a file in it changes
/// that stamp. A file edited in place keeps its folder's stamp: those are found by comparing
/// every file's own stamp after the first reply (`IndexCheck`).
struct NetworkIndex {
    static let fileName = ".indice"
    private static let magic = Array("minga-indice\n".utf8)
    /// Bumped when the layout changes; the agreement field counts are part of it (see `AgreementBytes`).
    static let schema = 2 * 100_000 + AgreementBytes.statusCount * 10_000 + AgreementBytes.agreementFields * 100
        + AgreementBytes.changeFields

    /// One record file: its name in its folder and its stamp when the value was read.
    struct Entry {
        var name: String
        var stamp: FileStamp
    }

    /// A folder's entries as the index stores them: decoded only when wanted (the comparison
    /// with the files, after the first reply), not while a process is starting.
    struct Entries: Sendable {
        let count: Int
        fileprivate let raw: [UInt8]

        init(_ entries: [Entry]) {
            var w = IndexWriter()
            for e in entries {
                w.string(e.name)
                w.stamp(e.stamp)
            }
            count = entries.count
            raw = w.bytes
        }

        fileprivate init(count: Int, raw: [UInt8]) {
            self.count = count
            self.raw = raw
        }

        /// Nil when the bytes don't hold `count` entries.
        func decoded() -> [Entry]? {
            raw.withUnsafeBytes { bytes -> [Entry]? in
                var r = IndexReader(bytes)
                var out: [Entry] = []
                out.reserveCapacity(count)
                for _ in 0..<count {
                    guard let name = try? r.string(), let stamp = try? r.stamp() else { return nil }
                    out.append(Entry(name: name, stamp: stamp))
                }
                return r.atEnd ? out : nil
            }
        }
    }

    struct Folder {
        /// The folder's stamp when its entries were listed; nil when it can't be trusted (it
        /// changed too recently to tell a later change apart, or holds files that don't read).
        var stamp: FileStamp?
        /// Highest number among its file names, readable or not.
        var highest: Int
        var entries: Entries
        /// The records, in `entries` order, as one value, so taking them out is one cast, not one
        /// per record: a `RecordList` of the folder's record type when decoded (the agreements
        /// straight into its chunks), an array of it when the store is about to write them.
        var values: any Sendable

        /// The records as a snapshot holds them; nil when they are not of type `T`.
        func records<T>(_: T.Type) -> RecordList<T>? {
            if let list = values as? RecordList<T> { return list }
            return (values as? [T]).map { RecordList($0) }
        }

        /// The records as an array, to write them; nil when they are not of type `T`.
        func array<T>(_: T.Type) -> [T]? {
            values as? [T] ?? (values as? RecordList<T>).map { Array($0) }
        }
    }

    var folders: [String: Folder] = [:]

    // MARK: Writing

    /// `alignedChunks`: the agreements' chunks start at a multiple of `RecordList`'s chunk size,
    /// so they decode straight into the list's chunks (false only to test reading an index
    /// written before they were).
    func encoded(alignedChunks: Bool = true) throws -> Data {
        var w = IndexWriter()
        w.bytes.reserveCapacity(64 + folders.values.reduce(0) { $0 + $1.entries.count * 160 })
        w.bytes += Self.magic
        w.int(Self.schema)
        w.int(folders.count)
        for (name, folder) in folders.sorted(by: { $0.key < $1.key }) {
            w.string(name)
            w.bool(folder.stamp != nil)
            if let s = folder.stamp { w.stamp(s) }
            w.int(folder.highest)
            w.int(folder.entries.count)
            w.int(folder.entries.raw.count)
            w.bytes += folder.entries.raw
            if name == "acuerdos" {
                // In chunks with their byte lengths, so a large folder decodes on both cores; small
                // ones (a thousand agreements each), so a thread that comes to wait for a decode
                // already under way can still take a fair share of it (`SharedDecode`).
                guard let all = folder.array(Agreement.self) else { throw IndexReader.Malformed() }
                let chunks = min(16, max(1, all.count / 1_000))
                w.int(chunks)
                let list = RecordList<Agreement>.recordsPerChunk
                var per = (all.count + chunks - 1) / chunks
                if alignedChunks { per = (per + list - 1) / list * list }
                for c in 0..<chunks {
                    var chunk = IndexWriter()
                    let part = all[min(all.count, c * per)..<min(all.count, (c + 1) * per)]
                    chunk.int(part.count)
                    for v in part { AgreementBytes.write(v, to: &chunk) }
                    w.int(chunk.bytes.count)
                    w.bytes += chunk.bytes
                }
            } else {
                w.data(try Self.encodeOthers(name, folder))
            }
        }
        w.uint64(Self.checksum(w.bytes))
        return Data(w.bytes)
    }

    /// The record type of each of the other folders, kept as JSON (Codable: a new field is never dropped).
    private static let otherTypes: [String: any (Codable & Sendable).Type] = [
        "miembros": Member.self, "encuentros": Meeting.self, "sondeos": Poll.self, "reflexiones": Reflection.self,
        "diagnosticos": Diagnosis.self, "organizaciones": Organization.self, "normas": Norm.self,
        "decisiones": Decision.self, "institucionalizacion": Practice.self, "resultados": LearningResult.self,
    ]

    /// The few records of the other folders, as JSON.
    private static func encodeOthers(_ name: String, _ folder: Folder) throws -> Data {
        func encode<T: Codable & Sendable>(_: T.Type) throws -> Data {
            guard let values = folder.array(T.self) else { throw IndexReader.Malformed() }
            return try JSONEncoder().encode(values)
        }
        guard let type = otherTypes[name] else { throw IndexReader.Malformed() }
        return try encode(type)
    }

    /// The records (a `RecordList`) and how many.
    private static func decodeOthers(_ folder: String, _ data: Data) throws -> (any Sendable, Int) {
        func decode<T: Codable & Sendable>(_: T.Type) throws -> (any Sendable, Int) {
            let v = try JSONDecoder().decode([T].self, from: data)
            return (RecordList(v), v.count)
        }
        guard let type = otherTypes[folder] else { throw IndexReader.Malformed() }
        return try decode(type)
    }

    /// A word-at-a-time hash of everything before it: a truncated or scribbled-on index is
    /// caught before any of it is believed.
    static func checksum(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    static func checksum(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(raw.count)
        var i = 0
        while i + 8 <= raw.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01b3
            h ^= h >> 29
            i += 8
        }
        while i < raw.count {
            h = (h ^ UInt64(raw[i])) &* 0x0000_0100_0000_01b3
            i += 1
        }
        return h
    }

    // MARK: Reading

    /// The index at `path`, or nil when there is none or it can't be believed whole.
    static func read(atPath path: String) -> NetworkIndex? {
        // Mapped, not copied: the file's pages come straight from the page cache, all at once.
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return nil }
        let size = Int(info.st_size)
        guard let map = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), map != MAP_FAILED else { return nil }
        defer { munmap(map, size) }
        return try? decode(UnsafeRawBufferPointer(start: map, count: size))
    }

    /// Decodes a whole index, or throws.
    static func decode(_ raw: UnsafeRawBufferPointer) throws -> NetworkIndex {
        try {
            (raw: UnsafeRawBufferPointer) throws -> NetworkIndex in
            guard raw.count > magic.count + 8 else { throw IndexReader.Malformed() }
            let body = UnsafeRawBufferPointer(rebasing: raw[0..<raw.count - 8])
            guard checksum(body) == UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self)),
                  body.starts(with: magic) else { throw IndexReader.Malformed() }
            var r = IndexReader(body)
            r.at = magic.count
            guard try r.int() == schema else { throw IndexReader.Malformed() }
            var index = NetworkIndex()
            for _ in 0..<(try r.count()) {
                let name = try r.string()
                let stamp = try r.bool() ? try r.stamp() : nil
                let highest = try r.int()
                let n = try r.count()
                let length = try r.count()
                let entries = Entries(count: n, raw: Array(UnsafeRawBufferPointer(rebasing: r.base[r.at..<r.at + length])))
                r.at += length
                let values: any Sendable
                if name == "acuerdos" {
                    let agreements = try readAgreements(&r)
                    guard agreements.count == n else { throw IndexReader.Malformed() }
                    values = agreements
                } else {
                    let (others, count) = try decodeOthers(name, try r.data())
                    guard count == n else { throw IndexReader.Malformed() }
                    values = others
                }
                index.folders[name] = Folder(stamp: stamp, highest: highest, entries: entries, values: values)
            }
            guard r.atEnd else { throw IndexReader.Malformed() }
            return index
        }(raw)
    }

    /// Whether the agreements' chunks are decoded on all cores (false: on the reading thread, for
    /// a read that runs beside other start-up work, see `FileStore.prefetch`).
    @TaskLocal static var decodesInParallel = true

    /// The agreements' chunks, decoded in parallel, in order, straight into the arrays that become
    /// the `RecordList`'s chunks: each record is built once, where it stays. (They were decoded
    /// into one array that `RecordList.init` then copied chunk by chunk, retaining every field of
    /// every record: 2.4M instructions at 10,000 agreements, before the first reply, and the
    /// array's release after it.)
    private static func readAgreements(_ r: inout IndexReader) throws -> RecordList<Agreement> {
        let chunks = try r.count()
        guard chunks >= 1, chunks <= 64 else { throw IndexReader.Malformed() }
        var ranges: [Range<Int>] = []
        for _ in 0..<chunks {
            let n = try r.count()
            ranges.append(r.at..<r.at + n)
            r.at += n
        }
        // The buffer outlives the parallel loop, which returns only once every chunk is done.
        nonisolated(unsafe) let base = r.base
        let spans = ranges
        // Each chunk's count first, so every chunk knows where its records fall in the list.
        var counts: [Int] = []
        for span in spans {
            var chunk = IndexReader(UnsafeRawBufferPointer(rebasing: base[span]))
            counts.append(try chunk.count())
        }
        let sizes = counts
        let starts = counts.reduce(into: [0]) { $0.append($0.last! + $1) }
        let per = RecordList<Agreement>.recordsPerChunk
        // Each index chunk's records, cut where the list's chunks begin (the writer starts every
        // index chunk at such a place, so each piece is a whole list chunk but the last); nil for
        // a chunk that did not decode.
        let decoded = Mutex([[[Agreement]]?](repeating: nil, count: chunks))
        @Sendable func decode(_ c: Int) {
            var chunk = IndexReader(UnsafeRawBufferPointer(rebasing: base[spans[c]]))
            var pieces: [[Agreement]] = []
            do {
                _ = try chunk.count()
                var at = starts[c]
                let end = at + sizes[c]
                while at < end {
                    let n = min(per - at % per, end - at)
                    pieces.append(try [Agreement](unsafeUninitializedCapacity: n) { records, made in
                        while made < n {
                            try AgreementBytes.read(&chunk, into: records.baseAddress! + made)
                            made += 1
                        }
                    })
                    at += n
                }
                guard chunk.atEnd else { return }
            } catch {
                return
            }
            decoded.withLock { $0[c] = pieces }
        }
        if decodesInParallel {
            DispatchQueue.concurrentPerform(iterations: chunks) { decode($0) }
        } else {
            // On this thread, unless another one comes to wait for the network meanwhile:
            // it takes chunks too (`helpDecoding`) instead of idling.
            let job = SharedDecode(chunks: chunks, work: decode)
            SharedDecode.current.withLock { $0 = job }
            SharedDecode.offered.store(true, ordering: .releasing)
            job.run()
            SharedDecode.current.withLock { if $0 === job { $0 = nil } }
            job.waitForAll()
        }
        let all = decoded.withLock { d -> [[[Agreement]]?] in
            defer { d = [] }
            return d
        }
        var lists: [[Agreement]] = []
        lists.reserveCapacity((starts[chunks] + per - 1) / per)
        for (c, pieces) in all.enumerated() {
            guard let pieces else { throw IndexReader.Malformed() }
            var at = starts[c]
            for piece in pieces {
                // An index written before chunks were aligned: this piece ends the list chunk the
                // previous index chunk began.
                if at % per != 0 { lists[lists.count - 1] += piece } else { lists.append(piece) }
                at += piece.count
            }
        }
        return RecordList(chunkArrays: lists)
    }

    /// Takes chunks of an index decode under way on another thread (the prefetch of `minga
    /// chat`), if there is one: called by a thread about to wait for a network's snapshot,
    /// which would otherwise sit idle while the decode keeps one core busy. On two cores the
    /// first reply on 10,000 agreements waited for the prefetch thread alone to finish.
    static func helpDecoding() {
        guard SharedDecode.offered.load(ordering: .acquiring),
              let job = SharedDecode.current.withLock({ $0 }) else { return }
        job.run()
    }

    /// A folder stamp taken at `now` (ns since 1970) is trusted only if the folder last changed
    /// long enough before: a change within the same clock tick would leave the stamp as it was.
    /// Filesystems that keep whole seconds (FAT, some network disks) get two seconds of margin.
    static func settled(_ stamp: FileStamp, now: Int) -> Bool {
        let margin = stamp.nanoseconds == 0 ? 2_000_000_000 : 50_000_000
        return stamp.seconds * 1_000_000_000 + stamp.nanoseconds + margin < now
    }

    static func realtimeNow() -> Int {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return t.tv_sec * 1_000_000_000 + t.tv_nsec
    }
}

/// The chunks of one agreements decode, taken one at a time by whichever thread is free: the
/// thread that started it and any that came to wait for it (`NetworkIndex.helpDecoding`).
/// `work` writes into memory its starter owns, so the starter returns only once every chunk is
/// done (`waitForAll`); a helper that arrives after the last chunk was taken does nothing.
final class SharedDecode: Sendable {
    /// The decode under way that others may join, if any.
    static let current = Mutex<SharedDecode?>(nil)
    /// Whether a decode was ever offered: a turn's snapshot read costs one load, not a lock.
    static let offered = Atomic<Bool>(false)

    private let chunks: Int
    private let work: @Sendable (Int) -> Void
    private let next = Atomic<Int>(0)
    private let finished = Mutex<Int>(0)
    private let allDone = DispatchSemaphore(value: 0)

    init(chunks: Int, work: @escaping @Sendable (Int) -> Void) {
        self.chunks = chunks
        self.work = work
    }

    /// Decodes chunks until none is left to take.
    func run() {
        while true {
            let c = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard c < chunks else { return }
            work(c)
            if finished.withLock({ n -> Bool in
                n += 1
                return n == chunks
            }) { allDone.signal() }
        }
    }

    func waitForAll() {
        allDone.wait()
    }
}
