import CivilTime
import Domain
import FileStore
import Foundation
import Testing

/// organizaciones/, normas/, decisiones/, institucionalizacion/ and a member's organisation,
/// written and read back; several norms of one save are each saved exactly once.
@Suite struct TerritoryRecordsTests {
    static let day = LocalDate(year: 2026, month: 11, day: 25)
    static let tricky = "Dijo: \"sí\" — 50% listo\n---\nsegunda línea: con dos puntos # y emoji 🌱"

    @Test func roundTrips() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        let o = try store.addOrganization(Organization(id: "", name: Self.tricky, kind: .comunitaria, contact: nil, since: Self.day,
                                                       collaboration: Self.tricky, projects: ["a", Self.tricky]), network: n.id)
        let norm = try store.addNorm(Norm(id: "", text: Self.tricky, date: Self.day, agreedBy: ["Ana Pérez"], state: .acordada), network: n.id)
        let d = try store.addDecision(Decision(id: "", date: Self.day, text: Self.tricky, mode: .otro, disagreement: Self.tricky,
                                               resolution: nil, meeting: "E-2"), network: n.id)
        let p = try store.addPractice(Practice(id: "", practice: Self.tricky, reflection: nil, state: .incorporada, document: .otro,
                                               evidence: Self.tricky, history: [.init(date: Self.day, state: .incorporada, note: Self.tricky)]),
                                      network: n.id)
        try store.saveMember(Member(id: "", name: "Paula Soto", since: Self.day, organization: o.id), network: n.id)
        #expect([o.id, norm.id, d.id, p.id] == ["O-1", "N-1", "DC-1", "P-1"])
        // A fresh process reads the files, not a cache.
        let back = try FileStore(root: dir).snapshot(network: n.id)
        #expect(back.problems.isEmpty)
        #expect(back.value.organizations == [o])
        #expect(back.value.norms == [norm])
        #expect(back.value.decisions == [d])
        #expect(back.value.practices == [p])
        #expect(back.value.members.first?.organization == "O-1")
    }

    /// An organisation taken out and put back keeps both in its file's «historial» (restoring
    /// clears «borrado»).
    @Test func restoredOrganizationKeepsItsTrail() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        var o = try store.addOrganization(Organization(id: "", name: "CESFAM Lanco", kind: .salud), network: n.id)
        o.trail = ["sacada: 2026-12-01 10:00 por Ana: \(Self.tricky)", "vuelve a la red: 2026-12-02 09:00 por Ana"]
        try store.updateOrganization(o, network: n.id)
        let back = try FileStore(root: dir).snapshot(network: n.id)
        #expect(back.problems.isEmpty)
        #expect(back.value.organizations.first?.trail == o.trail)
        #expect(back.value.organizations.first?.deleted == nil)
    }

    /// The norms said in one line share the save's key: a repeated save gets the same N-1, N-2.
    @Test func severalNormsExactlyOnce() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        let key = SaveKey(["ana", "red-norte", "normas", "turno 3"])
        func save() throws -> [String] {
            try ["a la hora", "celulares en silencio"].enumerated().map { i, t in
                try store.addNorm(Norm(id: "", text: t, date: Self.day), network: n.id, key: key.part(i)).id
            }
        }
        #expect(try save() == ["N-1", "N-2"])
        #expect(try save() == ["N-1", "N-2"])
        #expect(try store.snapshot(network: n.id).value.norms.count == 2)
        #expect(key.part(0) == key && key.part(1) != key.part(2))
    }
}
