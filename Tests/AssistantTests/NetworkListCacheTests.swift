@testable import Assistant
import Domain
import Foundation
import Testing

/// The value built from the list of networks is kept while the list is the same and built again
/// when a network is added or changed.
@Suite struct NetworkListCacheTests {
    final class Builds: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func next() -> Int { lock.lock(); defer { lock.unlock() }; count += 1; return count }
    }

    @Test func keepsWhileTheListIsTheSame() {
        let builds = Builds()
        let cache = NetworkListCache { _ in builds.next() }
        var all = [Network(id: "r1", name: "Red Norte", kind: .rme), Network(id: "r2", name: "Microcentro Sur", kind: .microcentro)]
        #expect(cache.of(all) == 1)
        #expect(cache.of(all) == 1)
        all.append(Network(id: "r3", name: "Red Costa", kind: .rme))
        #expect(cache.of(all) == 2)
        all[0].name = "Red Norte Grande"
        #expect(cache.of(all) == 3)
        #expect(cache.of(all) == 3)
    }
}
