import CivilTime
import Domain
import FileStore
import Foundation
import Testing

/// Members answering the same record at the same moment, from two processes (two FileStore
/// instances on one folder) or many threads: every confirmed answer stays in the file.
@Suite struct ConcurrentModifyTests {
    let start = LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 2), time: LocalTime(hour: 15))

    func network(_ store: FileStore) throws -> Network {
        try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme, region: "Los Ríos"))
    }

    /// Both processes read the poll before either writes; each adds its member's answer to the
    /// poll as stored at its write, so neither answer overwrites the other.
    @Test func twoProcessesAnswerOnePoll() throws {
        let (first, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let second = try FileStore(root: dir)
        let n = try network(first)
        let poll = try first.addPoll(Poll(id: "", title: "Jornada", options: [start]), network: n.id)
        let seenByFirst = try #require(try first.snapshot(network: n.id).value.polls.first)
        let seenBySecond = try #require(try second.snapshot(network: n.id).value.polls.first)
        #expect(seenByFirst.answers.isEmpty && seenBySecond.answers.isEmpty)

        let afterFirst = try first.modifyPoll(id: seenByFirst.id, network: n.id) {
            $0.answers.append(Poll.Answer(member: "Ana Pérez", canAttend: [start]))
        }
        let afterSecond = try second.modifyPoll(id: seenBySecond.id, network: n.id) {
            $0.answers.append(Poll.Answer(member: "Luis Soto", canAttend: []))
        }
        #expect(afterFirst.answers.map(\.member) == ["Ana Pérez"])
        // What the second write returns is the record as written: both answers.
        #expect(afterSecond.answers.map(\.member) == ["Ana Pérez", "Luis Soto"])
        let onDisk = try #require(try FileStore(root: dir).snapshot(network: n.id).value.polls.first { $0.id == poll.id })
        #expect(onDisk.answers.map(\.member) == ["Ana Pérez", "Luis Soto"])
        #expect(onDisk.title == "Jornada")
    }

    /// The same for the responses of one diagnosis round, whose means come from the responses
    /// in the file at the write.
    @Test func twoProcessesAnswerOneDiagnosisRound() throws {
        let (first, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let second = try FileStore(root: dir)
        let n = try network(first)
        let today = LocalDate(year: 2026, month: 11, day: 26)
        let round = try first.addDiagnosis(Diagnosis(id: "", date: today, level: .intercambio, scores: [:], indicators: [:],
                                                     round: "2026-2", openedBy: "Ana Pérez"), network: n.id)
        _ = try #require(try first.snapshot(network: n.id).value.diagnoses.first)
        _ = try #require(try second.snapshot(network: n.id).value.diagnoses.first)

        _ = try first.modifyDiagnosis(id: round.id, network: n.id) {
            $0.record(.init(member: "Luis Soto", date: today, scores: ["confianza": 2]))
            $0.scores = $0.meanScores
        }
        let written = try second.modifyDiagnosis(id: round.id, network: n.id) {
            $0.record(.init(member: "Marta Rivas", date: today, scores: ["confianza": 4]))
            $0.scores = $0.meanScores
        }
        #expect(written.responses.compactMap(\.member) == ["Luis Soto", "Marta Rivas"])
        #expect(written.scores["confianza"] == 3)
        let onDisk = try #require(try FileStore(root: dir).snapshot(network: n.id).value.diagnoses.first)
        #expect(onDisk.responses.compactMap(\.member) == ["Luis Soto", "Marta Rivas"])
        #expect(onDisk.scores["confianza"] == 3)
    }

    /// Two follow-ups of one agreement saved at once: the history keeps both, in write order.
    @Test func twoProcessesFollowUpOneAgreement() throws {
        let (first, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let second = try FileStore(root: dir)
        let n = try network(first)
        let a = try first.addAgreement(Agreement(id: "", text: "Planilla de asistencia", responsables: ["Ana Pérez"],
                                                 deadline: LocalDate(year: 2026, month: 12, day: 15), evidence: "acta"), network: n.id)
        _ = try second.snapshot(network: n.id)
        _ = try first.modifyAgreement(id: a.id, network: n.id) {
            $0.status = .enProceso
            $0.history.append(Agreement.Change(at: "2026-11-25T10:00:00-03:00", status: .enProceso, note: "la mitad"))
        }
        let written = try second.modifyAgreement(id: a.id, network: n.id) {
            $0.status = .reprogramado
            $0.deadline = LocalDate(year: 2026, month: 12, day: 22)
            $0.history.append(Agreement.Change(at: "2026-11-25T10:00:01-03:00", status: .reprogramado,
                                               deadline: LocalDate(year: 2026, month: 12, day: 22)))
        }
        #expect(written.history.map(\.status) == [.enProceso, .reprogramado])
        let onDisk = try #require(try FileStore(root: dir).snapshot(network: n.id).value.agreements.first)
        #expect(onDisk.history.map(\.status) == [.enProceso, .reprogramado])
        #expect(onDisk.status == .reprogramado && onDisk.text == "Planilla de asistencia")
    }

    /// Actas of two sessions of one series saved at once: both sessions keep their attendance.
    @Test func twoProcessesRecordActasOfOneSeries() throws {
        let (first, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let second = try FileStore(root: dir)
        let n = try network(first)
        let m = try first.addMeeting(Meeting(id: "", title: "Consejo", kind: .regular, start: start, rrule: "FREQ=WEEKLY"), network: n.id)
        _ = try second.snapshot(network: n.id)
        let days = [start.date, start.date.adding(days: 7)]
        for (store, (day, who)) in zip([first, second], zip(days, ["Ana Pérez", "Luis Soto"])) {
            _ = try store.modifyMeeting(id: m.id, network: n.id) {
                var o = $0.occurrence(on: day)
                o.attendees = [who]
                o.status = .realizada
                $0.record(o)
            }
        }
        let onDisk = try #require(try FileStore(root: dir).snapshot(network: n.id).value.meetings.first)
        #expect(onDisk.occurrences[days[0]]?.attendees == ["Ana Pérez"])
        #expect(onDisk.occurrences[days[1]]?.attendees == ["Luis Soto"])
    }

    /// A change that throws writes nothing; an id of another kind is refused.
    @Test func failedChangeWritesNothing() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try network(store)
        let poll = try store.addPoll(Poll(id: "", title: "Jornada", options: [start]), network: n.id)
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            _ = try store.modifyPoll(id: poll.id, network: n.id) { $0.title = "otra"; throw Stop() }
        }
        #expect(throws: StoreError.self) { _ = try store.modifyPoll(id: "A-1", network: n.id) { _ in } }
        #expect(try FileStore(root: dir).snapshot(network: n.id).value.polls.first?.title == "Jornada")
    }

    /// Many threads, each a different member answering the same poll at once (each through its
    /// own store instance, as separate processes would, or all through one): every answer stays.
    @Test(arguments: [false, true]) func threadsAnswerOnePoll(sharedStore: Bool) throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try network(store)
        let poll = try store.addPoll(Poll(id: "", title: "Jornada", options: [start]), network: n.id)
        let members = (1...12).map { "Miembro \($0)" }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: members.count) { i in
            do {
                let s = sharedStore ? store : try FileStore(root: dir)
                _ = try s.modifyPoll(id: poll.id, network: n.id) {
                    $0.answers.append(Poll.Answer(member: members[i], canAttend: [self.start]))
                }
            } catch {
                failures.add("\(error)")
            }
        }
        #expect(failures.all.isEmpty)
        let onDisk = try #require(try FileStore(root: dir).snapshot(network: n.id).value.polls.first)
        #expect(Set(onDisk.answers.map(\.member)) == Set(members))
        #expect(onDisk.answers.count == members.count)
    }

    /// The in-memory store keeps the same promise.
    @Test func memoryStoreThreadsAnswerOnePoll() throws {
        let store = MemoryStore()
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        let poll = try store.addPoll(Poll(id: "", title: "Jornada", options: [start]), network: n.id)
        DispatchQueue.concurrentPerform(iterations: 20) { i in
            _ = try? store.modifyPoll(id: poll.id, network: n.id) {
                $0.answers.append(Poll.Answer(member: "Miembro \(i)", canAttend: []))
            }
        }
        #expect(try store.snapshot(network: n.id).value.polls.first?.answers.count == 20)
    }
}

/// Errors gathered from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
