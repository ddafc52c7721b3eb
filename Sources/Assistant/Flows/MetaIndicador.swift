import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/meta-indicador.yaml`: a target for a diagnosis indicator. «queremos que el 80% de
/// los acuerdos se cumplan a tiempo» at the menu starts it with the indicator and the target.
struct MetaIndicadorFlow: MingaFlow {
    let id = "meta-indicador"
    let saveKind: String? = "indicator_target"
    let slotNames = ["indicador", "meta"]

    /// `claim` needs one of these (`ClaimCues`): A word of wishing or of a meta.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: Self.wishWords.sorted() + GoalSentence.movingVerbs.sorted()) }

    /// Words of wishing or of a meta; the goal verbs that open a meta said without «meta» too
    /// («subir a 85% la asistencia»).
    static let wishWords: Set<String> = ["queremos", "quisieramos", "meta", "esperamos", "lograr", "llegar", "subir", "aumentar", "alcanzar"]

    /// A wish with a percentage about something an indicator measures.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard t.contains(where: Self.wishWords.contains) || GoalSentence.bareWish(t),
              message.clean.range(of: #"\d+\s*(%|por ?ciento)"#, options: .regularExpression) != nil,
              !t.contains("objetivo"), !t.contains("resultado") else { return nil }
        let values = Self.read(message.clean, flow: flow, context: context)
        guard values["indicador"] != nil else { return nil }
        if values["indicador"]?.textValue == "asistencia_promedio" {
            switch Self.whoseAttendance(t) {
            case .students:
                // «llegar al 90% de asistencia de los estudiantes»: a school goal, an objective's meta.
                return nil
            case .unsaid where context.snapshot?.purpose?.objectives.isEmpty == false:
                // «llegar al 80% de asistencia a diciembre 2027»: whose? Asked (issue 12: it was
                // always the meetings').
                var claim = Claim(values: values)
                claim.choose = ["metas-objetivo", id]
                claim.chooseLead = "¿De qué asistencia hablas? Puede ser la de los estudiantes a clases (una meta de un objetivo del propósito) o la de los miembros a los encuentros de la red (un indicador)."
                return claim
            default:
                break
            }
        }
        return Claim(values: values)
    }

    enum Attendance { case students, meetings, unsaid }

    /// Student words: attendance to classes is a school goal.
    static let studentWords: Set<String> = ["estudiantes", "estudiante", "alumnos", "alumnas", "alumno", "alumna", "ninos", "ninas", "niños", "niñas",
                                            "clases", "clase", "escolar", "ausentismo", "matricula", "cursos", "curso", "basico", "basica", "medio",
                                            "ciclo", "kinder", "parvulos"]
    /// Meeting words: the network's own attendance indicator.
    static let meetingWords: Set<String> = ["reunion", "reuniones", "encuentro", "encuentros", "jornada", "jornadas", "sesion", "sesiones",
                                            "miembros", "directores", "directivos"]

    /// Whose attendance the words say: the students' («de los alumnos», «a clases»), the
    /// meetings' («a las reuniones», «a los encuentros»), or neither (both said is neither too).
    static func whoseAttendance(_ t: [String]) -> Attendance {
        let students = t.contains(where: studentWords.contains), meetings = t.contains(where: meetingWords.contains)
        return students == meetings ? .unsaid : students ? .students : .meetings
    }

    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        Prefill(values: Self.read(request, flow: flow, context: context))
    }

    static func read(_ text: String, flow: FlowDefinition, context: EngineContext) -> SlotValues {
        var v: SlotValues = [:]
        if let slot = flow.slot(named: "indicador"), let c = DialogEngine.choiceIn(tokens: Phrase(text).tokens, slot: slot) {
            v["indicador"] = .choice(c.value)
        }
        // «que al menos 5 de los 6 colegios vengan, o sea asistencia sobre 80%»: for a percentage
        // indicator the figure said as a percentage is the target, not the first number (it was 5%).
        let key = v["indicador"]?.textValue
        let percent = key.map(IndicatorTarget.isFraction) ?? true
            ? text.range(of: #"\d+([.,]\d+)?\s*(%|por ?ciento)"#, options: .regularExpression).flatMap { LearningResult.figure(in: String(text[$0])) }
            : nil
        if let n = percent ?? LearningResult.figure(in: text) {
            // «…se cumplan a tiempo pa julio»: the time said goes with the target, so the check
            // of the target says it is not kept (issue 12: it was dropped without a word).
            let when = Self.whenSaid(text, context: context)
            v["meta"] = .text(target(n, key: key) + (when.map { " " + $0 } ?? ""))
        }
        return v
    }

    /// The words of a time said with a target («pa julio», «a diciembre 2027», «para fin de
    /// año»), with the word that leads it; nil when none is said.
    static func whenSaid(_ text: String, context: EngineContext) -> String? {
        // Most targets say no when: the date reader is run only on one with a word it may know.
        guard WhenCues.maySayWhen(folded: TextFold.fold(text)), let m = TemporalParser.parse(text, context: context.temporal),
              m.text.contains(where: \.isLetter), let r = text.range(of: m.text) else { return nil }
        let lead = text[..<r.lowerBound].split(separator: " ").last.map(String.init)
        let leads: Set<String> = ["pa", "pal", "para", "a", "al", "en", "hasta", "antes", "de", "del"]
        guard let lead, leads.contains(TextFold.fold(lead)), !Phrase(m.text).tokens.starts(with: [TextFold.fold(lead)]) else { return m.text }
        return lead + " " + m.text
    }

    /// «80%» for a percentage indicator, «6» for a count; as said when the indicator is not known yet.
    static func target(_ n: Double, key: String?) -> String {
        let shown = n == n.rounded() ? String(Int(n)) : String(n)
        return key.map(IndicatorTarget.isFraction) ?? true ? "\(shown)%" : shown
    }

    /// The target must hold a figure; it is kept as the report writes it.
    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "meta", let text = value.textValue else { return .accept }
        guard let n = LearningResult.figure(in: text) else { return .reject("Necesito una cifra, por ejemplo «80%».") }
        let shown = Self.target(n, key: run.values["indicador"]?.textValue)
        // An indicator's target has no date: a time said with it is told as not kept, never lost
        // without a word.
        if let when = Self.whenSaid(text, context: context) {
            return .replace(.text(shown), remarks: ["Las metas de los indicadores no llevan fecha: la meta queda en \(shown), sin «\(when)». El informe la compara siempre con cómo van hoy."])
        }
        return shown == text ? .accept : .replace(.text(shown))
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let key = v["indicador"]?.textValue, let said = v["meta"]?.textValue.flatMap(LearningResult.figure(in:)) else {
            throw StoreError.notFound("el indicador")
        }
        // «80» for a percentage is 0.8, as the indicator is computed.
        let target = IndicatorTarget.isFraction(key) && said > 1 ? said / 100 : said
        var targets = snapshot.network.indicatorTargets
        targets[key] = target
        try w.store.saveIndicatorTargets(targets, network: snapshot.network.id)
        let today = w.clock.today()
        var resumen = "Listo: la meta de «\(IndicatorTarget.label(key))» es \(IndicatorTarget.format(key, target))"
        if let before = snapshot.network.indicatorTargets[key], before != target { resumen += " (antes era \(IndicatorTarget.format(key, before)))" }
        resumen += "."
        if let now = DiagnosisCalculator.indicators(snapshot, today: today, isGroup: PeopleParser.isGroup)[key] {
            resumen += " Hoy están en \(IndicatorTarget.format(key, now))" + (IndicatorTarget.reached(now, target) ? ": ¡ya la cumplen!" : ".")
        }
        resumen += " La verás en el informe y cuando preguntes «¿cómo vamos con los indicadores?»."
        return ["resumen": resumen]
    }
}
