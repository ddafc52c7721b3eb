import Assistant
import CivilTime
import Domain
import FileStore
import Foundation
import MingaProtocol
import Testing

/// A bridge that sends no «name» (qa21 I): «yo» in a people answer is nobody's name. It was stored
/// as a member «Yo» (and as a responsable «Yo»), then refused; now Minga asks «¿cómo te llamas?»
/// once, keeps the name for the session and reads the answer again with it (issue 12).
@Suite struct NoNameSpeakerTests {
    func hub() throws -> (SessionHub, MemoryStore, String) {
        let flows = try FlowSource(directory: repositoryRoot.appendingPathComponent("dialogs"))
        let now = try #require(CivilTime.Clock.parseNow("2026-11-25T10:00", timeZone: .santiago))
        let store = MemoryStore()
        let n = try store.createNetwork(.init(id: "", name: "Red Norte", kind: .rme))
        try store.saveMember(Member(id: "carmen-soto", name: "Carmen Soto"), network: n.id)
        return (SessionHub(assistant: Assistant(store: store, flows: flows, clock: .fixed(now, timeZone: .santiago))), store, n.id)
    }

    /// Sends each text as a JSON line from «telegram:555» without «name»; the reply lines.
    func chat(_ c: inout ProtocolConnection, _ texts: [String]) -> [String] {
        texts.enumerated().flatMap { i, t in
            c.handle(line: Array(#"{"id":\#(i),"user":"telegram:555","text":"\#(t)"}"#.utf8)).lines
        }
    }

    static let asked = "¿cómo te llamas?"

    @Test func meetingParticipants() throws {
        let (hub, store, network) = try hub()
        var c = ProtocolConnection(hub: hub, token: nil)
        let out = chat(&c, ["agendar reunion de diciembre el martes 1 de diciembre a las 15 en la escuela", "saltar", "saltar",
                            "yo, la tia Carmen"])
        #expect(out.last?.contains(Self.asked) == true, "\(out)")
        #expect(out.last?.contains("Agrego a Yo") == false)
        let named = chat(&c, ["me llamo Rosa Catrilaf"])
        #expect(named.contains { $0.contains("Gracias, Rosa.") }, "\(named)")
        _ = chat(&c, ["sí"])
        let s = try store.snapshot(network: network).value
        #expect(!s.members.contains { $0.name.lowercased() == "yo" })
        #expect(s.meetings.first?.participants == ["Rosa Catrilaf", "Carmen Soto"])
    }

    @Test(arguments: ["yo", "yo y la Carmen", "Carmen y yo misma"])
    func agreementResponsables(_ answer: String) throws {
        let (hub, store, network) = try hub()
        var c = ProtocolConnection(hub: hub, token: nil)
        let out = chat(&c, ["registrar acuerdo: enviar la pauta", answer])
        #expect(out.last?.contains(Self.asked) == true, "\(out)")
        _ = chat(&c, ["Rosa Catrilaf", "el viernes", "el acta", "sí"])
        let s = try store.snapshot(network: network).value
        #expect(!s.members.contains { $0.name.lowercased() == "yo" })
        let want = answer == "yo" ? ["Rosa Catrilaf"] : answer.hasPrefix("yo") ? ["Rosa Catrilaf", "Carmen Soto"] : ["Carmen Soto", "Rosa Catrilaf"]
        #expect(s.agreements.first?.responsables == want)
    }

    /// The name is asked once: a later «yo» in the same session is that name, not asked again; a
    /// reply with no name («no sé») asks again and stores nothing.
    @Test func nameKeptForTheSession() throws {
        let (hub, store, network) = try hub()
        var c = ProtocolConnection(hub: hub, token: nil)
        let first = chat(&c, ["registrar acuerdo: enviar la pauta", "yo", "no sé"])
        #expect(first.last?.contains("¿Cómo te llamas?") == true, "\(first)")
        _ = chat(&c, ["Rosa Catrilaf", "el viernes", "el acta", "sí"])
        let second = chat(&c, ["registrar acuerdo: revisar las planillas", "yo"])
        #expect(!second.contains { $0.contains(Self.asked) }, "\(second)")
        _ = chat(&c, ["el lunes", "las planillas", "sí"])
        let s = try store.snapshot(network: network).value
        #expect(s.agreements.map(\.responsables) == [["Rosa Catrilaf"], ["Rosa Catrilaf"]])
    }

    /// The learned name survives a restart: a new hub on the same store (the server started
    /// again, the session read back from its file) knows it, and a «yo» is not asked again.
    @Test func nameKeptAcrossARestart() throws {
        let (hub, store, network) = try hub()
        var c = ProtocolConnection(hub: hub, token: nil)
        _ = chat(&c, ["registrar acuerdo: enviar la pauta", "yo", "Rosa Catrilaf", "el viernes", "el acta", "sí"])
        let flows = try FlowSource(directory: repositoryRoot.appendingPathComponent("dialogs"))
        let now = try #require(CivilTime.Clock.parseNow("2026-11-25T10:00", timeZone: .santiago))
        let restarted = SessionHub(assistant: Assistant(store: store, flows: flows, clock: .fixed(now, timeZone: .santiago)))
        var again = ProtocolConnection(hub: restarted, token: nil)
        let second = chat(&again, ["registrar acuerdo: revisar las planillas", "yo"])
        #expect(!second.contains { $0.contains(Self.asked) }, "\(second)")
        _ = chat(&again, ["el lunes", "las planillas", "sí"])
        let s = try store.snapshot(network: network).value
        #expect(s.agreements.map(\.responsables) == [["Rosa Catrilaf"], ["Rosa Catrilaf"]])
    }
}
