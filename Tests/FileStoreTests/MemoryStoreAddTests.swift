import Domain
import FileStore
import Foundation
import Synchronization
import Testing

/// MemoryStore copies a network's records for an add outside its lock and stores the copy only
/// if nothing changed meanwhile: concurrent adds must still get distinct, consecutive ids and
/// all be kept, and a keyed save repeated must still find its record.
@Suite struct MemoryStoreAddTests {
    @Test func concurrentAddsKeepEveryRecordWithConsecutiveIDs() throws {
        let store = MemoryStore()
        let network = try store.createNetwork(Network(id: "", name: "Red Valdivia Norte", kind: .rme)).id
        let ids = Mutex<[String]>([])
        let group = DispatchGroup()
        for t in 0..<6 {
            group.enter()
            Thread {
                for i in 0..<150 {
                    if let a = try? store.addAgreement(Agreement(id: "", text: "tarea \(t)-\(i)", responsables: ["Luis Soto"], deadline: nil, evidence: nil), network: network, key: nil) {
                        ids.withLock { $0.append(a.id) }
                    }
                    // Other writes to the network in between make some adds start over.
                    if i % 10 == 0 { try? store.saveMember(Member(id: "", name: "Persona \(t) \(i)"), network: network) }
                }
                group.leave()
            }.start()
        }
        group.wait()
        let given = ids.withLock { $0 }
        #expect(given.count == 900)
        #expect(Set(given) == Set((1...900).map { "A-\($0)" }))
        let stored = try store.snapshot(network: network).value.agreements
        #expect(stored.count == 900)
        #expect(Set(stored.map(\.id)) == Set(given))
    }

    @Test func keyedSaveRepeatedFindsItsRecord() throws {
        let store = MemoryStore()
        let network = try store.createNetwork(Network(id: "", name: "Red Valdivia Norte", kind: .rme)).id
        let key = SaveKey(["ana", "acuerdo", "t:tarea"])
        let first = try store.addAgreement(Agreement(id: "", text: "tarea", responsables: [], deadline: nil, evidence: nil), network: network, key: key)
        _ = try store.addAgreement(Agreement(id: "", text: "otra", responsables: [], deadline: nil, evidence: nil), network: network, key: nil)
        let again = try store.addAgreement(Agreement(id: "", text: "tarea", responsables: [], deadline: nil, evidence: nil), network: network, key: key)
        #expect(again.id == first.id)
        #expect(try store.snapshot(network: network).value.agreements.count == 2)
    }
}
