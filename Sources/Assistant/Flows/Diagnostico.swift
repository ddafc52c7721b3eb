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

    /// «deshacer» right after saving a diagnosis nobody else has answered: it is deleted
    /// (confirmed, kept in its file), as other records are. A round others answered too is not
    /// undone whole: their answers would go with it (`cannotUndo` says how to go on).
    func undo(_ record: String, context: EngineContext) -> Undo? {
        guard let d = context.snapshot?.diagnoses.first(where: { $0.id == record }), d.responses.count <= 1 else { return nil }
        return Undo(flow: "borrar_registro", values: ["registro": .text(record)])
    }

    func cannotUndo(_ record: String, context: EngineContext) -> String? {
        guard let d = context.snapshot?.diagnoses.first(where: { $0.id == record }), d.responses.count > 1 else { return nil }
        return "Tus respuestas quedaron en el diagnóstico \(d.number ?? 0), junto a las de otras \(d.responses.count - 1) personas, "
            + "así que no lo borro entero. Si quieres cambiar tus respuestas, escribe «responder el diagnóstico» y reemplazo las tuyas."
    }

    /// The 1–4 scale said in words: "harto", "más o menos", "nada"; and a number said with a
    /// reason («mmm 2, les cuesta todavía»): the number, and the reason kept as a comment.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.type == .number else { return nil }
        // «ah no, la 1 era 2 no 3», «y la 6 es 3»: an item named by its number (the questions
        // are numbered «1/6 …»), corrected or answered; the question asked stands when it is
        // another (qa18 A5: «la 1 era 2» at the sixth was taken as its answer, 1).
        if let (key, n) = Self.itemSaid(message.phrase.tokens, run: run) {
            guard key != slot.name else { return .fill([key: .number(Double(n))], remark: nil) }
            let label = Diagnosis.dimensions.first { $0.key == key }?.label ?? key
            return .fill([key: .number(Double(n))], remark: "Corregido: \(label), \(n).")
        }
        // «3 y se me olvidaba, en la pregunta 1 queria poner 2 no 3»: this answer and, later in
        // the message, an earlier item corrected; both apply (qa28: all of it was a comment).
        if let fix = Self.laterItemFix(message.phrase.tokens, run: run) {
            let label = Diagnosis.dimensions.first { $0.key == fix.key }?.label ?? fix.key
            let heads = fix.head.compactMap { $0.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) || Self.scoreWords.contains($0) ? NumberParser.parse($0) : nil }
            if fix.key == slot.name || heads.isEmpty {
                return .fill([fix.key: .number(Double(fix.score))], remark: fix.key == slot.name ? "Anoto \(fix.score)." : "Corregido: \(label), \(fix.score).")
            }
            if heads.count == 1, let n = heads.first, (1...4).contains(n) {
                return .fill([slot.name: .number(Double(n)), fix.key: .number(Double(fix.score))],
                             remark: "Anoto \(n). Y corregido: \(label), \(fix.score).")
            }
        }
        // «que Jorge conduzca la del 16», «hay que mover la reunion del 9»: a number inside a
        // sentence with a verb, said as a day («la del 16») or out of the scale, is no score; it is
        // another request, offered (issue 12: «Debe ser como máximo 4»).
        if Self.notAScore(message.phrase.tokens) { return .request }
        // «confianza 4, proposito 3, …», «4 3 2 1 2 4»: the whole scale in one message.
        switch ScoreLine.read(message.phrase.tokens, order: Self.order, asked: slot.name) {
        case .scores(let scores)?:
            return .fill(SlotValues(scores.mapValues { .number(Double($0)) }), remark: Self.said(scores))
        case .outOfRange(let n)?:
            return .reask("Los puntajes van de 1 a 4, y me dijiste \(n). Dime de nuevo, por ejemplo «confianza 3, propósito 2».")
        case nil:
            break
        }
        if let n = Self.likert[message.phrase.core] ?? Self.likert[message.phrase.folded] ?? Self.hedgedLikert(message.phrase.tokens) {
            return .fill([slot.name: .number(Double(n))], remark: "Lo anoto como \(n) (\(Self.likertLabel[n - 1])).")
        }
        // «depende de la escuela», «depende del día»: no one score; the network's as a whole is
        // asked (qa37: «No entendí … como número»).
        if let first = message.phrase.tokens.first, first == "depende" || (message.phrase.tokens.count > 2 && DialogEngine.saysUnsure(message.phrase)
            && message.phrase.tokens.contains("depende")) {
            return .reask("Claro, puede variar. Para el diagnóstico necesito cómo lo ves en la red en general: ¿qué puntaje le darías, del 1 al 4?")
        }
        // «3 no 2», «3 mejor dicho 4»: a score taken back in the same breath, with no comma.
        let old: Int? = { if case .number(let d)? = run.replacing?[slot.name] { return Int(d) } else { return nil } }()
        if let m = Self.takenBack(message.phrase.tokens, old: old) { return .fill([slot.name: .number(Double(m))], remark: "Anoto \(m).") }
        guard let (head, comment) = Self.withReason(message.clean),
              let n = Read.numbers(in: head).count == 1 ? NumberParser.parse(head) : Self.likert[Phrase(head).core],
              (1...4).contains(n) else { return Self.scoreWithWords(message, slot: slot, run: run) }
        // «mas o menos, un 3», «poco, le pongo 1»: a word and then the number it means; the number
        // said is the score (qa25: the word's 2 was saved, and «un 3» kept as a comment).
        if Read.numbers(in: head).isEmpty, let m = Self.numberAfterWord(comment) {
            return .fill([slot.name: .number(Double(m))], remark: "Anoto \(m).")
        }
        // «3, no perdón, 2», «cuatro? no sé, póngale 3»: the score corrected at the end, not a
        // comment (qa20: the first number was saved, and the correction kept as a comment).
        if let m = Self.correctedTo(comment) { return .fill([slot.name: .number(Double(m))], remark: "Anoto \(m).") }
        // «2, no, mejor 1, casi nada»: the score taken back first, then a reason for the new one
        // (qa38 c20: the first number was saved, the correction kept as a comment).
        if let (m, reason) = Self.correctedThenReason(comment) {
            let said = (run.values["comentarios"]?.listValue ?? []) + [slot.label.prefix(1).uppercased() + slot.label.dropFirst() + ": " + reason]
            return .fill([slot.name: .number(Double(m)), "comentarios": .list(said)], remark: "Anoto \(m) y tu comentario.")
        }
        // «el liderazgo es 2, me equivoqué»: a correction said as such, not a comment on the score.
        if DialogEngine.isMetaTalk(Phrase(comment)) { return .fill([slot.name: .number(Double(n))], remark: nil) }
        let said = (run.values["comentarios"]?.listValue ?? []) + [slot.label.prefix(1).uppercased() + slot.label.dropFirst() + ": " + comment]
        return .fill([slot.name: .number(Double(n)), "comentarios": .list(said)], remark: "Anoto \(n) y tu comentario.")
    }

    static var order: [String] { Diagnosis.dimensions.map(\.key) }

    static let months: Set<String> = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
                                      "noviembre", "diciembre"]

    /// A sentence of four words or more whose numbers are days or out of the scale: each number
    /// after «del», «al», «día» («la del 16») or before «de <month>», or above 4 and not first; and a word that
    /// is no score word nor filler before it («que Jorge conduzca…»). «asi que 1», «le pongo 2»,
    /// «un 3 porque…» are scores.
    static func notAScore(_ t: [String]) -> Bool {
        guard t.count >= 4, t.count <= 20 else { return false }
        let numbers = t.indices.filter { t[$0].utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        guard !numbers.isEmpty, numbers.first! >= 2 else { return false }
        return numbers.allSatisfy { i in
            let n = Int(t[i]) ?? 0
            let month = i + 2 < t.count && t[i + 1] == "de" && months.contains(t[i + 2])
            return ["del", "al", "dia"].contains(t[i - 1]) || month || (n > 4 && n <= 31 && !scoreGivingWords.contains(t[i - 1]))
        }
    }

    static let scoreWords: Set<String> = ["uno", "dos", "tres", "cuatro"]

    /// «…, en la pregunta 1 queria poner 2 (no 3)», «…, y la 2 era 3»: an earlier item (by its
    /// number) corrected after this answer. The words before it (`head`), the item and its score.
    static func laterItemFix(_ t: [String], run: FlowRun) -> (head: [String], key: String, score: Int)? {
        guard t.count >= 4, t.count <= 24, t.contains(where: { $0 == "pregunta" || $0 == "item" || $0 == "era" || $0 == "fue" }) else { return nil }
        for p in t.indices {
            let k: Int, j: Int
            if ["pregunta", "item"].contains(t[p]), p + 1 < t.count, let n = Int(t[p + 1]) { k = n; j = p + 2 }
            else if ["la", "el"].contains(t[p]), p + 2 < t.count, let n = Int(t[p + 1]), ["era", "fue"].contains(t[p + 2]) { k = n; j = p + 2 }
            else { continue }
            guard Diagnosis.dimensions.indices.contains(k - 1) else { continue }
            // A few words that say the change («queria poner», «era», «le puse»), then the score.
            var q = j
            while q < t.count, q < j + 4, NumberParser.parse(t[q]) == nil || ["un", "una"].contains(t[q]), fixWords.contains(t[q]) { q += 1 }
            guard q > j, q < t.count, t[q].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) || scoreWords.contains(t[q]),
                  let m = NumberParser.parse(t[q]), (1...4).contains(m) else { continue }
            // Nothing after it but «no <the old one>».
            let after = t[(q + 1)...]
            guard after.isEmpty || (after.first == "no" && after.count <= 2) else { continue }
            let key = Diagnosis.dimensions[k - 1].key
            guard run.values[key] != nil || run.currentSlot == key else { continue }
            return (Array(t[..<p]), key, m)
        }
        return nil
    }

    static let fixWords: Set<String> = ["queria", "quise", "quiero", "iba", "a", "va", "era", "es", "fue", "poner", "ponerle", "puse", "le",
                                        "decir", "dije", "un", "una", "deberia", "ser", "seria", "sea", "cambiar", "por", "en", "realidad", "respuesta"]

    /// «4 con la municipalidad y el cesfam trabajamos harto», «siempre conduce el mismo director,
    /// asi que 1»: one score first or last and a reason with no comma or before it; the score and
    /// the reason kept as a comment (qa28: the reason was lost). Nil for anything else.
    static func scoreWithWords(_ message: Utterance, slot: SlotDefinition, run: FlowRun) -> Reading? {
        let t = message.phrase.tokens
        guard t.count >= 4, t.count <= 40, !message.clean.contains("?"),
              !t.contains(where: { ["anterior", "pregunta", "item", "era", "fue", "o"].contains($0) }),
              !DialogEngine.isMetaTalk(message.phrase) else { return nil }
        let isScore: (String) -> Bool = { $0.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) || scoreWords.contains($0) }
        guard t.filter(isScore).count == 1 else { return nil }
        var words = message.clean.split(separator: " ").map(String.init)
        let n: Int
        if isScore(t[0]), let first = NumberParser.parse(t[0]) {
            n = first
            words.removeFirst()
        } else if let last = t.last, isScore(last), let v = NumberParser.parse(last) {
            n = v
            words.removeLast()
            // «…, asi que 1», «… entonces le pongo 1»: the words leading into the score.
            while let w = words.last, leadOut.contains(Phrase(w).core) || Phrase(w).core.isEmpty { words.removeLast() }
        } else {
            return nil
        }
        let comment = words.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ",;:.- "))
        let ct = Phrase(comment).tokens
        guard (1...4).contains(n), ct.count >= 3, ct.contains(where: { !scoreGivingWords.contains($0) && !leadOut.contains($0) }) else { return nil }
        let said = (run.values["comentarios"]?.listValue ?? []) + [slot.label.prefix(1).uppercased() + slot.label.dropFirst() + ": " + comment]
        return .fill([slot.name: .number(Double(n)), "comentarios": .list(said)], remark: "Anoto \(n) y tu comentario.")
    }

    static let leadOut: Set<String> = scoreGivingWords.union(["asi", "que", "por", "eso", "lo", "tanto", "pongo", "ponemos", "x", "ahi"])

    /// The score a reason ends with when it takes back the one said first: a correction word
    /// («no», «perdón», «mejor», «póngale», «digo») and then, last, one score from 1 to 4. Nil for
    /// a reason that only mentions a number («2, no hay 3 personas que lideren»).
    static func correctedTo(_ comment: String) -> Int? {
        let t = Phrase(comment).tokens
        guard t.count <= 8, let last = t.last, let m = NumberParser.parse(last), (1...4).contains(m),
              Read.numbers(in: comment).count <= 1,
              t.dropLast().contains(where: correctionWords.contains) else { return nil }
        return m
    }

    /// «no, mejor 1, casi nada», «no perdón, 3 porque…»: correction words only, then one score
    /// from 1 to 4 and a reason after it; the score and the reason. Nil for anything else («no hay
    /// 3 personas que lideren» is a reason).
    static func correctedThenReason(_ comment: String) -> (Int, String)? {
        let words = comment.split(separator: " ")
        var k = 0, corrected = false
        while k < words.count, case let w = Phrase(String(words[k])).core, correctionWords.contains(w) || takenBackFillers.contains(w) {
            corrected = corrected || correctionWords.contains(w)
            k += 1
        }
        guard corrected, k + 1 < words.count, case let w = Phrase(String(words[k])).core,
              w.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) || scoreWords.contains(w), let m = NumberParser.parse(w), (1...4).contains(m) else { return nil }
        let reason = words[(k + 1)...].joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ",;:.- "))
        guard !reason.isEmpty, Read.numbers(in: reason).isEmpty else { return nil }
        return (m, reason)
    }

    static let takenBackFillers: Set<String> = ["dicho", "o", "sea", "es", "un", "una", "mas", "bien", "si", "ya", "ah", "oh", "eh"]

    /// «3 no 2», «3 mejor dicho 4», «un 3, no, 2»: a score, correction words only, and the score
    /// that stands; nil for anything else. «(es) 2 no 4» where 4 is the score being corrected
    /// (`old`), or said as what the item *is* («es 2 no 4»): the negated one is the old score and
    /// the first one stands (qa37: «la colaboracion es 2 no 4» kept 4).
    static func takenBack(_ t: [String], old: Int? = nil) -> Int? {
        guard t.count >= 3, t.count <= 7, let first = t.firstIndex(where: { NumberParser.parse($0).map((1...4).contains) ?? false }),
              let last = t.last, let m = NumberParser.parse(last), (1...4).contains(m), first < t.count - 1 else { return nil }
        let between = t[(first + 1)..<(t.count - 1)]
        guard !between.isEmpty, between.contains(where: correctionWords.contains) || between.contains("sea"),
              between.allSatisfy({ correctionWords.contains($0) || ["dicho", "se", "o", "sea", "perdon", "es", "un", "una"].contains($0) }),
              !between.contains("o") || between.contains("sea") else { return nil }
        if Array(between) == ["no"], let n = NumberParser.parse(t[first]), n != m,
           m == old || (first > 0 && copulas.contains(t[first - 1])) {
            return n
        }
        return m
    }

    /// «es 2 no 4»: the score said as what the item is; a «no» after it denies the old one.
    static let copulas: Set<String> = ["es", "son", "era", "eran", "seria", "queda", "quedaria"]

    static let correctionWords: Set<String> = ["no", "perdon", "mejor", "pongale", "ponle", "pongamos", "pone", "digo", "corrijo", "sorry", "ups", "mentira"]

    /// «(ah no,) la 1 era 2 (no 3)», «y la pregunta 6 es 3»: the item by its number and its new
    /// score (1–4), for an item answered or the one asked; nil for anything else.
    static func itemSaid(_ t: [String], run: FlowRun) -> (String, Int)? {
        guard t.count >= 4, t.count <= 12, t.contains(where: { ["era", "es", "fue"].contains($0) }) else { return nil }
        var i = 0
        // The same openers as a correction of any earlier answer («ah no,», «perdón,», «y»).
        while i < t.count, DialogEngine.earlierLeads.contains(t[i]) { i += 1 }
        guard i + 3 < t.count, ["la", "el"].contains(t[i]) else { return nil }
        i += 1
        if ["pregunta", "item", "numero"].contains(t[i]) { i += 1 }
        guard i + 2 < t.count, let k = Int(t[i]), Diagnosis.dimensions.indices.contains(k - 1),
              ["era", "es", "fue"].contains(t[i + 1]), let n = Int(t[i + 2]), (1...4).contains(n) else { return nil }
        // Nothing after the score but «no <the old one>» or a few words of why.
        if i + 3 < t.count, t[i + 3] != "no", t.count - (i + 3) > 5 { return nil }
        let key = Diagnosis.dimensions[k - 1].key
        guard run.values[key] != nil || run.currentSlot == key else { return nil }
        return (key, n)
    }

    /// «Anoté: confianza 4, propósito compartido 3 y colaboración 2.», in the scale's order.
    static func said(_ scores: [String: Int]) -> String { "Anoté: " + listed(scores) + "." }

    static func listed(_ scores: [String: Int]) -> String {
        SlotValue.joinSpanish(Diagnosis.dimensions.compactMap { d in scores[d.key].map { "\(d.label) \($0)" } })
    }

    /// `claim` needs one of these (`ClaimCues`): The diagnosis named, or a score line (its dimensions named).
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: ["diagnostico", "autodiagnostico"] + Array(ScoreLine.names.keys)) }

    /// «confianza 4, propósito 3, colaboración 2…» at the menu: the diagnosis, with those scores
    /// (three named at least: «confianza 3» alone is not a request).
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        // «tengo que hacer la encuesta de diagnóstico?», «responder el cuestionario del
        // diagnóstico»: the diagnosis is the survey they mean, not a poll of dates.
        if t.contains(where: { $0 == "diagnostico" || $0 == "autodiagnostico" }), t.contains(where: Self.surveyWords.contains),
           t.contains(where: Self.answerWords.contains) {
            return Claim()
        }
        guard t.count >= 6, t.filter({ ScoreLine.names[$0] != nil }).count >= 3,
              case .scores(let scores)? = ScoreLine.read(t, order: Self.order, asked: nil), scores.count >= 3 else { return nil }
        return Claim(values: SlotValues(scores.mapValues { .number(Double($0)) }), echo: [Self.listed(scores)])
    }

    static let surveyWords: WordSet = ["encuesta", "encuestas", "cuestionario", "formulario", "preguntas"]
    static let answerWords: WordSet = ["hacer", "hago", "hacerla", "responder", "respondo", "responderla", "contestar", "contesto",
                                           "contestarla", "llenar", "lleno", "llenarla", "completar", "completo", "completarla"]

    /// «diagnóstico: confianza 4, propósito 3, …»: the scores said with the request.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        // What a claim at the menu already gave (and said) is not said twice.
        guard case .scores(let read)? = ScoreLine.read(Phrase(request).tokens, order: Self.order, asked: nil),
              case let scores = read.filter({ run.values[$0.key] == nil }), !scores.isEmpty else { return Prefill() }
        return Prefill(values: scores.mapValues { .number(Double($0)) }, echo: [Self.listed(scores)])
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

    /// «un 3», «le pongo 1», «un 3 diría», «yo le pondría 2»: one score from 1 to 4 and only the
    /// words that give it; nil for a reason that mentions a number («no hay 3 que lideren»).
    static func numberAfterWord(_ comment: String) -> Int? {
        let t = Phrase(comment).tokens
        guard (1...5).contains(t.count) else { return nil }
        var score: Int?
        for w in t {
            // «un», «una» lead the score («un 3»), they are not a 1 of their own.
            if scoreGivingWords.contains(w) { continue }
            if let n = NumberParser.parse(w) {
                guard score == nil, (1...4).contains(n) else { return nil }
                score = n
            } else {
                return nil
            }
        }
        return score
    }

    static let scoreGivingWords: Set<String> = ["un", "una", "le", "lo", "pongo", "pondria", "pongamos", "pongale", "ponle", "pone", "diria",
                                                "digamos", "yo", "seria", "como", "nota", "es", "el", "creo", "mejor", "entonces", "o", "sea"]

    static let reasonLeads: WordSet = ["porque", "pero", "aunque", "ya que", "pues", "igual"]

    /// «no sé, yo diría que poco», «no mucho la verdad», «creo que harto»: a word of the scale
    /// with a hedge around it, as «poco, casi siempre conduzco yo» is read (qa37: «No entendí …
    /// como número»). Nil when what is left is no word of the scale.
    static func hedgedLikert(_ t: [String]) -> Int? {
        var w = t[...]
        guard w.count >= 2, w.count <= 10 else { return nil }
        if w.starts(with: ["no", "se"]) { w = w.dropFirst(2) } else if w.first == "nose" { w = w.dropFirst() }
        while let f = w.first, w.count > 1, hedgeLeads.contains(f) { w = w.dropFirst() }
        if w.suffix(2).elementsEqual(["la", "verdad"]) { w = w.dropLast(2) }
        while let l = w.last, w.count > 1, hedgeTails.contains(l) { w = w.dropLast() }
        guard w.count < t.count, !w.isEmpty else { return nil }
        return likert[w.joined(separator: " ")]
    }

    static let hedgeLeads: Set<String> = ["yo", "diria", "diriamos", "creo", "pienso", "encuentro", "siento", "que", "como", "igual", "mmm", "eh",
                                          "bueno", "pucha", "sinceramente", "honestamente", "la", "verdad", "es", "seria", "quizas", "capaz"]
    static let hedgeTails: Set<String> = ["po", "diria", "yo", "creo", "nomas", "todavia", "aun"]

    static let likertLabel = ["muy poco", "algo", "bastante", "mucho"]
    static let likert: [String: Int] = [
        "nada": 1, "muy poco": 1, "casi nada": 1, "bien poco": 1, "re poco": 1, "super poco": 1, "harto poco": 1, "bien poquito": 1,
        "re poquito": 1, "poquito": 1, "muy poquito": 1, "nunca": 1, "para nada": 1, "ni ahi": 1,
        "poco": 2, "no mucho": 2, "no tanto": 2, "no harto": 2, "no siempre": 2, "algo": 2, "mas o menos": 2, "regular": 2, "a veces": 2, "igual": 2, "maso": 2, "medio": 2,
        "bastante": 3, "harto": 3, "arto": 3, "hartisimo": 4, "mucho": 4, "muchisimo": 4, "full": 4, "siempre": 4, "caleta": 4, "demasiado": 4,
    ]

    /// When a round is under way, who answered so far; and a note when this member already did
    /// (answering again replaces their answer, it never counts twice).
    func startRemarks(_ run: FlowRun, context: EngineContext) -> [String] {
        guard let s = context.snapshot, let round = DiagnosisCalculator.openRound(s, today: context.today) else { return [] }
        var lines = [round.responses.isEmpty
            ? "Tus respuestas van a la ronda \(round.round ?? round.id) del diagnóstico" + (Answers.semester(round.round).map { ", del \($0)" } ?? "")
                + (round.openedBy.map { ", que abrió \($0)." } ?? ".")
            : Answers.roundHeader(round, snapshot: s)]
        // A response keeps the session's name («Soledad Parra»), the context the member's it is
        // («Soledad Parra Muñoz»): either is hers.
        if let me = context.userName, round.responses.contains(where: { r in
            r.member.map { Slug.make($0) == Slug.make(me) || EditarMiembroFlow.speaker($0, in: s)?.name == me } == true }) {
            lines.append("Ya respondiste en esta ronda: si sigues, tus nuevas respuestas reemplazan las anteriores.")
        }
        return lines
    }

    /// The member's answers join the open round (or start this semester's), so the means and
    /// spread are of one round and a trend is spoken of only against the previous round.
    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let today = w.clock.today()
        var scores: [String: Double] = [:]
        for d in Diagnosis.dimensions { if case .number(let n)? = v[d.key] { scores[d.key] = n } }
        let comments = v["comentarios"]?.listValue ?? v["comentarios"]?.textValue.map { [$0] } ?? []
        let open = DiagnosisCalculator.openRound(snapshot, today: today)
        let response = Diagnosis.Response(member: user.name, date: today, scores: scores, comments: comments)
        var replaced = false
        let d: Diagnosis
        if let open {
            // On the round as stored now, its means from the responses there: another member
            // answering at the same moment keeps their response and counts in the means.
            d = try w.store.modifyDiagnosis(id: open.id, network: snapshot.network.id) { fresh in
                replaced = fresh.record(response)
                DiagnosisCalculator.refresh(&fresh, snapshot: snapshot, today: today, isGroup: PeopleParser.isGroup)
            }
        } else {
            var round = Diagnosis(id: "", date: today, author: user.name, level: .intercambio, scores: [:], indicators: [:],
                                  round: Diagnosis.round(of: today))
            replaced = round.record(response)
            DiagnosisCalculator.refresh(&round, snapshot: snapshot, today: today, isGroup: PeopleParser.isGroup)
            // The round's own key, the same for every member who saw no open round: two members
            // answering the semester's first round at the same moment share one round (the
            // second finds the first's record under the store's lock) instead of opening two.
            let roundKey = SaveKey(["diagnostico-ronda", snapshot.network.id, round.round ?? "", String(snapshot.diagnoses.count + (snapshot.removedRecords?.diagnoses.count ?? 0))])
            let created = try w.store.addDiagnosis(round, network: snapshot.network.id, key: w.key.map { $0.or(roundKey) } ?? roundKey)
            if user.name.map({ me in created.responses.contains { $0.member.map { Slug.make($0) } == Slug.make(me) } }) ?? true {
                d = created
            } else {
                d = try w.store.modifyDiagnosis(id: created.id, network: snapshot.network.id) { fresh in
                    replaced = fresh.record(response)
                    DiagnosisCalculator.refresh(&fresh, snapshot: snapshot, today: today, isGroup: PeopleParser.isGroup)
                }
            }
        }
        var text = replaced ? "Ya habías respondido en esta ronda: reemplacé tus respuestas anteriores por estas, así que cuentas una sola vez.\n" : ""
        text += "La red está en el nivel «\(d.level.label)» (\(d.level.rank + 1) de 4: intercambio → coordinación → colaboración → comunidad de práctica).\n"
        text += d.reasons.joined(separator: "\n")
        text += "\n" + Answers.indicatorLines(d.indicators)
        let round_ = Answers.roundLines(d, snapshot: snapshot)
        if !round_.isEmpty { text += "\n" + round_.joined(separator: "\n") }
        if let previous = DiagnosisCalculator.previousRound(snapshot, before: d) {
            text += "\n" + Answers.roundTrend(d, previous: previous, today: today)
        }
        text += "\nQuedó guardado " + (open == nil ? "como" : "en") + " el diagnóstico \(d.number ?? 0) (\(d.id))."
        return ["id": d.id, "numero": d.number.map(String.init) ?? d.id, "resumen": text]
    }
}

extension DiagnosticoFlow {
    /// «ojo, las fotos están en la carpeta de la red»: where something was left, said at the
    /// menu, asks for no diagnosis, though «están … red» meets «cómo estamos como red» (it
    /// started the six questions, at the menu and after «No te entendí»).
    /// «elimina el diagnóstico»: taking one out asks for no new diagnosis (it started the six
    /// questions, issue 12).
    func declines(_ phrase: Phrase, context: EngineContext) -> Bool {
        AcuerdoFlow.statesWhereabouts(phrase.tokens) || phrase.tokens.contains(where: BorrarFlow.deleteWord)
    }
}
