import Assistant
import CivilTime
import Domain
import FileStore
import Foundation
import Testing

/// A collective diagnosis: each member answers in their own session and the answers of one
/// semester gather in one round, reported as means and spread, never as a trend between people.
@Suite struct DiagnosisRoundTests {
    func answer(_ store: MemoryStore, as name: String, _ scores: [Int]) -> [String] {
        let assistant = Assistant(store: store, flows: flows, clock: .fixed(now, timeZone: .santiago))
        let s = assistant.session(for: UserRef(id: Slug.make(name), name: name))
        _ = s.open()
        var said = s.handle("quiero responder el diagnóstico").messages
        for n in scores { said += s.handle(String(n)).messages }
        return said + s.handle("sí").messages
    }

    @Test func threeMembersOneRound() throws {
        let store = MemoryStore()
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme, region: "Los Ríos"))
        for name in ["Ana Pérez", "Luis Soto", "Marta Rivas", "Jorge Huenchul"] {
            try store.saveMember(Member(id: Slug.make(name), name: name), network: n.id)
        }
        _ = answer(store, as: "Ana Pérez", [2, 3, 2, 2, 3, 2])
        _ = answer(store, as: "Luis Soto", [3, 2, 3, 3, 2, 1])
        let last = answer(store, as: "Jorge Huenchul", [4, 4, 3, 3, 3, 2]).joined(separator: "\n")

        let d = try #require(try store.snapshot(network: n.id).value.diagnoses.first)
        #expect(try store.snapshot(network: n.id).value.diagnoses.count == 1)
        #expect(d.round == "2026-2")
        #expect(d.responses.map(\.member) == ["Ana Pérez", "Luis Soto", "Jorge Huenchul"])
        let confianza = try #require(d.spread("confianza"))
        #expect(confianza.mean == 3 && confianza.min == 2 && confianza.max == 4)
        #expect(d.scores["confianza"] == 3)
        #expect(DiagnosisCalculator.missing(d, members: try store.snapshot(network: n.id).value.members) == ["Marta Rivas"])
        // The chat speaks of the round, never of a trend between two people's answers.
        #expect(last.contains("respondieron 3 de 4"))
        #expect(last.contains("Confianza promedio 3 (de 2 a 4)"))
        #expect(!last.contains("pasó de"))
        #expect(!last.contains("anterior"))
    }

    /// The same member answering twice in one round replaces their answer, with a note.
    @Test func answeringAgainReplaces() throws {
        let store = MemoryStore()
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme, region: "Los Ríos"))
        try store.saveMember(Member(id: "luis-soto", name: "Luis Soto"), network: n.id)
        _ = answer(store, as: "Luis Soto", [1, 1, 1, 1, 1, 1])
        let again = answer(store, as: "Luis Soto", [4, 4, 4, 4, 4, 4])
        #expect(again.contains { $0.hasPrefix("Ya habías respondido en esta ronda") })
        let d = try #require(try store.snapshot(network: n.id).value.diagnoses.first)
        #expect(d.responses.count == 1)
        #expect(d.scores["confianza"] == 4)
    }
}
