import CivilTime
import Foundation
import DialogEngine
import Understanding

/// What one sentence about an agreement says beyond its state: «reprogramado pal 30 de abril,
/// no llegaron los materiales» has the new date and the reason; «no se alcanzó a hacer, no
/// cumplido nomás, se terminó el año» the reason; «la planilla ya la hice, está en el drive»
/// where the evidence is. People tell the whole follow-up at once, and asking again for what
/// they just said is the first thing they complain about.
enum StatusSentence {
    /// The values `text` gives for an agreement in `estado`: the slot its reason goes to, the
    /// new date of a rescheduling. Empty when it says nothing more. `estadoSlot` (its choices)
    /// tells the clause that says the state, when known.
    static func extras(_ text: String, estado: String, context: EngineContext, estadoSlot: SlotDefinition?) -> SlotValues {
        var out: SlotValues = [:]
        let when = Self.when(text, context: context)
        if estado == "reprogramado", let m = when, case .date(let d) = m.value, d >= context.today { out["nuevo_plazo"] = .date(d) }
        // Where the new value ends: a clause said after it is the rest of the change request.
        let valueEnd = when.flatMap { text.range(of: $0.text)?.upperBound }
        var searchFrom = text.startIndex
        // «va avanzada pero no alcanzamos al 11, la pasamos para el 15»: what a rescheduling says
        // after «pero» is why it moves, whatever it says.
        var reasons = clauses(text, contrast: estado == "reprogramado").filter { clause in
            let at = text.range(of: clause.text, range: searchFrom..<text.endIndex)
            if let at { searchFrom = at.upperBound }
            if clause.because { return true }
            let p = Phrase(clause.text)
            // «buenos días, la Ximena ya presentó…»: the hello that opens the news is no comment.
            if DialogEngine.isGreeting(clause.text) { return false }
            // «actualizar el acuerdo 1: va en proceso, falta…»: the clause that asks for the update
            // is the request, not how it goes (it was stored as the advance).
            if AgreementAnswerLead.onlyRequest(p.tokens) { return false }
            // «reprograma el acuerdo 1 pa la otra semana»: the clause that asks for the new
            // deadline is the request, not why it moves.
            if estado == "reprogramado", SeguimientoFlow.reschedules(p.tokens) { return false }
            // Nor the one that promises it anew («la subimos al drive la otra semana»).
            if estado == "reprogramado", SeguimientoFlow.promise(p.tokens) != nil { return false }
            // The clause that says the state («no cumplido nomás», «la planilla ya la hice») is not its reason.
            // «ya revisamos las de 1° y 2°» said of one in progress is how it goes, not that it is done.
            // After the new date, though, a state other than the one settled on is why it moves:
            // in «lo movemos pal 22, no alcanzamos» the «no alcanzamos» is the reason.
            let afterValue = valueEnd.map { end in at.map { $0.lowerBound >= end } ?? false } ?? false
            if let said = estadoSlot.flatMap({ DialogEngine.choiceIn(tokens: p.tokens, slot: $0) }) {
                if said.value != estado { return afterValue && estado == "reprogramado" }
                // «…al 8 de enero, los apoderados pidieron otra fecha»: after the new value, a clause
                // with two words of its own besides the state's says why.
                guard afterValue else { return false }
                let stateWords = Set(said.synonyms.flatMap { $0.split(separator: " ").map(String.init) })
                return p.tokens.filter { !stateWords.contains($0) && !fillers.contains($0) }.count >= 2
            }
            if estado == "cumplido" && (SeguimientoFlow.saysDone(p.tokens) || SeguimientoFlow.readyTopic(p.tokens) != nil) { return false }
            // Nor the one that only says the date («pal 30 de abril»).
            // Nor words of being ready around it («lo tendría listo el 15»).
            var rest = p.tokens.filter { !fillers.contains($0) && !(when != nil && SharedReadings.readyWords.contains($0)) }
            if let m = when { let said = Set(Phrase(m.text).tokens); rest.removeAll(where: said.contains) }
            // «…, queda pal 18»: the word that sets the date, in its clause, is no reason either.
            if let m = when, clause.text.contains(m.text) { rest.removeAll(where: SeguimientoFlow.deadlineCopulas.contains) }
            // «lo movemos pal 22, no alcanzamos»: after the new value, one word of its own (not a
            // courtesy) is reason enough; elsewhere a lone word says too little.
            if rest.count == 1, afterValue, !courtesies.contains(rest[0]) { return true }
            return rest.count >= 2
        }.map(\.text)
        // «la rúbrica no alcanzó al 4, la pasamos para el 9»: not making it, said of the agreement
        // being moved, is why it moves (from the «no» on).
        if reasons.isEmpty, estado == "reprogramado", let missed = clauses(text).lazy.compactMap({ notMadeIt($0.text) }).first {
            reasons = [missed]
        }
        guard !reasons.isEmpty || estado == "cumplido" else { return out }
        // «uy se me pasó con las vacaciones»: what it slipped by is the reason («vacaciones»).
        if estado == "reprogramado" || estado == "no_cumplido" { reasons = reasons.map { slippedBy($0) ?? $0 } }
        let reason = reasons.joined(separator: ", ")
        switch estado {
        case "reprogramado": out["motivo"] = .text(reason)
        case "no_cumplido": out["motivo_no"] = .text(reason)
        case "en_proceso": out["avance"] = .text(reason)
        case "cumplido":
            // Only a clause that says where it is («está en el drive», «ya la subí a la carpeta»,
            // even the one that says it is done): «me costó harto» is no evidence.
            let all = clauses(text).map(\.text)
            let evidence = all.filter { clause in
                let t = Phrase(clause).tokens
                return t.contains(where: evidenceWords.contains)
                    || (all.count > 1 && t.contains(where: approvalWords.contains) && !SeguimientoFlow.saysDone(t) && !tellsWhatWasDone(t))
            }
            if !evidence.isEmpty { out["evidencia_entregada"] = .text(evidence.joined(separator: ", ")) }
            // «Tomás ya creó la carpeta, el link es https://…»: a link said is the evidence, whole.
            if let link = link(in: text) { out["evidencia_entregada"] = .text(link) }
            // «…, me costó harto»: a clause of its own that is no evidence is kept as a comment
            // (it was dropped without a word).
            let comments = reasons.filter { r in !evidence.contains(r) && !(out["evidencia_entregada"]?.textValue?.contains(r) ?? false)
                && link(in: r) == nil }
            if !comments.isEmpty { out["comentario"] = .text(comments.joined(separator: ", ")) }
            if let done = doneDay(all, context: context) { out["hecho"] = .date(done) }
        default: break
        }
        return out
    }

    /// «uy se me pasó con las vacaciones», «se nos fue con el paro», «chuta, se me olvidó por la
    /// licencia»: what it slipped by, without its article («vacaciones», «paro»); nil for a
    /// clause that says no such thing.
    static func slippedBy(_ clause: String) -> String? {
        let words = clause.split(separator: " ").map(String.init)
        let f = words.map { TextFold.fold($0).filter(\.isLetter) }
        var i = 0
        while i < f.count, slipLeads.contains(f[i]) { i += 1 }
        guard i + 4 < f.count, f[i] == "se", ["me", "nos", "le", "les"].contains(f[i + 1]), slipVerbs.contains(f[i + 2]),
              ["con", "por"].contains(f[i + 3]) else { return nil }
        var from = i + 4
        if ["el", "la", "los", "las"].contains(f[from]), from + 1 < f.count { from += 1 }
        var rest = words[from...].joined(separator: " ")
        while let last = rest.last, ".!,;".contains(last) { rest.removeLast() }
        return rest.isEmpty ? nil : rest
    }

    static let slipLeads: Set<String> = ["uy", "ay", "oh", "chuta", "pucha", "ups", "ya", "perdon", "no", "si", "es", "que", "profe", "oye"]
    static let slipVerbs: Set<String> = ["paso", "pasaron", "olvido", "olvidaron", "fue", "fueron", "escapo", "quedo"]

    /// «la jornada la hicimos», «lo de la jornada sí lo hicimos»: a clause that names what was done
    /// and says it was done («la/lo» and a verb of doing that hands nothing in); it is no evidence
    /// (qa37: it was stored as one). «el programa lo mandamos» hands something in.
    static func tellsWhatWasDone(_ t: [String]) -> Bool {
        t.indices.dropFirst().contains { i in
            ["lo", "la", "los", "las"].contains(t[i - 1]) && SeguimientoFlow.doneVerbs.contains(t[i]) && !approvalWords.contains(t[i])
        }
    }

    /// «el programa lo mandamos el 25 de febrero», «la pauta la entregué ayer»: the day a clause
    /// that tells what was done says it was done, when that day is past (a «cumplido» told days
    /// later is not done the day it is told; qa37: it counted as late). Nil when none says one.
    static func doneDay(_ clauses: [String], context: EngineContext) -> LocalDate? {
        for clause in clauses where Phrase(clause).tokens.contains(where: SeguimientoFlow.doneVerbs.contains) {
            guard let m = TemporalParser.parse(clause, context: context.temporal), case .date(let d) = m.value,
                  d < context.today, d.days(until: context.today) <= 366 else { continue }
            return d
        }
        return nil
    }

    /// «no alcanzamos al 11», «no nos dio el tiempo»: the words from a «no» that says it was not
    /// made in time, to the clause's end; nil when the clause says no such thing.
    static func notMadeIt(_ clause: String) -> String? {
        let words = clause.split(separator: " ")
        let folded = words.map { TextFold.fold(String($0)).filter(\.isLetter) }
        for i in folded.indices where folded[i] == "no" {
            var j = i + 1
            while j < folded.count, ["nos", "se", "lo", "la", "le", "me"].contains(folded[j]) { j += 1 }
            guard j < folded.count, missVerbs.contains(where: { folded[j].hasPrefix($0) }) else { continue }
            return words[i...].joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " ,.;:"))
        }
        return nil
    }

    static let missVerbs = ["alcanz", "alcans", "llegamos", "llego", "llegaron", "pudimos", "pudo", "pudieron", "dio", "dieron", "termin", "logr"]

    /// The first web address in `text`, whole (without a period or comma that ends the sentence).
    static func link(in text: String) -> String? {
        guard let word = text.split(separator: " ").first(where: { $0.hasPrefix("http://") || $0.hasPrefix("https://") || $0.hasPrefix("www.") })
        else { return nil }
        var link = String(word)
        while let last = link.last, ".,;:)»!?".contains(last) { link.removeLast() }
        return link
    }

    /// The sentence cut at commas, semicolons and periods, and before «porque»: what follows
    /// «porque» is a reason whatever it says.
    /// `contrast`: «pero» leads to a reason too.
    static func clauses(_ text: String, contrast: Bool = false) -> [(text: String, because: Bool)] {
        let leads = contrast ? becauseWords + [" pero "] : becauseWords
        var out: [(String, Bool)] = []
        // A period (or a colon) ends a clause only before a space or at the end: «https://drive.google.com/…»
        // is one piece (it was cut at its first dot, and the evidence stored as «https://drive»).
        var pieces: [Substring] = []
        var start = text.startIndex, i = text.startIndex
        while i < text.endIndex {
            let c = text[i], next = text.index(after: i)
            if ",;\n".contains(c) || ((c == "." || c == ":") && (next == text.endIndex || text[next].isWhitespace)) {
                if start < i { pieces.append(text[start..<i]) }
                start = next
            }
            i = next
        }
        if start < text.endIndex { pieces.append(text[start...]) }
        for piece in pieces {
            var rest = Substring(piece)
            var because = false
            while true {
                guard let r = leads.compactMap({ rest.range(of: $0, options: .caseInsensitive) }).min(by: { $0.lowerBound < $1.lowerBound }) else { break }
                // What goes well before «pero» («va avanzada pero…») is not why it moves.
                if !(contrast && rest[r].lowercased() == " pero ") || because { out.append((trim(rest[..<r.lowerBound]), because)) }
                rest = rest[r.upperBound...]
                because = true
            }
            out.append((trim(rest), because))
        }
        return out.filter { !$0.0.isEmpty }
    }

    private static func trim(_ s: Substring) -> String {
        var t = s.trimmingCharacters(in: .whitespaces)
        for lead in ["y ", "pero ", "es que ", "igual "] where t.lowercased().hasPrefix(lead) { t = String(t.dropFirst(lead.count)) }
        return t
    }

    // «porq», «porqe», «xk»: «porque» typed short on a phone (pass 13, qa22: the reason was asked again).
    /// The when `text` says, read without its «porque …» clause when that clause turned it past:
    /// in «lo pasamos pal 18 porque estuvimos con licencia» the reason's past tense made «pal 18»
    /// the 18th gone by, and the new deadline was lost (qa34: stored as not done). Only a past
    /// day is read again, and only a day to come replaces it.
    static func when(_ text: String, context: EngineContext) -> TemporalMatch? {
        let m = TemporalParser.parse(text, context: context.temporal)
        guard let said = m, case .date(let d) = said.value, d < context.today,
              let cut = becauseWords.compactMap({ text.range(of: $0, options: .caseInsensitive) }).min(by: { $0.lowerBound < $1.lowerBound })
        else { return m }
        let after = text[cut.upperBound...]
        let rest = after.firstIndex(where: { ",;.".contains($0) }).map { String(after[$0...]) } ?? ""
        guard let again = TemporalParser.parse(String(text[..<cut.lowerBound]) + rest, context: context.temporal),
              case .date(let e) = again.value, e >= context.today else { return m }
        return again
    }

    static let becauseWords = [" porque ", " por que ", " ya que ", " pq ", " xq ", " porq ", " porqe ", " xk ", " debido a que "]

    /// Words that say nothing about the reason.
    static let fillers: Set<String> = ["hola", "oye", "ya", "bueno", "ok", "po", "nomas", "no", "mas", "si", "pal", "pa", "para", "el", "la",
                                       "lo", "los", "las", "de", "del", "al", "a", "en", "que", "y", "acuerdo", "eso", "esto", "gracias",
                                       // «el acuerdo 1 todavía no, lo pasamos pal 18»: «todavía no» says it is not done, not why.
                                       "todavia", "aun"]

    /// Words said after a request that are no reason for it («…, porfa», «…, mejor»).
    static let courtesies: WordSet = ["porfa", "porfavor", "plis", "please", "dale", "listo", "mejor", "entonces", "igual", "altiro",
                                      "gracias", "vale", "bueno", "ya", "ok", "nomas", "po", "pues", "eso", "asi"]

    /// Words that place an evidence somewhere.
    static let evidenceWords: WordSet = ["drive", "carpeta", "correo", "mail", "link", "enlace", "http", "https", "www", "whatsapp",
                                             "grupo", "classroom", "nube", "compartida", "subi", "subimos", "subida", "subido", "adjunto",
                                             "adjunte", "acta", "foto", "fotos", "registro", "archivo", "documento",
                                             // «tengo el ppt»: the file itself.
                                             "ppt", "pdf", "powerpoint", "excel"]

    /// «…, la pauta se aprobó en la reunión»: where it was approved or handed in is its
    /// verification too (it was dropped, and asked again), in a clause of its own besides the one
    /// that says it is done («ya entregamos las pruebas» only says that).
    static let approvalWords: WordSet = ["aprobo", "aprobamos", "aprobaron", "aprobada", "aprobado", "validamos", "validaron", "validada",
                                             "validado", "presento", "presentamos", "presentaron", "presentada", "presentado", "entrego",
                                             "entregamos", "entregaron", "entregada", "entregado", "firmada", "firmado", "firmamos", "firmaron",
                                             "reunion", "consejo", "jornada"]

    /// «pa abril»: a new date said as a whole month or span, which still needs its day, for
    /// the line that says what was understood (the date question comes next).
    static func roughDate(_ text: String, context: EngineContext) -> String? {
        guard let m = TemporalParser.parse(text, context: context.temporal), case .dateRange(let a, let b) = m.value, b >= context.today else { return nil }
        return "nuevo plazo: entre el \(SpanishFormat.date(a, today: context.today)) y el \(SpanishFormat.date(b, today: context.today)) (falta el día exacto)"
    }

    /// «nuevo plazo: jueves 30 de abril; motivo: no llegaron los materiales», for the line that
    /// says what was understood (at the menu and as an answer alike).
    static func echo(_ values: SlotValues, today: LocalDate) -> [String] {
        ["nuevo_plazo", "motivo", "motivo_no", "avance", "evidencia_entregada", "comentario", "hecho"].compactMap { name in
            values[name].map { "\(labels[name] ?? name): \($0.display(today: today))" }
        }
    }

    static let labels = ["nuevo_plazo": "nuevo plazo", "motivo": "motivo", "motivo_no": "motivo", "avance": "avance",
                         "evidencia_entregada": "evidencia entregada", "comentario": "comentario", "hecho": "hecho el"]
}
