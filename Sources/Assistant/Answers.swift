import CivilTime
import Domain
import DialogEngine
import Understanding

/// Answers to questions about the network, written from a snapshot.
enum Answers {
    static func answer(_ query: Query, snapshot: NetworkSnapshot?, today: LocalDate, user: String?, text: String = "",
                       now: LocalDateTime? = nil) -> [String] {
        var listing: ListCursor?
        return answer(query, snapshot: snapshot, today: today, user: user, text: text, now: now, listing: &listing)
    }

    /// `listing` is where the last list stopped: «más» continues it, «los de Ana» narrows it, and
    /// every list answer leaves it where it stopped.
    static func answer(_ query: Query, snapshot: NetworkSnapshot?, today: LocalDate, user: String?, text: String = "",
                       now: LocalDateTime? = nil, listing: inout ListCursor?) -> [String] {
        // A meaning needs no network.
        if query == .definition {
            let asked = Phrase(text)
            let meaning = Glossary.definition(asked: asked) ?? "No tengo una definición para eso. Si me cuentas en qué estás, te digo cómo te puedo ayudar."
            // «¿qué es esto del propósito?»: the concept, then the network's own.
            guard let own = Glossary.record(asked: asked), own != .definition, snapshot != nil else { return [meaning] }
            return [meaning] + answer(own, snapshot: snapshot, today: today, user: user, text: text, now: now, listing: &listing)
        }
        guard let snapshot else { return ["Todavía no hay una red creada; cuando la creemos te podré responder eso."] }
        let now = now ?? LocalDateTime(date: today, time: LocalTime(hour: 0, minute: 0))
        switch query {
        case .openAgreements, .overdueAgreements, .myAgreements, .personAgreements:
            return agreements(query, snapshot: snapshot, today: today, user: user, text: text, listing: &listing)
        case .moreOfList:
            return more(snapshot: snapshot, today: today, now: now, user: user, listing: &listing)
        case .refineList:
            return refine(snapshot: snapshot, today: today, now: now, user: user, text: text, listing: &listing)
        case .meetings:
            if let said = weekAhead(snapshot, text: text, today: today, now: now, listing: &listing) { return said }
            if let said = meetingsInMonths(snapshot, text: text, today: today, now: now, listing: &listing) { return said }
            if let said = meetingsOn(snapshot, text: text, today: today, now: now, listing: &listing) { return said }
            return meetingsPage(snapshot, month: nil, from: 0, today: today, now: now, listing: &listing)
        case .learnings:
            return learnings(snapshot, text: text, today: today, listing: &listing)
        case .search:
            return search(snapshot, text: text, today: today)
        case .agenda, .appropriation, .poll, .diagnosis:
            return work(query, snapshot: snapshot, today: today, now: now, user: user, text: text)
        case .nextMeeting:
            return nextMeeting(snapshot, today: today, now: now, text: text)
        case .absence:
            return absence(snapshot, today: today, now: now, text: text)
        case .notice:
            return notice(snapshot, today: today, now: now)
        case .report:
            return report(snapshot)
        case .pastMeeting:
            return pastMeeting(snapshot, today: today, text: text)
        case .meetingDetails:
            return meetingDetails(snapshot, today: today, now: now, text: text)
        case .purpose:
            return purpose(snapshot, today: today)
        case .members:
            return members(snapshot)
        case .schools:
            return schools(snapshot)
        case .networkFacts:
            return networkFacts(snapshot)
        case .schoolBreaks:
            return schoolBreaks(snapshot, today: today)
        case .leaders:
            return leaders(snapshot, today: today)
        case .expertise:
            return expertise(snapshot, text: text)
        case .organizations, .norms, .decisions, .institutionalization:
            return territory(query, snapshot: snapshot, today: today, text: text)
        case .objectives:
            return objectives(snapshot, today: today)
        case .results:
            return results(snapshot, text: text, today: today)
        case .indicators:
            return indicators(snapshot, today: today)
        case .networkSummary:
            return asksWhatIsMissing(text) ? missing(snapshot, today: today, now: now) : summary(snapshot, today: today, now: now)
        case .definition:
            return []
        case .registeredBy:
            return registeredBy(snapshot, text: text, today: today, user: user)
        }
    }

    /// What a user should hear first: overdue agreements, then those due this week. Bounded at any
    /// size: all of them when they are a few, else how many and the first two (one pass).
    static func pending(_ snapshot: NetworkSnapshot, today: LocalDate, user: String?) -> [String] {
        var listed: [String]?
        return pending(snapshot, today: today, user: user, listed: &listed)
    }

    /// `pending`, and `listed`: the agreements it shows, in order, when it shows each of its
    /// lists whole (nil when it shows only examples of a longer one, or none): the greeting's
    /// list is the conversation's focus, as a list asked for is («la mando el lunes» is that one).
    static func pending(_ snapshot: NetworkSnapshot, today: LocalDate, user: String?, listed: inout [String]?) -> [String] {
        let shownWhole = 3, examples = 2
        var overdue = Smallest(shownWhole), soon = Smallest(shownWhole)
        var overdueCount = 0, soonCount = 0, openCount = 0
        // Read in place: a copy of each agreement (a dozen retains and releases) was most of the
        // greeting's cost on a network of 10,000. «Within 7 days» (`Agreement.isDue`) as a
        // comparison with one date worked out once.
        let weekEnd = today.adding(days: 7)
        snapshot.agreements.withChunks { agreements, base in
            for i in agreements.indices {
                let st = Agreement.status(agreements[i].status, deadline: agreements[i].deadline, on: today)
                guard st.isOpen else { continue }
                openCount += 1
                // The key (its number parsed from the id) only for the few that are listed.
                func key() -> Smallest.Key {
                    Smallest.Key(a: agreements[i].deadline?.dayNumber ?? Int.max, b: agreements[i].number ?? Int.max, c: base + i)
                }
                if st == .vencido {
                    overdueCount += 1
                    overdue.insert(key())
                } else if let d = agreements[i].deadline, !(d < today), d < weekEnd {
                    soonCount += 1
                    soon.insert(key())
                }
            }
        }
        var shown: [String] = []
        func part(_ best: Smallest, _ n: Int) -> String {
            let items = best.sorted().prefix(n <= shownWhole ? shownWhole : examples).map { snapshot.agreements[$0] }
            shown += items.map(\.id)
            return list(Array(items), today: today)
        }
        var lines: [String] = []
        if overdueCount > shownWhole {
            lines.append("Ojo: \(number(overdueCount)) acuerdos vencidos. Los más atrasados:\n" + part(overdue, overdueCount))
        } else if overdueCount > 0 {
            lines.append("Ojo: " + count(overdueCount, "acuerdo vencido", "acuerdos vencidos") + ":\n" + part(overdue, overdueCount))
        }
        if soonCount > shownWhole {
            lines.append("Esta semana vencen \(number(soonCount)), entre ellos:\n" + part(soon, soonCount))
        } else if soonCount > 0 {
            lines.append("Esta semana vence" + (soonCount == 1 ? "" : "n") + ":\n" + part(soon, soonCount))
        }
        listed = !shown.isEmpty && overdueCount <= shownWhole && soonCount <= shownWhole ? shown : nil
        if lines.isEmpty && openCount > 0 {
            lines.append("La red tiene " + count(openCount, "acuerdo abierto", "acuerdos abiertos") + ", ninguno vencido.")
        } else if overdueCount > shownWhole || soonCount > shownWhole {
            let later = openCount - overdueCount - soonCount
            lines.append((later > 0 ? "Además hay " + count(later, "acuerdo abierto", "acuerdos abiertos") + " con plazo más adelante. " : "")
                + "Para verlos de a poco, escribe «¿qué acuerdos están vencidos?» o «¿qué acuerdos hay?».")
        }
        return lines
    }

    static func count(_ n: Int, _ one: String, _ many: String) -> String {
        n == 1 ? "1 \(one)" : "\(number(n)) \(many)"
    }
}
