import CivilTime
import Domain
import Foundation
import StoreHistory
import Testing

/// The history knows the territory records: «¿quién cambió la norma 1?» is answered like an agreement.
@Suite struct TerritoryHistoryTests {
    @Test func whoChangedANorm() throws {
        let dir = TempDir()
        let s = try GitStore(dir.sub("almacen"))
        _ = try s.by("Ana Pérez").createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        var n = try s.by("Ana Pérez").addNorm(Norm(id: "", text: "empezar a la hora", date: LocalDate(year: 2026, month: 11, day: 25)),
                                              network: "red-norte")
        n.state = .derogada
        try s.by("Luis Soto").updateNorm(n, network: "red-norte")
        _ = try s.by("Ana Pérez").addDecision(Decision(id: "", date: nil, text: "taller en El Maitén"), network: "red-norte")
        let lines = try #require(s.history.answer(question: "¿Quién cambió la norma 1?", network: "red-norte"))
        #expect(lines[0].contains("N-1"))
        #expect(lines[0].contains("Luis Soto"))
        let decision = try #require(s.history.answer(question: "historial de DC-1", network: "red-norte"))
        #expect(decision[0].contains("Ana Pérez"))
    }
}
