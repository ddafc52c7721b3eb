@testable import Assistant
import CivilTime
import DialogEngine
import Domain
import Testing

/// «¿quién anotó el acuerdo 1?» of a record from before `registrado_por`: said that no one was
/// kept, never a guess; «¿qué anotó la Paola?» lists hers newest first, long lists shortened.
@Suite struct RegisteredByAnswerTests {
    static let today = LocalDate(year: 2026, month: 11, day: 25)

    static func agreement(_ n: Int, by who: String?, day: Int = 20) -> Agreement {
        Agreement(id: "A-\(n)", text: "tarea \(n)", responsables: ["Luis Soto"], deadline: nil, evidence: nil,
                  registered: "2026-11-\(day)T10:00:00-03:00").registered(by: who)
    }

    static func snapshot(_ agreements: [Agreement]) -> NetworkSnapshot {
        NetworkSnapshot(network: Network(id: "red-norte", name: "Red Norte", kind: .rme),
                        members: [Member(id: "", name: "Paola Muñoz", role: "jefa UTP"), Member(id: "", name: "Luis Soto", role: "director")],
                        agreements: agreements)
    }

    func ask(_ text: String, _ s: NetworkSnapshot, user: String? = "Luis Soto") -> [String] {
        Answers.answer(.registeredBy, snapshot: s, today: Self.today, user: user, text: text)
    }

    @Test func oldRecordSaysNoOneWasKept() {
        let s = Self.snapshot([Self.agreement(1, by: nil), Self.agreement(2, by: "Paola Muñoz")])
        #expect(ask("quien anoto el acuerdo 1?", s) == ["No quedó registrado quién anotó el acuerdo 1 («tarea 1»): es de antes de que guardara quién registra cada cosa."])
        #expect(ask("quien anoto el acuerdo 2?", s) == ["El acuerdo 2 («tarea 2») lo registró Paola Muñoz."])
    }

    @Test func longListIsShortNewestFirst() {
        let s = Self.snapshot((1...8).map { Self.agreement($0, by: "Paola Muñoz", day: 10 + $0) } + [Self.agreement(9, by: "Luis Soto")])
        let reply = ask("¿qué anotó la Paola?", s)
        #expect(reply.count == 1)
        let lines = reply[0].split(separator: "\n")
        #expect(lines.first == "Paola registró 8 cosas (lo más nuevo primero):")
        #expect(lines[1] == "- Acuerdo 8: tarea 8")
        #expect(lines.last == "…y 3 más.")
        #expect(!reply[0].contains("tarea 9"))
    }

    @Test func noMemberIsSaidKindly() {
        let s = Self.snapshot([Self.agreement(1, by: "Paola Muñoz")])
        #expect(ask("que anoto la marta", s)[0].hasPrefix("No encuentro a Marta entre los miembros de la red."))
    }
}
