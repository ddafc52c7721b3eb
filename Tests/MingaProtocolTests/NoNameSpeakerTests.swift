import Assistant
import CivilTime
import Domain
import FileStore
import Foundation
import MingaProtocol
import Testing

/// A bridge that sends no «name» (qa21 I): «yo» in a people answer is nobody's name. It was stored
/// as a member «Yo» (and as a responsable «Yo»); now the writer is asked to write their own name,
/// and nothing named «Yo» reaches the store.
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

    static let refusal = "no puedo anotarte como «yo»"

    @Test func meetingParticipants() throws {
        let (hub, store, network) = try hub()
        var c = ProtocolConnection(hub: hub, token: nil)
        let out = chat(&c, ["agendar reunion de diciembre el martes 1 de diciembre a las 15 en la escuela", "saltar", "saltar",
                            "yo, la tia Carmen y el Luis Pérez"])
        #expect(out.last?.contains(Self.refusal) == true, "\(out)")
        #expect(out.last?.contains("Agrego a Yo") == false)
        let after = chat(&c, ["Carmen Soto", "sí"])
        #expect(after.last?.contains("Quedó agendado") == true, "\(after)")
        let s = try store.snapshot(network: network).value
        #expect(!s.members.contains { $0.name.lowercased() == "yo" })
        #expect(s.meetings.first?.participants == ["Carmen Soto"])
    }

    @Test(arguments: ["yo", "yo y la Carmen", "Carmen y yo misma"])
    func agreementResponsables(_ answer: String) throws {
        let (hub, store, network) = try hub()
        var c = ProtocolConnection(hub: hub, token: nil)
        let out = chat(&c, ["registrar acuerdo: enviar la pauta", answer])
        #expect(out.last?.contains(Self.refusal) == true, "\(out)")
        _ = chat(&c, ["Carmen", "el viernes", "el acta", "sí"])
        let s = try store.snapshot(network: network).value
        #expect(!s.members.contains { $0.name.lowercased() == "yo" })
        #expect(s.agreements.first?.responsables == ["Carmen Soto"])
    }
}
