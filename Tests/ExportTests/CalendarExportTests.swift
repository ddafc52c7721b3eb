import CivilTime
import Domain
import Export
import Foundation
import PlainJSON
import Testing

@Suite struct CalendarExportTests {
    let snapshot: NetworkSnapshot = {
        let start = LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 2), time: LocalTime(hour: 15))
        let winter = LocalDateTime(date: LocalDate(year: 2026, month: 6, day: 4), time: LocalTime(hour: 16))
        return NetworkSnapshot(
            network: Network(id: "rme-norte", name: "Red Norte", kind: .rme, territory: "Valdivia", region: "Los Ríos"),
            members: [Member(id: "ana-perez", name: "Ana Pérez")],
            agreements: [Agreement(id: "A-1", text: "leer, \"en voz alta\"\ny comentar", responsables: ["Ana Pérez", "Luis Soto"],
                                   deadline: LocalDate(year: 2026, month: 12, day: 15), evidence: "acta; firmada")],
            purpose: Purpose(statement: "Leer más", objectives: ["uno"]),
            meetings: [
                Meeting(id: "E-1", title: "Reunión mensual, con tabla; y más", kind: .regular, start: start, durationMinutes: 120,
                        place: "Escuela Los Aromos", rrule: "FREQ=MONTHLY;BYDAY=1WE", agenda: ["lectura de acuerdos", String(repeating: "á", count: 80)]),
                Meeting(id: "E-2", title: "Microcentro de invierno", kind: .microcentro, start: winter),
            ])
    }()

    let stamp = Date(timeIntervalSince1970: 1_795_000_000)

    /// The ICS has one VEVENT per meeting, stable UIDs, TZID times, the RRULE and a VTIMEZONE.
    @Test func icsStructure() {
        let ics = ICSExport.document([snapshot], stamp: stamp)
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count == 3)
        #expect(ics.contains("UID:E-1-rme-norte@minga"))
        #expect(ics.contains("DTSTART;TZID=America/Santiago:20261202T150000"))
        #expect(ics.contains("DTEND;TZID=America/Santiago:20261202T170000"))
        #expect(ics.contains("RRULE:FREQ=MONTHLY;BYDAY=1WE"))
        #expect(ics.contains("BEGIN:VTIMEZONE\r\nTZID:America/Santiago"))
        #expect(ics.contains("TZOFFSETTO:-0300") && ics.contains("TZOFFSETTO:-0400"))
        #expect(ics.contains("SUMMARY:Reunión mensual\\, con tabla\\; y más"))
        // Every line is at most 75 octets.
        for line in ics.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
        // Same store, same calendar: UIDs and content are stable.
        #expect(ics == ICSExport.document([snapshot], stamp: stamp))
    }

    /// Magallanes stays on UTC−3 all year: its network's winter meeting is exported at −03:00
    /// under its own zone (America/Punta_Arenas), while a Los Ríos one in the same export keeps
    /// Santiago's winter −04:00; a zone given on purpose (`--tz`) is kept.
    @Test func magallanesKeepsItsOwnZone() throws {
        var south = snapshot
        south.network = Network(id: "micro-sur", name: "Microcentro Sur", kind: .microcentro, territory: "Natales", region: "Magallanes")
        let json = JSONExport.document([snapshot, south], today: LocalDate(year: 2026, month: 5, day: 1)).rendered(pretty: false)
        #expect(json.contains("\"inicio\":\"2026-06-04T16:00:00-04:00\""))
        #expect(json.contains("\"inicio\":\"2026-06-04T16:00:00-03:00\""))
        let ics = ICSExport.document([snapshot, south], stamp: stamp)
        #expect(ics.contains("BEGIN:VTIMEZONE\r\nTZID:America/Santiago"))
        #expect(ics.contains("BEGIN:VTIMEZONE\r\nTZID:America/Punta_Arenas"))
        #expect(ics.contains("DTSTART;TZID=America/Punta_Arenas:20260604T160000"))
        #expect(ics.contains("DTSTART;TZID=America/Santiago:20260604T160000"))
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(south.network.zone(default: utc) == utc)
        var aysen = south.network
        aysen.region = "Aysén"
        #expect(aysen.zone(default: .santiago).identifier == "America/Coyhaique")
    }

    /// A series that pauses in the summer keeps it in its RRULE (BYMONTH), so a calendar skips
    /// those months, and Minga's own occurrence list agrees.
    @Test func seriesWithoutSummerMonths() {
        let rrule = RecurrenceRule.skipping([1, 2], in: "FREQ=MONTHLY;BYDAY=-1TH")
        #expect(rrule == "FREQ=MONTHLY;BYDAY=-1TH;BYMONTH=3,4,5,6,7,8,9,10,11,12")
        let start = LocalDateTime(date: LocalDate(year: 2026, month: 11, day: 26), time: LocalTime(hour: 15))
        let m = Meeting(id: "E-3", title: "Microcentro", kind: .microcentro, start: start, rrule: rrule)
        let dates = m.scheduledDates(from: LocalDate(year: 2026, month: 11, day: 1), to: LocalDate(year: 2027, month: 4, day: 30))
        #expect(dates.map(\.iso) == ["2026-11-26", "2026-12-31", "2027-03-25", "2027-04-29"])
        var s = snapshot
        s.meetings = [m]
        let ics = ICSExport.document([s], stamp: stamp)
        #expect(ics.contains("RRULE:FREQ=MONTHLY;BYDAY=-1TH;BYMONTH=3,4,5,6,7,8,9,10,11,12"))
        // A suspended date of the series is an EXDATE.
        var suspended = m
        suspended.record(Occurrence(date: LocalDate(year: 2026, month: 12, day: 31), start: LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 31), time: LocalTime(hour: 15)), status: .suspendida))
        s.meetings = [suspended]
        #expect(ICSExport.document([s], stamp: stamp).contains("EXDATE;TZID=America/Santiago:20261231T150000"))
        // A date moved on its own is an override of that instance (RECURRENCE-ID), and Minga's
        // own occurrences start when it was moved to.
        var moved = m
        let march = LocalDate(year: 2027, month: 3, day: 25)
        moved.record(Occurrence(date: march, start: LocalDateTime(date: LocalDate(year: 2027, month: 3, day: 26), time: LocalTime(hour: 15))))
        s.meetings = [moved]
        let overridden = ICSExport.document([s], stamp: stamp)
        #expect(overridden.contains("RECURRENCE-ID;TZID=America/Santiago:20270325T150000\r\nDTSTART;TZID=America/Santiago:20270326T150000"))
        #expect(moved.occurrences(from: march, to: march).map(\.date.iso) == ["2027-03-26"])
        // Skipping again keeps the months already skipped.
        #expect(RecurrenceRule.skipping([7], in: rrule) == "FREQ=MONTHLY;BYDAY=-1TH;BYMONTH=3,4,5,6,8,9,10,11,12")
    }

    /// A bounded series keeps its end: UNTIL (stored as the last day) goes to the .ics as a UTC
    /// date-time, as RFC 5545 wants with a DTSTART that has a TZID; COUNT goes as it is.
    @Test func boundedSeries() {
        let start = LocalDateTime(date: LocalDate(year: 2027, month: 3, day: 1), time: LocalTime(hour: 11))
        let m = Meeting(id: "E-4", title: "Taller", kind: .proyecto, start: start, rrule: "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270331")
        #expect(m.scheduledDates(from: start.date, to: LocalDate(year: 2027, month: 12, day: 31)).map(\.iso)
                == ["2027-03-01", "2027-03-08", "2027-03-15", "2027-03-22", "2027-03-29"])
        var s = snapshot
        s.meetings = [m, Meeting(id: "E-5", title: "Taller", kind: .proyecto, start: start, rrule: "FREQ=WEEKLY;BYDAY=MO;COUNT=4")]
        let ics = ICSExport.document([s], stamp: stamp)
        #expect(ics.contains("RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20270401T025900Z"))
        #expect(ics.contains("RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4"))
        #expect(s.meetings[1].scheduledDates(from: start.date, to: LocalDate(year: 2027, month: 12, day: 31)).count == 4)
    }

    /// The ICS parses with Python's icalendar (skipped when python3 or the package is missing).
    @Test func icsParsesWithIcalendar() throws {
        try validateWithIcalendar(ICSExport.document([snapshot], stamp: stamp))
    }

    /// The CSV is RFC 4180 with a UTF-8 BOM: quotes doubled, fields with commas or line breaks quoted, CRLF rows.
    @Test func csvQuoting() {
        let csv = CSVExport.document([snapshot], today: LocalDate(year: 2026, month: 11, day: 25), delimiter: ",")
        #expect(csv.hasPrefix("\u{FEFF}red,id,texto,"))
        #expect(csv.contains("\"leer, \"\"en voz alta\"\"\ny comentar\""))
        #expect(csv.contains("\"Ana Pérez; Luis Soto\""))
        #expect(csv.contains(",pendiente,"))
        #expect(csv.hasSuffix("\r\n"))
        #expect(Array(Data(csv.utf8).prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    /// The JSON export carries meetings with offsets that follow Chile's DST, and the purpose.
    @Test func jsonMeetingsAndPurpose() throws {
        let doc = JSONExport.document([snapshot], today: LocalDate(year: 2026, month: 11, day: 25))
        let red = try #require(doc["redes"]?.arrayValue?.first)
        let e = try #require(red["encuentros"]?.arrayValue)
        #expect(e[0]["inicio"] == .string("2026-12-02T15:00:00-03:00"))
        #expect(e[0]["fin"] == .string("2026-12-02T17:00:00-03:00"))
        #expect(e[1]["inicio"] == .string("2026-06-04T16:00:00-04:00"))
        #expect(e[1]["lugar"] == .null && e[1]["recurrencia"] == .null && e[1]["tabla"] == .array([]))
        for key in ["id", "titulo", "tipo", "inicio", "fin", "lugar", "recurrencia", "tabla", "participantes", "conduce", "asistentes", "acuerdos"] {
            #expect(e[0][key] != nil, "falta \(key)")
        }
        let p = try #require(red["proposito"])
        for key in ["enunciado", "objetivos", "fecha", "participantes", "apropiaciones", "historial"] { #expect(p[key] != nil, "falta \(key)") }
    }

    /// The Markdown report has the purpose, the calendar, agreements by status and the diagnosis section.
    @Test func markdownReport() {
        let md = MarkdownExport.document([snapshot], today: LocalDate(year: 2026, month: 11, day: 25),
                                         now: LocalDateTime(date: LocalDate(year: 2026, month: 11, day: 25), time: LocalTime(hour: 10)))
        for heading in ["# Red Norte", "## Propósito común", "## Calendario", "## Acuerdos", "### Pendiente (1)", "## Aprendizajes", "## Último diagnóstico"] {
            #expect(md.contains(heading), "falta \(heading)")
        }
    }

    /// A member's reading of the purpose and their commitment read as two sentences.
    @Test func markdownAppropriation() {
        var s = snapshot
        s.purpose?.appropriations = [Purpose.Appropriation(member: "Ana Pérez", text: "leer cada día con los cabros", commitment: "lectura diaria desde marzo"),
                                     Purpose.Appropriation(member: "Luis Soto", text: "medir la lectura.", commitment: "llevarlo al consejo")]
        let md = MarkdownExport.document([s], today: LocalDate(year: 2026, month: 11, day: 25),
                                         now: LocalDateTime(date: LocalDate(year: 2026, month: 11, day: 25), time: LocalTime(hour: 10)))
        #expect(md.contains("- **Ana Pérez**: leer cada día con los cabros. Compromiso: lectura diaria desde marzo"))
        #expect(md.contains("- **Luis Soto**: medir la lectura. Compromiso: llevarlo al consejo"))
    }
}

/// Runs scripts/validate_ics.py on `ics`; skipped (no expectation) when python3 or the
/// icalendar package is missing (exit 77).
func validateWithIcalendar(_ ics: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("minga-\(UUID().uuidString).ics")
    try ics.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/validate_ics.py")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", script.path, file.path]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    guard (try? p.run()) != nil else { return }
    p.waitUntilExit()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    if p.terminationStatus == 77 { return }  // icalendar not installed: skipped
    #expect(p.terminationStatus == 0, "\(text)", sourceLocation: sourceLocation)
}
