import CivilTime
import Domain
@testable import FileStore
import Foundation
import Testing
import Yams

/// The record writer without libyaml writes exactly what Yams writes, or leaves the record to
/// Yams; and it does write the ordinary records (those a turn saves).
@Suite struct FrontMatterEmitterTests {
    static let texts = FastYAMLTests.texts + ["", "\u{A0}nbsp", "bom\u{FEFF}", "del\u{7F}", "\u{1F}unit", "ok 😀", "a\rb",
                                              "2026-12-01", "10:00", "http://x.cl/a?b=c#d", "pendiente",
                                              // Escapes next to combining marks: the plain runs between them are
                                              // copied whole, by scalar, not by character.
                                              "e\u{301}\"x\"a\u{301}", "n\u{303}\\o\u{308}\ttab", "\"\u{301}\"", "«cita» \"dentro\" y fin\\"]

    func yams(_ fields: [(String, Node)]) throws -> String {
        try Yams.serialize(node: FrontMatter.map(fields), width: -1, allowUnicode: true)
    }

    func check(_ record: FrontMatter, _ label: String) throws -> Bool {
        guard let fast = FrontMatterEmitter.render(record.fields) else { return false }
        #expect(fast == (try yams(record.fields)), "\(label)")
        return true
    }

    @Test func sameTextAsYamsForEveryKindOfRecord() throws {
        let day = LocalDate(year: 2026, month: 11, day: 25)
        let start = LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 2), time: LocalTime(hour: 15))
        var written = 0
        for (i, text) in Self.texts.enumerated() {
            var a = Agreement(id: "A-\(i + 1)", text: text, responsables: [text, "Ana Pérez"], deadline: i % 2 == 0 ? day : nil,
                              evidence: i % 3 == 0 ? nil : text, registered: "2026-11-25T10:00:00-03:00")
            a.history = [.init(at: "2026-11-26T10:00:00-03:00", status: .reprogramado, note: text, deadline: day)]
            var purpose = Purpose(statement: text, objectives: [text, "leer"], date: day, participants: ["Ana Pérez", text])
            purpose.appropriations = [.init(member: "Ana", text: text, commitment: text, date: day)]
            purpose.history = [.init(date: day, statement: text, objectives: [text])]
            let records: [(FrontMatter, String)] = [
                (RecordCodec.encode(a), "acuerdo"),
                (RecordCodec.encode(Member(id: "persona-\(i)", name: text, role: text, school: text, strengths: text)), "miembro"),
                (RecordCodec.encode(Network(id: "red", name: text, kind: .rme, territory: text, region: "Los Ríos"), purpose: purpose), "red"),
                (RecordCodec.encode(Meeting(id: "E-1", title: text, kind: .regular, start: start, durationMinutes: 120, place: text,
                                            rrule: "FREQ=MONTHLY;BYDAY=1WE", agenda: [text, "otro"])), "encuentro"),
                (RecordCodec.encode(Reflection(id: "R-1", date: day, author: text, practice: text, whatHappened: text, tags: [text])), "reflexión"),
                (RecordCodec.encode(Poll(id: "S-1", title: text, options: [start])), "sondeo"),
            ]
            for (record, kind) in records where try check(record, "\(kind) con «\(text.debugDescription)»") { written += 1 }
        }
        // Ordinary texts (most of them) go the fast way.
        #expect(written > Self.texts.count * 3)
    }

    @Test func theBenchmarksAgreementIsWrittenWithoutYams() throws {
        let a = Agreement(id: "A-10001", text: "tarea de la usuaria 0", responsables: ["Luis Soto"],
                          deadline: LocalDate(year: 2026, month: 11, day: 27), evidence: "acta del consejo de profesores",
                          registered: "2026-11-25T10:00:00-03:00")
        #expect(try check(RecordCodec.encode(a), "acuerdo"))
    }

    /// Shapes and characters outside what it knows are left to Yams.
    @Test func leavesTheRestToYams() {
        let control = Node.scalar(.init("a\u{7}b", .implicit, .doubleQuoted))
        let quotedPlain = Node.scalar(.init("a: b", .implicit, .plain))
        let single = Node.scalar(.init("x", .implicit, .singleQuoted))
        let emptyMap = Node.mapping(.init([], .implicit, .block))
        for node in [control, quotedPlain, single, emptyMap] {
            #expect(FrontMatterEmitter.render([("k", node)]) == nil)
        }
    }
}
