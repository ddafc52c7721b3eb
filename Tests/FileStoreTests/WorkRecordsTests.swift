import CivilTime
import Domain
import FileStore
import Foundation
import Testing

@Suite struct WorkRecordsTests {
    static let tricky = "Dijo: \"sí\" — 50% listo\n---\nsegunda línea: con dos puntos # y emoji 🌱"

    func network(_ store: FileStore) throws -> Network {
        try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme, region: "Los Ríos"))
    }

    /// Meetings get sequential ids and read back every field, recurrence and lists included.
    @Test func meetingRoundTrip() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try network(store)
        let start = LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 2), time: LocalTime(hour: 15))
        let m = try store.addMeeting(Meeting(id: "", title: Self.tricky, kind: .regular, start: start, durationMinutes: 120,
                                             place: "Sala: 2", rrule: "FREQ=MONTHLY;BYDAY=1WE", agenda: ["uno", Self.tricky],
                                             participants: ["Ana Pérez"]), network: n.id)
        #expect(m.id == "E-1")
        let back = try #require(try store.snapshot(network: n.id).value.meetings.first)
        #expect(back == m)
    }

    /// A record deleted by mistake keeps its file, with who, when and why; the live view (what
    /// lists, answers and exports read) leaves it out. Records never deleted write no «borrado».
    @Test func deletedRecordsStayInTheirFiles() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try network(store)
        let start = LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 2), time: LocalTime(hour: 15))
        var m = try store.addMeeting(Meeting(id: "", title: "Consejo", kind: .regular, start: start), network: n.id)
        let kept = try store.addMeeting(Meeting(id: "", title: "Cierre", kind: .regular, start: start), network: n.id)
        var r = try store.addReflection(Reflection(id: "", date: nil, author: "Ana Pérez", practice: "Salida al humedal"), network: n.id)
        var p = try store.addPoll(Poll(id: "", title: "Fecha de la jornada", options: [start]), network: n.id)
        var member = Member(id: "carolina-munoz", name: "Carolina Muñoz")
        try store.saveMember(member, network: n.id)
        m.deleted = "2026-11-25T10:00:00-03:00 por Ana Pérez: repetido"
        r.deleted = m.deleted
        p.deleted = m.deleted
        member.deleted = m.deleted
        try store.updateMeeting(m, network: n.id)
        try store.updateReflection(r, network: n.id)
        try store.updatePoll(p, network: n.id)
        try store.saveMember(member, network: n.id)
        let raw = try store.snapshot(network: n.id).value
        #expect(raw.meetings.first { $0.id == m.id }?.deleted == m.deleted)
        #expect(raw.reflections.first?.deleted == m.deleted && raw.polls.first?.deleted == m.deleted)
        #expect(raw.members.first { $0.id == member.id }?.deleted == m.deleted)
        let live = raw.live
        #expect(live.meetings.map(\.id) == [kept.id])
        #expect(live.reflections.isEmpty && live.polls.isEmpty && !live.members.contains { $0.id == member.id })
        let file = try String(contentsOf: dir.appendingPathComponent("redes/\(n.id)/encuentros/\(m.id).md"), encoding: .utf8)
        #expect(file.contains("borrado: \"2026-11-25T10:00:00-03:00 por Ana Pérez: repetido\""))
        let untouched = try String(contentsOf: dir.appendingPathComponent("redes/\(n.id)/encuentros/\(kept.id).md"), encoding: .utf8)
        #expect(!untouched.contains("borrado"))
    }

    /// The purpose lives in red.md with the network; editing keeps the history and the network intact.
    @Test func purposeInNetworkFile() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try network(store)
        var p = Purpose(statement: Self.tricky, objectives: ["leer más"], date: LocalDate(year: 2026, month: 11, day: 25),
                        participants: ["Ana Pérez"], appropriations: [.init(member: "Luis Soto", text: "x: y", commitment: nil, date: nil)])
        try store.savePurpose(p, network: n.id)
        p.history = [.init(date: p.date, statement: p.statement, objectives: p.objectives)]
        p.statement = "otro"
        try store.savePurpose(p, network: n.id)
        let snap = try store.snapshot(network: n.id)
        #expect(snap.problems.isEmpty)
        #expect(snap.value.purpose == p)
        #expect(snap.value.network.region == "Los Ríos")
    }

    /// Polls, reflections and diagnoses read back exactly, whatever the users typed.
    @Test func otherRecordsRoundTrip() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try network(store)
        let o1 = LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 1), time: LocalTime(hour: 15))
        let o2 = LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 3), time: LocalTime(hour: 16, minute: 30))
        var poll = try store.addPoll(Poll(id: "", title: Self.tricky, options: [o1, o2]), network: n.id)
        poll.answers = [.init(member: "Ana Pérez", canAttend: [o2])]
        try store.updatePoll(poll, network: n.id)
        let r = try store.addReflection(Reflection(id: "", date: LocalDate(year: 2026, month: 11, day: 25), author: "Ana",
                                                   practice: Self.tricky, learnings: "leer: en voz alta", tags: ["lectura", "1° básico"],
                                                   institutionalize: true), network: n.id)
        let d = try store.addDiagnosis(Diagnosis(id: "", date: LocalDate(year: 2026, month: 11, day: 25), level: .coordinacion,
                                                 scores: ["confianza": 3, "colaboracion": 2.5], indicators: ["reflexiones_registradas": 1],
                                                 reasons: [Self.tricky]), network: n.id)
        let snap = try store.snapshot(network: n.id)
        #expect(snap.problems.isEmpty)
        #expect(snap.value.polls == [poll])
        #expect(snap.value.reflections == [r])
        #expect(snap.value.diagnoses == [d])
    }

    /// A meeting file fixed by hand (a typo in the title, an offset pasted from the export) reads back.
    @Test func handEditedMeeting() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try network(store)
        let start = LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 2), time: LocalTime(hour: 15))
        _ = try store.addMeeting(Meeting(id: "", title: "Reunon", kind: .regular, start: start), network: n.id)
        let url = dir.appendingPathComponent("redes/\(n.id)/encuentros/E-1.md")
        var text = try String(contentsOf: url, encoding: .utf8)
        text = text.replacingOccurrences(of: "Reunon", with: "Reunión de red: diciembre")
            .replacingOccurrences(of: "inicio: 2026-12-02T15:00", with: "inicio: 2026-12-02T16:00:00-03:00")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let m = try #require(try store.snapshot(network: n.id).value.meetings.first)
        #expect(m.title == "Reunión de red: diciembre")
        #expect(m.start.time == LocalTime(hour: 16))
    }

    /// A meeting file broken by hand is reported with its line and never overwritten.
    @Test func brokenMeetingReported() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try network(store)
        let start = LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 2), time: LocalTime(hour: 15))
        var m = try store.addMeeting(Meeting(id: "", title: "x", kind: .regular, start: start), network: n.id)
        let url = dir.appendingPathComponent("redes/\(n.id)/encuentros/E-1.md")
        let broken = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "tipo: regular", with: "tipo: reunion")
        try broken.write(to: url, atomically: true, encoding: .utf8)
        let snap = try store.snapshot(network: n.id)
        #expect(snap.value.meetings.isEmpty)
        #expect(snap.problems.count == 1)
        m.record(Occurrence(date: start.date, start: start, attendees: ["Ana"], status: .realizada))
        #expect(throws: StoreError.self) { try store.updateMeeting(m, network: n.id) }
        #expect(try String(contentsOf: url, encoding: .utf8) == broken)
        #expect(try store.addMeeting(Meeting(id: "", title: "y", kind: .regular, start: start), network: n.id).id == "E-2")
    }

    /// Recurrences expand as RFC 5545 says: monthly by ordinal weekday, every two weeks.
    @Test func recurrenceExpansion() {
        let from = LocalDate(year: 2026, month: 12, day: 1)
        let monthly = RecurrenceRule("FREQ=MONTHLY;BYDAY=1WE")!.dates(startingAt: from, from: from, to: LocalDate(year: 2027, month: 2, day: 28))
        #expect(monthly.map(\.iso) == ["2026-12-02", "2027-01-06", "2027-02-03"])
        let last = RecurrenceRule("FREQ=MONTHLY;BYDAY=-1FR")!.dates(startingAt: from, from: from, to: LocalDate(year: 2026, month: 12, day: 31))
        #expect(last.map(\.iso) == ["2026-12-25"])
        let start = LocalDate(year: 2026, month: 12, day: 3)
        let biweekly = RecurrenceRule("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH")!.dates(startingAt: start, from: start, to: LocalDate(year: 2026, month: 12, day: 31))
        #expect(biweekly.map(\.iso) == ["2026-12-03", "2026-12-17", "2026-12-31"])
        let counted = RecurrenceRule("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3")!.dates(startingAt: from, from: from, to: LocalDate(year: 2027, month: 1, day: 31))
        #expect(counted.map(\.iso) == ["2026-12-02", "2026-12-07", "2026-12-09"])
    }
}
