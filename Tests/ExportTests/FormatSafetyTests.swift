import CivilTime
import Domain
@testable import Export
import FileStore
import Foundation
import Testing

/// Exports that never lose or corrupt data: ICS escaping, folding and time zones; CSV cells.
@Suite struct FormatSafetyTests {
    let stamp = Date(timeIntervalSince1970: 1_795_000_000)

    func snapshot(meetings: [Meeting] = [], agreements: [Agreement] = []) -> NetworkSnapshot {
        NetworkSnapshot(network: Network(id: "rme-norte", name: "Red Norte", kind: .rme), members: [],
                        agreements: agreements, purpose: nil, meetings: meetings)
    }

    func meeting(_ id: String, _ year: Int, month: Int = 12, day: Int = 2, place: String? = nil, rrule: String? = "FREQ=MONTHLY;BYDAY=1WE") -> Meeting {
        Meeting(id: id, title: "Reunión", kind: .regular,
                start: LocalDateTime(date: LocalDate(year: year, month: month, day: day), time: LocalTime(hour: 15)),
                durationMinutes: 120, place: place, rrule: rrule, agenda: [])
    }

    /// The instant a wall-clock time names at a given UTC offset.
    func instant(_ dt: LocalDateTime, offset: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(dt.date.dayNumber * 86_400 + dt.time.hour * 3600 + dt.time.minute * 60 - offset))
    }

    /// The content lines of an ICS document, unfolded.
    func contentLines(_ ics: String) -> [String] {
        ics.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
    }

    /// The VTIMEZONE block of an ICS document, as its content lines.
    func vtimezone(_ ics: String) -> [String] {
        let lines = contentLines(ics)
        let from = lines.firstIndex(of: "BEGIN:VTIMEZONE")!, to = lines.firstIndex(of: "END:VTIMEZONE")!
        return Array(lines[from...to])
    }

    // MARK: ICS text

    /// TEXT values escape backslash, `;` and `,`, and every CR LF, lone CR and LF becomes `\n`.
    @Test func icsEscapesEveryLineBreak() {
        let place = "Escuela Los Aromos\r\nSala 2\rpiso 1\nala; norte, \\ sur"
        let ics = ICSExport.document([snapshot(meetings: [meeting("E-1", 2026, place: place)])], stamp: stamp)
        #expect(contentLines(ics).contains(#"LOCATION:Escuela Los Aromos\nSala 2\npiso 1\nala\; norte\, \\ sur"#))
        // No raw CR or LF anywhere but as the CRLF that ends a content line.
        let bytes = Array(ics.utf8)
        for (i, b) in bytes.enumerated() where b == 0x0D || b == 0x0A {
            if b == 0x0D { #expect(i + 1 < bytes.count && bytes[i + 1] == 0x0A, "CR suelto en el byte \(i)") }
            if b == 0x0A { #expect(i > 0 && bytes[i - 1] == 0x0D, "LF suelto en el byte \(i)") }
        }
    }

    /// Lines fold at 75 octets without splitting a UTF-8 sequence, even inside a long grapheme
    /// cluster, and unfolding gives the value back byte for byte.
    @Test func icsFoldsOnBytes() throws {
        let family = "👨‍👩‍👧‍👦"  // one Character, 25 bytes
        let title = String(repeating: "á", count: 50) + String(repeating: family, count: 6) + String(repeating: "x", count: 3)
        var m = meeting("E-1", 2026)
        m.title = title
        let ics = ICSExport.document([snapshot(meetings: [m])], stamp: stamp)
        for line in ics.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75, "\(line)")
            #expect(String(validating: Array(line.utf8), as: UTF8.self) != nil, "secuencia UTF-8 cortada: \(line)")
        }
        #expect(contentLines(ics).contains("SUMMARY:" + title))
    }

    // MARK: ICS time zone

    /// Chile's current rule, checked against the system tzdata through Foundation for 2026–2030:
    /// DST begins on the Sunday among September 2–8 at 00:00 (clocks to 01:00, -04 → -03) and
    /// ends on the Sunday among April 2–8 at 00:00 (back to 23:00 of Saturday, -03 → -04). In
    /// 2030 September 1 is a Sunday and the change is on the 8th: not "the first Sunday".
    @Test(arguments: 2026...2030) func chileRuleMatchesTzdata(year: Int) throws {
        let tz = TimeZone.santiago
        func sunday(month: Int) -> LocalDate {
            (2...8).map { LocalDate(year: year, month: month, day: $0) }.first { $0.weekday == 7 }!
        }
        for (month, before, after) in [(9, -4, -3), (4, -3, -4)] {
            let day = sunday(month: month)
            // 00:00 local in the offset before the change.
            let instant = instant(LocalDateTime(date: day, time: LocalTime(hour: 0)), offset: before * 3600)
            #expect(tz.secondsFromGMT(for: instant.addingTimeInterval(-1)) == before * 3600)
            #expect(tz.secondsFromGMT(for: instant) == after * 3600)
            let transition = try #require(tz.nextDaylightSavingTimeTransition(after: instant.addingTimeInterval(-86_400 * 200)))
            let next = tz.nextDaylightSavingTimeTransition(after: transition)!
            #expect([transition, next].contains(instant), "\(year)-\(month): la transición no es la esperada")
            #expect(LocalDateTime(instant, in: tz).time == LocalTime(hour: month == 9 ? 1 : 23))
        }
        if year == 2030 { #expect(tz.secondsFromGMT(for: instant(LocalDateTime(iso: "2030-09-01T12:00")!, offset: -4 * 3600)) == -4 * 3600) }
    }

    /// The VTIMEZONE states Chile's rule as yearly RRULEs, so an open-ended series is right in any year.
    @Test func santiagoVTimezoneHasTheRule() {
        let ics = ICSExport.document([snapshot(meetings: [meeting("E-1", 2026)])], stamp: stamp)
        #expect(vtimezone(ics) == [
            "BEGIN:VTIMEZONE", "TZID:America/Santiago",
            "BEGIN:STANDARD", "DTSTART:20250406T000000", "TZOFFSETFROM:-0300", "TZOFFSETTO:-0400",
            "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=SU;BYMONTHDAY=2,3,4,5,6,7,8", "TZNAME:-04", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:20250907T000000", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0300",
            "RRULE:FREQ=YEARLY;BYMONTH=9;BYDAY=SU;BYMONTHDAY=2,3,4,5,6,7,8", "TZNAME:-03", "END:DAYLIGHT",
            "END:VTIMEZONE",
        ])
    }

    /// Meetings from years with other transitions (Chile's 2022 September change was on the 11th)
    /// get those as explicit components before the rule takes over.
    @Test func olderYearsGetExplicitTransitions() {
        let ics = ICSExport.document([snapshot(meetings: [meeting("E-1", 2022, month: 5, day: 4)])], stamp: stamp)
        let tz = vtimezone(ics)
        let starts = tz.filter { $0.hasPrefix("DTSTART:") }
        #expect(starts == ["DTSTART:20210404T000000", "DTSTART:20210905T000000", "DTSTART:20220403T000000",
                           "DTSTART:20220911T000000", "DTSTART:20230402T000000", "DTSTART:20230903T000000"])
        #expect(tz.filter { $0.hasPrefix("RRULE:") }.count == 2)
        // The rules follow the last explicit component.
        #expect(tz.firstIndex(of: "DTSTART:20220911T000000")! < tz.firstIndex { $0.hasPrefix("RRULE:") }!)
    }

    /// Other zones: a "last Sunday" rule reads as `BYDAY=-1SU`, and a zone without DST gets its fixed offset.
    @Test func otherZones() throws {
        let madrid = try #require(TimeZone(identifier: "Europe/Madrid"))
        let ics = ICSExport.document([snapshot(meetings: [meeting("E-1", 2026)])], timeZone: madrid, stamp: stamp)
        #expect(vtimezone(ics).contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"))
        #expect(vtimezone(ics).contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"))
        let magallanes = try #require(TimeZone(identifier: "America/Punta_Arenas"))
        let fixed = vtimezone(ICSExport.document([snapshot(meetings: [meeting("E-1", 2026)])], timeZone: magallanes, stamp: stamp))
        #expect(fixed.contains("TZOFFSETFROM:-0300") && fixed.contains("TZOFFSETTO:-0300"))
        #expect(!fixed.contains { $0.hasPrefix("RRULE:") || $0.contains("-0400") })
    }

    /// Python's icalendar reads the calendar, and each VTIMEZONE, read on its own, agrees with
    /// tzdata every day until 2075 (skipped when python3 or the package is missing).
    @Test(arguments: [2022, 2026]) func icsTimeZoneValidatesWithIcalendar(year: Int) throws {
        try validateWithIcalendar(ICSExport.document([snapshot(meetings: [meeting("E-1", year, place: "Sala\r\n2"),
                                                                           meeting("E-2", year + 1, rrule: nil)])], stamp: stamp))
    }

    // MARK: CSV

    /// Reads RFC 4180 text back into rows (quoted fields, doubled quotes, line breaks inside quotes).
    func parseCSV(_ text: String, delimiter: Character) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    let n = chars.next()
                    if n == "\"" { field.append("\"") } else { quoted = false; pending = n }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == delimiter { row.append(field); field = ""
            } else if c == "\r\n" { row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(c) }
        }
        return rows
    }

    let hostile = ["=HYPERLINK(\"http://x.example\",\"clic\")", "+56 9 1234", "-2+3", "@SUMA(A1)", "\tpestaña", "\rretorno",
                   "texto, con coma; y punto y coma", "dijo \"sí\"\ny siguió", " borde ", "normal - sin riesgo"]

    func agreements() -> [Agreement] {
        hostile.enumerated().map { i, text in
            Agreement(id: "A-\(i + 1)", text: text, responsables: ["Ana Pérez", "=Luis"], deadline: nil, evidence: "@acta")
        }
    }

    /// Cells a spreadsheet would run as formulas get a leading `'` inside quotes; the rest read back unchanged.
    @Test(arguments: [Character(";"), Character(",")]) func csvNeutralisesFormulas(delimiter: Character) {
        let csv = CSVExport.document([snapshot(agreements: agreements())], today: LocalDate(year: 2026, month: 11, day: 25),
                                     delimiter: delimiter)
        #expect(Array(csv.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(csv.hasPrefix("\u{FEFF}red\(delimiter)id\(delimiter)texto\(delimiter)"))
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://x.example\"\",\"\"clic\"\")\""))
        let rows = parseCSV(csv, delimiter: delimiter)
        #expect(rows.count == hostile.count + 1)
        #expect(rows.allSatisfy { $0.count == CSVExport.header.count }, "\(rows)")
        for (row, text) in zip(rows.dropFirst(), hostile) {
            let risky = ["=", "+", "-", "@", "\t", "\r"].contains { text.hasPrefix($0) }
            #expect(row[2] == (risky ? "'" + text : text))
            #expect(row[3] == "Ana Pérez; =Luis")
            #expect(row[5] == "'@acta")
        }
    }

    /// With `,` a comma forces quotes, with `;` a semicolon does; both keep the other delimiter safe too.
    @Test func csvQuotesTheDelimiter() {
        #expect(CSVExport.field("a,b", delimiter: ",") == "\"a,b\"")
        #expect(CSVExport.field("a;b", delimiter: ";") == "\"a;b\"")
        #expect(CSVExport.field("a;b", delimiter: ",") == "\"a;b\"")
        #expect(CSVExport.field("dijo \"sí\"", delimiter: ";") == "\"dijo \"\"sí\"\"\"")
        #expect(CSVExport.field("línea\r\notra", delimiter: ";") == "\"línea\r\notra\"")
        #expect(CSVExport.field("simple", delimiter: ";") == "simple")
        #expect(CSVExport.field("-", delimiter: ";") == "\"'-\"")
    }

    // MARK: Store files edited on Windows

    /// A store whose files were saved with CR LF line endings and a BOM exports every network and record.
    @Test func crlfStoreExportsItsNetwork() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("minga-crlf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try FileStore(root: root)
        let n = try store.createNetwork(Network(id: "", name: "Red Windows", kind: .rme, territory: "Valdivia"))
        _ = try store.addAgreement(Agreement(id: "", text: "leer\ncada día", responsables: ["Ana Pérez"],
                                             deadline: LocalDate(year: 2026, month: 12, day: 15), evidence: nil), network: n.id)
        try store.saveMember(Member(id: "", name: "Ana Pérez", role: "directora"), network: n.id)
        _ = try store.addMeeting(meeting("", 2026), network: n.id)
        let today = LocalDate(year: 2026, month: 11, day: 25)
        let before = try StoreExport.json(store, network: nil, today: today).value
        for case let path as String in FileManager.default.enumerator(atPath: root.appendingPathComponent("redes").path)! where path.hasSuffix(".md") {
            let url = root.appendingPathComponent("redes").appendingPathComponent(path)
            let text = try String(contentsOf: url, encoding: .utf8)
            try Data(("\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")).utf8).write(to: url)
        }
        let read = try StoreExport.json(FileStore(root: root), network: nil, today: today)
        #expect(read.problems.isEmpty, "\(read.problems)")
        #expect(read.value["redes"]?.arrayValue?.count == 1)
        #expect(read.value == before)
    }
}
