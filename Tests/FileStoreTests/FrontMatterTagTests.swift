import CivilTime
import Domain
@testable import FileStore
import Foundation
import Testing
import Yams
import YAMLSupport

/// Records are built with one shared constructor in their tags (`FrontMatter.implicit`) instead of
/// `Tag.implicit`'s new one per node: the text written, by the fast writer or by Yams, is the same
/// byte for byte, and reads back as it was.
@Suite struct FrontMatterTagTests {
    static let hostile = FrontMatterEmitterTests.texts + [
        "yes", "no", "No", "on", "off", "y", "n", "true", "False", "~", "NULL", "nan", ".inf", "-.5", "1e3", "0x1F",
        "007", "2026", "12:30", "a:b", "a: b", "a #b", "#x", " lead", "trail ", "\nstart", "end\n", "«comillas» y ‘otras’",
        "'simple'", "\"doble\"", "%porcentaje", "@arroba", "`tilde`", "!bang", "|pipe", ">mayor", "?pregunta", ",coma",
        "árbol ÁÉÍÓÚ ü ñ", "日本語", "Ω≈ç√", "x\u{2029}y", "\u{FEFF}bom", "\u{FFFD}", "a\\nb",
    ]

    /// The same tree as `FrontMatter.map(fields)`, every tag made by `Tag.implicit` (the old way).
    func withYamsTags(_ node: Node) -> Node {
        switch node {
        case .scalar(let s): return .scalar(.init(s.string, .implicit, s.style))
        case .sequence(let q): return .sequence(.init(q.map(withYamsTags), .implicit, q.style))
        case .mapping(let m): return .mapping(.init(m.map { (withYamsTags($0.key), withYamsTags($0.value)) }, .implicit, m.style))
        case .alias: return node
        }
    }

    func check(_ fields: [(String, Node)], _ label: String) throws {
        let tree = FrontMatter.map(fields)
        let old = try Yams.serialize(node: withYamsTags(tree), width: -1, allowUnicode: true)
        let new = try Yams.serialize(node: FrontMatter.map(fields), width: -1, allowUnicode: true)
        #expect(new == old, "\(label)")
        if let fast = FrontMatterEmitter.render(fields) { #expect(fast == old, "\(label)") }
        // What it wrote reads back as the same texts (libyaml drops a BOM that starts a quoted
        // text, with the old tags as with the new: not checked here).
        let back = try #require(try Yams.compose(yaml: new), "\(label)")
        for (key, value) in fields {
            if case .scalar(let s) = value, s.string != "null" || s.style != .plain, !s.string.hasPrefix("\u{FEFF}") {
                #expect(back.entry(key)?.value.scalar?.string == s.string, "\(label): \(key)")
            }
        }
    }

    @Test func hostileTextsAndPlainValuesWriteAsYamsWroteThem() throws {
        for text in Self.hostile {
            try check([("texto", FrontMatter.text(text)), ("id", FrontMatter.plain(text)), ("vacio", FrontMatter.null),
                       ("lista", FrontMatter.list([FrontMatter.text(text), FrontMatter.plain(text)])),
                       ("mapa", FrontMatter.map([("a", FrontMatter.text(text)), ("b", FrontMatter.plain(text))])),
                       ("ninguno", FrontMatter.list([]))], text.debugDescription)
        }
    }

    @Test func everyKindOfRecordWritesAsYamsWroteIt() throws {
        let day = LocalDate(year: 2026, month: 11, day: 25)
        let start = LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 2), time: LocalTime(hour: 15))
        for (i, text) in Self.hostile.enumerated() {
            var a = Agreement(id: "A-\(i + 1)", text: text, responsables: [text, "Ana Pérez"], deadline: i % 2 == 0 ? day : nil,
                              evidence: i % 3 == 0 ? nil : text, registered: "2026-11-25T10:00:00-03:00")
            a.history = [.init(at: "2026-11-26T10:00:00-03:00", status: .reprogramado, note: text, deadline: day)]
            var purpose = Purpose(statement: text, objectives: [text, "leer"], date: day, participants: ["Ana Pérez", text])
            purpose.appropriations = [.init(member: "Ana", text: text, commitment: text, date: day)]
            let records: [(FrontMatter, String)] = [
                (RecordCodec.encode(a), "acuerdo"),
                (RecordCodec.encode(Member(id: "persona-\(i)", name: text, role: text, school: text, strengths: text)), "miembro"),
                (RecordCodec.encode(Network(id: "red", name: text, kind: .rme, territory: text, region: text), purpose: purpose), "red"),
                (RecordCodec.encode(Meeting(id: "E-1", title: text, kind: .regular, start: start, durationMinutes: 120, place: text,
                                            rrule: "FREQ=MONTHLY;BYDAY=1WE", agenda: [text, "otro"])), "encuentro"),
            ]
            for (record, kind) in records { try check(record.fields, "\(kind) con \(text.debugDescription)") }
        }
    }
}

/// `FrontMatter.isSpecial` (which generated values are quoted) says what the list it replaced said.
@Test func specialPlainValuesAsBefore() {
    func before(_ s: String) -> Bool {
        ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"].contains(s.lowercased()) || Double(s) != nil || s.isEmpty
    }
    var values = FrontMatterTagTests.hostile + ["A-1", "E-12", "persona-3", "pendiente", "cumplido", "2026-11-25", "2026-12-02T15:00",
                                                 "inf", "Infinity", "-inf", "NaN", "nan(1)", "+1", ".5", "5.", "1_000", "0b101", "0o17",
                                                 "1e", "e3", "E3", "x1", "Y", "N", "ON", "Off", "TRUE", "nULL", "ye", "noo", "nulls",
                                                 " 5", "5 ", "\t5", "\u{A0}5", "٣", "５", "-", "+", ".", "0x", "0x1p3", "-0", "1,5"]
    for c in 0..<128 { values.append(String(UnicodeScalar(UInt8(c))) + "1") }
    for v in values { #expect(FrontMatter.isSpecial(v) == before(v), "\(v.debugDescription)") }
}
