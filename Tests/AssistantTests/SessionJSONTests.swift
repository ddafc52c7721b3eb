@testable import Assistant
import CivilTime
import DialogEngine
import FileStore
import Foundation
import Testing
import Understanding

/// The hand-written session file (`SessionJSON.swift`) against `JSONEncoder`: for many generated
/// states, JSONDecoder reads both documents back as the same value, and the file of a session
/// written before (by JSONEncoder) still loads.
@Suite struct SessionJSONTests {
    /// A small deterministic generator (SplitMix64): the same states on every run.
    struct Generator {
        var seed: UInt64

        mutating func next() -> UInt64 {
            seed &+= 0x9E3779B97F4A7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }

        mutating func int(_ range: ClosedRange<Int>) -> Int {
            // In UInt64 arithmetic: `Int.min...Int.max` has more members than an Int can count.
            let span = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound)) &+ 1
            return range.lowerBound &+ Int(truncatingIfNeeded: span == 0 ? next() : next() % span)
        }

        mutating func bool() -> Bool { next() & 1 == 1 }

        mutating func maybe<T>(_ make: (inout Generator) -> T) -> T? {
            bool() ? make(&self) : nil
        }

        /// Strange strings: quotes, backslashes, every control character, slashes, accents,
        /// combining marks, emoji and other characters outside the BMP, and plain words.
        static let pieces: [String] = [
            "\"", "\\", "\\\"", "/", "\u{0}", "\u{1}", "\u{8}", "\u{9}", "\n", "\r", "\r\n", "\u{C}", "\u{1F}", "\u{7F}",
            "\u{85}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{200B}", "é", "e\u{301}", "ñ", "Ñandú", "😀", "👍🏽", "👨‍👩‍👧",
            "𝄞", "🇨🇱", "\u{10FFFF}", "\u{E000}", "漢字", "ya po", "pal viernes", "Ana Pérez", " ", "", "{", "}", "[", "]",
            ":", ",", "null", "true", "1e5", "-0", "\\u0041", "</script>",
        ]

        mutating func string() -> String {
            (0..<int(0...6)).map { _ in Self.pieces[int(0...(Self.pieces.count - 1))] }.joined()
        }

        mutating func strings() -> [String] { (0..<int(0...3)).map { _ in string() } }

        mutating func date() -> LocalDate { LocalDate(year: int(1...9999), month: int(1...12), day: int(1...28)) }

        mutating func time() -> LocalTime { LocalTime(hour: int(0...23), minute: int(0...59)) }

        mutating func double() -> Double {
            switch int(0...5) {
            case 0: Double(int(-1000...1000))
            case 1: Double(bitPattern: next() & 0x7FEF_FFFF_FFFF_FFFF)   // any finite positive
            case 2: -Double(bitPattern: next() & 0x7FEF_FFFF_FFFF_FFFF)
            case 3: Double.leastNonzeroMagnitude * Double(int(1...9))
            case 4: -0.0
            default: Double(int(0...1_000_000)) / 1000
            }
        }

        mutating func value() -> SlotValue {
            switch int(0...10) {
            case 0: .text(string())
            case 1: .list(strings())
            case 2: .date(date())
            case 3: .time(time())
            case 4: .dateTime(LocalDateTime(date: date(), time: time()))
            case 5: .dateRange(date(), date())
            case 6: .recurrence(Recurrence(rrule: string(), time: maybe { $0.time() }, endTime: maybe { $0.time() }, start: maybe { $0.date() }))
            case 7: .duration(minutes: int(-5...100_000))
            case 8: .number(double())
            case 9: .bool(bool())
            default: .choice(string())
            }
        }

        mutating func values() -> SlotValues {
            var v: SlotValues = [:]
            for _ in 0..<int(0...5) { v[string()] = value() }
            return v
        }

        mutating func run() -> FlowRun {
            let phases: [FlowRun.Phase] = [.asking(string()), .more(string()), .confirming, .choosingEdit]
            var r = FlowRun(flowID: string(), phase: phases[int(0...3)])
            r.values = values()
            r.answered = strings()
            r.misses = int(-3...9)
            r.check = maybe { g -> FlowRun.Check in
                switch g.int(0...2) {
                case 0: .pastDate(slot: g.string(), value: g.value())
                case 1: .whichDate(slot: g.string(), options: (0..<g.int(0...3)).map { _ in g.date() })
                default: .newPeople(slot: g.string(), value: g.value(), names: g.strings(), about: g.strings())
                }
            }
            r.returnToConfirm = bool()
            r.skipped = strings()
            r.started = maybe { $0.int(-1...Int.max) }
            r.partials = maybe { $0.values() }
            r.round = maybe { $0.int(1...9) }
            r.editingList = maybe { $0.strings() }
            r.replacing = maybe { $0.values() }
            return r
        }

        /// A run that may carry a batch of runs (one level: a batch's items have none).
        mutating func batchedRun() -> FlowRun {
            var r = run()
            r.batch = maybe { g in (0..<g.int(1...3)).map { _ in g.run() } }
            r.batchAt = maybe { $0.int(0...2) }
            return r
        }

        mutating func dialogState() -> DialogState {
            var s = DialogState()
            s.stack = (0..<int(0...3)).map { _ in batchedRun() }
            s.paused = (0..<int(0...2)).map { _ in run() }
            s.pending = maybe { g -> Pending in
                switch g.int(0...5) {
                case 0: .switchFlow(flow: g.string(), text: g.string())
                case 1: .switchOrAnswer(flow: g.string(), text: g.string())
                case 2: .cancel
                case 3: .pickFlow(g.strings())
                case 4: .pickPaused
                default: .pickFlowFor(g.strings(), request: g.string())
                }
            }
            let kinds: [ListCursor.Kind] = [.agreements, .meetings, .reflections]
            s.listing = maybe { g in
                ListCursor(kind: kinds[g.int(0...2)], shown: g.int(0...50_000), person: g.maybe { $0.string() },
                           month: g.maybe { $0.int(0...300_000) }, status: g.maybe { $0.string() }, words: g.maybe { $0.string() })
            }
            s.lastSave = maybe { g in LastSave(flow: g.string(), record: g.string(),
                                               before: g.maybe { h in Dictionary(h.strings().map { ($0, h.string()) }, uniquingKeysWith: { a, _ in a }) },
                                               others: g.maybe { $0.strings() }) }
            s.queued = maybe { QueuedRequest(flow: $0.string(), request: $0.string()) }
            s.following = maybe { g in (0..<g.int(0...2)).map { _ in
                FollowingRequest(flow: g.string(), request: g.string(), values: g.values(), reads: g.maybe { $0.bool() })
            } }
            s.lastDay = maybe { g in LocalDate(year: g.int(2000...2100), month: g.int(1...12), day: g.int(1...28)) }
            return s
        }

        mutating func saved() -> Session.SavedSession {
            let types = SlotType.allCases
            return Session.SavedSession(
                user: string(), network: maybe { $0.string() }, state: dialogState(), seed: maybe { $0.string() },
                turns: maybe { $0.int(Int.min...Int.max) },
                answered: maybe { g in
                    .init(id: g.string(), text: g.string(), messages: g.strings(),
                          expects: g.maybe { Expectation(flow: $0.string(), slot: $0.string(), type: types[$0.int(0...(types.count - 1))],
                                                         choices: $0.strings()) })
                },
                choosing: maybe { $0.strings() }, held: maybe { $0.string() })
        }
    }

    /// Both encodings decode to the same value, and that value is the one written.
    @Test func handWrittenMatchesJSONEncoder() throws {
        var g = Generator(seed: 2026)
        for _ in 0..<3_000 {
            let saved = g.saved()
            let hand = try #require(saved.jsonBytes())
            let foundation = try JSONEncoder().encode(saved)
            let fromHand = try JSONDecoder().decode(Session.SavedSession.self, from: Data(hand))
            let fromFoundation = try JSONDecoder().decode(Session.SavedSession.self, from: foundation)
            #expect(fromHand == fromFoundation)
            #expect(fromHand == saved)
            // Strictly valid JSON, whatever the decoder forgives.
            #expect((try? JSONSerialization.jsonObject(with: Data(hand))) != nil)
        }
    }

    /// The hand-written reader (`SessionJSONReader.swift`) gives what JSONDecoder gives, for the
    /// hand-written file and for JSONEncoder's (key order, escaped slashes, every optional).
    @Test func handReaderMatchesJSONDecoder() throws {
        var g = Generator(seed: 2027)
        var read = 0, total = 0
        for _ in 0..<3_000 {
            let saved = g.saved()
            let hand = Data(try #require(saved.jsonBytes()))
            let foundation = try JSONEncoder().encode(saved)
            // Nil is allowed (JSONDecoder then reads it): integers beyond 2^53, which PlainJSON
            // holds as doubles, are left to it. Anything read must be exactly what was written.
            total += 1
            if let fast = Session.SavedSession(sessionJSON: hand) {
                read += 1
                #expect(fast == saved)
            }
            if let fast = Session.SavedSession(sessionJSON: foundation) {
                #expect(fast == (try JSONDecoder().decode(Session.SavedSession.self, from: foundation)))
            }
        }
        #expect(read > total / 10, "read by hand: \(read) of \(total)")
    }

    /// Sessions of real conversations (small numbers) are all read by hand, as JSONDecoder reads them.
    @Test func handReaderReadsRealConversations() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("minga-reader-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try FileStore(root: root)
        let network = try store.createNetwork(.init(id: "", name: "Red Sur", kind: .rme)).id
        let assistant = Assistant(store: store, flows: flows, clock: .fixed(now, timeZone: .santiago))
        let user = UserRef(id: "ana", name: "Ana Pérez", network: network)
        let session = assistant.session(for: user)
        _ = session.open()
        let key = SessionKey.make(network: network, user: user.id)
        for line in ["registrar un acuerdo", "revisar el \"PME 1/2\" 😀", "Luis Soto", "el 15 de diciembre", "acta", "sí",
                     "agendar un encuentro", "reunión de directores", "el martes a las 15", "cancelar", "mis acuerdos"] {
            _ = session.handle(line)
            let raw = try #require(try store.loadSession(key))
            let decoded = try JSONDecoder().decode(Session.SavedSession.self, from: raw)
            #expect(Session.SavedSession(sessionJSON: raw) == decoded, "\(line)")
        }
    }

    /// What the reader does not know it leaves to JSONDecoder (nil): a key it has never seen (a
    /// field added to the state later), a value of another type, a missing required key, an enum
    /// case it does not know. Broken files are then reported by JSONDecoder as before.
    @Test func handReaderStepsAsideOnAnythingUnexpected() throws {
        var run = FlowRun(flowID: "acuerdo", phase: .asking("texto"))
        run.values["plazo"] = .date(LocalDate(year: 2026, month: 12, day: 15))
        var state = DialogState()
        state.stack = [run]
        let saved = Session.SavedSession(user: "u", network: "red", state: state, seed: "5", turns: 2, answered: nil,
                                         choosing: nil, held: nil)
        let text = String(decoding: try #require(saved.jsonBytes()), as: UTF8.self)
        #expect(Session.SavedSession(sessionJSON: Data(text.utf8)) == saved)
        let variants = [
            text.replacingOccurrences(of: "\"flowID\"", with: "\"nuevo\":1,\"flowID\""),
            text.replacingOccurrences(of: "\"turns\":2", with: "\"turns\":\"2\""),
            text.replacingOccurrences(of: "\"user\":\"u\",", with: ""),
            text.replacingOccurrences(of: "\"asking\"", with: "\"preguntando\""),
            text.replacingOccurrences(of: "\"day\":15", with: "\"day\":15.5"),
            text + "x",
        ]
        for variant in variants {
            #expect(variant != text)
            #expect(Session.SavedSession(sessionJSON: Data(variant.utf8)) == nil, "\(variant)")
        }
        // null is an absent optional, as JSONDecoder reads it.
        let nulls = text.replacingOccurrences(of: "\"seed\":\"5\"", with: "\"seed\":null")
        #expect(Session.SavedSession(sessionJSON: Data(nulls.utf8))?.seed == nil)
        #expect(Session.SavedSession(sessionJSON: Data(nulls.utf8)) == (try JSONDecoder().decode(Session.SavedSession.self, from: Data(nulls.utf8))))
    }

    /// A number JSON cannot hold is not written by hand: the store goes through JSONEncoder,
    /// whose error the session logs, as before.
    @Test func nonFiniteNumberFallsBack() {
        var s = DialogState()
        var run = FlowRun(flowID: "sondeo", phase: .confirming)
        run.values["n"] = .number(.infinity)
        s.stack = [run]
        let saved = Session.SavedSession(user: "u", network: nil, state: s, seed: nil, turns: nil, answered: nil, choosing: nil, held: nil)
        #expect(saved.jsonBytes() == nil)
        #expect(throws: (any Error).self) { try MemoryStore().saveSession("k", data: JSONEncoder().encode(saved)) }
    }

    /// A file written by JSONEncoder (every session file before this writer) loads into a session,
    /// and the next turn rewrites it in the new hand-written form, which loads again.
    @Test func oldFilesStillLoad() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("minga-json-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try FileStore(root: root)
        let network = try store.createNetwork(.init(id: "", name: "Red Sur", kind: .rme)).id
        let assistant = Assistant(store: store, flows: flows, clock: .fixed(now, timeZone: .santiago))
        let user = UserRef(id: "ana", name: "Ana Pérez", network: network)
        let first = assistant.session(for: user)
        _ = first.open()
        _ = first.handle("registrar un acuerdo")
        _ = first.handle("revisar el \"PME 1/2\" con el equipo 😀 \\ fin")
        // Rewrite the file as the old writer did.
        let key = SessionKey.make(network: network, user: user.id)
        let current = try #require(try store.loadSessionState(key, as: Session.SavedSession.self))
        try store.saveSession(key, data: JSONEncoder().encode(current))
        let reopened = assistant.session(for: user)
        #expect(reopened.state == first.state)
        #expect(reopened.state.current?.values["texto"] == .text("revisar el \"PME 1/2\" con el equipo 😀 \\ fin"))
        let reply = reopened.handle("Luis Soto")
        #expect(!reply.messages.isEmpty)
        // Rewritten by the hand-written writer: JSONEncoder would have escaped the slash ("1\/2").
        let raw = try #require(try store.loadSession(key))
        #expect(String(decoding: raw, as: UTF8.self).contains("PME 1/2"))
        let again = assistant.session(for: user)
        #expect(again.state == reopened.state)
    }
    /// A session file written while a run's values were a `[String: SlotValue]` (an object keyed
    /// by slot name, in the dictionary's order) reads into the same values with both readers,
    /// whatever the order of its keys; and written again, each set of values is still an object
    /// with the same keys.
    /// How a draft's people fields were said (`FlowRun.everyoneSaid`) survives a restart: written
    /// by hand and read by hand as JSONEncoder and JSONDecoder do (a moved «yo» must stay «yo»).
    @Test func everyoneSaidRoundTrips() throws {
        var run = FlowRun(flowID: "acuerdo", phase: .asking("plazo"))
        run.values["responsables"] = .list(["Marta Díaz"])
        run.answered = ["texto", "responsables"]
        for said in [nil, [], ["responsables"], ["responsables", "se_suman"]] as [[String]?] {
            run.everyoneSaid = said
            var state = DialogState()
            state.stack = [run]
            let saved = Session.SavedSession(user: "marta", network: "red-santa-juana", state: state, seed: nil, turns: 2, answered: nil,
                                             choosing: nil, held: nil)
            let hand = Data(try #require(saved.jsonBytes()))
            #expect(Session.SavedSession(sessionJSON: hand) == saved)
            #expect(try JSONDecoder().decode(Session.SavedSession.self, from: hand) == saved)
            #expect(Session.SavedSession(sessionJSON: try JSONEncoder().encode(saved)) == saved)
        }
    }

    @Test func slotValuesReadAsTheDictionaryWrote() throws {
        let text = #"{"user":"ana","network":"red-sur","state":{"stack":[{"flowID":"acuerdo","values":{"#
            + #""responsables":{"list":{"_0":["Luis Soto","Ana Pérez"]}},"texto":{"text":{"_0":"revisar el PME"}},"#
            + #""plazo":{"date":{"_0":{"year":2026,"month":12,"day":15}}}},"answered":["texto","responsables","plazo"],"#
            + #""phase":{"confirming":{}},"misses":0,"returnToConfirm":false,"skipped":[],"started":3,"#
            + #""partials":{"cuando":{"time":{"_0":{"hour":9,"minute":30}}}},"#
            + #""replacing":{"plazo":{"date":{"_0":{"year":2026,"month":12,"day":1}}}}}],"paused":[],"#
            + #""following":[{"flow":"acuerdo","request":"y otro","values":{"encuentro":{"number":{"_0":2}},"#
            + #""estado":{"choice":{"_0":"abierto"}}}}]},"seed":"5","turns":4}"#
        var run = FlowRun(flowID: "acuerdo", phase: .confirming)
        // Set in another order than the file's: the same values all the same.
        run.values["texto"] = .text("revisar el PME")
        run.values["plazo"] = .date(LocalDate(year: 2026, month: 12, day: 15))
        run.values["responsables"] = .list(["Luis Soto", "Ana Pérez"])
        run.answered = ["texto", "responsables", "plazo"]
        run.started = 3
        run.partials = ["cuando": .time(LocalTime(hour: 9, minute: 30))]
        run.replacing = ["plazo": .date(LocalDate(year: 2026, month: 12, day: 1))]
        var state = DialogState()
        state.stack = [run]
        var following = FollowingRequest(flow: "acuerdo", request: "y otro", values: ["estado": .choice("abierto"), "encuentro": .number(2)])
        following.reads = nil
        state.following = [following]
        let expected = Session.SavedSession(user: "ana", network: "red-sur", state: state, seed: "5", turns: 4, answered: nil,
                                            choosing: nil, held: nil)
        let data = Data(text.utf8)
        let decoded = try JSONDecoder().decode(Session.SavedSession.self, from: data)
        #expect(decoded == expected)
        #expect(Session.SavedSession(sessionJSON: data) == expected)
        #expect(decoded.state.current?.values["plazo"] == .date(LocalDate(year: 2026, month: 12, day: 15)))
        #expect(decoded.state.current?.values.count == 3)
        // Written again (by hand and by JSONEncoder): objects keyed by slot name, as before.
        for bytes in [Data(try #require(expected.jsonBytes())), try JSONEncoder().encode(expected)] {
            let object = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
            let stateObject = try #require(object["state"] as? [String: Any])
            let runObject = try #require((stateObject["stack"] as? [[String: Any]])?.first)
            let values = try #require(runObject["values"] as? [String: Any])
            #expect(Set(values.keys) == ["texto", "plazo", "responsables"])
            #expect((runObject["partials"] as? [String: Any])?.keys.sorted() == ["cuando"])
            #expect(((stateObject["following"] as? [[String: Any]])?.first?["values"] as? [String: Any])?.keys.sorted() == ["encuentro", "estado"])
        }
    }
}
