import Assistant
import CivilTime
import Domain
import FileStore
import Foundation
import Testing

@Suite struct AttendanceOccurrenceTests {
    /// An acta recorded through the chat lands on the occurrence held that day, bumps the
    /// meeting's sequence and stamps the change with the injected clock.
    @Test func actaStampsTheChange() throws {
        let store = MemoryStore()
        let network = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        let december = LocalDate(year: 2026, month: 12, day: 2)
        _ = try store.addMeeting(Meeting(id: "", title: "Reunión mensual", kind: .regular,
                                         start: LocalDateTime(date: december, time: LocalTime(hour: 15)), rrule: "FREQ=MONTHLY;BYDAY=1WE",
                                         participants: ["Ana Pérez", "Luis Soto"], modified: "2026-11-25T10:00:00-03:00"), network: network.id)
        let at = CivilTime.Clock.parseNow("2027-01-06T18:00", timeZone: .santiago)!
        let s = Assistant(store: store, flows: flows, clock: .fixed(at, timeZone: .santiago))
            .session(for: UserRef(id: "ana", name: "Ana Pérez"))
        _ = s.open()
        var last = Reply(messages: [], expects: nil)
        // «no» to «¿Agrego a Luis Soto?»: the participants are not members of this store.
        for line in ["registrar el acta", "todos", "no", "ninguno", "saltar", "sí"] { last = s.handle(line) }
        #expect(last.messages.contains { $0.contains("del miércoles 6 de enero") })
        let m = try #require(try store.snapshot(network: network.id).value.meetings.first)
        #expect(m.recorded.map(\.date) == [LocalDate(year: 2027, month: 1, day: 6)])
        #expect(m.sequence == 1)
        #expect(m.modified == "2027-01-06T18:00:00-03:00")
    }
}
