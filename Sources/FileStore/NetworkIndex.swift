import Domain
import Foundation
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
    static let schema = 1 * 10_000 + AgreementBytes.agreementFields * 100 + AgreementBytes.changeFields

    /// One record file: its name in its folder and its stamp when the value was read.
    struct Entry {
        var name: String
        var stamp: FileStamp
    }

    struct Folder {
        /// The folder's stamp when its entries were listed; nil when it can't be trusted (it
        /// changed too recently to tell a later change apart, or holds files that don't read).
        var stamp: FileStamp?
        /// Highest number among its file names, readable or not.
        var highest: Int
        var entries: [Entry]
        /// The decoded records, in `entries` order: an array of the folder's record type, so
        /// taking them out is one cast, not one per record.
        var values: any Sendable
    }

    var folders: [String: Folder] = [:]

    // MARK: Writing

    func encoded() throws -> Data {
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
            for e in folder.entries {
                w.string(e.name)
                w.stamp(e.stamp)
            }
            if name == "acuerdos" {
                for v in folder.values as! [Agreement] { AgreementBytes.write(v, to: &w) }
            } else {
                w.data(try Self.encodeOthers(name, folder.values))
            }
        }
        w.uint64(Self.checksum(w.bytes))
        return Data(w.bytes)
    }

    /// The few records of the other folders, as JSON (Codable: a new field is never dropped).
    private static func encodeOthers(_ folder: String, _ values: any Sendable) throws -> Data {
        let e = JSONEncoder()
        switch folder {
        case "miembros": return try e.encode(values as! [Member])
        case "encuentros": return try e.encode(values as! [Meeting])
        case "sondeos": return try e.encode(values as! [Poll])
        case "reflexiones": return try e.encode(values as! [Reflection])
        case "diagnosticos": return try e.encode(values as! [Diagnosis])
        default: throw IndexReader.Malformed()
        }
    }

    /// The records and how many.
    private static func decodeOthers(_ folder: String, _ data: Data) throws -> (any Sendable, Int) {
        let d = JSONDecoder()
        switch folder {
        case "miembros": let v = try d.decode([Member].self, from: data); return (v, v.count)
        case "encuentros": let v = try d.decode([Meeting].self, from: data); return (v, v.count)
        case "sondeos": let v = try d.decode([Poll].self, from: data); return (v, v.count)
        case "reflexiones": let v = try d.decode([Reflection].self, from: data); return (v, v.count)
        case "diagnosticos": let v = try d.decode([Diagnosis].self, from: data); return (v, v.count)
        default: throw IndexReader.Malformed()
        }
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
        guard let data = try? readFile(path) else { return nil }
        return try? data.withUnsafeBytes { raw -> NetworkIndex in
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
                var entries: [Entry] = []
                entries.reserveCapacity(n)
                for _ in 0..<n { entries.append(Entry(name: try r.string(), stamp: try r.stamp())) }
                let values: any Sendable
                if name == "acuerdos" {
                    var agreements: [Agreement] = []
                    agreements.reserveCapacity(n)
                    for _ in 0..<n { agreements.append(try AgreementBytes.read(&r)) }
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
        }
    }

    /// The whole file in one buffer (one `read` for the usual sizes).
    private static func readFile(_ path: String) throws -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        var data = Data(count: Int(info.st_size))
        let ok = data.withUnsafeMutableBytes { raw -> Bool in
            var off = 0
            while off < raw.count {
                let n = Glibc.read(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                off += n
            }
            return true
        }
        return ok ? data : nil
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
