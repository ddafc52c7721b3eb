@testable import Assistant
import CivilTime
import DialogEngine
import Domain
import FileStore
import Foundation
import Testing

/// 10,001 agreements over four members, plazos from 1 November to 28 February (some overdue on
/// 25 November), every tenth one met: the size at which a reply used to list them all.
enum BigNetwork {
    static let today = LocalDate(year: 2026, month: 11, day: 25)
    static let people = ["Ana Pérez", "Luis Soto", "Marcela Rivas", "Pedro Soto"]
    static let size = 10_001

    static func agreement(_ i: Int) -> Agreement {
        Agreement(id: "A-\(i + 1)", text: "tarea número \(i + 1)", responsables: [people[i % people.count]],
                  deadline: LocalDate(year: 2026, month: 11, day: 1).adding(days: (i * 7) % 120), evidence: "acta",
                  status: i % 10 == 9 ? .cumplido : .pendiente)
    }

    static let agreements = (0..<size).map(agreement)

    static let snapshot = NetworkSnapshot(
        network: Network(id: "red-norte", name: "Red Norte", kind: .rme),
        members: people.map { Member(id: "", name: $0) },
        agreements: agreements)

    /// The slow, obvious answer the lists must agree with: filter, then sort the whole list.
    static func naive(_ keep: (Agreement) -> Bool, newestFirst: Bool = false) -> [Agreement] {
        agreements.filter(keep).sorted { a, b in
            let (x, y) = (a.deadline!.dayNumber, b.deadline!.dayNumber)
            if x != y { return newestFirst ? x > y : x < y }
            return newestFirst ? a.number! > b.number! : a.number! < b.number!
        }
    }

    static func isOpen(_ a: Agreement) -> Bool { a.status(on: today).isOpen }
}

/// A MemoryStore holding the big network: its agreements are served with the store's own ones
/// (adding 10,001 through `addAgreement` would number each by reading all the others).
final class SeededStore: MingaStore, @unchecked Sendable {
    let inner = MemoryStore()
    let network: Network

    init() throws {
        network = try inner.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        for p in BigNetwork.people { try inner.saveMember(Member(id: "", name: p), network: network.id) }
    }

    func networks() throws -> [Network] { try inner.networks() }
    func snapshot(network id: String) throws -> StoreRead<NetworkSnapshot> {
        var s = try inner.snapshot(network: id).value
        s.agreements = RecordList(BigNetwork.agreements + s.agreements)
        return StoreRead(value: s)
    }
    func createNetwork(_ draft: Network, key: SaveKey?) throws -> Network { try inner.createNetwork(draft, key: key) }
    func addAgreement(_ draft: Agreement, network: String, key: SaveKey?) throws -> Agreement { try inner.addAgreement(draft, network: network, key: key) }
    func updateAgreement(_ a: Agreement, network: String) throws { try inner.updateAgreement(a, network: network) }
    func saveMember(_ m: Member, network: String) throws { try inner.saveMember(m, network: network) }
    func loadSession(_ key: String) throws -> Data? { try inner.loadSession(key) }
    func saveSession(_ key: String, data: Data) throws { try inner.saveSession(key, data: data) }
}

@Suite struct LongListsTests {
    let s = BigNetwork.snapshot
    let today = BigNetwork.today

    func ask(_ query: Query, _ text: String, user: String? = "Ana Pérez", listing: inout ListCursor?) -> String {
        let r = Answers.answer(query, snapshot: s, today: today, user: user, text: text, listing: &listing)
        #expect(r.count == 1)
        return r.joined(separator: "\n")
    }

    func items(_ reply: String) -> [String] { reply.split(separator: "\n").filter { $0.hasPrefix("- ") }.map(String.init) }

    func line(_ a: Agreement, status: Bool = true) -> String { Answers.list([a], today: today, status: status) }

    /// Thousands take a period, as written in Chile.
    @Test func chileanThousands() {
        #expect(Answers.number(9_996) == "9.996")
        #expect(Answers.number(10_001) == "10.001")
        #expect(Answers.number(999) == "999")
        #expect(Answers.number(1_234_567) == "1.234.567")
    }

    /// «¿qué acuerdos hay?» over 10,001: a handful of lines, the oldest overdue first, and how many more.
    @Test func openListIsShort() {
        var listing: ListCursor?
        let reply = ask(.openAgreements, "¿qué acuerdos hay?", listing: &listing)
        let open = BigNetwork.naive(BigNetwork.isOpen)
        let overdue = open.filter { $0.status(on: today) == .vencido }.count
        #expect(reply.split(separator: "\n").count <= 8)
        #expect(reply.hasPrefix("\(Answers.number(open.count)) acuerdos abiertos (\(Answers.number(overdue)) vencidos)."))
        #expect(items(reply) == open.prefix(5).map { line($0) })
        #expect(reply.contains("…y \(Answers.number(open.count - 5)) más."))
        #expect(listing == ListCursor(kind: .agreements, shown: 5, status: "abiertos"))
    }

    /// «más» three times continues where the last page stopped, with no repeats or gaps.
    @Test func pagingContinues() {
        var listing: ListCursor?
        var seen = items(ask(.openAgreements, "¿qué acuerdos hay?", listing: &listing))
        let open = BigNetwork.naive(BigNetwork.isOpen)
        for page in 1...3 {
            let reply = ask(.moreOfList, "más", listing: &listing)
            #expect(reply.hasPrefix("Del \(page * 5 + 1) al \(page * 5 + 5) (de \(Answers.number(open.count))):"))
            #expect(reply.hasSuffix("…y \(Answers.number(open.count - page * 5 - 5)) más. Escribe «más» para seguir."))
            seen += items(reply)
        }
        #expect(seen == open.prefix(20).map { line($0) })
        #expect(listing?.shown == 20)
    }

    /// The last page says the list is over; «más» after it says everything was shown.
    @Test func pagingEnds() {
        let open = BigNetwork.naive(BigNetwork.isOpen)
        var listing: ListCursor? = ListCursor(kind: .agreements, shown: open.count - 2, status: "abiertos")
        let last = ask(.moreOfList, "más", listing: &listing)
        #expect(items(last) == open.suffix(2).map { line($0) })
        #expect(last.hasSuffix("Esos son todos."))
        let after = ask(.moreOfList, "más", listing: &listing)
        #expect(after.hasPrefix("Ya te mostré todos (\(Answers.number(open.count)))."))
    }

    /// «más» with no list before asks what to list, and remembers nothing.
    @Test func moreWithoutList() {
        var listing: ListCursor?
        #expect(ask(.moreOfList, "más", listing: &listing).hasPrefix("¿Más de qué?"))
        #expect(listing == nil)
    }

    /// «los de Ana» narrows the list to hers, counted right, and «más» pages within it.
    @Test func filterByPerson() {
        var listing: ListCursor?
        _ = ask(.openAgreements, "¿qué acuerdos hay?", listing: &listing)
        let reply = ask(.refineList, "los de Ana", user: "Luis Soto", listing: &listing)
        let hers = BigNetwork.naive { BigNetwork.isOpen($0) && $0.responsables == ["Ana Pérez"] }
        #expect(reply.hasPrefix("Ana tiene \(Answers.number(hers.count)) acuerdos pendientes"))
        #expect(items(reply) == hers.prefix(5).map { line($0) })
        let next = ask(.moreOfList, "y los otros?", user: "Luis Soto", listing: &listing)
        #expect(items(next) == hers.dropFirst(5).prefix(5).map { line($0) })
    }

    /// A member's nickname and full name find their agreements, as elsewhere in the chat.
    @Test(arguments: [
        (Query.personAgreements, "¿qué tiene pendiente la Marce?", "Marcela Rivas", "Marcela"),
        (.openAgreements, "los acuerdos de Luis Soto", "Luis Soto", "Luis"),
        (.openAgreements, "los acuerdos de Pedro Soto", "Pedro Soto", "Pedro"),
    ])
    func filterByNickOrFullName(_ c: (Query, String, String, String)) {
        var listing: ListCursor?
        let reply = ask(c.0, c.1, listing: &listing)
        let theirs = BigNetwork.naive { BigNetwork.isOpen($0) && $0.responsables == [c.2] }
        #expect(reply.hasPrefix("\(c.3) tiene \(Answers.number(theirs.count)) acuerdos pendientes"))
        #expect(items(reply).allSatisfy { $0.contains("(\(c.2);") })
        #expect(listing?.person == c.2)
    }

    /// «los de diciembre» and «los que vencen en enero»: plazos in that month (January is next year's).
    @Test(arguments: [("los de diciembre", 2026, 12), ("los que vencen en enero", 2027, 1)])
    func filterByMonth(_ c: (String, Int, Int)) {
        var listing: ListCursor?
        let reply = ask(.refineList, c.0, listing: &listing)
        let inMonth = BigNetwork.naive { BigNetwork.isOpen($0) && $0.deadline!.year == c.1 && $0.deadline!.month == c.2 }
        #expect(reply.hasPrefix("\(Answers.number(inMonth.count)) acuerdos abiertos con plazo en \(Answers.monthNames[c.2])"))
        #expect(items(reply) == inMonth.prefix(5).map { line($0) })
        #expect(listing?.month == c.1 * 100 + c.2)
    }

    /// «los cumplidos» lists the met ones, most recent first; «los vencidos» the overdue, oldest first.
    @Test func filterByState() {
        var listing: ListCursor?
        let met = ask(.refineList, "los cumplidos", listing: &listing)
        let done = BigNetwork.naive({ $0.status == .cumplido }, newestFirst: true)
        #expect(met.hasPrefix("\(Answers.number(done.count)) acuerdos cumplidos. Los más recientes:"))
        #expect(items(met) == done.prefix(5).map { line($0, status: false) })
        let late = ask(.refineList, "los vencidos", listing: &listing)
        let overdue = BigNetwork.naive { $0.status(on: today) == .vencido }
        #expect(late.hasPrefix("\(Answers.number(overdue.count)) acuerdos vencidos. Primero los más atrasados:"))
        #expect(items(late) == overdue.prefix(5).map { line($0, status: false) })
    }

    /// Filters add up: «los de Luis» after «los vencidos» are Luis's overdue ones.
    @Test func filtersCombine() {
        var listing: ListCursor?
        _ = ask(.refineList, "los vencidos", listing: &listing)
        let reply = ask(.refineList, "los de Luis", listing: &listing)
        let his = BigNetwork.naive { $0.status(on: today) == .vencido && $0.responsables == ["Luis Soto"] }
        #expect(reply.hasPrefix("Luis tiene \(Answers.number(his.count)) acuerdos vencidos"))
        #expect(listing?.status == "vencido" && listing?.person == "Luis Soto")
    }

    /// The greeting counts overdue and this week's correctly, shows two of each and stays short.
    @Test func greetingIsBounded() {
        let lines = Answers.pending(s, today: today, user: "Ana Pérez")
        let overdue = BigNetwork.naive { $0.status(on: today) == .vencido }
        let soon = BigNetwork.naive { BigNetwork.isOpen($0) && $0.isDue(within: 7, on: today) }
        let open = BigNetwork.naive(BigNetwork.isOpen)
        #expect(lines.joined(separator: "\n").split(separator: "\n").count <= 10)
        #expect(lines[0] == "Ojo: \(Answers.number(overdue.count)) acuerdos vencidos. Los más atrasados:\n"
            + Answers.list(Array(overdue.prefix(2)), today: today))
        #expect(lines[1].hasPrefix("Esta semana vencen \(Answers.number(soon.count)), entre ellos:"))
        #expect(lines[2].hasPrefix("Además hay \(Answers.number(open.count - overdue.count - soon.count)) acuerdos abiertos con plazo más adelante."))
    }

    /// Answering over 10,001 agreements takes one pass: ten list answers well under a second each.
    @Test func fastAtSize() {
        var listing: ListCursor?
        let clock = ContinuousClock()
        let took = clock.measure {
            _ = ask(.openAgreements, "¿qué acuerdos hay?", listing: &listing)
            for _ in 0..<5 { _ = ask(.moreOfList, "más", listing: &listing) }
            _ = ask(.refineList, "los de Ana", listing: &listing)
            _ = ask(.refineList, "los de diciembre", listing: &listing)
            _ = ask(.personAgreements, "¿qué tiene pendiente la Marce?", listing: &listing)
            _ = Answers.pending(s, today: today, user: nil)
        }
        #expect(took < .seconds(5))
    }

    /// In a chat: the cursor is saved with the conversation, so «más» after a restart goes on,
    /// and the saved state stays small.
    @Test func pagingSurvivesRestart() throws {
        let store = try SeededStore()
        let clock = CivilTime.Clock.fixed(CivilTime.Clock.parseNow("2026-11-25T10:00", timeZone: .santiago)!, timeZone: .santiago)
        func session() -> Session {
            Assistant(store: store, flows: flows, clock: clock).session(for: UserRef(id: "ana", name: "Ana Pérez"))
        }
        let first = session()
        let greeting = first.open().messages
        #expect(greeting.joined(separator: "\n").split(separator: "\n").count <= 12)
        let list = first.handle("¿qué acuerdos hay?").messages
        #expect(list.count == 1 && list[0].split(separator: "\n").count <= 8)
        let state = try JSONEncoder().encode(first.state)
        #expect(state.count < 300)
        let again = session()
        _ = again.open()
        let more = again.handle("ver más").messages
        #expect(more.first?.hasPrefix("Del 6 al 10 (de ") == true)
        let hers = again.handle("los de diciembre").messages
        #expect(hers.first?.contains("con plazo en diciembre") == true)
    }
}

/// Meetings and reflections page the same way.
@Suite struct OtherLongListsTests {
    let today = BigNetwork.today
    let now = LocalDateTime(date: BigNetwork.today, time: LocalTime(hour: 10, minute: 0))

    /// Twelve one-off meetings, one a week from tomorrow.
    var withMeetings: NetworkSnapshot {
        var s = BigNetwork.snapshot
        s.meetings = RecordList((0..<12).map { i in
            Meeting(id: "E-\(i + 1)", title: "Encuentro \(i + 1)", kind: .regular,
                    start: LocalDateTime(date: today.adding(days: 1 + 7 * i), time: LocalTime(hour: 15, minute: 0)))
        })
        return s
    }

    /// «¿qué encuentros hay?» shows five, «más» the next five; «los de enero» only January's.
    @Test func meetingsPage() {
        var listing: ListCursor?
        let first = Answers.answer(.meetings, snapshot: withMeetings, today: today, user: nil, now: now, listing: &listing)[0]
        #expect(first.hasPrefix("Encuentros agendados (12). Los próximos:"))
        #expect(first.hasSuffix("…y 7 más. Escribe «más» para seguir."))
        let next = Answers.answer(.moreOfList, snapshot: withMeetings, today: today, user: nil, now: now, listing: &listing)[0]
        #expect(next.hasPrefix("Del 6 al 10 (de 12):\n- Encuentro 6: Encuentro 6,"))
        let january = Answers.answer(.refineList, snapshot: withMeetings, today: today, user: nil, text: "los de enero", now: now,
                                     listing: &listing)[0]
        #expect(january.hasPrefix("Encuentros agendados en enero de 2027:"))
        #expect(january.split(separator: "\n").dropFirst().allSatisfy { $0.contains("de enero de 2027") })
    }

    /// Thirty reflections: the five newest, how many more, and «más» goes on.
    @Test func reflectionsPage() {
        var s = BigNetwork.snapshot
        s.reflections = RecordList((1...30).map { Reflection(id: "R-\($0)", date: nil, author: nil, practice: "práctica \($0)", learnings: "aprendizaje \($0)") })
        var listing: ListCursor?
        let first = Answers.answer(.learnings, snapshot: s, today: today, user: nil, text: "¿qué hemos aprendido?", listing: &listing)[0]
        #expect(first.hasPrefix("Lo que hemos aprendido (30 reflexiones; primero las más recientes):\n- aprendizaje 30 "))
        #expect(first.hasSuffix("…y 25 más. Escribe «más» para seguir."))
        let next = Answers.answer(.moreOfList, snapshot: s, today: today, user: nil, listing: &listing)[0]
        #expect(next.hasPrefix("Del 6 al 10 (de 30):\n- aprendizaje 25 "))
    }
}
