import CivilTime
import Domain
import Foundation

/// The byte layout of a network's index (`NetworkIndex`): varints and length-prefixed UTF-8,
/// written by hand because the index is read on every process start, where a 10,000-agreement
/// network must decode in a few milliseconds (Codable takes ~10× longer).
struct IndexWriter {
    var bytes: [UInt8] = []

    mutating func int(_ v: Int) {
        // Zig-zag, then 7 bits a byte.
        var u = UInt64(bitPattern: Int64((v << 1) ^ (v >> 63)))
        while u >= 0x80 {
            bytes.append(UInt8(u & 0x7F) | 0x80)
            u >>= 7
        }
        bytes.append(UInt8(u))
    }

    mutating func uint64(_ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional(_ s: String?) {
        bool(s != nil)
        if let s { string(s) }
    }

    mutating func date(_ d: LocalDate?) {
        guard let d else { return int(0) }
        int(d.year * 10_000 + d.month * 100 + d.day)
    }

    mutating func stamp(_ s: FileStamp) {
        uint64(s.inode)
        int(s.seconds)
        int(s.nanoseconds)
        int(s.size)
    }

    mutating func data(_ d: Data) {
        int(d.count)
        bytes.append(contentsOf: d)
    }
}

/// Reads what `IndexWriter` wrote; any inconsistency (a truncated or foreign file) throws, and
/// the store then reads the records' own files.
struct IndexReader {
    struct Malformed: Error {}

    let base: UnsafeRawBufferPointer
    var at = 0
    /// Strings `shared()` made, by their bytes' hash: see there. Empty (no allocation) until the
    /// first `shared()`, so the readers that only count or read names pay nothing.
    private var seen: ContiguousArray<Seen> = []

    private struct Seen {
        var at: Int
        var count: Int
        var value: String
    }

    /// The last list `sharedList()` made and the bytes it came from.
    private var lastList = SeenList(at: 0, count: -1, value: [])

    private struct SeenList {
        var at: Int
        var count: Int
        var value: [String]
    }

    /// Direct-mapped: a power of two. Enough for the people, meetings and times that come back
    /// record after record; a miss only costs the String that would have been made anyway.
    private static let seenSlots = 128

    init(_ base: UnsafeRawBufferPointer) { self.base = base }

    var atEnd: Bool { at >= base.count }

    /// Most numbers (lengths, counts, statuses) take one byte: read inline, without the loop.
    @inline(__always)
    mutating func int() throws -> Int {
        if at < base.count {
            let b = base.load(fromByteOffset: at, as: UInt8.self)
            if b < 0x80 {
                at += 1
                return Int(b >> 1) ^ -Int(b & 1)
            }
        }
        return try longInt()
    }

    private mutating func longInt() throws -> Int {
        var u: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard at < base.count, shift < 64 else { throw Malformed() }
            let b = base[at]
            at += 1
            u |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        let v = Int64(bitPattern: u)
        return Int((v >> 1) ^ -(v & 1))
    }

    mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= base.count - at else { throw Malformed() }
        return n
    }

    mutating func uint64() throws -> UInt64 {
        guard base.count - at >= 8 else { throw Malformed() }
        let v = base.loadUnaligned(fromByteOffset: at, as: UInt64.self)
        at += 8
        return UInt64(littleEndian: v)
    }

    mutating func bool() throws -> Bool {
        guard at < base.count else { throw Malformed() }
        at += 1
        return base[at - 1] != 0
    }

    mutating func string() throws -> String {
        let n = try count()
        defer { at += n }
        return Self.makeString(base, at: at, count: n)
    }

    /// The String of the `n` bytes at `at`. Minga wrote them from a String, so they are UTF-8;
    /// still they are checked, as always, but text beyond ASCII (most agreements' texts: «reunión»,
    /// «planificación») is checked here, several bytes a step, and made without the standard
    /// library checking it again one byte at a time (~11 instructions a byte, most of the cost
    /// of such a text). ASCII and short strings go the standard way, whose own check is as fast;
    /// bytes that are not UTF-8 are repaired as ever.
    static func makeString(_ base: UnsafeRawBufferPointer, at: Int, count n: Int) -> String {
        let bytes = UnsafeRawBufferPointer(rebasing: base[at..<at + n])
        if n > 15, #available(macOS 26, *), let start = bytes.baseAddress {
            let check = UTF8Check(start, n)
            if check.valid, !check.ascii {
                let span = bytes.assumingMemoryBound(to: UInt8.self).span
                return String(copying: UTF8Span(unchecked: span, isKnownASCII: false))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func optional() throws -> String? {
        try bool() ? try string() : nil
    }

    /// A string that repeats across records (a responsable, the meeting, the registration time,
    /// the evidence): when the same bytes were read before in this buffer, their String again.
    /// At 10,000 agreements start-up made ~40k Strings, about half on the heap, most of them
    /// repeats; a repeat is now a hash, a memcmp and a retain. Same bytes give the same String,
    /// so what is read doesn't change.
    mutating func shared() throws -> String {
        let n = try count()
        guard n > 0, let p = base.baseAddress else { return "" }
        defer { at += n }
        // A multiplicative hash, 8 bytes at a time (the strings are short).
        var h = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        var i = 0
        while i + 8 <= n {
            h = (h ^ UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at + i, as: UInt64.self))) &* 0x9E37_79B9_7F4A_7C15
            i += 8
        }
        while i < n {
            h = (h ^ UInt64(p.load(fromByteOffset: at + i, as: UInt8.self))) &* 0x0000_0100_0000_01B3
            i += 1
        }
        if seen.isEmpty {
            seen = ContiguousArray(repeating: Seen(at: 0, count: -1, value: ""), count: Self.seenSlots)
        }
        let slot = Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> 57) & (Self.seenSlots - 1)
        if seen[slot].count == n, memcmp(p + seen[slot].at, p + at, n) == 0 {
            return seen[slot].value
        }
        let value = Self.makeString(base, at: at, count: n)
        seen[slot] = Seen(at: at, count: n, value: value)
        return value
    }

    mutating func sharedOptional() throws -> String? {
        try bool() ? try shared() : nil
    }

    /// A list of strings (an agreement's responsables): the previous list again when its bytes
    /// are the same, as they are for agreement after agreement of one person or one meeting.
    /// Only the lengths are read to find where the list ends; the repeat then costs a memcmp
    /// and a retain instead of an array allocation and a String per name.
    mutating func sharedList() throws -> [String] {
        let start = at
        let n = try count()
        let items = at
        for _ in 0..<n { at += try count() }
        let bytes = at - start
        if lastList.count == bytes, let p = base.baseAddress, memcmp(p + lastList.at, p + start, bytes) == 0 {
            return lastList.value
        }
        at = items
        var list: [String] = []
        list.reserveCapacity(n)
        for _ in 0..<n { list.append(try shared()) }
        lastList = SeenList(at: start, count: bytes, value: list)
        return list
    }

    mutating func date() throws -> LocalDate? {
        let v = try int()
        guard v != 0 else { return nil }
        return LocalDate(year: v / 10_000, month: v / 100 % 100, day: v % 100)
    }

    mutating func stamp() throws -> FileStamp {
        FileStamp(inode: try uint64(), seconds: try int(), nanoseconds: try int(), size: try int())
    }

    mutating func data() throws -> Data {
        let n = try count()
        defer { at += n }
        return Data(UnsafeRawBufferPointer(rebasing: base[at..<at + n]))
    }
}

/// Whether bytes are well-formed UTF-8 (the Unicode standard's table 3-7: no overlong forms, no
/// surrogates, nothing past U+10FFFF), and whether they are all ASCII: eight ASCII bytes a step,
/// then each longer sequence on its own.
struct UTF8Check {
    private(set) var valid = true
    private(set) var ascii = true

    init(_ p: UnsafeRawPointer, _ n: Int) {
        var i = 0
        while i < n {
            if i + 8 <= n, p.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = p.load(fromByteOffset: i, as: UInt8.self)
            if b < 0x80 {
                i += 1
                continue
            }
            ascii = false
            // The sequence's length, and the range of its second byte (the others: 80…BF).
            let length: Int, low: UInt8, high: UInt8
            switch b {
            case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
            case 0xED: (length, low, high) = (3, 0x80, 0x9F)
            case 0xE1...0xEF: (length, low, high) = (3, 0x80, 0xBF)
            case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
            case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
            default:
                valid = false
                return
            }
            guard i + length <= n else {
                valid = false
                return
            }
            let second = p.load(fromByteOffset: i + 1, as: UInt8.self)
            guard second >= low, second <= high else {
                valid = false
                return
            }
            for k in 2..<length where p.load(fromByteOffset: i + k, as: UInt8.self) & 0xC0 != 0x80 {
                valid = false
                return
            }
            i += length
        }
    }
}

/// Agreements, the one kind a network holds by the thousand, in the index's own layout.
enum AgreementBytes {
    /// Stored properties this layout writes. A new property of `Agreement` changes the count the
    /// index is stamped with (`NetworkIndex.schema`), so an index that would drop it is never read.
    static let agreementFields = 11
    static let changeFields = 7
    /// The statuses' order is part of the layout too.
    static let statusCount = Agreement.Status.allCases.count

    /// A status as its place in `allCases` (a number, not its name: no string per record).
    private static let statuses = Agreement.Status.allCases

    static func statusCode(_ s: Agreement.Status) -> Int { statuses.firstIndex(of: s)! }

    static func decodeStatus(_ code: Int) throws -> Agreement.Status {
        guard statuses.indices.contains(code) else { throw IndexReader.Malformed() }
        return statuses[code]
    }

    static func write(_ a: Agreement, to w: inout IndexWriter) {
        w.string(a.id)
        w.string(a.text)
        w.int(a.responsables.count)
        for r in a.responsables { w.string(r) }
        w.date(a.deadline)
        w.optional(a.evidence)
        w.int(statusCode(a.status))
        w.optional(a.meeting)
        w.optional(a.registered)
        w.optional(a.evidenceDelivered)
        w.optional(a.registeredBy)
        w.int(a.history.count)
        for c in a.history {
            w.string(c.at)
            w.int(statusCode(c.status))
            w.optional(c.note)
            w.date(c.deadline)
            // A text or responsables change: which, and what it replaced (0: none).
            w.optional(c.field)
            w.int(c.before.map { $0.count + 1 } ?? 0)
            for b in c.before ?? [] { w.string(b) }
            w.date(c.done)
        }
    }

    static func read(_ r: inout IndexReader) throws -> Agreement {
        try withUnsafeTemporaryAllocation(of: Agreement.self, capacity: 1) { place in
            try read(&r, into: place.baseAddress!)
            return place.baseAddress!.move()
        }
    }

    /// Decodes the next agreement straight into `place` (uninitialized; initialized only when
    /// this returns). Built where it stays: returning it by value and then initializing the
    /// list's slot with it copied every field twice (two retains and two releases per string,
    /// ~0.7k instructions per record, 7M at 10,000 agreements before the first reply).
    static func read(_ r: inout IndexReader, into place: UnsafeMutablePointer<Agreement>) throws {
        let id = try r.string()
        let text = try r.string()
        // Ids and texts are one per agreement; the rest mostly repeats (`shared`).
        let responsables = try r.sharedList()
        let deadline = try r.date()
        let evidence = try r.sharedOptional()
        let status = try decodeStatus(try r.int())
        let meeting = try r.sharedOptional()
        let registered = try r.sharedOptional()
        let delivered = try r.sharedOptional()
        let registeredBy = try r.sharedOptional()
        var history: [Agreement.Change] = []
        let nh = try r.count()
        for _ in 0..<nh {
            let at = try r.shared()
            let s = try decodeStatus(try r.int())
            let note = try r.sharedOptional(), deadline = try r.date(), field = try r.sharedOptional()
            let nb = try r.count()
            var before: [String]?
            if nb > 0 {
                before = []
                for _ in 0..<(nb - 1) { before!.append(try r.shared()) }
            }
            let done = try r.date()
            history.append(Agreement.Change(at: at, status: s, note: note, deadline: deadline, field: field, before: before, done: done))
        }
        place.initialize(to: Agreement(id: id, text: text, responsables: responsables, deadline: deadline, evidence: evidence,
                                       status: status, meeting: meeting, registered: registered, evidenceDelivered: delivered,
                                       history: history))
        if let registeredBy { place.pointee.registeredBy = registeredBy }
    }
}
