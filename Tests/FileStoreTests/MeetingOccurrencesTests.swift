import CivilTime
import Domain
import FileStore
import Foundation
import Testing

/// Each occurrence of a meeting keeps its own acta in encuentros/E-n.md; files written before
/// occurrences existed still load.
@Suite struct MeetingOccurrencesTests {
    let december = LocalDate(year: 2026, month: 12, day: 2)
    let january = LocalDate(year: 2027, month: 1, day: 6)

    func series() -> Meeting {
        Meeting(id: "", title: "Reunión mensual", kind: .regular, start: LocalDateTime(date: december, time: LocalTime(hour: 15)),
                durationMinutes: 120, rrule: "FREQ=MONTHLY;BYDAY=1WE", participants: ["Ana Pérez", "Luis Soto"],
                modified: "2026-11-25T10:00:00-03:00")
    }

    func write(_ text: String, to dir: URL, network: String) throws {
        let url = dir.appendingPathComponent("redes/\(network)/encuentros/E-1.md")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Two occurrences with every field (moved start, leader, tricky notes, suspension) read back exactly.
    @Test func occurrencesRoundTrip() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        var m = try store.addMeeting(series(), network: n.id)
        m.record(Occurrence(date: december, start: LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 3), time: LocalTime(hour: 16)),
                            ledBy: "Marta Rojas", attendees: ["Ana Pérez"], notes: WorkRecordsTests.tricky, agreements: ["A-1"],
                            status: .realizada))
        m.record(Occurrence(date: january, start: LocalDateTime(date: january, time: LocalTime(hour: 15)), status: .suspendida))
        m.sequence = 3
        m.modified = "2026-12-03T18:00:00-03:00"
        try store.updateMeeting(m, network: n.id)
        let snap = try store.snapshot(network: n.id)
        #expect(snap.problems.isEmpty)
        #expect(snap.value.meetings == [m])
        let text = try String(contentsOf: dir.appendingPathComponent("redes/\(n.id)/encuentros/E-1.md"), encoding: .utf8)
        #expect(text.contains("ocurrencias:") && text.contains("conduce: \"Marta Rojas\"") && text.contains("estado: suspendida"))
        #expect(text.contains("secuencia: \"3\"") && text.contains("modificado: 2026-12-03T18:00:00-03:00"))
    }

    /// A series scheduled with its leader («las dirige la Rosa») keeps it in the file; each
    /// date is led by it unless that date names its own, and only dates already held count as led.
    @Test func seriesLeaderRoundTripAndCounts() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        var draft = series()
        draft.leader = "Rosa Huenchual"
        var m = try store.addMeeting(draft, network: n.id)
        m.record(Occurrence(date: january, start: LocalDateTime(date: january, time: LocalTime(hour: 15)), ledBy: "Luis Soto"))
        try store.updateMeeting(m, network: n.id)
        let back = try store.snapshot(network: n.id).value.meetings[0]
        #expect(back == m && back.leader == "Rosa Huenchual")
        #expect(back.leader(on: december) == "Rosa Huenchual" && back.leader(on: january) == "Luis Soto")
        #expect(back.leaders(through: december.adding(days: -1)).isEmpty)
        #expect(back.leaders(through: december) == ["Rosa Huenchual"])
        #expect(back.leaders(through: january) == ["Rosa Huenchual", "Luis Soto"])
    }

    /// A series file of the previous version (acta at the top) loads with its acta on the first
    /// occurrence, and the next write saves the new shape.
    /// «desde la de enero en adelante, todas»: the dates before keep the former leader, the
    /// ones after lose a leader of their own.
    @Test func leaderFromADateOn() {
        var m = series()
        m.leader = "Luis Soto"
        let march = LocalDate(year: 2027, month: 3, day: 3)
        m.record(Occurrence(date: march, start: LocalDateTime(date: march, time: LocalTime(hour: 15)), ledBy: "Luis Soto"))
        m.lead("Ana Pérez", from: january)
        #expect(m.leader == "Ana Pérez")
        #expect(m.leader(on: december) == "Luis Soto")
        #expect(m.leader(on: january) == "Ana Pérez")
        #expect(m.leader(on: march) == "Ana Pérez")
        #expect(m.occurrences[march] == nil)
    }

    /// A fortnightly Tuesday series said to start on a Wednesday starts the Tuesday after it.
    @Test func seriesDayAfterADate() {
        let m = Meeting(id: "E-1", title: "Quincenal", kind: .microcentro, start: LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 8), time: LocalTime(hour: 15)),
                        rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")
        #expect(m.seriesDay(onOrAfter: LocalDate(year: 2027, month: 3, day: 17)).iso == "2027-03-23")
        #expect(m.seriesDay(onOrAfter: LocalDate(year: 2027, month: 3, day: 9)).iso == "2027-03-09")
    }

    @Test func oldSeriesFileMigrates() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        try write("""
            ---
            id: E-1
            titulo: "Reunión mensual"
            tipo: regular
            inicio: 2026-12-02T15:00
            duracion: 120
            lugar: null
            recurrencia: "FREQ=MONTHLY;BYDAY=1WE"
            tabla: []
            participantes: ["Ana Pérez", "Luis Soto"]
            asistentes: ["Ana Pérez", "Luis Soto"]
            acuerdos: ["A-2"]
            notas: "se revisó la pauta"
            ---
            # Reunión mensual

            """, to: dir, network: n.id)
        let read = try store.snapshot(network: n.id)
        #expect(read.problems.isEmpty)
        var m = try #require(read.value.meetings.first)
        #expect(m.sequence == 0 && m.modified == nil)
        #expect(m.recorded == [Occurrence(date: december, start: LocalDateTime(date: december, time: LocalTime(hour: 15)),
                                          attendees: ["Ana Pérez", "Luis Soto"], notes: "se revisó la pauta", agreements: ["A-2"],
                                          status: .realizada)])
        m.record(Occurrence(date: january, start: LocalDateTime(date: january, time: LocalTime(hour: 15)), attendees: ["Ana Pérez"],
                            status: .realizada))
        try store.updateMeeting(m, network: n.id)
        let text = try String(contentsOf: dir.appendingPathComponent("redes/\(n.id)/encuentros/E-1.md"), encoding: .utf8)
        #expect(!text.contains("\nasistentes:") && !text.contains("\nnotas:"))
        #expect(try store.snapshot(network: n.id).value.meetings == [m])
    }

    /// A one-time meeting of the previous version keeps its acta on its own date.
    @Test func oldSingleFileMigrates() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        try write("---\nid: E-1\ntitulo: \"Cierre\"\ntipo: regular\ninicio: 2026-11-30T15:00\nasistentes: [\"Luis Soto\"]\nacuerdos: []\nnotas: null\n---\n",
                  to: dir, network: n.id)
        let m = try #require(try store.snapshot(network: n.id).value.meetings.first)
        #expect(m.recorded.map(\.date) == [LocalDate(year: 2026, month: 11, day: 30)])
        #expect(m.latestAttendees == ["Luis Soto"])
    }

    /// A hand-written occurrence with an unknown estado is reported with its line.
    @Test func badOccurrenceStatusReported() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        try write("---\nid: E-1\ntipo: regular\ninicio: 2026-12-02T15:00\nocurrencias:\n  - fecha: 2026-12-02\n    estado: hecha\n---\n",
                  to: dir, network: n.id)
        let read = try store.snapshot(network: n.id)
        #expect(read.value.meetings.isEmpty)
        guard case .brokenFile(_, let line, let message)? = read.problems.first else {
            Issue.record("se esperaba un archivo roto, no \(read.problems)")
            return
        }
        #expect(line == 7)
        #expect(message.contains("realizada, suspendida o pendiente"))
    }

    /// Recording January's acta leaves December's untouched; a change bumps the sequence, no change does not.
    @Test func occurrencesAreIndependent() {
        var m = series()
        m.record(Occurrence(date: december, start: LocalDateTime(date: december, time: LocalTime(hour: 15)), attendees: ["Ana Pérez"],
                            status: .realizada))
        let before = m
        var jan = m.occurrence(on: january)
        jan.attendees = ["Luis Soto"]
        jan.status = .realizada
        m.record(jan)
        let changed = m.markChanged(since: before, at: "2027-01-06T18:00:00-03:00")
        #expect(changed)
        #expect(m.sequence == 1 && m.modified == "2027-01-06T18:00:00-03:00")
        #expect(m.occurrences[december]?.attendees == ["Ana Pérez"])
        #expect(m.latestAttendees == ["Luis Soto"])
        var same = m
        let changedAgain = same.markChanged(since: m, at: "2027-01-07T09:00:00-03:00")
        #expect(!changedAgain)
        #expect(same.sequence == 1)
        #expect(m.actaDate(asOf: LocalDate(year: 2027, month: 1, day: 20)) == january)
        #expect(m.actaDate(asOf: LocalDate(year: 2026, month: 11, day: 25)) == december)
    }
}
