import DialogEngine
import EmbeddedDialogs
@testable import FlowFiles
import Foundation
import Testing

/// The compiled-dialogs cache (`CompiledFlows`): what comes out of it is what the YAML says, and
/// nothing but an entry written by this executable from the same texts is ever used.
@Suite struct CompiledFlowsTests {
    let sources = EmbeddedDialogs.files.map { (file: $0.name, text: $0.text) }

    /// Every stored property of a flow, its slots and their choices, recursively, as text
    /// (a dictionary's entries sorted: two equal dictionaries may list them in another order).
    static func dump(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        if mirror.children.isEmpty { return String(reflecting: value) }
        var parts = mirror.children.map { "\($0.label ?? "_"): \(dump($0.value))" }
        if mirror.displayStyle == .dictionary || mirror.displayStyle == .set { parts.sort() }
        return "(" + parts.joined(separator: ", ") + ")"
    }

    /// The built-in dialogs survive encoding and decoding with every field, derived ones included.
    @Test func roundTripKeepsEveryField() throws {
        let flows = try FlowLoader.load(sources: sources)
        let decoded = try #require(CompiledFlows.decode(CompiledFlows.encode(flows, key: 42), key: 42))
        #expect(decoded.count == flows.count)
        for (a, b) in zip(flows, decoded) {
            #expect(Self.dump(a) == Self.dump(b), "flujo \(a.id)")
        }
    }

    /// A field added to a flow, a slot or a choice must be added to the codec (else the cache
    /// would silently drop it): these counts fail first.
    @Test func codecCoversEveryField() throws {
        let flows = try FlowLoader.load(sources: sources)
        let slot = try #require(flows.flatMap(\.slots).first)
        #expect(Mirror(reflecting: flows[0]).children.count == 11, "FlowDefinition cambió: actualiza CompiledFlows")
        // 16 given to the initialiser, 9 derived from them: the codec stores the folded and
        // stemmed ones (`SlotDefinition.Derived`), the init works out the other five again
        // (`labelWord` from the label, as `capitalizedLabel`; the name's length).
        #expect(Mirror(reflecting: slot).children.count == 25, "SlotDefinition cambió: actualiza CompiledFlows")
        #expect(Mirror(reflecting: Choice(value: "a", label: "b")).children.count == 3, "Choice cambió: actualiza CompiledFlows")
    }

    /// Rules of every kind round-trip (the built-in dialogs don't use them all).
    @Test func everyRuleRoundTrips() throws {
        let slot = SlotDefinition(name: "n", type: .number, ask: "¿?", rules: [.notPast, .future, .after("x"), .min(1.5), .max(-2),
                                                                              .maxItems(3), .minItems(1)],
                                  choices: [Choice(value: "v", label: "l", synonyms: ["s", "t"])])
        let flow = FlowDefinition(id: "x", title: "X", slots: [slot], done: "listo")
        let decoded = try #require(CompiledFlows.decode(CompiledFlows.encode([flow], key: 1), key: 1))
        #expect(Self.dump(decoded[0]) == Self.dump(flow))
    }

    /// Another key, a changed byte or a cut file: not used.
    @Test func brokenOrForeignEntriesAreRefused() throws {
        let flows = try FlowLoader.load(sources: sources)
        let bytes = CompiledFlows.encode(flows, key: 7)
        #expect(CompiledFlows.decode(bytes, key: 8) == nil)
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x20
        #expect(CompiledFlows.decode(flipped, key: 7) == nil)
        #expect(CompiledFlows.decode(Array(bytes.dropLast(9)), key: 7) == nil)
        #expect(CompiledFlows.decode([], key: 7) == nil)
    }

    /// Through a cache folder: the first load writes the entry, the next uses it; an edited text
    /// is parsed again (never the stale entry), a damaged entry is read past, and a file with
    /// errors is reported every time and never cached.
    @Test func cacheFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-compiled-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try CompiledFlows.load(sources: sources, cache: dir)
        let entries = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(entries.count == 1)
        let second = try CompiledFlows.load(sources: sources, cache: dir)
        #expect(first.map(Self.dump) == second.map(Self.dump))

        var edited = sources
        let i = try #require(edited.firstIndex { $0.file == "acuerdo.yaml" })
        edited[i].text = edited[i].text.replacingOccurrences(of: "title: Registrar un acuerdo", with: "title: Anotar un acuerdo")
        #expect(try CompiledFlows.load(sources: edited, cache: dir).first { $0.id == "acuerdo" }?.title == "Anotar un acuerdo")
        #expect(try CompiledFlows.load(sources: sources, cache: dir).first { $0.id == "acuerdo" }?.title == "Registrar un acuerdo")

        let entry = dir.appendingPathComponent(entries[0])
        try Data("minga-dialogos\nbasura".utf8).write(to: entry)
        #expect(try CompiledFlows.load(sources: sources, cache: dir).map(Self.dump) == first.map(Self.dump))

        var broken = sources
        broken[i].text += "\nclave_rara: 1\n"
        for _ in 0..<2 {
            #expect(throws: FlowFileErrors.self) { try CompiledFlows.load(sources: broken, cache: dir) }
        }
    }

    /// Each executable keeps its own entry for a set of files, and a new entry removes the
    /// oldest of that set beyond `entriesKept` (every rebuild leaves one).
    @Test func oldEntriesOfOtherExecutablesArePruned() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-compiled-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // The built-in dialogs' names have no folder: their set is named by the empty place.
        let prefix = "dialogos-\(String(CompiledFlows.hash([UInt8]()), radix: 16))-"
        for k in 0..<6 {
            let path = dir.appendingPathComponent("\(prefix)otro\(k).bin").path
            try Data("viejo".utf8).write(to: URL(fileURLWithPath: path))
            var times = [timespec(tv_sec: 1_000_000 + k, tv_nsec: 0), timespec(tv_sec: 1_000_000 + k, tv_nsec: 0)]
            utimensat(AT_FDCWD, path, &times, 0)
        }
        try Data("ajeno".utf8).write(to: dir.appendingPathComponent("dialogos-otra-carpeta.bin"))
        _ = try CompiledFlows.load(sources: sources, cache: dir)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(names.filter { $0.hasPrefix(prefix) }.count == CompiledFlows.entriesKept)
        // The newest of the others stay, and another set's entry is not touched.
        #expect(names.contains("\(prefix)otro5.bin") && !names.contains("\(prefix)otro0.bin"))
        #expect(names.contains("dialogos-otra-carpeta.bin"))
    }
}
