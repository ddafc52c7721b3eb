import CivilTime
import Domain
import FileStore
import Foundation
import Testing

/// Several `minga chat --json` processes on one store, each a member answering the same poll at
/// once: every confirmed answer is in the poll's file afterwards.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(".build/debug/minga").path)))
struct ConcurrentChatTests {
    @Test func processesAnswerOnePollAtOnce() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("minga-bin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try FileStore(root: root)
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme, region: "Los Ríos"))
        let members = ["Ana Pérez", "Luis Soto", "Marta Rivas", "Jorge Huenchul"]
        for name in members { try store.saveMember(Member(id: Slug.make(name), name: name), network: n.id) }
        let day = LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 14), time: LocalTime(hour: 10))
        _ = try store.addPoll(Poll(id: "", title: "Jornada", options: [day]), network: n.id)

        let replies = Replies()
        DispatchQueue.concurrentPerform(iterations: members.count) { i in
            let user = Slug.make(members[i])
            let input = ["responder sondeo", "todas", "sí"].enumerated().map { k, text in
                #"{"id":"m\#(k)","user":"\#(user)","name":"\#(members[i])","network":"\#(n.id)","text":"\#(text)"}"#
            }.joined(separator: "\n") + "\n"
            let r = try? runMinga(["chat", "--json", "--store", root.path, "--now", "2026-11-25T10:00:00"], input: input)
            replies.add(r?.out ?? "")
        }
        #expect(replies.all.allSatisfy { $0.contains("anoté que puedes en la opción 1") }, "\(replies.all)")
        let poll = try #require(try FileStore(root: root).snapshot(network: n.id).value.polls.first)
        #expect(Set(poll.answers.map(\.member)) == Set(members))
        #expect(poll.answers.count == members.count)
    }
}

/// Outputs gathered from several threads.
final class Replies: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
