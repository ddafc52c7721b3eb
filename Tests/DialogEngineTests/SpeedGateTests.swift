@testable import DialogEngine
import CivilTime
import Domain
import Foundation
import Testing
import Understanding

/// Gates and storage changes made for speed must read and keep exactly what the slow paths do.
@Suite struct SpeedGateTests {
    static let messages = SharedAnalysisTests.messages + [
        "registrar un acuerdo Ana", "la Norma revisa", "yo y  Marta", "x \u{0301}Ana", "a Ángela le toca", "el 15 de Diciembre",
        "hola\u{00A0}Chao", "uno dos tres", "  Ana  Pérez  ", "a ñandú", "1 2 3 A", "a\tB", "hola, Marta, Luis",
    ]

    /// `withoutNames`'s byte gate says «no» only where no word past the first opens with a capital.
    @Test func capitalPastFirstGate() {
        for m in Self.messages {
            let slow = m.split(separator: " ").dropFirst().contains { $0.first?.isUppercase == true }
            if !NameWords.mayOpenCapitalPastFirst(m) { #expect(!slow, "«\(m)»") }
        }
        #expect(!NameWords.mayOpenCapitalPastFirst("registrar un acuerdo"))
        #expect(NameWords.mayOpenCapitalPastFirst("la Norma revisa"))
        #expect(NameWords.mayOpenCapitalPastFirst("a Ángela le toca"))
        #expect(NameWords.withoutNames("registrar un acuerdo", members: ["Ana Pérez"]) == nil)
        #expect(NameWords.withoutNames("registrar un acuerdo: Norma Condori revisa", members: []) == "registrar un acuerdo: revisa")
    }

    /// `Phrase.firstToken(of:is:)` says what `Phrase(text).tokens.first == word` says, for every
    /// first word of the messages and a few that are not.
    @Test func firstTokenAsPhrase() {
        let names = Self.messages + ["Ana Pérez", "ÁNGELA Soto", "  Rosa", "", " ", "María-José Díaz", "Ñuñoa", "Luis\u{0301} Soto", "¿Marta?"]
        let fixed = ["ana", "angela", "rosa", "marta", "an", "maria-jose", "nunoa", "x"]
        for name in names {
            // Its own first word, that word cut short or grown, the second word, and a few others.
            let t = Phrase(name).tokens
            let own = t.first.map { [$0, String($0.dropLast()), $0 + "s"] } ?? []
            for word in own + Array(t.dropFirst().prefix(1)) + fixed where !word.isEmpty {
                #expect(Phrase.firstToken(of: name, is: word) == (Phrase(name).tokens.first == word), "«\(name)» / «\(word)»")
            }
        }
        #expect(Phrase.firstToken(of: "Ángela Soto", is: "angela"))
        #expect(!Phrase.firstToken(of: "Ángela Soto", is: "soto"))
        #expect(!Phrase.firstToken(of: "Ana", is: "an"))
    }

    /// The context's fields (one shared storage, copied on write) read back what was set, and a
    /// copy of the context keeps its own values when the original is changed.
    @Test func contextCopyOnWrite() {
        var context = EngineContext(now: Date(timeIntervalSince1970: 0), timeZone: TimeZone(identifier: "UTC")!,
                                    members: ["Ana Pérez"], userName: "Ana Pérez", roster: ["Ana Pérez"])
        #expect(context.snapshot == nil)
        #expect(context.members == ["Ana Pérez"] && context.userName == "Ana Pérez" && context.roster == ["Ana Pérez"])
        let a = NetworkSnapshot(network: Network(id: "R-1", name: "Red Uno", kind: .rme))
        context.snapshot = a
        context.turn = 3
        #expect(context.snapshot == a)
        #expect(context.snapshot?.network.name == "Red Uno")
        let copy = context
        context.snapshot = NetworkSnapshot(network: Network(id: "R-2", name: "Red Dos", kind: .rme))
        context.members += ["Luis Soto"]
        context.inBatch = true
        context.turn = 4
        context.temporal.region = "Valparaíso"
        #expect(context.snapshot?.network.name == "Red Dos")
        #expect(context.members == ["Ana Pérez", "Luis Soto"] && context.inBatch && context.turn == 4)
        #expect(context.temporal.region == "Valparaíso")
        #expect(copy.snapshot?.network.name == "Red Uno")
        #expect(copy.members == ["Ana Pérez"] && !copy.inBatch && copy.turn == 3 && copy.temporal.region == nil)
        var other = copy
        other.userName = nil
        other.roster = nil
        #expect(other.userName == nil && other.roster == nil)
        #expect(copy.userName == "Ana Pérez" && copy.roster == ["Ana Pérez"])
        context.snapshot = nil
        #expect(context.snapshot == nil)
        #expect(copy.snapshot == a)
        #expect(copy.today == context.today)
    }
}
