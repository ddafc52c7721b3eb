import DialogEngine
import Domain
import FileStore
import Foundation
import Understanding

/// `dialogs/editar-organizacion.yaml`: the names of organisations already registered, corrected
/// by number («el nombre de la organización 1 quedó mal, es CESFAM Lago Ranco, y el de la 2 es
/// OPD Lago Ranco»), several in one message. The kind follows the new name when it is obvious.
struct EditarOrganizacionFlow: MingaFlow {
    let id = "editar_organizacion"
    let saveKind: String? = "organization_update"
    let slotNames = ["cambios"]

    /// «¿Lo cambio?» — «no»: the names stay as they were.
    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.organizations.isEmpty else { return nil }
        return "Todavía no hay organizaciones registradas. Si quieres, escribe «agregar una organización»."
    }

    /// `claim` needs one of these (`ClaimCues`): An organisation named.
    /// `claim` needs a fix word first (the organisation may be named by its own words).
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: Array(Self.fixWords)) }

    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard t.contains(where: Self.fixWords.contains), let s = context.snapshot, !s.organizations.isEmpty, !QuestionForm.asks(message) else { return nil }
        if t.contains(where: { $0 == "organizacion" || $0 == "organizaciones" }), t.contains(where: { Int($0) != nil }) {
            let changes = Self.changes(message.clean, s)
            if !changes.isEmpty { return Claim(values: ["cambios": .text(Self.describe(changes, s))]) }
        }
        // «el nombre del cesfam quedó mal, es Cesfam Curacautin nomás»: the organisation named by
        // its words, with «nombre» said.
        guard t.contains("nombre") || t.contains("llama") else { return nil }
        let changes = Self.named(message.clean, s)
        return changes.isEmpty ? nil : Claim(values: ["cambios": .text(Self.describe(changes, s))])
    }

    /// The one organisation named by its words before the new name («el nombre del cesfam quedó
    /// mal, es …»), with that new name; empty when none (or several) fit.
    static func named(_ text: String, _ s: NetworkSnapshot) -> [(number: Int, name: String)] {
        guard let lead = text.ranges(of: /(?i)\b(es|queda|quedaria|se llama|seria)\b\s*:?\s+/).last,
              let o = TerritoryReading.organization(in: String(text[..<lead.lowerBound]), s), let n = o.number else { return [] }
        // The network's own name is not an organisation's.
        guard !TerritoryReading.words(String(text[..<lead.lowerBound])).contains("red") else { return [] }
        let name = cleanName(String(text[lead.upperBound...]))
        return name.isEmpty ? [] : [(n, OrganizacionFlow.properName(name))]
    }

    /// The new name up to its clause's end, without «nomás» or quotes.
    static func cleanName(_ raw: String) -> String {
        var name = raw
        if let cut = name.firstIndex(where: { ",;".contains($0) }) { name = String(name[..<cut]) }
        name = name.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: ".\"“”«»")))
        for tail in [" nomas", " nomás", " no mas", " no más", " nada mas", " nada más", " po"] where name.lowercased().hasSuffix(tail) {
            name = String(name.dropLast(tail.count)).trimmingCharacters(in: .whitespaces)
        }
        return Phrase(name).tokens.isEmpty ? "" : name
    }

    /// A correction is said as one («quedó mal», «corrige», «el nombre»): «la organización 1 es la
    /// que nos apoya» only talks about it.
    static let fixWords: WordSet = ["mal", "corregir", "corrige", "corrijamos", "corregi", "cambiar", "cambia", "cambiemos", "nombre", "llama", "renombrar"]

    /// Each organisation number said with the name it should have: the name follows «es»,
    /// «queda», «se llama» or «:», up to the next comma.
    static func changes(_ text: String, _ s: NetworkSnapshot) -> [(number: Int, name: String)] {
        let numbers = text.matches(of: /(?i)(?:organizaci[oó]n(?:es)?|\bla|\bel|n[°º]|n[uú]mero)\s+(\d{1,2})\b/)
            .compactMap { m in Int(m.output.1).map { (n: $0, at: m.range) } }
            .filter { n in s.organizations.contains { $0.number == n.n } }
        var out: [(Int, String)] = []
        for (i, n) in numbers.enumerated() {
            let end = i + 1 < numbers.count ? numbers[i + 1].at.lowerBound : text.endIndex
            let segment = text[n.at.upperBound..<end]
            guard let lead = segment.ranges(of: /(?i)\b(es|queda|quedaria|se llama|seria)\b\s*:?\s+|:\s*/).last else { continue }
            var name = cleanName(String(segment[lead.upperBound...]))
            for tail in [" y el de la", " y la de la", " y el de", " y la"] where name.lowercased().hasSuffix(tail) { name = String(name.dropLast(tail.count)) }
            if Phrase(name).tokens.isEmpty { continue }
            out.append((n.n, OrganizacionFlow.properName(name)))
        }
        return out
    }

    /// «la 1 es CESFAM Lago Ranco; la 2 es OPD Lago Ranco»: the changes as a person would say
    /// them, so `changes` reads them back like any answer.
    static func describe(_ changes: [(number: Int, name: String)], _ s: NetworkSnapshot) -> String {
        changes.map { c in "la \(c.number) es \(c.name)" }.joined(separator: "; ")
    }

    /// «Hoy la 1 se llama «CESFAM Lago Rancoo».»: what each one is called now, to compare.
    static func before(_ changes: [(number: Int, name: String)], _ s: NetworkSnapshot) -> String {
        "Hoy " + SlotValue.joinSpanish(changes.map { c in "la \(c.number) se llama «\(s.organizations.first { $0.number == c.number }?.name ?? "")»" }) + "."
    }

    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "cambios", let s = context.snapshot else { return nil }
        var said = message.clean
        // «1 es CESFAM…» said alone, to the question: the number is the organisation's.
        if let first = said.first, first.isNumber { said = "la " + said }
        let changes = Self.changes(said, s)
        return changes.isEmpty ? nil : .fill(["cambios": .text(Self.describe(changes, s))], remark: nil)
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "cambios", let s = context.snapshot, let text = value.textValue else { return .accept }
        let changes = Self.changes(text, s)
        guard !changes.isEmpty else {
            return .reject("Dime el número de la organización y cómo queda, por ejemplo «la 1 es CESFAM Lago Ranco». Pregúntame «¿qué organizaciones tenemos?» para ver sus números.")
        }
        let shown = Self.describe(changes, s)
        return shown == text ? .accept([Self.before(changes, s)]) : .replace(.text(shown), remarks: [Self.before(changes, s)])
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let changes = Self.changes(v["cambios"]?.textValue ?? "", snapshot)
        guard !changes.isEmpty else { throw StoreError.notFound("esas organizaciones") }
        var lines: [String] = [], ids: [String] = []
        for c in changes {
            guard var o = snapshot.organizations.first(where: { $0.number == c.number }) else { throw StoreError.notFound("la organización \(c.number)") }
            o.name = c.name
            if let kind = TerritoryReading.kind(ofName: c.name) { o.kind = kind }
            try w.store.updateOrganization(o, network: snapshot.network.id)
            ids.append(o.id)
            lines.append("la organización \(c.number) ahora se llama «\(c.name)»")
        }
        return ["id": ids[0], "resumen": SlotValue.joinSpanish(lines) + "."]
    }
}
