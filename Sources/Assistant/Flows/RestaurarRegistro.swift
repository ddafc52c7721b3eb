import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/restaurar-registro.yaml`: «deshacer» right after deleting a member, learning result,
/// reflection or poll (`BorrarRegistroFlow`) brings it back as it was, and so does «recupera a
/// Fernanda Rojas», «restaura el resultado 1» later (qa30: «Lo último que guardaste no lo puedo
/// deshacer desde aquí», and «recupera a …» was not understood; only a hand edit of its file
/// brought it back). A deleted meeting comes back too («restaura el encuentro 2», «recupera la
/// reunión de cierre»: issue 12), and the poll its deletion opened again is closed on it again.
struct RestaurarRegistroFlow: MingaFlow {
    let id = "restaurar-registro"
    let saveKind: String? = "record_restore"
    let slotNames = ["registro"]

    /// «¿Lo recupero?» — «no»: it stays deleted, nothing more is asked.
    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, Self.deleted(in: s).isEmpty else { return nil }
        return Self.nothingDeleted
    }

    static let nothingDeleted = "No hay miembros, resultados, reflexiones, sondeos, encuentros ni diagnósticos borrados que recuperar."

    /// `claim` needs a verb of bringing back (`ClaimCues`), as `RestaurarOrganizacionFlow`.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues {
        ClaimCues(words: Array(RestaurarOrganizacionFlow.restoreWords), prefixes: ["recuper", "reactiv", "restaur"])
    }

    /// «recupera a Fernanda Rojas, la borré sin querer», «restaura el resultado 1»: a verb of
    /// bringing back and one deleted record, named by a member's name or by kind and number.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard RestaurarOrganizacionFlow.bringsBack(t), !QuestionForm.asks(message), let s = context.snapshot else { return nil }
        let gone = Self.deleted(in: s)
        guard !gone.isEmpty, let target = Self.named(t, among: gone) else { return nil }
        return Claim(values: ["registro": .text(target.reference)])
    }

    /// The deleted records this flow can bring back.
    /// (A `live` snapshot, as every turn reads, keeps them in `removedRecords`; a whole one, as
    /// `save` reads, has them among its records.)
    static func deleted(in s: NetworkSnapshot) -> [RecordReference.Target] {
        if let r = s.removedRecords {
            var out: [RecordReference.Target] = r.members.map { .member($0) }
            out += r.results.map { .result($0) }
            out += r.reflections.map { .reflection($0) }
            out += r.polls.map { .poll($0) }
            out += r.meetings.map { .meeting($0) }
            out += r.diagnoses.map { .diagnosis($0) }
            return out
        }
        var out: [RecordReference.Target] = s.members.filter(\.isOut).map { .member($0) }
        out += s.results.filter { $0.deleted != nil }.map { .result($0) }
        out += s.reflections.filter { $0.deleted != nil }.map { .reflection($0) }
        out += s.polls.filter { $0.deleted != nil }.map { .poll($0) }
        out += s.meetings.filter { $0.deleted != nil }.map { .meeting($0) }
        out += s.diagnoses.filter { $0.deleted != nil }.map { .diagnosis($0) }
        return out
    }

    /// The one deleted record `t` names: a member by first and last name (or the only deleted
    /// member with that first name), or «resultado/reflexión/sondeo N».
    static func named(_ t: [String], among gone: [RecordReference.Target]) -> RecordReference.Target? {
        for (kind, words) in [(RecordReference.Kind.result, ["resultado"]), (.reflection, ["reflexion"]), (.poll, ["sondeo", "encuesta"]),
                              (.meeting, ["encuentro", "reunion", "consejo", "jornada", "taller"]), (.diagnosis, ["diagnostico"])] {
            if let n = TerritoryReading.number(after: Set(words), in: t.joined(separator: " ")) {
                return gone.first { g in
                    switch g {
                    case .result(let l): kind == .result && l.number == n
                    case .reflection(let r): kind == .reflection && r.number == n
                    case .poll(let p): kind == .poll && p.number == n
                    case .meeting(let m): kind == .meeting && m.number == n
                    case .diagnosis(let d): kind == .diagnosis && d.number == n
                    case .member: false
                    }
                }
            }
        }
        let said = Set(t)
        // «recupera la reunión de cierre», «restaura el encuentro que borré»: a meeting noun and
        // the one deleted meeting whose title's words are said, or the only one deleted.
        if t.contains(where: MeetingMention.nouns.contains) {
            let meetings = gone.compactMap { g -> Meeting? in if case .meeting(let m) = g { return m }; return nil }
            let generic: Set<String> = ["de", "del", "la", "el", "los", "las", "y", "en", "a", "para"]
            let titled = meetings.filter { m in
                let words = Set(Phrase(m.title).tokens).subtracting(generic).subtracting(MeetingMention.nouns)
                return !words.isEmpty && !words.isDisjoint(with: said)
            }
            if titled.count == 1 { return .meeting(titled[0]) }
            if titled.isEmpty, meetings.count == 1 { return .meeting(meetings[0]) }
        }
        let people: [RecordReference.Target] = gone.filter { g in
            guard case .member(let m) = g else { return false }
            let parts = Phrase(m.name).tokens
            guard let first = parts.first, said.contains(first) else { return false }
            return parts.count == 1 || said.contains(parts[parts.count - 1])
        }
        if people.count == 1 { return people[0] }
        let byFirst = gone.filter { g in
            guard case .member(let m) = g, let first = Phrase(m.name).tokens.first else { return false }
            return said.contains(first)
        }
        return byFirst.count == 1 ? byFirst[0] : nil
    }

    /// «a Fernanda Rojas», «el resultado 1» to «¿Qué recupero?».
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "registro", let s = context.snapshot, let target = Self.named(message.phrase.tokens, among: Self.deleted(in: s)) else {
            return nil
        }
        return .fill(["registro": .text(target.reference)], remark: nil)
    }

    /// What is given must be one of the deleted records (by the reference `claim`, `interpret` or
    /// `undo` wrote, which ends with its id).
    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "registro", let text = value.textValue, let s = context.snapshot else { return .accept }
        if Self.target(text, in: s) != nil { return .accept }
        let gone = Self.deleted(in: s)
        if gone.isEmpty { return .reject(Self.nothingDeleted) }
        return .reject("No encuentro eso entre lo borrado. Se puede recuperar: " + SlotValue.joinSpanish(gone.map(\.reference)) + ".")
    }

    /// The deleted record whose id closes `reference` («a Fernanda Rojas (fernanda-rojas) de la red»,
    /// «el resultado 1 (…, L-1)») or is `reference` itself (what `undo` gives).
    static func target(_ reference: String, in s: NetworkSnapshot) -> RecordReference.Target? {
        let gone = deleted(in: s)
        if let exact = gone.first(where: { $0.id == reference }) { return exact }
        guard let open = reference.lastIndex(of: "("), let close = reference[open...].firstIndex(of: ")") else { return nil }
        let inside = reference[reference.index(after: open)..<close]
        let id = inside.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return gone.first { $0.id == id }
    }

    /// What «deshacer» starts right after `BorrarRegistroFlow` saved `record` (its id).
    static func undo(after record: String, context: EngineContext) -> Undo? {
        guard let s = context.snapshot, let target = target(record, in: s) else { return nil }
        return Undo(flow: "restaurar-registro", values: ["registro": .text(target.reference)])
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        // The whole store, deleted records included: a deletion is what is undone.
        guard let network else { throw StoreError.notFound("la red") }
        let snapshot = try w.store.snapshot(network: network).value
        guard let text = v["registro"]?.textValue, let target = Self.target(text, in: snapshot) else {
            throw StoreError.notFound("ese registro")
        }
        let id = snapshot.network.id
        switch target {
        case .member(var m):
            // The deletion stays in its file's history, with the return (issue 12: restoring
            // erased why the member was taken out).
            if let d = m.deleted { m.trail.append("borrado: " + d) }
            if let l = m.left { m.trail.append("salida: " + l) }
            m.trail.append("vuelve a la red: " + w.stamp + (user.name.map { " por \($0)" } ?? ""))
            m.deleted = nil
            m.left = nil
            try w.store.saveMember(m, network: id)
            return ["id": m.id, "resumen": "\(m.name) volvió a la red, con sus datos como estaban."]
        case .result(var l):
            // As a member's: the deletion note goes to its history, with who brought it back.
            l.history.append(LearningResult.Change(at: w.stamp, field: "borrado", before: l.deleted,
                                                   note: "recuperado" + (user.name.map { " por \($0)" } ?? "")))
            l.deleted = nil
            try w.store.updateResult(l, network: id)
        case .reflection(var r):
            r.deleted = nil
            try w.store.updateReflection(r, network: id)
        case .diagnosis(let d):
            _ = try w.store.modifyDiagnosis(id: d.id, network: id) { $0.deleted = nil }
        case .poll(let p):
            _ = try w.store.modifyPoll(id: p.id, network: id) { $0.deleted = nil }
        case .meeting(let m):
            _ = try w.store.modifyMeeting(id: m.id, network: id) { $0.deleted = nil }
            // Deleting it opened its poll again (`BorrarRegistroFlow`): the poll still open on
            // that day and hour, by the same name, is closed on it again.
            if let p = snapshot.polls.first(where: { $0.deleted == nil && $0.isOpen && $0.title == m.title && $0.options.contains(m.start) }) {
                _ = try w.store.modifyPoll(id: p.id, network: id) {
                    $0.chosen = m.start
                    $0.meeting = m.id
                }
                return ["id": m.id, "resumen": "recuperé \(target.reference), como estaba, y el sondeo \(p.number ?? 0) («\(p.title)») quedó cerrado otra vez en esa fecha."]
            }
        }
        return ["id": target.id, "resumen": "recuperé \(target.reference), como estaba."]
    }
}
