import Assistant
import CivilTime
import FileStore
import Foundation
import MingaProtocol
import Testing

@Suite struct SessionHubTests {
    /// Past its capacity the hub drops the least recently used sessions from memory; a dropped
    /// user's conversation comes back from the store where it was.
    @Test func evictsIdleSessionsAndTheyResume() throws {
        let flows = try FlowSource(directory: repositoryRoot.appendingPathComponent("dialogs"))
        let now = CivilTime.Clock.parseNow("2026-11-25T10:00", timeZone: .santiago)!
        let store = MemoryStore()
        _ = try store.createNetwork(.init(id: "", name: "Red Norte", kind: .rme))
        let hub = SessionHub(assistant: Assistant(store: store, flows: flows, clock: .fixed(now, timeZone: .santiago)), capacity: 10)
        _ = hub.handle("registrar un acuerdo", user: UserRef(id: "u0", name: "Ana"))
        for i in 1..<40 { _ = hub.handle("hola", user: UserRef(id: "u\(i)", name: "Luis")) }
        #expect(hub.sessionCount <= 10)
        let back = hub.handle("leer con los cabros", user: UserRef(id: "u0", name: "Ana"))
        #expect(back.expects?.slot == "responsables", "\(back)")
    }

    /// A request sent again with the same id gets the same reply and changes nothing.
    @Test func sameRequestIDSameReply() throws {
        let hub = makeHub()
        let user = UserRef(id: "tg:9", name: "Ana")
        let first = hub.handle("registrar un acuerdo", user: user, requestID: "\"m-1\"")
        let again = hub.handle("registrar un acuerdo", user: user, requestID: "\"m-1\"")
        #expect(first == again)
        #expect(hub.handle("leer", user: user, requestID: "\"m-2\"").expects?.slot == "responsables")
    }
}
