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

    /// A round already under way is not opened twice: say how it goes instead.
    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, let open = DiagnosisCalculator.openRound(s, today: context.today),
              open.round == Diagnosis.round(of: context.today) else { return nil }
        return ([Answers.roundHeader(open, snapshot: s)] + (open.responses.isEmpty ? [] : Answers.roundLines(open, snapshot: s).dropFirst())).joined(separator: "\n")
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
        return opens ? Claim() : nil
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
