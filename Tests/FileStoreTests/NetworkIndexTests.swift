import CivilTime
import Domain
@testable import FileStore
import Foundation
import Synchronization
import Testing

/// The per-network index (`redes/<red>/.indice`): a process starting on an unchanged network
/// reads it instead of every record, and it never hides a change made to the files, nor is it
/// ever the only copy of anything.
@Suite struct NetworkIndexTests {
    func agreement(_ text: String, status: Agreement.Status = .pendiente) -> Agreement {
        Agreement(id: "", text: text, responsables: ["Ana Pérez", "Luis Soto"], deadline: LocalDate(year: 2026, month: 12, day: 15),
                  evidence: "acta", status: status, meeting: "E-1", registered: "2026-11-25T10:00:00-03:00",
                  evidenceDelivered: "2026-11-26T10:00:00-03:00",
                  history: [.init(at: "2026-11-25T11:00:00-03:00", status: .enProceso, note: "va bien", deadline: LocalDate(year: 2026, month: 12, day: 20)),
                            // A change of responsables keeps what it replaced (to undo it later).
                            .init(at: "2026-11-26T11:00:00-03:00", status: .enProceso, note: "responsables", field: "responsables", before: ["Ana Pérez"]),
                            // A «cumplido» told later keeps the day it was done.
                            .init(at: "2026-12-20T11:00:00-03:00", status: .cumplido, note: "evidencia: acta", done: LocalDate(year: 2026, month: 12, day: 14))])
    }

    /// A network of `count` agreements and a member, written by one store; files and folders
    /// then dated an hour back, as a store left alone looks (the index trusts only folders
    /// that changed more than a clock tick before it was written).
    func seeded(_ count: Int = 5) throws -> (URL, String) {
        let (store, dir) = try temporaryStore()
        let n = try store.createNetwork(Network(id: "", name: "Red Índice", kind: .rme))
        try store.saveMember(Member(id: "", name: "Ana Pérez", role: "directora"), network: n.id)
        for i in 1...count { _ = try store.addAgreement(agreement("acuerdo \(i) 👍🏽 «comillas» \"dobles\"", status: i % 2 == 0 ? .cumplido : .pendiente), network: n.id) }
        age(dir)
        return (dir, n.id)
    }

    /// Sets every file's and folder's modification time an hour back.
    func age(_ dir: URL) {
        let past = timespec(tv_sec: Int(Date().timeIntervalSince1970) - 3600, tv_nsec: 123_456_789)
        let times = [past, past]
        let e = FileManager.default.enumerator(atPath: dir.path)
        var paths = [dir.path]
        while let p = e?.nextObject() as? String { paths.append(dir.path + "/" + p) }
        // Deepest first: touching a file does not change its folder's time, but be plain about it.
        for p in paths.sorted(by: { $0.count > $1.count }) { utimensat(AT_FDCWD, p, times, 0) }
    }

    func indexPath(_ dir: URL, _ network: String) -> String { dir.path + "/redes/\(network)/.indice" }

    /// What the files say, read without any index.
    func truth(_ dir: URL, _ network: String) throws -> NetworkSnapshot {
        try FileStore(root: dir).fullSnapshot(network: network, useIndex: false).read.value
    }

    /// A store opened on an aged network leaves an index; the next one reads it (no record parsed)
    /// and sees exactly what the files say.
    @Test func secondProcessReadsTheIndex() throws {
        let (dir, network) = try seeded()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try FileStore(root: dir)
        let read = try first.snapshot(network: network).value
        #expect(FileManager.default.fileExists(atPath: indexPath(dir, network)))
        let second = try FileStore(root: dir)
        let before = second.counters.parses.load(ordering: .relaxed)
        let again = try second.snapshot(network: network)
        // Only red.md is parsed (as the network and as its purpose).
        #expect(second.counters.parses.load(ordering: .relaxed) - before <= 2)
        #expect(again.value == read)
        #expect(again.value == (try truth(dir, network)))
        #expect(again.problems.isEmpty)
        // Ids keep counting from the files' numbers.
        #expect(try second.addAgreement(agreement("nuevo"), network: network).id == "A-6")
    }

    /// Meetings (with an occurrence's minutes), polls, reflections and diagnoses come back from
    /// the index exactly as from their files.
    @Test func everyKindRoundTrips() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red Toda", kind: .microcentro))
        let day = LocalDate(year: 2026, month: 12, day: 1)
        let o1 = LocalDateTime(date: day, time: LocalTime(hour: 15))
        var meeting = try store.addMeeting(Meeting(id: "", title: "Reunión: «lectura»", kind: .regular, start: o1,
                                                   rrule: "FREQ=WEEKLY;BYDAY=TU"), network: n.id)
        meeting.occurrences[day] = Occurrence(date: day, start: o1, notes: "acta 👍🏽", agreements: ["A-1"], status: .realizada)
        try store.updateMeeting(meeting, network: n.id)
        var poll = try store.addPoll(Poll(id: "", title: "¿cuándo?", options: [o1]), network: n.id)
        poll.answers = [.init(member: "Ana Pérez", canAttend: [o1])]
        try store.updatePoll(poll, network: n.id)
        _ = try store.addReflection(Reflection(id: "", date: day, author: "Ana", practice: "lectura", learnings: "leer: en voz alta",
                                               tags: ["1° básico"], institutionalize: true), network: n.id)
        _ = try store.addDiagnosis(Diagnosis(id: "", date: day, level: .coordinacion, scores: ["confianza": 3, "colaboracion": 2.5],
                                             indicators: ["reflexiones_registradas": 1], reasons: ["porque sí"]), network: n.id)
        try store.savePurpose(Purpose(statement: "Que todos lean", objectives: ["leer"], date: day), network: n.id)
        age(dir)
        let fromFiles = try FileStore(root: dir).snapshot(network: n.id).value
        let reader = try FileStore(root: dir)
        let before = reader.counters.parses.load(ordering: .relaxed)
        let fromIndex = try reader.snapshot(network: n.id).value
        #expect(reader.counters.parses.load(ordering: .relaxed) - before <= 2)
        #expect(fromIndex == fromFiles)
        #expect(fromIndex.meetings.first?.occurrences[day]?.notes == "acta 👍🏽")
        #expect(fromIndex.purpose?.statement == "Que todos lean")
    }

    /// A large folder's agreements (two chunks) decode the same on the reading thread alone, as
    /// `FileStore.prefetch` reads them beside the start-up's other work, as on both cores.
    @Test func agreementChunksDecodeAloneAsInParallel() throws {
        var index = NetworkIndex()
        let all = (1...2_500).map { i -> Agreement in
            var a = agreement("acuerdo \(i) «ñandú» 👍🏽", status: i % 3 == 0 ? .cumplido : .pendiente)
            a.id = "A-\(i)"
            return a
        }
        index.folders["acuerdos"] = .init(stamp: nil, highest: 2_500,
                                          entries: .init(all.map { .init(name: $0.id + ".md", stamp: FileStamp(inode: 1, seconds: 2, nanoseconds: 3, size: 4)) }),
                                          values: all)
        let bytes = try index.encoded()
        func agreements(parallel: Bool) throws -> [Agreement]? {
            try NetworkIndex.$decodesInParallel.withValue(parallel) {
                try bytes.withUnsafeBytes { try NetworkIndex.decode($0) }.folders["acuerdos"]?.records(Agreement.self).map { Array($0) }
            }
        }
        let alone = try #require(try agreements(parallel: false))
        #expect(alone == all)
        #expect(try agreements(parallel: true) == alone)
    }

    /// Threads that come to wait for a decode under way take chunks of it (`SharedDecode`): the
    /// agreements come out the same and in order, whichever thread decoded which chunk.
    @Test func helpersTakeChunksOfADecodeUnderWay() throws {
        var index = NetworkIndex()
        let all = (1...5_500).map { i -> Agreement in
            var a = agreement("acuerdo \(i) «ñandú»", status: i % 3 == 0 ? .cumplido : .pendiente)
            a.id = "A-\(i)"
            return a
        }
        index.folders["acuerdos"] = .init(stamp: nil, highest: 5_500,
                                          entries: .init(all.map { .init(name: $0.id + ".md", stamp: FileStamp(inode: 1, seconds: 2, nanoseconds: 3, size: 4)) }),
                                          values: all)
        let bytes = try index.encoded()
        final class Stop: Sendable { let flag = Atomic<Bool>(false) }
        let stop = Stop()
        let helpers = DispatchGroup()
        for _ in 0..<3 {
            DispatchQueue.global().async(group: helpers) {
                while !stop.flag.load(ordering: .relaxed) { NetworkIndex.helpDecoding() }
            }
        }
        for _ in 0..<5 {
            let decoded = try NetworkIndex.$decodesInParallel.withValue(false) {
                try bytes.withUnsafeBytes { try NetworkIndex.decode($0) }.folders["acuerdos"]?.records(Agreement.self).map { Array($0) }
            }
            #expect(decoded == all)
        }
        stop.flag.store(true, ordering: .relaxed)
        helpers.wait()
    }

    /// The agreements decode straight into the chunks of the snapshot's `RecordList`: every one
    /// full but the last, whatever the index chunks' sizes. An index written before its chunks
    /// started at a list chunk's boundary (an older Minga) still reads the same.
    @Test(arguments: [true, false])
    func agreementsDecodeIntoFullListChunks(aligned: Bool) throws {
        for count in [0, 1, 64, 65, 1_999, 2_500, 17_000] {
            var index = NetworkIndex()
            let all = (0..<count).map { i -> Agreement in
                var a = agreement(i % 2 == 0 ? "acuerdo \(i)" : "revisar la planificación \(i) con el equipo")
                a.id = "A-\(i + 1)"
                return a
            }
            index.folders["acuerdos"] = .init(stamp: nil, highest: count,
                                              entries: .init(all.map { .init(name: $0.id + ".md", stamp: FileStamp(inode: 1, seconds: 2, nanoseconds: 3, size: 4)) }),
                                              values: all)
            let bytes = try index.encoded(alignedChunks: aligned)
            for parallel in [true, false] {
                let list = try #require(try NetworkIndex.$decodesInParallel.withValue(parallel) {
                    try bytes.withUnsafeBytes { try NetworkIndex.decode($0) }.folders["acuerdos"]?.records(Agreement.self)
                })
                #expect(Array(list) == all)
                var sizes: [Int] = []
                list.withChunks { records, _ in sizes.append(records.count) }
                #expect(sizes.dropLast().allSatisfy { $0 == RecordList<Agreement>.recordsPerChunk })
                #expect(sizes.last.map { $0 > 0 } ?? (count == 0))
                // Changing the decoded list leaves what was decoded before alone.
                var copy = list
                if count > 0 { copy[count - 1].text = "cambiado" }
                #expect(Array(list) == all)
            }
        }
    }

    /// A record that doesn't decode, in a chunk in the middle of a large folder, under a checksum
    /// that matches: the whole index is refused, on one thread or several, and nothing half
    /// decoded is kept.
    @Test func brokenRecordInAMiddleChunkRefusesTheIndex() throws {
        var index = NetworkIndex()
        let all = (1...3_000).map { i -> Agreement in
            var a = agreement("acuerdo \(i)")
            a.id = "A-\(i)"
            return a
        }
        index.folders["acuerdos"] = .init(stamp: nil, highest: 3_000,
                                          entries: .init(all.map { .init(name: $0.id + ".md", stamp: FileStamp(inode: 1, seconds: 2, nanoseconds: 3, size: 4)) }),
                                          values: all)
        var bytes = [UInt8](try index.encoded())
        // A-1800's id length (6, zig-zag 12) made -1: a count no reader accepts.
        let needle: [UInt8] = [12] + Array("A-1800".utf8)
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: needle) })
        bytes[at] = 1
        bytes = Array(bytes.dropLast(8))
        withUnsafeBytes(of: NetworkIndex.checksum(bytes).littleEndian) { bytes += $0 }
        for parallel in [true, false] {
            #expect(throws: IndexReader.Malformed.self) {
                try NetworkIndex.$decodesInParallel.withValue(parallel) { try bytes.withUnsafeBytes { try NetworkIndex.decode($0) } }
            }
        }
    }

    /// `UTF8Check` says what the standard library's own check says, for well-formed text in every
    /// sequence length and for every kind of malformed sequence, and strings read from the
    /// index are the standard library's (repaired alike when the bytes are not UTF-8).
    @Test func utf8CheckAgreesWithTheStandardLibrary() {
        var cases: [[UInt8]] = [[], Array("acuerdo anterior 1234".utf8), Array("revisar la planificación «lectura» 👍🏽 ñandú 中文".utf8),
                                [0xC2, 0x80], [0xDF, 0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0xA0, 0x80], [0xE0, 0x9F, 0xBF],
                                [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
                                [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80], [0xC3],
                                [0xE2, 0x82], [0xF0, 0x9F, 0x91], [0xC3, 0x28], [0xE2, 0x28, 0xA1], [0xF0, 0x9F, 0x28, 0x8D]]
        // Each also inside ASCII, long enough to take the eight-byte steps.
        cases += cases.map { Array("0123456789abcdef".utf8) + $0 + Array("ghijklmnop".utf8) }
        var rng = SystemRandomNumberGenerator()
        let pool: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xC3, 0xDF, 0xE0, 0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            let n = Int.random(in: 0...40, using: &rng)
            cases.append((0..<n).map { _ in Bool.random(using: &rng) ? 0x61 : pool.randomElement(using: &rng)! })
        }
        for bytes in cases {
            let check = bytes.withUnsafeBytes { UTF8Check($0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, $0.count) }
            #expect(check.valid == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
            #expect(check.ascii == (check.valid && bytes.allSatisfy { $0 < 0x80 }) || !check.valid, "\(bytes)")
            let made = bytes.withUnsafeBytes { IndexReader.makeString($0, at: 0, count: $0.count) }
            #expect(made == String(decoding: bytes, as: UTF8.self), "\(bytes)")
            #expect(Array(made.utf8) == Array(String(decoding: bytes, as: UTF8.self).utf8), "\(bytes)")
        }
    }

    /// Every stored field of an agreement goes through the index's own layout: a new one must be
    /// added there (and counted), or the index would drop it.
    @Test func agreementLayoutCoversEveryField() {
        let a = agreement("x")
        #expect(Mirror(reflecting: a).children.count == AgreementBytes.agreementFields)
        #expect(Mirror(reflecting: a.history[0]).children.count == AgreementBytes.changeFields)
        var w = IndexWriter()
        AgreementBytes.write(a, to: &w)
        let back = w.bytes.withUnsafeBytes { raw -> Agreement? in
            var r = IndexReader(raw)
            return try? AgreementBytes.read(&r)
        }
        #expect(back == a)
    }

    /// `shared()` hands back an earlier String only for the very same bytes: repeats, strings of
    /// the same length or prefix, empty ones, non-ASCII and more distinct strings than it keeps
    /// all read exactly as `string()` reads them.
    @Test func sharedStringsAreTheBytesRead() {
        var texts: [String] = ["", "a", "b", "acta", "actA", "Ana Pérez", "Ana Perez", "E-1", "E-2", "👍🏽", "ñandú",
                               "2026-11-25T10:00:00-03:00", "2026-11-25T10:00:01-03:00", "2026-11-25T10:00:00-04:00"]
        texts += (0..<600).map { "persona \($0 % 300) «\($0 % 7)»" }
        var w = IndexWriter()
        var expected: [String] = []
        // Repeats near and far, interleaved with strings that differ in one byte.
        for i in 0..<5_000 {
            let t = texts[(i &* 7_919 &+ i / 3) % texts.count]
            w.string(t)
            expected.append(t)
        }
        let (plain, shared) = w.bytes.withUnsafeBytes { raw -> ([String], [String]) in
            var a = IndexReader(raw), b = IndexReader(raw)
            var plain: [String] = [], shared: [String] = []
            while !a.atEnd { plain.append((try? a.string()) ?? "?") }
            while !b.atEnd { shared.append((try? b.shared()) ?? "?") }
            return (plain, shared)
        }
        #expect(plain == expected)
        #expect(shared == expected)
        // Lists: repeated, one name changed, one more or less, empty.
        let lists: [[String]] = [["Ana Pérez"], ["Ana Pérez"], ["Ana Pérez", "Luis Soto"], ["Ana Pérez", "Luis Soto"],
                                 ["Ana Pérez", "Luis Sota"], [], [], ["Ana Pérez"], ["Ana Pérez", ""], ["Ana Pérez", ""], ["👍🏽"]]
        var lw = IndexWriter()
        for l in lists {
            lw.int(l.count)
            for n in l { lw.string(n) }
        }
        let readLists = lw.bytes.withUnsafeBytes { raw -> [[String]] in
            var r = IndexReader(raw)
            var out: [[String]] = []
            while !r.atEnd { out.append((try? r.sharedList()) ?? ["?"]) }
            return out
        }
        #expect(readLists == lists)
        // Same bytes, same String: a malformed sequence is repaired alike.
        var bad = IndexWriter()
        bad.int(2)
        bad.bytes += [0xC3, 0x28]
        bad.int(2)
        bad.bytes += [0xC3, 0x28]
        let repaired = bad.bytes.withUnsafeBytes { raw -> [String] in
            var r = IndexReader(raw)
            return [(try? r.shared()) ?? "?", (try? r.shared()) ?? "?"]
        }
        #expect(repaired == [String(decoding: [0xC3, 0x28] as [UInt8], as: UTF8.self), String(decoding: [0xC3, 0x28] as [UInt8], as: UTF8.self)])
    }

    /// A truncated, scribbled-on, empty or older index is read past: the files are read, nothing
    /// is lost, and a good index is written in its place.
    @Test(arguments: ["truncated", "garbage", "empty", "old", "flipped"])
    func damagedIndexIsReadPast(damage: String) throws {
        let (dir, network) = try seeded()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try FileStore(root: dir).snapshot(network: network)
        let path = indexPath(dir, network)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        switch damage {
        case "truncated": bytes = Array(bytes.prefix(bytes.count / 2))
        case "garbage": bytes = Array("---\nid: A-1\nno soy un índice\n".utf8)
        case "empty": bytes = []
        case "old": bytes[13] ^= 0x01  // the schema number, right after the magic line
        default: bytes[bytes.count / 2] ^= 0xFF
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let store = try FileStore(root: dir)
        let read = try store.snapshot(network: network)
        #expect(read.value == (try truth(dir, network)))
        #expect(read.value.agreements.count == 5)
        #expect(read.problems.isEmpty)
        #expect(NetworkIndex.read(atPath: path) != nil)
    }

    /// Deleting the index loses nothing.
    @Test func deletedIndexLosesNothing() throws {
        let (dir, network) = try seeded()
        defer { try? FileManager.default.removeItem(at: dir) }
        let read = try FileStore(root: dir).snapshot(network: network).value
        try FileManager.default.removeItem(atPath: indexPath(dir, network))
        #expect(try FileStore(root: dir).snapshot(network: network).value == read)
    }

    /// Files added, removed or renamed by hand while no Minga runs change their folder's stamp:
    /// the next process sees them on its first read.
    @Test func handAddedRemovedAndRenamedFilesAreSeen() throws {
        let (dir, network) = try seeded()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try FileStore(root: dir).snapshot(network: network)
        let folder = dir.path + "/redes/\(network)/acuerdos/"
        try FileManager.default.removeItem(atPath: folder + "A-2.md")
        try FileManager.default.moveItem(atPath: folder + "A-3.md", toPath: folder + "A-9.md")
        var text = try String(contentsOfFile: folder + "A-9.md", encoding: .utf8)
        text = text.replacingOccurrences(of: "id: A-3", with: "id: A-9")
        try text.write(toFile: folder + "A-9.md", atomically: true, encoding: .utf8)
        // Windows line endings, written by hand.
        try "---\r\nid: A-7\r\ntexto: escrito en Windows\r\nresponsables: Ana\r\n---\r\n".write(toFile: folder + "A-7.md", atomically: true, encoding: .utf8)
        let store = try FileStore(root: dir)
        let read = try store.snapshot(network: network).value
        #expect(read.agreements.map(\.id) == ["A-1", "A-4", "A-5", "A-7", "A-9"])
        #expect(read.agreements.first { $0.id == "A-7" }?.text == "escrito en Windows")
        #expect(read == (try truth(dir, network)))
        #expect(try store.addAgreement(agreement("otro"), network: network).id == "A-10")
    }

    /// A file edited in place keeps its folder's stamp: the comparison of every file's own stamp
    /// (in the background, right after the first read) finds it, and the next read has it.
    @Test func fileEditedInPlaceIsSeen() throws {
        let (dir, network) = try seeded()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try FileStore(root: dir).snapshot(network: network)
        let path = dir.path + "/redes/\(network)/acuerdos/A-1.md"
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "estado: pendiente", with: "estado: cumplido")
        // In place, as nano or VS Code save: same inode, the folder untouched.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
        let store = try FileStore(root: dir)
        _ = try store.snapshot(network: network)
        store.waitForIndexChecks()
        let read = try store.snapshot(network: network).value
        #expect(read.agreements.first?.status == .cumplido)
        #expect(read == (try truth(dir, network)))
    }

    /// A folder taken from the index is watched only when its files are compared with the index
    /// (after the first reply): what another process or a person changes before that (a new
    /// record, a file edited in place) is still seen, and so is what changes afterwards.
    @Test func changesBeforeTheWatchAreSeen() throws {
        let (dir, network) = try seeded()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try FileStore(root: dir).snapshot(network: network)
        let store = try FileStore(root: dir)
        let parses = store.counters.parses.load(ordering: .relaxed)
        _ = try store.snapshot(network: network)
        #expect(store.counters.parses.load(ordering: .relaxed) - parses <= 2)  // from the index
        // Before the folder is watched: another process adds a record, a person edits one in place.
        _ = try FileStore(root: dir).addAgreement(agreement("de otro proceso"), network: network)
        let path = dir.path + "/redes/\(network)/acuerdos/A-2.md"
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "estado: cumplido", with: "estado: pendiente")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
        store.waitForIndexChecks()
        var read = try store.snapshot(network: network).value
        #expect(read.agreements.count == 6)
        #expect(read.agreements[1].status == .pendiente)
        #expect(read == (try truth(dir, network)))
        // Watched now: a later record shows at once.
        _ = try FileStore(root: dir).addAgreement(agreement("más tarde"), network: network)
        read = try store.snapshot(network: network).value
        #expect(read.agreements.last?.text == "más tarde")
        #expect(read == (try truth(dir, network)))
    }

    /// A broken file is reported by every process that starts, index or not, and its number is
    /// never given to a new record.
    @Test func brokenFileStaysReported() throws {
        let (dir, network) = try seeded()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.path + "/redes/\(network)/acuerdos/A-2.md"
        try "---\nid: A-2\ntexto: [sin cerrar\n---\n".write(toFile: path, atomically: true, encoding: .utf8)
        age(dir)
        for _ in 0..<3 {
            let store = try FileStore(root: dir)
            let read = try store.snapshot(network: network)
            #expect(read.problems.map(\.path) == ["redes/\(network)/acuerdos/A-2.md"])
            #expect(read.value.agreements.map(\.id) == ["A-1", "A-3", "A-4", "A-5"])
            age(dir)
        }
        let store = try FileStore(root: dir)
        #expect(try store.addAgreement(agreement("nuevo"), network: network).id == "A-6")
    }

    /// Two processes (two stores, each with its own cache) writing the same network and its index
    /// in turns: a third one starting afterwards sees every record of both.
    @Test func twoWritersThenAReader() async throws {
        let (dir, network) = try seeded(2)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try FileStore(root: dir)
        let b = try FileStore(root: dir)
        _ = try a.snapshot(network: network)
        _ = try b.snapshot(network: network)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for store in [a, b] {
                group.addTask {
                    for i in 0..<20 {
                        _ = try store.addAgreement(agreement("de dos procesos \(i)"), network: network)
                        _ = try store.snapshot(network: network)
                        // Each writes its index as soon as it can (in production: every few seconds).
                        try store.snapshots.with { c in
                            c.networks[network]?.indexWritten = 0
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        for store in [a, b] {
            store.waitForIndexChecks()
            _ = try store.snapshot(network: network)
        }
        age(dir)
        let reader = try FileStore(root: dir)
        let read = try reader.snapshot(network: network).value
        #expect(read.agreements.count == 42)
        #expect(Set(read.agreements.map(\.id)).count == 42)
        #expect(read == (try truth(dir, network)))
    }

    /// The index lives beside the records, is hidden, and is not a record.
    @Test func indexIsNotARecord() throws {
        let (dir, network) = try seeded()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try FileStore(root: dir)
        _ = try store.snapshot(network: network)
        #expect(FileStore.names(in: dir.path + "/redes/\(network)").allSatisfy { !$0.hasPrefix(".") })
        #expect(try store.networks().map(\.id) == [network])
    }
}
