import CivilTime
import Domain
import FileStore
import Foundation
import Testing

/// `registrado_por`: who registered a record, written when known and read back; files from
/// before it existed load with none, and stay as they were until changed.
@Suite struct RegisteredByTests {
    static let day = LocalDate(year: 2026, month: 11, day: 25)

    @Test func oldFilesWithoutTheKeyStillLoad() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        let folder = dir.appendingPathComponent("redes/\(n.id)")
        // As written before the key existed (docs/almacen.md's example).
        let agreement = """
            ---
            id: A-1
            texto: "Marcela manda la planificación"
            responsables:
            - "Marcela"
            plazo: 2026-11-27
            evidencia: "acta"
            estado: pendiente
            encuentro: null
            registrado: 2026-11-25T10:00:00-03:00
            evidencia_entregada: null
            historial: []
            ---
            # Acuerdo A-1

            """
        let norm = """
            ---
            id: N-1
            texto: "empezar a la hora"
            fecha: 2026-11-25
            acordada_por: []
            estado: propuesta
            ---

            """
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("acuerdos"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("normas"), withIntermediateDirectories: true)
        try agreement.write(to: folder.appendingPathComponent("acuerdos/A-1.md"), atomically: true, encoding: .utf8)
        try norm.write(to: folder.appendingPathComponent("normas/N-1.md"), atomically: true, encoding: .utf8)
        let back = try FileStore(root: dir).snapshot(network: n.id)
        #expect(back.problems.isEmpty)
        #expect(back.value.agreements.first?.text == "Marcela manda la planificación")
        #expect(back.value.agreements.first?.registeredBy == nil)
        #expect(back.value.norms.first?.registeredBy == nil)
    }

    @Test func roundTrips() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        let a = try store.addAgreement(Agreement(id: "", text: "mandar las planillas", responsables: ["Ana"], deadline: Self.day, evidence: nil)
            .registered(by: "Paola Muñoz"), network: n.id)
        let plain = try store.addAgreement(Agreement(id: "", text: "sin autor", responsables: ["Ana"], deadline: nil, evidence: nil), network: n.id)
        let norm = try store.addNorm(Norm(id: "", text: "a la hora", date: Self.day).registered(by: "Luis Soto"), network: n.id)
        let d = try store.addDecision(Decision(id: "", date: Self.day, text: "el taller va en marzo", mode: .consenso, disagreement: nil,
                                               resolution: nil, meeting: nil).registered(by: "Luis Soto"), network: n.id)
        let o = try store.addOrganization(Organization(id: "", name: "CESFAM", kind: .salud).registered(by: "Ana Pérez"), network: n.id)
        // A new field is never written for a record without it: the file stays as before.
        let text = try String(contentsOf: dir.appendingPathComponent("redes/\(n.id)/acuerdos/\(plain.id).md"), encoding: .utf8)
        #expect(!text.contains("registrado_por"))
        let back = try FileStore(root: dir).snapshot(network: n.id)
        #expect(back.problems.isEmpty)
        #expect(back.value.agreements.map(\.registeredBy) == ["Paola Muñoz", nil])
        #expect(back.value.agreements.first == a)
        #expect(back.value.norms.first == norm)
        #expect(back.value.decisions.first == d)
        #expect(back.value.organizations.first == o)
    }
}
