import Assistant
import CivilTime
import Domain
import FileStore
import PlainJSON
import Understanding

/// Unprompted reminders (protocol v1 `notice`): for each user, the open agreements they are
/// responsible for that are overdue or due within two days (today, tomorrow, the day after).
public enum Notices {
    /// Days ahead a reminder covers, today included: "vence en dos días" or sooner.
    public static let window = 3

    /// One `notice` line per user with something to hear, in the order of `users`.
    /// Users without a name get nothing: agreements name their responsables.
    public static func lines(for users: [UserRef], store: any MingaStore, today: LocalDate) -> [String] {
        var snapshots: [String: NetworkSnapshot] = [:]
        let onlyNetwork: String? = {
            guard let all = try? store.networks(), all.count == 1 else { return nil }
            return all[0].id
        }()
        var out: [String] = []
        for user in users {
            guard let name = user.name, let network = user.network ?? onlyNetwork else { continue }
            if snapshots[network] == nil { snapshots[network] = try? store.snapshot(network: network).value.live }
            guard let snapshot = snapshots[network] else { continue }
            let messages = self.messages(for: name, snapshot: snapshot, today: today)
            guard !messages.isEmpty else { continue }
            out.append(JSONValue.object([
                ("type", .string("notice")),
                ("user", .string(user.id)),
                ("messages", .strings(messages)),
            ]).rendered())
        }
        return out
    }

    /// The reminder messages for the person called `name`.
    public static func messages(for name: String, snapshot: NetworkSnapshot, today: LocalDate) -> [String] {
        let mine: (Agreement) -> Bool = { a in
            a.responsables.contains { $0 == name || PersonMatcher.match($0, among: [name]) != nil }
        }
        var messages: [String] = []
        for a in snapshot.overdueAgreements(on: today) where mine(a) {
            let since = a.deadline.map { " (plazo: " + SpanishFormat.date($0, today: today) + ")" } ?? ""
            messages.append("Recordatorio: el acuerdo \(label(a)) «\(a.text)» está vencido\(since). ¿Me cuentas cómo va?")
        }
        for a in snapshot.agreementsDue(within: window, on: today) where mine(a) {
            guard let d = a.deadline else { continue }
            let when = today.days(until: d) == 0 ? "vence hoy" : "vence el " + SpanishFormat.date(d, today: today)
            messages.append("Recordatorio: el acuerdo \(label(a)) «\(a.text)» \(when).")
        }
        return messages
    }

    private static func label(_ a: Agreement) -> String {
        a.number.map { "\($0) (\(a.id))" } ?? a.id
    }
}
