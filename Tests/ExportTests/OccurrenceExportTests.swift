import CivilTime
import Domain
import Export
import Foundation
import PlainJSON
import Testing

/// Occurrences in the exports: `encuentros[].ocurrencias` in json, each acta in md, and
/// SEQUENCE / LAST-MODIFIED in ics.
@Suite struct OccurrenceExportTests {
    let december = LocalDate(year: 2026, month: 12, day: 2)
    let january = LocalDate(year: 2027, month: 1, day: 6)

    var snapshot: NetworkSnapshot {
        let start = LocalDateTime(date: december, time: LocalTime(hour: 16))
        let series = Meeting(id: "E-1", title: "Reunión mensual", kind: .regular, start: start, rrule: "FREQ=MONTHLY;BYDAY=1WE",
                             occurrences: [
                                Occurrence(date: december, start: start, ledBy: "Marta Rojas", attendees: ["Ana Pérez", "Luis Soto"],
                                           notes: "se revisó la pauta\ny el plan", agreements: ["A-14"], status: .realizada),
                                Occurrence(date: january, start: LocalDateTime(date: january, time: LocalTime(hour: 16)), status: .suspendida),
                             ], sequence: 2, modified: "2026-12-02T18:30:00-03:00")
        let single = Meeting(id: "E-2", title: "Jornada", kind: .jornada,
                             start: LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 10), time: LocalTime(hour: 9)))
        return NetworkSnapshot(network: Network(id: "rme-norte", name: "Red Norte", kind: .rme), meetings: [series, single])
    }

    func encuentros(today: LocalDate) throws -> [JSONValue] {
        let doc = JSONExport.document([snapshot], today: today)
        return try #require(doc["redes"]?.arrayValue?.first?["encuentros"]?.arrayValue)
    }

    /// A series lists every date from its first through the export's date plus the next one, every key present.
    @Test func seriesOccurrences() throws {
        let e1 = try encuentros(today: LocalDate(year: 2027, month: 2, day: 10))[0]
        let list = try #require(e1["ocurrencias"]?.arrayValue)
        #expect(list.map { $0["fecha"]?.stringValue } == ["2026-12-02", "2027-01-06", "2027-02-03", "2027-03-03"])
        #expect(list[0] == .object([
            ("fecha", .string("2026-12-02")), ("inicio", .string("2026-12-02T16:00:00-03:00")), ("conduce", .string("Marta Rojas")),
            ("asistentes", .strings(["Ana Pérez", "Luis Soto"])), ("notas", .string("se revisó la pauta\ny el plan")),
            ("acuerdos", .strings(["A-14"])), ("estado", .string("realizada")), ("registrado_por", .null),
        ]))
        #expect(list[1]["estado"] == .string("suspendida"))
        #expect(list[2] == .object([
            ("fecha", .string("2027-02-03")), ("inicio", .string("2027-02-03T16:00:00-03:00")), ("conduce", .null),
            ("asistentes", .array([])), ("notas", .null), ("acuerdos", .array([])), ("estado", .string("pendiente")), ("registrado_por", .null),
        ]))
        // The keys that existed before stay: latest acta's attendees, every agreement.
        #expect(e1["asistentes"] == .strings(["Ana Pérez", "Luis Soto"]))
        #expect(e1["acuerdos"] == .strings(["A-14"]))
    }

    /// Before the series starts it lists only its first date; a one-time meeting always has exactly one.
    @Test func beforeStartAndSingle() throws {
        let all = try encuentros(today: LocalDate(year: 2026, month: 11, day: 25))
        // The January record (suspendida) is listed even before its date comes.
        #expect(all[0]["ocurrencias"]?.arrayValue?.map { $0["fecha"]?.stringValue } == ["2026-12-02", "2027-01-06"])
        let single = try #require(all[1]["ocurrencias"]?.arrayValue)
        #expect(single.count == 1)
        #expect(single[0]["fecha"] == .string("2026-12-10") && single[0]["estado"] == .string("pendiente"))
        #expect(all[1]["asistentes"] == .array([]))
    }

    /// The report shows each acta under its meeting, with the date in words.
    @Test func markdownActa() {
        let md = MarkdownExport.document([snapshot], today: LocalDate(year: 2027, month: 1, day: 10),
                                         now: LocalDateTime(date: LocalDate(year: 2027, month: 1, day: 10), time: LocalTime(hour: 9)))
        #expect(md.contains("  - Acta del miércoles 2 de diciembre de 2026:\n    - Condujo: Marta Rojas\n    - Asistieron: Ana Pérez, Luis Soto\n    - Acuerdos: A-14\n    - Notas: se revisó la pauta\n      y el plan\n"))
        #expect(md.contains("  - Miércoles 6 de enero: suspendido.\n"))
    }

    /// Each VEVENT says how many times it changed and when, in UTC.
    @Test func icsSequenceAndLastModified() {
        let ics = ICSExport.document([snapshot], stamp: Date(timeIntervalSince1970: 1_795_000_000))
        #expect(ics.contains("SEQUENCE:2\r\nLAST-MODIFIED:20261202T213000Z\r\n"))
        #expect(ics.contains("SEQUENCE:0\r\n"))
        #expect(ics.components(separatedBy: "LAST-MODIFIED:").count == 2)
    }

    /// A date held elsewhere alone shows its own place in html and md; the others keep the series'.
    @Test func ownPlaceOfOneDate() {
        let start = LocalDateTime(date: december, time: LocalTime(hour: 16))
        var march = Occurrence(date: LocalDate(year: 2027, month: 3, day: 3), start: LocalDateTime(date: LocalDate(year: 2027, month: 3, day: 3), time: LocalTime(hour: 16)))
        march.place = "escuela Tenaún"
        var done = Occurrence(date: december, start: start, attendees: ["Ana Pérez"], status: .realizada)
        done.place = "sede de la junta"
        let series = Meeting(id: "E-1", title: "Reunión mensual", kind: .regular, start: start, place: "escuela El Manzano",
                             rrule: "FREQ=MONTHLY;BYDAY=1WE", occurrences: [done, march])
        let snap = NetworkSnapshot(network: Network(id: "rme-norte", name: "Red Norte", kind: .rme), meetings: [series])
        let today = LocalDate(year: 2027, month: 2, day: 10)
        let now = LocalDateTime(date: today, time: LocalTime(hour: 9))
        let md = MarkdownExport.document([snap], today: today, now: now)
        #expect(md.contains("escuela El Manzano."))
        #expect(md.contains("  - Miércoles 3 de marzo: en la escuela Tenaún.\n"))
        #expect(md.contains("    - Se hizo en la sede de la junta.\n"))
        let html = HTMLExport.document([snap], today: today, now: now)
        #expect(html.contains("en la escuela Tenaún."))
        #expect(html.contains("en la escuela El Manzano."))
    }
}
