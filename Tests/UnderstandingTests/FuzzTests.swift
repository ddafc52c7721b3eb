import CivilTime
import Foundation
import Testing
@testable import Understanding

/// SplitMix64: a small deterministic generator so every run feeds the same strings.
struct SeededRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum FuzzCorpus {
    static let seeds = [
        "el martes a las 4 de la tarde", "del 3 al 5 de marzo", "todos los martes a las 16:00", "15/12/2026",
        "cada dos semanas los jueves", "el primer miércoles de cada mes", "de 15 a 17 hrs", "99/99/9999 25:61",
        "cuarto para las 5", "mañana en la tarde", "hora y media", "Ana, Luis y la Marta", "sí po", "no sé",
        "treinta y uno", "el otro lunes", "después del 18", "15.30 hrs", "entre el lunes y el miércoles",
        "ana@escuela.cl +56 9 1234 5678", "dos mil veintiséis", "1ro de marzo", "a.m. p.m.", "del 28/2 al 3/3",
    ]
    static let vocabulary = [
        "el", "la", "los", "de", "del", "a", "las", "al", "y", "en", "para", "hasta", "desde", "entre", "cada", "todos",
        "lunes", "martes", "miércoles", "sabdo", "diciembe", "marzo", "mañana", "hoy", "tarde", "noche", "semana", "mes",
        "año", "próximo", "otro", "que", "viene", "pasado", "fin", "primer", "último", "hrs", "pm", "am", "y media",
        "cuarto", "menos", "por", "medio", "dia", "días", "hábiles", "1", "3", "12", "15", "31", "2026", "/", "-", ":",
        ".", ",", "°", "ro", "quince", "veinte", "treinta", "mil", "👍", "é", "\u{301}", "\u{0}", "\t", "🇨🇱",
    ]
    static let alphabet: [Character] = Array("aeiouáéíóúñüÁÉÑ0123456789 /:-.,°ºª;()@+#'\"\\\t\n\r") +
        ["\u{0}", "\u{7}", "\u{1B}", "\u{301}", "\u{308}", "\u{200D}", "\u{FEFF}", "😀", "👍🏽", "🇨🇱", "👨‍👩‍👧", "\u{10FFFF}", "𝟙", "Ⅻ", "٣"]

    static func make(_ rng: inout SeededRNG, _ i: Int) -> String {
        switch i % 5 {
        case 0:   // mutated seed
            var chars = Array(seeds[Int(rng.next() % UInt64(seeds.count))])
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let op = rng.next() % 3
                let pos = chars.isEmpty ? 0 : Int(rng.next() % UInt64(chars.count))
                let c = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                if op == 0 || chars.isEmpty { chars.insert(c, at: min(pos, chars.count)) }
                else if op == 1 { chars.remove(at: pos) }
                else { chars[pos] = c }
            }
            return String(chars)
        case 1, 2:   // word soup
            let n = 1 + Int(rng.next() % 9)
            return (0..<n).map { _ in vocabulary[Int(rng.next() % UInt64(vocabulary.count))] }
                .joined(separator: rng.next() % 4 == 0 ? "" : " ")
        case 3:   // digit soup
            let n = 1 + Int(rng.next() % 16)
            return String((0..<n).map { _ in Array("0123456789/:.- ")[Int(rng.next() % 15)] })
        default:   // random characters
            let n = Int(rng.next() % 24)
            return String((0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
        }
    }
}

struct FuzzTests {
    static let ctx = TemporalContext(localNow: LocalDateTime(iso: "2026-11-25T10:00")!, timeZone: .santiago)

    static func checkWellFormed(_ m: TemporalMatch, input: String) {
        let a = Array(input.unicodeScalars), b = Array(m.text.unicodeScalars)
        let found = !b.isEmpty && b.count <= a.count && (0...(a.count - b.count)).contains { i in a[i..<(i + b.count)].elementsEqual(b) }
        if !found { Issue.record("text not from input: \(input.debugDescription) → \(m.text.debugDescription)") }
        func ok(_ d: LocalDate) -> Bool { LocalDate.isValid(year: d.year, month: d.month, day: d.day) }
        func ok(_ t: LocalTime) -> Bool { (0...23).contains(t.hour) && (0...59).contains(t.minute) }
        switch m.value {
        case .date(let d): #expect(ok(d))
        case .time(let t): #expect(ok(t))
        case .dateTime(let x): #expect(ok(x.date) && ok(x.time))
        case .dateRange(let a, let b): #expect(ok(a) && ok(b) && a <= b, "\(input.debugDescription)")
        case .timeRange(let a, let b): #expect(ok(a) && ok(b) && a != b, "\(input.debugDescription)")   // may cross midnight
        case .dateTimeRange(let a, let b): #expect(ok(a.date) && ok(b.time) && a < b, "\(input.debugDescription)")
        case .recurrence(let r): #expect(r.rrule.hasPrefix("FREQ="))
        }
        for a in m.alternatives { #expect(ok(a)) }
    }

    /// 200,000 seeded random and mutated strings spread over every parser (the temporal
    /// parser, the most complex, gets one in eight, as does each other parser, rotating):
    /// no crash, no hang, every result well-formed. Sized to run in a few seconds in debug;
    /// the release-mode libFuzzer campaign (see the module notes) goes much further.
    @Test func randomStrings() {
        var rng = SeededRNG(seed: 0x4D494E4741)
        let members = ["Ana Pérez", "Luis Soto", "Marcela Soto"]
        let service = WhenService(timeZone: .santiago, now: Self.ctx.now)
        for i in 0..<200_000 {
            let s = FuzzCorpus.make(&rng, i)
            if i % 8 == 7, let m = TemporalParser.parse(s, context: Self.ctx) { Self.checkWellFormed(m, input: s) }
            switch i % 8 {
            case 0: _ = YesNo.parse(s)
            case 1: _ = NumberParser.parse(s)
            case 2: if let d = DurationParser.parse(s), d <= 0 { Issue.record("duration \(d) for \(s.debugDescription)") }
            case 3: if PeopleParser.split(s).contains(where: { $0.isEmpty }) { Issue.record("empty name in \(s.debugDescription)") }
            case 4: if let p = PersonMatcher.match(s, among: members), !members.contains(p) { Issue.record("bad member") }
            case 5: _ = ContactParser.email(s); _ = ContactParser.phone(s)
            case 6:
                if i % 48 == 6 {
                    let line = service.respond(text: s)
                    if !(line.hasPrefix("{") && line.hasSuffix("}")) { Issue.record("bad line \(line)") }
                }
            default: _ = TextFold.fold(s); _ = ChileanCalendar.region(named: s)
            }
        }
    }

    /// Service output is always valid JSON, whatever the text.
    @Test func serviceJSON() throws {
        var rng = SeededRNG(seed: 7)
        let service = WhenService(timeZone: .santiago, now: Self.ctx.now)
        for i in 0..<2_000 {
            let s = FuzzCorpus.make(&rng, i)
            let line = service.respond(line: "{\"id\":\(i),\"text\":\(WhenService.quote(s))}")!
            let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(obj?["id"] as? Int == i)
            #expect(obj?["kind"] != nil || obj?["error"] != nil)
        }
    }

    /// Very long lines stay fast and safe.
    @Test func longLines() {
        let long = [String(repeating: "el martes a las 4 ", count: 600), String(repeating: "9", count: 10_000),
                    String(repeating: "á\u{301}😀/", count: 2_500), String(repeating: "de ", count: 3_400) + "mañana",
                    String(repeating: "y ", count: 5_000), String(repeating: "treinta y ", count: 1_000) + "uno"]
        for s in long {
            if let m = TemporalParser.parse(s, context: Self.ctx) { Self.checkWellFormed(m, input: s) }
            _ = YesNo.parse(s); _ = NumberParser.parse(s); _ = DurationParser.parse(s)
            _ = PeopleParser.split(s); _ = PersonMatcher.match(s, among: ["Ana"]); _ = ContactParser.phone(s)
        }
    }

    /// Garbage and impossible values read as nothing.
    @Test(arguments: ["99/99/9999 25:61", "32/13", "00/00", "31/02/2027", "a las 99", "25:61", "", "\u{0}\u{0}", "😀😀",
                      "////", "::::", "-1/-1", "\u{301}\u{301}"])
    func garbage(_ s: String) { #expect(TemporalParser.parse(s, context: Self.ctx) == nil) }
}
