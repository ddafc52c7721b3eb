import Assistant
import CivilTime
import Domain
import FileStore
import Foundation
import Testing

/// A store that keeps answering with the snapshot it had when `freeze()` was called: a session
/// whose read happened before another process wrote (the moment between the read and the write
/// of a save, made wide so the test needs no timing). Writes go straight to the real store.
final class FrozenStore: MingaStore, @unchecked Sendable {
    let base: FileStore
    private var frozen: [String: StoreRead<NetworkSnapshot>] = [:]
    private var isFrozen = false
    init(_ base: FileStore) { self.base = base }

    func freeze(_ network: String) throws {
        frozen[network] = try base.snapshot(network: network)
        isFrozen = true
    }

    func networks() throws -> [Network] { try base.networks() }
    func snapshot(network id: String) throws -> StoreRead<NetworkSnapshot> {
        if isFrozen, let s = frozen[id] { return s }
        return try base.snapshot(network: id)
    }
    func createNetwork(_ draft: Network, key: SaveKey?) throws -> Network { try base.createNetwork(draft, key: key) }
    func addAgreement(_ draft: Agreement, network: String, key: SaveKey?) throws -> Agreement { try base.addAgreement(draft, network: network, key: key) }
    func updateAgreement(_ agreement: Agreement, network: String) throws { try base.updateAgreement(agreement, network: network) }
    func saveMember(_ member: Member, network: String) throws { try base.saveMember(member, network: network) }
    func addPoll(_ draft: Poll, network: String, key: SaveKey?) throws -> Poll { try base.addPoll(draft, network: network, key: key) }
    func updatePoll(_ poll: Poll, network: String) throws { try base.updatePoll(poll, network: network) }
    func modifyPoll(id: String, network: String, _ change: (inout Poll) throws -> Void) throws -> Poll {
        try base.modifyPoll(id: id, network: network, change)
    }
    func addDiagnosis(_ draft: Diagnosis, network: String, key: SaveKey?) throws -> Diagnosis { try base.addDiagnosis(draft, network: network, key: key) }
    func updateDiagnosis(_ diagnosis: Diagnosis, network: String) throws { try base.updateDiagnosis(diagnosis, network: network) }
    func modifyDiagnosis(id: String, network: String, _ change: (inout Diagnosis) throws -> Void) throws -> Diagnosis {
        try base.modifyDiagnosis(id: id, network: network, change)
    }
    func modifyAgreement(id: String, network: String, _ change: (inout Agreement) throws -> Void) throws -> Agreement {
        try base.modifyAgreement(id: id, network: network, change)
    }
    func modifyMeeting(id: String, network: String, _ change: (inout Meeting) throws -> Void) throws -> Meeting {
        try base.modifyMeeting(id: id, network: network, change)
    }
    func loadSession(_ key: String) throws -> Data? { try base.loadSession(key) }
    func saveSession(_ key: String, data: Data) throws { try base.saveSession(key, data: data) }
}

/// Two members confirming an answer to the same record at the same moment, each in their own
/// process: both confirmed answers stay (nothing confirmed is ever lost).
@Suite struct ConcurrentAnswersTests {
    func setUp() throws -> (URL, String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("minga-race-\(UUID().uuidString)")
        let store = try FileStore(root: root)
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme, region: "Los Ríos"))
        for name in ["Ana Pérez", "Luis Soto", "Marta Rivas"] {
            try store.saveMember(Member(id: Slug.make(name), name: name), network: n.id)
        }
        return (root, n.id)
    }

    func session(_ store: FrozenStore, _ name: String) -> Session {
        let s = Assistant(store: store, flows: flows, clock: .fixed(now, timeZone: .santiago))
            .session(for: UserRef(id: Slug.make(name), name: name))
        _ = s.open()
        return s
    }

    /// Both members' stores keep what they read before either confirms (the moment between a
    /// save's read and its write), then both say «sí»: the rounds on disk and the second reply.
    func bothConfirm(_ first: (Session, FrozenStore), _ second: (Session, FrozenStore), root: URL,
                     network: String) throws -> ([Diagnosis], String) {
        try first.1.freeze(network)
        try second.1.freeze(network)
        _ = first.0.handle("sí")
        let last = second.0.handle("sí").messages.joined(separator: "\n")
        return (Array(try FileStore(root: root).snapshot(network: network).value.diagnoses), last)
    }

    @Test func twoProcessesAnswerOnePoll() throws {
        let (root, network) = try setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        let day = LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 14), time: LocalTime(hour: 10))
        _ = try FileStore(root: root).addPoll(Poll(id: "", title: "Jornada", options: [day, LocalDateTime(date: day.date.adding(days: 1), time: day.time)]), network: network)
        let (ana, luis) = (FrozenStore(try FileStore(root: root)), FrozenStore(try FileStore(root: root)))
        let a = session(ana, "Ana Pérez"), l = session(luis, "Luis Soto")
        for (s, pick) in [(a, "la 1"), (l, "las dos")] {
            _ = s.handle("responder sondeo")
            #expect(s.handle(pick).messages.last?.contains("¿Guardo tu respuesta?") == true)
        }
        // Both read the poll before either saves.
        try ana.freeze(network)
        try luis.freeze(network)
        let first = a.handle("sí").messages.joined(separator: "\n")
        let second = l.handle("sí").messages.joined(separator: "\n")
        #expect(first.contains("anoté que puedes en la opción 1"))
        #expect(second.contains("anoté que puedes en las opciones 1 y 2"))
        let poll = try #require(try FileStore(root: root).snapshot(network: network).value.polls.first)
        #expect(poll.answers.map(\.member) == ["Ana Pérez", "Luis Soto"])
    }

    @Test func twoProcessesAnswerOneDiagnosisRound() throws {
        let (root, network) = try setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        func answer(_ s: Session, _ scores: [Int]) -> [String] {
            var said = s.handle("quiero responder el diagnóstico").messages
            for n in scores { said += s.handle(String(n)).messages }
            return said
        }
        // Marta opens the round; Ana and Luis answer it at the same moment.
        let marta = session(FrozenStore(try FileStore(root: root)), "Marta Rivas")
        _ = answer(marta, [1, 1, 1, 1, 1, 1])
        _ = marta.handle("sí")
        let (ana, luis) = (FrozenStore(try FileStore(root: root)), FrozenStore(try FileStore(root: root)))
        let a = session(ana, "Ana Pérez"), l = session(luis, "Luis Soto")
        _ = answer(a, [2, 2, 2, 2, 2, 2])
        _ = answer(l, [3, 3, 3, 3, 3, 3])
        let (rounds, last) = try bothConfirm((a, ana), (l, luis), root: root, network: network)
        #expect(rounds.count == 1)
        let d = try #require(rounds.first)
        #expect(d.responses.compactMap(\.member) == ["Marta Rivas", "Ana Pérez", "Luis Soto"])
        // The means are of the three responses in the file, and the reply says so.
        #expect(d.scores["confianza"] == 2)
        #expect(last.contains("respondieron 3 de 3"), "\(last)")
    }

    /// The semester's first round, answered by two members at the same moment: one round with
    /// both answers, not two rounds of one answer each.
    @Test func twoProcessesOpenTheSemestersFirstRound() throws {
        let (root, network) = try setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        let (ana, luis) = (FrozenStore(try FileStore(root: root)), FrozenStore(try FileStore(root: root)))
        let a = session(ana, "Ana Pérez"), l = session(luis, "Luis Soto")
        for (s, n) in [(a, "2"), (l, "4")] {
            _ = s.handle("quiero responder el diagnóstico")
            for _ in 0..<6 { _ = s.handle(n) }
        }
        let (rounds, last) = try bothConfirm((a, ana), (l, luis), root: root, network: network)
        #expect(rounds.count == 1)
        let d = try #require(rounds.first)
        #expect(d.responses.compactMap(\.member) == ["Ana Pérez", "Luis Soto"])
        #expect(d.scores["confianza"] == 3)
        #expect(last.contains("respondieron 2 de 3"), "\(last)")
    }

    @Test func aFollowUpAndAChangeOfResponsableOfOneAgreement() throws {
        let (root, network) = try setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try FileStore(root: root).addAgreement(Agreement(id: "", text: "llevar las planificaciones", responsables: ["Luis Soto"],
                                                              deadline: LocalDate(year: 2026, month: 12, day: 15), evidence: "el acta"), network: network)
        let (ana, luis) = (FrozenStore(try FileStore(root: root)), FrozenStore(try FileStore(root: root)))
        let a = session(ana, "Ana Pérez"), l = session(luis, "Luis Soto")
        _ = a.handle("el acuerdo 1 ya está cumplido")
        #expect(a.handle("el acta firmada").messages.last?.contains("¿Lo actualizo?") == true)
        #expect(l.handle("oye el acuerdo 1 no es de luis, es de marta").messages.last?.contains("¿Lo cambio?") == true)
        // Both read the agreement before either saves.
        try ana.freeze(network)
        try luis.freeze(network)
        _ = a.handle("sí")
        _ = l.handle("sí")
        let agreement = try #require(try FileStore(root: root).snapshot(network: network).value.agreements.first)
        #expect(agreement.responsables == ["Marta Rivas"])
        #expect(agreement.evidenceDelivered == "el acta firmada")
        #expect(agreement.history.count == 2)
    }
}
