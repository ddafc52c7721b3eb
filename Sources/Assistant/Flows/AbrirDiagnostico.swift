import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/abrir-diagnostico.yaml`: a facilitator opens this semester's round of the
/// diagnosis, so the members' answers gather there (`DiagnosisCalculator.openRound`).
struct AbrirDiagnosticoFlow: MingaFlow {
    let id = "abrir_diagnostico"
    let saveKind: String? = "diagnosis_round"
    let slotNames = ["ronda"]

    /// A round already under way is not opened twice: say how it goes instead. A request that
    /// names another semester («abrir la ronda del próximo semestre») is no second opening.
    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, let open = DiagnosisCalculator.openRound(s, today: context.today),
              open.round == Diagnosis.round(of: context.today) else { return nil }
        if let said = context.message.flatMap({ Self.roundSaid($0, today: context.today) }), said != open.round { return nil }
        return Self.status(open, snapshot: s)
    }

    /// How an open round goes: its header and, when someone answered, who is missing.
    static func status(_ open: Diagnosis, snapshot s: NetworkSnapshot) -> String {
        ([Answers.roundHeader(open, snapshot: s)] + (open.responses.isEmpty ? [] : Answers.roundLines(open, snapshot: s).dropFirst())).joined(separator: "\n")
    }

    /// The round a request or an answer names: «2027-1», «el primer semestre 2027», «el segundo
    /// semestre», «del próximo semestre», «pal otro semestre», «este semestre». Nil: none said.
    /// A half named without its year is the next one to come (or this one).
    static func roundSaid(_ text: String, today: LocalDate) -> String? {
        // «2027-1», «2027 - 2», «2027/1»: a year and its half, as the round is written.
        let t = Phrase(text).tokens
        let current = (year: today.year, half: today.month <= 6 ? 1 : 2)
        func round(_ y: Int, _ h: Int) -> String { "\(y)-\(h)" }
        let year = t.compactMap { Int($0) }.first { $0 >= 2000 && $0 <= 2100 }
        if let y = year, let i = t.firstIndex(of: String(y)), i + 1 < t.count, ["1", "2"].contains(t[i + 1]),
           !t.contains("semestre") || t.firstIndex(of: "semestre")! < i {
            return round(y, Int(t[i + 1])!)
        }
        guard let k = t.firstIndex(where: { $0 == "semestre" || $0 == "semestres" }) else { return nil }
        let near = t[max(0, k - 3)..<min(t.count, k + 3)]
        let halfWords: [String: Int] = ["primer": 1, "primero": 1, "1er": 1, "1": 1, "segundo": 2, "2do": 2, "2": 2]
        if k > 0, let h = halfWords[t[k - 1]] {
            let y = year ?? (h < current.half ? current.year + 1 : current.year)
            return round(y, h)
        }
        let next = current.half == 1 ? (current.year, 2) : (current.year + 1, 1)
        if near.contains(where: { ["proximo", "siguiente", "otro", "viene", "venidero", "entrante"].contains($0) }) { return round(next.0, next.1) }
        if near.contains(where: { ["este", "actual", "presente", "esta"].contains($0) }) { return round(current.year, current.half) }
        let previous = current.half == 2 ? (current.year, 1) : (current.year - 1, 2)
        if near.contains(where: { ["pasado", "anterior"].contains($0) }) { return round(previous.0, previous.1) }
        return nil
    }

    /// «abrir la ronda del diagnóstico del próximo semestre»: that round (it opened this one).
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard let r = Self.roundSaid(request, today: context.today) else { return Prefill() }
        return Prefill(values: ["ronda": .text(r)])
    }

    /// «el primer semestre 2027», «el próximo» to «¿Qué ronda abrimos?»: the round, as written.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "ronda" else { return nil }
        let text = Phrase(message.clean).tokens.contains("semestre") ? message.clean : message.clean + " semestre"
        guard let r = Self.roundSaid(text, today: context.today) else { return nil }
        return .fill(["ronda": .text(r)], remark: nil)
    }

    /// `claim` needs one of these (`ClaimCues`): «abrir el diagnóstico», «lancemos otra ronda»: the word of the diagnosis or of a round.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: ["diagnostico", "ronda"]) }

    /// «oye abramos la ronda del diagnóstico pa este semestre po», «lancemos el diagnóstico»: an
    /// opening verb with the diagnosis or its round is this flow's request, not the answering
    /// one (which the diagnosis' own triggers would otherwise tie with).
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard t.count >= 2, t.count <= 14, let first = t.first, !["como", "que", "cuando", "para", "donde", "quien"].contains(first),
              t.contains("diagnostico") || t.contains("ronda") else { return nil }
        let opens = t.contains { Self.openingVerbs.contains($0) }
            || (t.contains("ronda") && t.contains { Self.startingWords.contains($0) })
        guard opens else { return nil }
        // «…del próximo semestre»: that round, not this one.
        return Claim(values: Self.roundSaid(message.clean, today: context.today).map { ["ronda": .text($0)] } ?? [:])
    }

    static let openingVerbs: WordSet = ["abrir", "abramos", "abre", "abrimos", "abro", "abrela", "abrelo", "lanzar", "lancemos", "lanza",
                                            "lanzamos", "convocar", "convoquemos", "convoca"]
    static let startingWords: WordSet = ["iniciar", "iniciemos", "inicia", "empezar", "empecemos", "empieza", "partir", "partamos",
                                             "nueva", "otra", "arrancar", "arranquemos"]

    /// The current semester, unless the request named another round.
    func defaults(_ run: FlowRun, context: EngineContext) -> SlotValues {
        ["ronda": .text(Diagnosis.round(of: context.today))]
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard let text = value.textValue else { return .accept }
        let parts = text.split(separator: "-")
        guard parts.count == 2, Int(parts[0]) != nil, ["1", "2"].contains(parts[1]) else {
            return .reject("Dime la ronda como año y semestre, por ejemplo «2027-1» (primer semestre 2027).")
        }
        // A round already opened is not opened twice: how it goes is said instead.
        if let s = context.snapshot, let open = s.diagnoses.last(where: { $0.round == text && $0.openedBy != nil }) {
            return .unchanged(Self.status(open, snapshot: s))
        }
        return .accept
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let today = w.clock.today()
        let round = v["ronda"]?.textValue ?? Diagnosis.round(of: today)
        // No answers yet: no level to claim, only the indicators as they are today.
        let d = try w.store.addDiagnosis(Diagnosis(id: "", date: today, author: user.name, level: .intercambio, scores: [:],
                                                   indicators: DiagnosisCalculator.indicators(snapshot, today: today, isGroup: PeopleParser.isGroup),
                                                   round: round, openedBy: user.name),
                                         network: snapshot.network.id, key: w.key)
        let missing = DiagnosisCalculator.missing(d, members: snapshot.members)
        var text = "abrí la ronda \(round) del diagnóstico" + (Answers.semester(round).map { ", del \($0)" } ?? "") + " (\(d.id)). "
        text += "Cada persona la responde en su propia conversación escribiendo «responder el diagnóstico»"
        text += missing.isEmpty ? "." : "; faltan \(Answers.someNames(missing))."
        text += " Cuando quieras ver cómo va, pregúntame «¿cómo salió el diagnóstico?»."
        return ["id": d.id, "numero": d.number.map(String.init) ?? d.id, "resumen": text]
    }
}
