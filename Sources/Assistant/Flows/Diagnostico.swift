import CivilTime
import Foundation
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/diagnostico.yaml`: the network's self-assessment on six dimensions (1–4), with the
/// level computed from it and the store's indicators.
struct DiagnosticoFlow: MingaFlow {
    let id = "diagnostico"
    let saveKind: String? = "diagnosis"
    var slotNames: [String] { Diagnosis.dimensions.map(\.key) + ["comentarios"] }

    /// The 1–4 scale said in words: "harto", "más o menos", "nada"; and a number said with a
    /// reason («mmm 2, les cuesta todavía»): the number, and the reason kept as a comment.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.type == .number else { return nil }
        if let n = Self.likert[message.phrase.core] ?? Self.likert[message.phrase.folded] {
            return .fill([slot.name: .number(Double(n))], remark: "Lo anoto como \(n) (\(Self.likertLabel[n - 1])).")
        }
        guard let (head, comment) = Self.withReason(message.clean),
              let n = Read.numbers(in: head).count == 1 ? NumberParser.parse(head) : Self.likert[Phrase(head).core],
              (1...4).contains(n) else { return nil }
        let said = (run.values["comentarios"]?.listValue ?? []) + [slot.label.prefix(1).uppercased() + slot.label.dropFirst() + ": " + comment]
        return .fill([slot.name: .number(Double(n)), "comentarios": .list(said)], remark: "Anoto \(n) y tu comentario.")
    }

    /// «mmm 2, les cuesta todavía», «3 porque nos juntamos poco»: the part with the number and
    /// the reason after it (two words at least), or nil.
    static func withReason(_ text: String) -> (String, String)? {
        let words = text.split(separator: " ").map(String.init)
        for (i, w) in words.enumerated() where i > 0 {
            let folded = Phrase(w).core
            let comma = words[i - 1].hasSuffix(",") || words[i - 1].hasSuffix(";")
            guard comma || reasonLeads.contains(folded) else { continue }
            let head = words[..<i].joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ",; "))
            let rest = words[i...].joined(separator: " ")
            guard Phrase(rest).tokens.count >= 2, !Read.numbers(in: head).isEmpty || likert[Phrase(head).core] != nil else { continue }
            return (head, rest)
        }
        return nil
    }

    static let reasonLeads: Set<String> = ["porque", "pero", "aunque", "ya que", "pues", "igual"]

    static let likertLabel = ["muy poco", "algo", "bastante", "mucho"]
    static let likert: [String: Int] = [
        "nada": 1, "muy poco": 1, "casi nada": 1, "poquito": 1, "muy poquito": 1, "nunca": 1, "para nada": 1, "ni ahi": 1,
        "poco": 2, "algo": 2, "mas o menos": 2, "regular": 2, "a veces": 2, "igual": 2, "maso": 2, "medio": 2,
        "bastante": 3, "harto": 3, "arto": 3, "hartisimo": 4, "mucho": 4, "muchisimo": 4, "full": 4, "siempre": 4, "caleta": 4, "demasiado": 4,
    ]

    func save(_ v: [String: SlotValue], with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let today = w.clock.today()
        var scores: [String: Double] = [:]
        for d in Diagnosis.dimensions { if case .number(let n)? = v[d.key] { scores[d.key] = n } }
        let indicators = DiagnosisCalculator.indicators(snapshot, today: today)
        let (level, reasons) = DiagnosisCalculator.level(scores: scores, indicators: indicators, snapshot: snapshot)
        let d = try w.store.addDiagnosis(Diagnosis(id: "", date: today, author: user.name, level: level, scores: scores,
                                                   indicators: indicators, reasons: reasons, comments: v["comentarios"]?.listValue ?? v["comentarios"]?.textValue.map { [$0] } ?? []),
                                         network: snapshot.network.id, key: w.key)
        var text = "La red está en el nivel «\(level.label)» (\(level.rank + 1) de 4: intercambio → coordinación → colaboración → comunidad de práctica).\n"
        text += reasons.joined(separator: "\n")
        text += "\n" + Answers.indicatorLines(indicators)
        if let previous = snapshot.diagnoses.last {
            let before = previous.scores.values.reduce(0, +) / Double(max(1, previous.scores.count))
            let now = scores.values.reduce(0, +) / Double(max(1, scores.count))
            let trend = level > previous.level ? "subió" : level < previous.level ? "bajó" : "se mantiene"
            text += "\nComparado con el diagnóstico anterior (\(previous.date.map { SpanishFormat.date($0, today: today) } ?? previous.id)): el nivel \(trend)"
                + (level != previous.level ? " desde «\(previous.level.label)»" : "")
                + ", y el promedio pasó de \(DiagnosisCalculator.decimal(before)) a \(DiagnosisCalculator.decimal(now))."
        }
        text += "\nQuedó guardado como el diagnóstico \(d.number ?? 0) (\(d.id))."
        return ["id": d.id, "numero": d.number.map(String.init) ?? d.id, "resumen": text]
    }
}
