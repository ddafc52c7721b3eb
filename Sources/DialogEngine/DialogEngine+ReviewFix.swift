import CivilTime
import Locks
import Understanding

/// At a review («Revisemos: 1. … 2. …»), a field named by its number or its label together with
/// what is wrong or the new value: «el 1 quedó raro, es: cada escuela sube…», «el 8 está malo»,
/// «acuerdo: …», «noo el nombre es Microcentro Los Copihues», «el nombre ponle Plan lector»,
/// «el 1 está malo, se llama X», «el nombre es X y la comuna es Y» (two fields in one message).
/// The number points at the review's line, never at a date («el 1»).
extension DialogEngine {
    /// One field a review message changes: its new value as said, or nil to ask it again.
    struct ReviewEdit {
        var slot: SlotDefinition
        var value: String?
        /// «sácale el "no"», «quita lo último»: words to take out of the field, not its new value.
        var removes: String?
        /// «cambiar el lugar de la reunión de UTP»: the field named with whose it is and no value;
        /// its words are no other reading's (the «reunión» in it picked a meeting type).
        var whose = false
        /// «el 4 bórralo», «el 7 déjalo en blanco»: the field is to be left without a value.
        var clears = false
    }

    /// Every field the message changes, in the order said. Empty when it names no field with a
    /// value or a complaint (a bare «2» or «el plazo» is a pick, read elsewhere).
    func reviewEdits(_ clean: String, run: FlowRun, flow: FlowDefinition) -> [ReviewEdit] {
        // Numbers point at the lines of a review shown; elsewhere they are values.
        let reviewing = run.phase == .confirming || run.phase == .choosingEdit
        // Runs on every answer: only a word that can name a field (or a line's number at a review)
        // or a «no» before a denied value (`contrast`) can make an edit, and most answers have
        // neither. The fields are the slots with a value.
        // The values' names are matched with the slots' (a few comparisons of short strings), not
        // each slot's name hashed to look its value up.
        // With no field valued nothing can change (every way below ends at `fields` empty); the
        // first look goes through the valued slots by their bits, the array of them made after.
        if run.values.isEmpty { return [] }
        // A field skipped earlier has no line at the review, but it can still be named there
        // («el lugar es la escuela El Maqui», «sin tabla»): by its name only, never by a number
        // (qa36 A: it was «¿Lo guardo?», and the place had to wait for the saved record).
        let skippedSlots = reviewing && !run.skipped.isEmpty ? flow.slots.filter { $0.optional && run.values[$0.name] == nil && run.skipped.contains($0.name) } : []
        let valued: [SlotDefinition]
        if flow.slots.count <= 64 {
            let bits = Self.valuedMask(flow.slots, values: run.values)
            if bits == 0 { return [] }
            var nameable = bits
            for (i, s) in flow.slots.enumerated() where skippedSlots.contains(where: { $0.name == s.name }) { nameable |= 1 << UInt64(i) }
            if Self.mayNameField(clean, fields: flow.slots, only: nameable, lines: reviewing ? bits.nonzeroBitCount : 0, stems: catalog.fieldStems(of: flow)) == false { return [] }
            var fields: [SlotDefinition] = []
            for (i, s) in flow.slots.enumerated() where bits & (1 << UInt64(i)) != 0 { fields.append(s) }
            valued = fields
        } else {
            valued = Self.valuedSlots(flow.slots, values: run.values)
            if Self.mayNameField(clean, fields: valued + skippedSlots, only: nil, lines: reviewing ? valued.count : 0) == false { return [] }
        }
        // Original words, with their folded form (punctuation marks where a clause ends).
        // (Split on bytes: the same words as `split(separator: " ")`. A word's folded text is its
        // folded tokens joined by spaces.)
        let words = TextFold.spaceSeparated(clean).map(String.init)
        guard words.count <= 40 else { return [] }
        let folded = words.map(TextFold.fold)
        let stems = folded.map(Phrase.stem)
        let names = stems.indices.contains { i in
            (reviewing && Int(folded[i]).map { $0 >= 1 && $0 <= valued.count } == true)
                || valued.contains { $0.headStems.contains { h in Phrase.similar(h, stems[i]) } }
                || skippedSlots.contains { $0.headStems.contains { h in Phrase.similar(h, stems[i]) } }
        }
        guard names || folded.contains("no") else { return [] }
        let fields = valued
        guard !fields.isEmpty else { return [] }
        // The fields a name may point at: those shown, then those skipped.
        let nameable = fields + skippedSlots
        let ends = words.map { w in w.last.map { ",.;:!?".contains($0) } ?? false }
        // «no, pedro sí vino. el 2»: a «no» at the review complains about the line it names.
        let saysWrong = folded.contains(where: Self.reviewComplaints.contains)
        let complained = saysWrong || (reviewing && folded.first.map(Self.isNo) == true)
        // Where each field is named: «el 1», «el nombre», «la comuna», or a label opening the message.
        var mentions: [(index: Int, slot: SlotDefinition)] = []
        // Mentions whose value follows the field's name with no «es» («…, y el territorio X»).
        var valuedByPlace: [Int] = []
        // «sin tabla, y el lugar es …»: a field named right after «sin» is to be left blank.
        var withoutAt: Set<Int> = []
        var i = 0
        while i < words.count {
            // Refusals, complaints and interjections before the field: «noo», «está malo,», «ojo».
            // «no, se llama OPD Curacautín»: «se llama» names the field whose alias it is.
            let called = i >= 1 && folded[i - 1] == "se" && folded[i].hasPrefix("llam")
            let lead = i == 0 || (mentions.isEmpty && words[..<(called ? i - 1 : i)].indices.allSatisfy { Self.isNo(folded[$0]) || Self.reviewLeadWords.contains(folded[$0]) || folded[$0].isEmpty })
            let article = i > 0 && Self.reviewArticles.contains(folded[i - 1])
            // «… y gestión del conocimiento es 4»: a later field right after «y», without an
            // article, only when its whole label and a copula follow.
            let bare = !mentions.isEmpty && !article && i > 0 && folded[i - 1] == "y"
                && fields.contains { f in
                    let label = Phrase(f.label).tokens
                    return i + label.count < folded.count && Array(folded[i..<(i + label.count)]) == label
                        && Self.reviewCopulas.contains(folded[i + label.count])
                }
            // A later field is joined to the earlier one («… y la comuna es …», «…, la región …»).
            let joined = mentions.isEmpty || bare || (i >= 2 && article && (folded[i - 2] == "y" || ends[i - 2]))
            // …and says its value right away («y la comuna es Coronel»), or it is part of the value.
            // «…, y el territorio coronel y lota»: after a comma and «y», the field's value may
            // follow its name with no «es».
            // «el lugar es X y la duración 3 horas»: a later field said in numbers or dates (no
            // free text to run into) may take its value right after its name too (it went into
            // the place: «X y la duracion 3 horas»).
            let typedAfterAnd = reviewing && !mentions.isEmpty && article && i >= 2 && folded[i - 2] == "y" && i + 1 < words.count
                && !Self.reviewCopulas.contains(folded[i + 1])
                && nameable.first(where: { $0.headStems.contains { h in Phrase.similar(h, stems[i]) } }).map { [.duration, .date, .datetime, .time, .number].contains($0.type) } == true
            let afterComma = (!mentions.isEmpty && article && i >= 3 && folded[i - 2] == "y" && ends[i - 3] && i + 1 < words.count) || typedAfterAnd
            // «el 4 es X, el 5 es Y y el 6 Z»: after lines named by their number, each with «es», a
            // later line's number and two or more words is a value of its own too (qa22 S6: the
            // third went into the fifth line's value, «Y y el 6 Z»).
            let parallel = reviewing && article && joined && !mentions.isEmpty && i + 2 < words.count
                && Int(folded[i]).map { $0 >= 1 && $0 <= fields.count } == true
                && mentions.allSatisfy { m in Int(folded[m.index]) != nil && m.index + 1 < folded.count && Self.reviewCopulas.contains(folded[m.index + 1]) }
                && !Self.notLineValueLeads.contains(folded[i + 1]) && !Self.sameWords.contains(folded[i + 1])
            let says = mentions.isEmpty || afterComma || parallel || words[i].hasSuffix(":") || (i + 1 < words.count && (Self.reviewCopulas.contains(folded[i + 1]) || folded[i + 1] == "se"))
            // «sin tabla», «…, y sin tabla»: opening the message or a clause of its own.
            let without = reviewing && i >= 1 && folded[i - 1] == "sin" && (i == 1 || ends[i - 2] || folded[i - 2] == "y")
                && !mentions.contains(where: { $0.index == i })
                && nameable.contains { $0.headStems.contains { h in Phrase.similar(h, stems[i]) } }
            if without, let slot = nameable.first(where: { $0.headStems.contains { h in Phrase.similar(h, stems[i]) } }),
               !mentions.contains(where: { $0.slot.name == slot.name }) {
                mentions.append((i, slot))
                withoutAt.insert(i)
                i += 1
                continue
            }
            // «no, se llama OPD Curacautín, y es desde marzo de 2026»: a later clause «y es …»
            // opening with a field's own word (the «desde» of «Desde»), the word part of the value
            // (qa36 A: the date was dropped, and once queued as another organisation's rename).
            if reviewing, !mentions.isEmpty, i >= 2, ["es", "era", "sera", "seria"].contains(folded[i - 1]),
               folded[i - 2] == "y" || ends[i - 2], i + 1 < words.count,
               let slot = nameable.first(where: { $0.headStems.contains { h in Phrase.similar(h, stems[i]) } }),
               [.date, .datetime, .daterange, .time].contains(slot.type), !mentions.contains(where: { $0.slot.name == slot.name }) {
                mentions.append((i - 1, slot))
                valuedByPlace.append(i - 1)
                i += 1
                continue
            }
            guard (lead || article || bare) && joined && (says || bare) else { i += 1; continue }
            if afterComma || parallel { valuedByPlace.append(i) }
            // «ojo, en 2 horas más terminamos»: a number with its unit is part of what is said,
            // never a line's number (it changed line 2, the state, to «terminamos»).
            if reviewing, let n = Int(folded[i]), fields.indices.contains(n - 1), article || lead, mentions.isEmpty || !lead,
               !(i + 1 < folded.count && Self.measureUnits.contains(folded[i + 1])) {
                mentions.append((i, fields[n - 1]))
            } else if let slot = nameable.first(where: { $0.headStems.contains { h in Phrase.similar(h, stems[i]) } }),
                      !mentions.contains(where: { $0.slot.name == slot.name }) {
                mentions.append((i, slot))
            }
            i += 1
        }
        guard !mentions.isEmpty else { return contrast(words: words, folded: folded, fields: fields, run: run).map { [$0] } ?? [] }
        var edits: [ReviewEdit] = []
        for (k, m) in mentions.enumerated() {
            if withoutAt.contains(m.index) {
                edits.append(ReviewEdit(slot: m.slot, value: nil, clears: true))
                continue
            }
            // The value runs to the next field's joining word.
            var end = k + 1 < mentions.count ? mentions[k + 1].index - 1 : words.count
            if end > m.index + 1, end < words.count, folded[end - 1] == "y" { end -= 1 }
            var start = m.index + 1
            // A multi-word label said whole: «nombre de la red es …», «tipo de red: …».
            let label = Phrase(m.slot.label).tokens
            if label.count > 1, folded[m.index] == label.first, folded.count >= m.index + label.count,
               Array(folded[m.index..<(m.index + label.count)]) == label {
                start = m.index + label.count
            }
            var colon = ends[start - 1] && words[start - 1].hasSuffix(":")
            var removes: String?
            var clears = false
            var copulaAfterReference = false
            // What is said about the field before its value: «está malo,», «es», «se llama», «ponle».
            while start < end {
                let w = folded[start]
                // «…, no hay objetivos todavía»: the «no» says the field has nothing; it is the value.
                if w == "no", start + 1 < end, Self.nothingVerbs.contains(folded[start + 1]) { break }
                if Self.clearVerbs.contains(w)
                    || (Self.leaveAsVerbs.contains(w) && start + 2 < folded.count && folded[start + 1] == "en" && folded[start + 2] == "blanco") {
                    // «el 4 bórralo, no hay nada todavía», «el 4 déjalo en blanco»: the field is
                    // emptied; what follows only says why (issue 12: it became the field's value).
                    clears = true
                    start = end
                } else if Self.reviewLeadWords.contains(w) || Self.reviewCopulas.contains(w) || w.isEmpty {
                    colon = colon || words[start].hasSuffix(":")
                    start += 1
                } else if w == "como", start > m.index + 1, Self.leaveAsVerbs.contains(folded[start - 1]) {
                    // «dejala como: fotos del taller»: «como» says how it stays, not what.
                    colon = colon || words[start].hasSuffix(":")
                    start += 1
                } else if w == "se", start + 1 < end, ["llama", "llaman", "llamara"].contains(folded[start + 1]) {
                    start += 2
                } else if Self.removeVerbs.contains(w) {
                    removes = words[(start + 1)..<end].joined(separator: " ")
                    start = end
                } else if w == "sin", start + 1 < end, saysWrong || ends[start - 1],
                          !folded[(m.index + 1)..<start].contains(where: Self.reviewCopulas.contains) {
                    // «el nombre está mal, sin la y al final»: «sin …» after the complaint says
                    // what to take out of the value, never the value (qa38: «Sin La y al Final»).
                    // (After «es» it is the value itself: «el nombre es Sin Fronteras».)
                    removes = words[(start + 1)..<end].joined(separator: " ")
                    start = end
                } else if Self.valueOnlyWords.contains(w), start > m.index + 1, Self.reviewCopulas.contains(folded[start - 1]),
                          (1...3).contains(end - start - 1) {
                    // «la escuela es solo Manzanar», «el nombre es nomás Los Copihues»: «solo» says
                    // that is all of it; it is no part of the value (issue 12: «Solo Manzanar»).
                    start += 1
                } else {
                    break
                }
            }
            // «cambia el contacto del cesfam, ahora es don Pedro Araya»: «del cesfam» says whose
            // field it is; the value follows the copula after it (qa22 S6: it was all the value).
            if start < end, ["de", "del"].contains(folded[start]),
               let c = (start + 1..<end).first(where: { Self.reviewCopulas.contains(folded[$0]) && !["a", "por"].contains(folded[$0]) }),
               c + 1 < end, ends[c - 1] || folded[c - 1] == "ahora" {
                start = c + 1
                copulaAfterReference = true
            }
            // «cambiar el lugar de la reunión de UTP»: «de …» right after the field's name says
            // whose field it is, never its new value (issue 12: «Lugar: de la reunion de UTP»,
            // which a «sí» stored). With «a …» after it («el lugar de la reunión a la escuela
            // Quinched») that is the value; without, there is none and the field is asked.
            var whoseOnly = false
            if !copulaAfterReference, !colon, start < end, start == m.index + 1 || (label.count > 1 && start == m.index + label.count),
               !ends[start - 1], ["de", "del"].contains(folded[start]) {
                if let c = (start + 1..<end).first(where: { ["a", "al", "por", "para", "es", "sera", "queda"].contains(folded[$0]) }), c + 1 < end {
                    start = c + 1
                    copulaAfterReference = true
                } else {
                    whoseOnly = true
                }
            }
            // «microcentro las gaviotas nomas, sin el quemchi»: «nomás» closing a clause says that
            // is all of the value; what follows comments on it (it became the name «Sin El Quemchi»).
            if let k = (start..<end).first(where: { folded[$0] == "nomas" && ends[$0] && $0 > start }) { end = k + 1 }
            // «… te dije», «… po», «… porfa» close the sentence; they are not part of the value.
            while end > start {
                let last = folded[end - 1]
                if ["po", "pues", "porfa", "nomas", "gracias", "altiro", "plis", "pls", "porfavor"].contains(last) { end -= 1; continue }
                // «…, corrígelo porfa», «…, cámbialo por favor»: the order to fix it closes the
                // sentence (qa21 F: the school became «Ambrosio O'Higgins de Vallenar, Corrigelo»).
                if Self.fixItCommands.contains(last), end - 1 > start { end -= 1; continue }
                if end - 2 >= start, last == "favor", folded[end - 2] == "por" { end -= 2; continue }
                // «RME Coronel Lota no mas»: «no más» says that is all of it.
                if end - 2 >= start, last == "mas", ["no", "nada"].contains(folded[end - 2]) { end -= 2; continue }
                if end - 2 >= start, ["te", "le", "les", "ya"].contains(folded[end - 2]), ["dije", "digo", "dijimos", "dijo"].contains(last) {
                    end -= 2
                    if end > start, folded[end - 1] == "como" { end -= 1 }
                    continue
                }
                break
            }
            var value = start < end && !whoseOnly ? words[start..<end].joined(separator: " ") : ""
            while let c = value.last, ",;.".contains(c) { value.removeLast() }
            value = value.trimmingCharacters(in: .whitespaces)
            // «el nombre nomás, guárdalo», «la escuela está mal po»: words about the value are
            // never the value; the field is asked (qa38: «Nomas, Guardalo»).
            if Self.onlyTalksAboutValue(folded[start..<max(start, end)]) { value = "" }
            // «la escuela es solo Manzanar»: the field named by the kind of school keeps that kind
            // with the name when the value says none of its own («Escuela Manzanar», not «Manzanar»).
            if !value.isEmpty, Self.schoolKinds.contains(folded[m.index]), !Self.schoolKinds.contains(folded[start]),
               !["el", "la", "los", "las", "un", "una"].contains(folded[start]), Int(folded[start]) == nil {
                let kind = words[m.index].filter { !",:;.".contains($0) }
                value = kind.prefix(1).uppercased() + kind.dropFirst() + " " + value
            }
            if clears {
                // Answered as a skip: an optional field is left blank, a required one says so.
                edits.append(ReviewEdit(slot: m.slot, value: nil, clears: true))
                continue
            }
            if let r = removes, !r.isEmpty {
                edits.append(ReviewEdit(slot: m.slot, value: nil, removes: r))
                continue
            }
            // A field named with nothing after it is a pick, unless the message says it is wrong.
            let copula = (start > m.index + 1 && folded[(m.index + 1)..<start].contains { Self.reviewCopulas.contains($0) || $0 == "llama" })
                || (m.index >= 1 && folded[m.index - 1] == "se" && folded[m.index].hasPrefix("llam"))
                || valuedByPlace.contains(m.index) || copulaAfterReference
            // A bare «no» before the field only asks it again; a value needs «es», «:» or «está malo»,
            // or the review's line number opening the message right before it.
            // «el plazo el 12, no el 15»: the value the field has, denied after the new one, says
            // it is a change as well as «es» would.
            let deniesOld = reviewing && folded[start..<end].contains("no") && run.values[m.slot.name].map { old in
                let shown = old.display(today: LocalDate(year: 2000, month: 1, day: 1), choices: m.slot.choices)
                return Self.droppingDeniedOld(value, old: shown) != value
            } == true
            if !value.isEmpty, colon || copula || saysWrong || deniesOld || (reviewing && Self.lineThenValue(folded, at: m.index, valueStart: start, end: end, slot: m.slot)) {
                edits.append(ReviewEdit(slot: m.slot, value: value))
            } else if complained {
                edits.append(ReviewEdit(slot: m.slot, value: nil, whose: whoseOnly))
            }
        }
        // Two fields in one message only when each of them says its value.
        if edits.count > 1, edits.contains(where: { $0.value == nil && $0.removes == nil && !$0.clears }) { return [edits[0]] }
        return edits
    }

    /// «saca lo de todos los directores del texto», «del acuerdo quita "todos los directores"»,
    /// «quítale lo de la carpeta» at a review: words taken out of a text field of this record,
    /// the one named (before the verb, or after «del»/«al» at the end) or else the only one
    /// whose value holds them (qa36 A: it was queued as deleting another record). Nil unless a
    /// removing verb opens the message, or when the words are in no field.
    func removalAtReview(_ clean: String, phrase: Phrase, run: FlowRun, flow: FlowDefinition) -> ReviewEdit? {
        let t = phrase.tokens
        // («sin la y al final», «está mal el nombre, sin el sur»: «sin» after lead words only.)
        guard t.count >= 2, t.count <= 16, t.contains(where: Self.removeVerbs.contains) || t.contains("sin") else { return nil }
        // «saca a Luis», «saca la 2 de la tabla»: an item of a list, read as such.
        guard reviewListEdit(phrase, run: run, flow: flow) == nil else { return nil }
        let words = clean.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        let texts = editable(run, flow: flow).filter { ($0.type == .text || $0.type == .longtext) && run.values[$0.name]?.textValue != nil }
        func names(_ i: Int) -> SlotDefinition? {
            texts.first { $0.headStems.contains { h in Phrase.similar(h, Phrase.stem(folded[i])) } }
        }
        var k = 0
        var slot: SlotDefinition?
        // «del acuerdo saca …», «en el texto quita …»: the field first.
        while k < folded.count, ["y", "ya", "oye", "ah", "no", "mejor", "porfa", "uy", "ojo", "del", "de", "en", "el", "la", "al", ""].contains(folded[k])
                || (slot == nil && names(k) != nil) || Self.reviewComplaintLeads.contains(folded[k]) {
            if slot == nil, let n = names(k) { slot = n }
            k += 1
        }
        guard k < folded.count, Self.removeVerbs.contains(folded[k]) || folded[k] == "sin" else { return nil }
        // «sin …» alone is a removal only after a complaint or a field named: «sin tabla» (a field
        // left blank) and «sin problema» are read elsewhere.
        if folded[k] == "sin", k == 0 || (slot == nil && !folded[..<k].contains(where: Self.reviewComplaintLeads.contains)) { return nil }
        k += 1
        var end = words.count
        // «… al final», «… del final»: where the words are, not the words.
        if end - 2 > k, folded[end - 1] == "final", ["al", "del"].contains(folded[end - 2]) { end -= 2 }
        // «… del texto», «… al acuerdo», «… de la evidencia»: the field last.
        if slot == nil, end - 1 > k, let n = names(end - 1) {
            var from = end - 1
            while from > k, ["del", "de", "al", "a", "la", "el", "en"].contains(folded[from - 1]) { from -= 1 }
            if from < end - 1 { slot = n; end = from }
        }
        // «lo de», «eso de», «la parte de», «la palabra»: what is taken out follows.
        while k < end, ["lo", "de", "eso", "esa", "la", "parte", "palabra", "frase", "que", "dice", ""].contains(folded[k]) { k += 1 }
        guard k < end else { return nil }
        let said = words[k..<end].joined(separator: " ")
        let target = Phrase(said.replacingOccurrences(of: "\"", with: "")).tokens.joined(separator: " ")
        guard !target.isEmpty else { return nil }
        let holding = texts.filter { f in
            guard let v = run.values[f.name]?.textValue else { return false }
            return (" " + Phrase(v).tokens.joined(separator: " ") + " ").contains(" " + target + " ")
        }
        if let slot { return holding.contains(where: { $0.name == slot.name }) ? ReviewEdit(slot: slot, value: nil, removes: "\"" + said.replacingOccurrences(of: "\"", with: "") + "\"") : nil }
        guard holding.count == 1 else { return nil }
        return ReviewEdit(slot: holding[0], value: nil, removes: "\"" + said.replacingOccurrences(of: "\"", with: "") + "\"")
    }

    /// «mejor en la escuela El Maqui», «no, es en el liceo», «que sea en la sala de profes» at a
    /// review: a place said by its kind of value («en» and no date or hour) changes the record's
    /// one place field (`rules: [holds: place]`), shown or skipped earlier (qa36 A: «¿Lo guardo?»
    /// and nothing changed). Nil when the flow has no such field, or the words after «en» are a
    /// when («en dos semanas», «en la tarde») or no place.
    func placeAtReview(_ clean: String, phrase: Phrase, run: FlowRun, flow: FlowDefinition, context: EngineContext) -> ReviewEdit? {
        let t = phrase.tokens
        // Cheap gate: a short message with «en» after lead words only.
        guard t.count >= 2, t.count <= 12, let k = t.firstIndex(of: "en"), k + 1 < t.count,
              t[..<k].allSatisfy(Self.placeLeads.contains), !Self.notPlaceAfterEn.contains(t[k + 1]) else { return nil }
        let places = flow.slots.filter { Self.textKind($0) == .place && (run.values[$0.name] != nil || run.skipped.contains($0.name)) }
        guard places.count == 1, let slot = places.first else { return nil }
        // The original words after that «en» (the folded ones may be fewer: punctuation).
        let words = clean.split(separator: " ").map(String.init)
        var seen = 0, at: Int?
        for (i, w) in words.enumerated() {
            let n = Phrase(w).tokens.count
            if seen <= k, k < seen + n { at = i; break }
            seen += n
        }
        guard let at, at + 1 < words.count else { return nil }
        var rest = Array(words[(at + 1)...])
        while let last = rest.last, ["po", "porfa", "nomas", "mejor", "plis"].contains(Phrase(last).tokens.joined()) { rest.removeLast() }
        var value = rest.joined(separator: " ")
        while let c = value.last, ",;.!".contains(c) { value.removeLast() }
        // Another field named among the words, or a when: not a place alone, left to other readers.
        let stems = Phrase(value).stems
        guard !value.isEmpty, stems.count <= 8,
              !flow.slots.contains(where: { $0.name != slot.name && $0.headStems.contains { h in stems.contains { Phrase.similar(h, $0) } } }),
              TemporalParser.parse(value, context: context.temporal) == nil,
              implausible(value, kind: .place, slot: slot, run: run, flow: flow, context: context) == nil else { return nil }
        return ReviewEdit(slot: slot, value: value)
    }

    /// Words that may open «mejor en …», «no, es en …», «que sea en …» before the place.
    static let placeLeads: WordSet = ["mejor", "no", "es", "era", "sera", "seria", "que", "sea", "pero", "ahora", "ya", "uy", "perdon", "ojo",
                                      "al", "final", "va", "po", "oye", "sino", "mas", "bien", "mm", "ah", "la", "hagamosla", "hacemosla",
                                      "hagamoslo", "hacemoslo", "lo", "hacemos", "hagamos", "cambio", "cambiemos", "dejemosla", "dejala"]
    /// After «en»: «en vez de», «en realidad», «en la tarde» (a when checked apart) are no place.
    static let notPlaceAfterEn: WordSet = ["vez", "realidad", "general", "todo", "serio", "verdad", "resumen", "cuanto", "eso", "ese", "esa",
                                           "que", "lugar", "total", "fin", "cambio", "punto", "tarde", "manana", "horario"]

    /// `reviewEdits`' first look, word by word on the bytes (each folded in a stack buffer, no
    /// word split out): whether a word is «no», a line's number up to `lines`, or names one of
    /// `fields` by a head of its name. Nil when the words can't be told apart on bytes (a space
    /// followed by a combining mark is no word break for `split`).
    /// `only`: bit i set for `fields[i]` to be compared (nil: all of them). `stems`: where the
    /// catalog keeps each word's slots for the flow whose slots `fields` are (at most 64).
    static func mayNameField(_ clean: String, fields: [SlotDefinition], only: UInt64?, lines: Int,
                             stems: PlainLock<WordCache<UInt64>>? = nil) -> Bool? {
        var clean = clean
        return clean.withUTF8 { bytes -> Bool? in
            guard !bytes.contains(where: { $0 >= 0xCC }) else { return nil }
            // Each word is compared on bytes with the fields' head stems (no String of it made,
            // its stem only a length, no array of the heads).
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(1, bytes.count)) { out -> Bool in
                var start = 0
                while start < bytes.count {
                    var end = start
                    while end < bytes.count, bytes[end] != 0x20 { end += 1 }
                    defer { start = end + 1 }
                    guard end > start else { continue }
                    let n = TextFold.fold(UnsafeBufferPointer(rebasing: bytes[start..<end]), into: out)
                    guard n > 0 else { continue }
                    let word = UnsafeBufferPointer(rebasing: out[..<n])
                    if n == 2, word[0] == UInt8(ascii: "n"), word[1] == UInt8(ascii: "o") { return true }
                    // `Int` reads only a sign or a digit first: other words are no line's number.
                    if lines > 0, word[0] == UInt8(ascii: "+") || word[0] == UInt8(ascii: "-") || (word[0] >= 0x30 && word[0] <= 0x39),
                       let k = Int(String(decoding: word, as: UTF8.self)), k >= 1, k <= lines { return true }
                    let stem = UnsafeBufferPointer(rebasing: word[..<Phrase.stemmedCount(word)])
                    if let only, let stems {
                        if fieldMask(stem, fields: fields, cache: stems) & only != 0 { return true }
                        continue
                    }
                    // Only fields with a head stem of a fitting length are compared (worked out at load).
                    let length: UInt64 = 1 << UInt64(Swift.min(stem.count, 63))
                    for (i, field) in fields.enumerated() where only.map({ i < 64 && $0 & (1 << UInt64(i)) != 0 }) ?? true
                        && field.headStemLengths & length != 0 && field.headStems.contains(where: { Phrase.similar($0, stem) }) { return true }
                }
                return false
            }
        }
    }

    /// Bit i set when the folded stem `stem` may name `fields[i]` (the first 64), worked out once
    /// per stem and kept in `cache`.
    static func fieldMask(_ stem: UnsafeBufferPointer<UInt8>, fields: [SlotDefinition], cache: PlainLock<WordCache<UInt64>>) -> UInt64 {
        let key = ByteKey(stem), long = stem.count > 16
        let word = long ? String(decoding: stem, as: UTF8.self) : ""
        if let hit = cache.withLock({ $0.find(key, word, long: long) }) { return hit }
        let length: UInt64 = 1 << UInt64(Swift.min(stem.count, 63))
        var mask: UInt64 = 0
        for (i, field) in fields.prefix(64).enumerated() where field.headStemLengths & length != 0
            && field.headStems.contains(where: { Phrase.similar($0, stem) }) {
            mask |= 1 << UInt64(i)
        }
        cache.withLock { $0.insert(key, word, long: long, mask) }
        return mask
    }

    /// The `slots` that have a value in `values`, in the slots' order.
    static func valuedSlots(_ slots: [SlotDefinition], values: SlotValues) -> [SlotDefinition] {
        if values.isEmpty { return [] }
        let has = valuedMask(slots, values: values)
        var out: [SlotDefinition] = []
        for (i, s) in slots.enumerated() where i < 64 ? has & (1 << UInt64(i)) != 0 : values[s.name] != nil { out.append(s) }
        return out
    }

    /// Bit i set when the first 64 `slots`' slot i has a value in `values` (the values' names
    /// compared with the slots': a few comparisons of short strings instead of a hash per slot).
    static func valuedMask(_ slots: [SlotDefinition], values: SlotValues) -> UInt64 {
        var has = UInt64(0)
        // Names all ASCII (a flow's always are): no name is checked again.
        let ascii = values.namesAreASCII
        for k in values.indices {
            let name = values.name(at: k)
            let i = ascii ? SlotValues.position(ofASCII: name, in: slots) : SlotValues.position(of: name, in: slots)
            if let i, i < 64 { has |= 1 << UInt64(i) }
        }
        return has
    }

    /// «no, cumplido no, en proceso porque faltan los demás»: a field's value said and denied,
    /// then the one meant. Only a value the review shows counts as the denied one.
    func contrast(words: [String], folded: [String], fields: [SlotDefinition], run: FlowRun) -> ReviewEdit? {
        var i = 0
        while i < folded.count, Self.isNo(folded[i]) || folded[i].isEmpty { i += 1 }
        // The denied value runs to its «no» (at most four words), and the rest is the new value.
        if let no = (i..<min(folded.count, i + 5)).first(where: { $0 > i && folded[$0] == "no" }), no + 1 < words.count {
            let denied = folded[i..<no].joined(separator: " ")
            // «sí, no hay problema» agrees; only a value can be denied.
            guard YesNo.parse(denied) == nil else { return nil }
            if let field = fields.first(where: { slot in
                guard slot.type != .yesno, slot.type != .confirm, let v = run.values[slot.name] else { return false }
                let shown = Phrase(v.display(today: LocalDate(year: 2000, month: 1, day: 1), choices: slot.choices)).tokens.joined(separator: " ")
                let synonyms = slot.choices.first { $0.value == v.textValue }?.synonyms ?? []
                return shown == denied || synonyms.contains { Phrase($0).tokens.joined(separator: " ") == denied }
            }) {
                var value = words[(no + 1)...].joined(separator: " ")
                while let c = value.first, ",;.: ".contains(c) { value.removeFirst() }
                return value.isEmpty ? nil : ReviewEdit(slot: field, value: value)
            }
        }
        return affirmedAgainstDenied(words: words, folded: folded, fields: fields, run: run)
    }

    /// «la paola, no el jorge», «el 12, no el 15», «no el jorge, la paola», «no es el 15, es el
    /// 12», «no es pal 16 sino pal 23» at a review: a value said against a denied one, with no
    /// field named. The field is the one whose value holds every word denied (a person of a
    /// people field, the day of a date); its new value is what is affirmed (for a people field,
    /// with the others kept). Free text is no such field (its words are changed elsewhere), and
    /// when two fields hold the denied words nothing is guessed: nil.
    func affirmedAgainstDenied(words: [String], folded: [String], fields: [SlotDefinition], run: FlowRun) -> ReviewEdit? {
        guard let (said, holding) = contrastHolders(words: words, folded: folded, fields: fields, run: run),
              holding.count == 1, let (slot, item) = holding.first else { return nil }
        var value = said.affirmed.joined(separator: " ")
        // The other people of the list stay: only the one denied is swapped.
        if let item, let items = run.values[slot.name]?.listValue, items.count > 1 {
            var kept = items
            kept.remove(at: item)
            value = (kept + [value]).joined(separator: ", ")
        }
        return ReviewEdit(slot: slot, value: value)
    }

    /// The words denied and affirmed in a contrast (`deniedAndAffirmed`), and the fields whose
    /// value holds every word denied (with the item of a list that does); nil when the message
    /// is no contrast.
    func contrastHolders(words: [String], folded: [String], fields: [SlotDefinition], run: FlowRun)
        -> (said: (denied: [String], affirmed: [String]), holding: [(slot: SlotDefinition, item: Int?)])? {
        guard words.count >= 3, words.count <= 16, let said = Self.deniedAndAffirmed(words, folded) else { return nil }
        let denied = said.denied.map(TextFold.fold).filter { !$0.isEmpty && !Self.contrastFiller.contains($0) }
        guard !denied.isEmpty, !said.affirmed.isEmpty else { return nil }
        let today = LocalDate(year: 2000, month: 1, day: 1)
        var holding: [(slot: SlotDefinition, item: Int?)] = []
        for slot in fields where ![.text, .longtext, .yesno, .confirm].contains(slot.type) {
            guard let v = run.values[slot.name] else { continue }
            if let items = v.listValue {
                if let k = items.firstIndex(where: { item in let t = Set(Phrase(item).tokens); return denied.allSatisfy(t.contains) }) {
                    holding.append((slot, k))
                }
            } else {
                let t = Set(Phrase(v.display(today: today, choices: slot.choices)).tokens)
                if denied.allSatisfy(t.contains) { holding.append((slot, nil)) }
            }
        }
        return (said, holding)
    }

    /// «la ana, no el pedro» at a review where Pedro takes part and leads: the fields that hold
    /// what is denied, when more than one does (nothing is guessed; which one is asked). Nil
    /// otherwise.
    func ambiguousContrast(_ clean: String, run: FlowRun, flow: FlowDefinition) -> (denied: String, fields: [SlotDefinition])? {
        let words = TextFold.spaceSeparated(clean).map(String.init)
        guard words.count >= 3, words.count <= 16 else { return nil }
        let fields = editable(run, flow: flow)
        guard let (said, holding) = contrastHolders(words: words, folded: words.map(TextFold.fold), fields: fields, run: run),
              holding.count >= 2 else { return nil }
        var denied = said.denied
        while denied.count > 1, Self.contrastFiller.contains(TextFold.fold(denied[0])) { denied.removeFirst() }
        return (denied.joined(separator: " "), holding.map(\.slot))
    }

    /// The words denied and those affirmed in «A, no B», «A no B», «no B, A», «no es B, es A»,
    /// «no es B sino A» (`folded` the words folded); nil for any other shape. The affirmed words
    /// lose the copulas and fillers that open them; their punctuation is trimmed.
    public static func deniedAndAffirmed(_ words: [String], _ folded: [String]) -> (denied: [String], affirmed: [String])? {
        guard words.count >= 3, words.count == folded.count else { return nil }
        func trimmed(_ w: String) -> String {
            var w = Substring(w)
            while let l = w.last, ",:;.!".contains(l) { w.removeLast() }
            return String(w)
        }
        let ends = words.map { w in w.last.map { ",;:".contains($0) } ?? false }
        var affirmed: ArraySlice<String>, denied: ArraySlice<String>
        // «no B, A», «no es B, es A», «no es B sino A» from the «no» at `k`: B runs to a comma or «sino».
        func leading(_ k: Int) -> (denied: ArraySlice<String>, affirmed: ArraySlice<String>)? {
            var from = k + 1
            if ends[k] { return nil }  // «no, …» refuses, then says what: read elsewhere.
            while from < folded.count, contrastCopulas.contains(folded[from]) { from += 1 }
            guard let end = (from..<folded.count).first(where: { ends[$0] || (folded[$0] == "sino" && $0 > from) }) else { return nil }
            let stop = folded[end] == "sino" ? end : end + 1
            guard stop > from, stop - from <= 4, stop < words.count else { return nil }
            var start = stop
            while start < folded.count, contrastCopulas.contains(folded[start]) || folded[start] == "sino" || folded[start] == "no" { start += 1 }
            return (words[from..<stop], words[start...])
        }
        if folded[0] == "no" || (folded.count > 1 && ["uy", "perdon", "ojo", "oye"].contains(folded[0]) && folded[1] == "no") {
            guard let read = leading(folded[0] == "no" ? 0 : 1) else { return nil }
            (denied, affirmed) = read
        } else if let k = (1..<min(folded.count - 2, 7)).first(where: { folded[$0] == "no" && contrastCopulas.contains(folded[$0 + 1]) }),
                  !(0..<k).contains(where: { ends[$0] }), let read = leading(k) {
            // «el banco de textos no es pal 16, es pal 23»: what it is about, then the denial.
            (denied, affirmed) = read
        } else if let no = (1..<min(folded.count - 1, 5)).first(where: { folded[$0] == "no" && ends[$0] }) {
            // «B no, A»: the denied value first, closed by «no,».
            var from = 0
            while from < no, contrastOpeners.contains(folded[from]) || folded[from].isEmpty { from += 1 }
            denied = words[from..<no]
            var start = no + 1
            while start < folded.count, contrastCopulas.contains(folded[start]) || folded[start] == "sino" { start += 1 }
            affirmed = words[start...]
        } else {
            // «A, no B», «A no B»: the last «no», B after it to the end.
            guard let no = folded.indices.last(where: { $0 > 0 && folded[$0] == "no" }), no + 1 < folded.count, folded.count - no - 1 <= 4 else { return nil }
            var from = no + 1
            while from < folded.count, contrastCopulas.contains(folded[from]) { from += 1 }
            denied = words[from...]
            var start = 0
            while start < no, contrastOpeners.contains(folded[start]) || folded[start].isEmpty { start += 1 }
            affirmed = words[start..<no]
        }
        let a = affirmed.map(trimmed).filter { !$0.isEmpty }, d = denied.map(trimmed).filter { !$0.isEmpty }
        guard !d.isEmpty, !a.isEmpty, a.count <= 6 else { return nil }
        return (d, a)
    }

    /// Words around a contrast's values that are no part of them.
    static let contrastCopulas: WordSet = ["es", "era", "son", "eran", "sera", "seria"]
    static let contrastOpeners: WordSet = ["es", "era", "son", "eran", "sera", "seria", "mejor", "ah", "uy", "ojo", "perdon", "oye", "sino", "que"]
    /// Words of the denied value that need not be in the field's («no el jorge»: «el»).
    static let contrastFiller: WordSet = ["el", "la", "los", "las", "de", "del", "a", "al", "pal", "para", "pa", "un", "una", "en", "mas", "po"]

    /// «no hay más objetivos», «ya eso no más de objetivos»: a list already answered, said to be
    /// complete (the words of a list-closing answer, with the list's name).
    func closesFilledList(_ phrase: Phrase, run: FlowRun, flow: FlowDefinition) -> Bool {
        let t = phrase.tokens
        guard t.count >= 3, t.count <= 8 else { return false }
        let lists = flow.slots.filter { $0.isList && run.values[$0.name] != nil && run.currentSlot != $0.name }
        guard !lists.isEmpty else { return false }
        let rest = t.filter { w in let stem = Phrase.stem(w); return !lists.contains { $0.headStems.contains { Phrase.similar($0, stem) } } }
        guard rest.count < t.count else { return false }
        return Self.endsList(Phrase(rest.filter { $0 != "de" }.joined(separator: " ")))
    }

    /// What follows «porque», «ya que» or «pq» in a value, if anything.
    static func reason(in text: String) -> String? {
        let words = text.split(separator: " ").map(String.init)
        guard let k = words.firstIndex(where: { ["porque", "pq", "xq"].contains(Phrase($0).tokens.joined()) }), k > 0, k + 1 < words.count else { return nil }
        return words[(k + 1)...].joined(separator: " ")
    }

    /// The words a field goes by: its name, the head of its label («nombre de la red» → nombre) and aliases.
    static func heads(name: String, label: String, aliases: [String]) -> [String] {
        ([name, label] + aliases).compactMap { name in
            Phrase(name).tokens.first { !Phrase.stopWords.contains($0) && $0.count >= 3 }
        }
    }

    /// Carries out `reviewEdits`: each value said answers its field again (read as the flow reads
    /// an answer to that question), and the review is shown once, after the last one; a field
    /// without a value is asked again. Says «Corregido.» only when a value did change.
    func applyReviewEdits(_ edits: [ReviewEdit], run: FlowRun, flow: FlowDefinition,
                          state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        let before = run.values
        let reviewing = run.phase == .confirming || run.phase == .choosingEdit
        var current = run
        for (k, edit) in edits.enumerated() {
            var r = current
            var step: [Effect] = []
            if edit.clears {
                // A required field can't be left blank: said, and the review stays as it was.
                guard edit.slot.optional else {
                    out.append(.say("«\(edit.slot.label.prefix(1).uppercased() + edit.slot.label.dropFirst())» no puede quedar en blanco; si quieres cambiarlo, dime qué va en su lugar."))
                    ask(current, flow: flow, context: context, out: &out)
                    return
                }
                set(nil, for: edit.slot.name, in: &r)
                // Left blank on purpose, as a skip: never asked again by what follows.
                if !r.skipped.contains(edit.slot.name) { r.skipped.append(edit.slot.name) }
                r.phase = .confirming
                state.current = r
                ask(r, flow: flow, context: context, out: &step)
            } else if let removes = edit.removes {
                guard let kept = removing(removes, from: current.values[edit.slot.name]) else {
                    let quoted = removes.split(separator: "\"", omittingEmptySubsequences: false)
                    // («sin la y al final»: the words looked for, «y».)
                    let looked = Phrase(removes).tokens.filter { !Self.removeFiller.contains($0) }.joined(separator: " ")
                    let said = quoted.count >= 3 ? String(quoted[1]) : (looked.isEmpty ? removes : looked)
                    out.append(.say("No encontré «\(said)» en \(edit.slot.label); lo dejé como estaba."))
                    ask(current, flow: flow, context: context, out: &out)
                    return
                }
                r.values[edit.slot.name] = kept
                r.phase = .confirming
                state.current = r
                ask(r, flow: flow, context: context, out: &step)
            } else {
                let oldShown = r.values[edit.slot.name]?.display(today: context.today, choices: edit.slot.choices)
                if let was = r.values[edit.slot.name] { r.replacing = [edit.slot.name: was] }
                r.values[edit.slot.name] = nil
                // Answers that only apply to the old value («evidencia entregada» of «cumplido») go
                // with it; the new value asks for its own.
                for dependent in flow.slots where dependent.condition == edit.slot.name && dependent.conditionValue != nil {
                    set(nil, for: dependent.name, in: &r)
                }
                r.phase = .asking(edit.slot.name)
                // From the review, back to it; from a question, back to the first one unanswered.
                r.returnToConfirm = reviewing
                r.misses = 0
                r.check = nil
                state.current = r
                guard let value = edit.value else {
                    out.append(.say(question(edit.slot, run: r, context: context)))
                    return
                }
                // «el 12, no el 15» with the 15 the value it had: the new one is what comes first.
                let said = oldShown.map { Self.droppingDeniedOld(value, old: $0) } ?? value
                answerAsked(said, run: r, flow: flow, state: &state, context: context, out: &step)
                // «en proceso porque faltan los demás»: the reason answers the note the new value asks for.
                if let reason = Self.reason(in: said), let now = state.current, now.flowID == run.flowID, now.check == nil,
                   case .asking(let next) = now.phase, next != edit.slot.name, let slot = flow.slot(named: next),
                   slot.type == .text || slot.type == .longtext {
                    step = []
                    answerAsked(reason, run: now, flow: flow, state: &state, context: context, out: &step)
                }
            }
            let home: Bool = {
                guard let now = state.current, now.flowID == run.flowID, now.check == nil else { return false }
                if reviewing || now.phase == .confirming { return now.phase == .confirming }
                // Out of the review, the answer is taken when the flow moved past the field.
                return now.phase != .asking(edit.slot.name) && now.values[edit.slot.name] != nil
            }()
            guard home, let now = state.current else {
                // Not taken as it was said (asked again, a date to check): that is what to say.
                out += step
                return
            }
            current = now
            if k == edits.count - 1 {
                // (A field answered for the first time is no correction: nothing is said of it.)
                let changed = edits.contains { before[$0.slot.name] != nil && before[$0.slot.name] != now.values[$0.slot.name] }
                if edits.contains(where: { before[$0.slot.name] != nil }) {
                    out.append(.say(changed ? "Corregido." : "Eso ya estaba así."))
                } else if reviewing, edits.allSatisfy(\.clears) {
                    // «sin tabla» when there was none: nothing changed, and that is said.
                    out.append(.say("Eso ya estaba así."))
                } else if reviewing, let added = edits.first(where: { now.values[$0.slot.name] != nil }) {
                    // A field skipped earlier, said at the review: what it holds now.
                    let shown = now.values[added.slot.name]!.display(today: context.today, choices: added.slot.choices)
                    out.append(.say("Anotado: \(added.slot.label): \(shown)."))
                }
                out += step
            }
        }
    }

    /// «A, no B» / «A no B» where every word of B is in the value the field had (`old`): B is
    /// the old value denied and A the new one, so A alone is the answer (qa37: «el 12 no el 15»
    /// was not understood as a date, and «es 2 no 4» kept the 4). Anything else is kept as said.
    static func droppingDeniedOld(_ said: String, old: String) -> String {
        let words = said.split(separator: " ")
        guard words.count >= 3, words.count <= 16,
              let no = words.indices.last(where: { $0 > 0 && Phrase(String(words[$0])).tokens == ["no"] }),
              words.count - no - 1 >= 1, words.count - no - 1 <= 4 else { return said }
        let tail = Phrase(words[(no + 1)...].joined(separator: " ")).tokens.filter { !["el", "la", "los", "las", "de", "del", "a", "al"].contains($0) }
        let had = Set(Phrase(old).tokens)
        guard !tail.isEmpty, tail.allSatisfy(had.contains) else { return said }
        var head = words[..<no].joined(separator: " ")
        while let c = head.last, ",;: ".contains(c) { head.removeLast() }
        return Phrase(head).tokens.isEmpty ? said : head
    }

    /// `text` as the answer to the question `run` asks: the flow's own reading first, as when
    /// the person answers it directly.
    func answerAsked(_ text: String, run: FlowRun, flow: FlowDefinition, state: inout DialogState,
                     context: EngineContext, out: inout [Effect]) {
        guard case .asking(let name) = run.phase, let slot = flow.slot(named: name) else { return }
        if let reading = reading(Utterance(text), run: run, flow: flow, context: context) {
            apply(reading, run: run, flow: flow, state: &state, context: context, out: &out)
        } else {
            answer(text, slot: slot, run: run, flow: flow, state: &state, context: context, out: &out)
        }
    }

    /// The field's value without the words said («"no"», «lo último»); nil when they are not in it.
    func removing(_ said: String, from value: SlotValue?) -> SlotValue? {
        let quoted = said.split(separator: "\"", omittingEmptySubsequences: false)
        let target: String
        if quoted.count >= 3 {
            target = String(quoted[1])
        } else {
            target = Phrase(said).tokens.filter { !Self.removeFiller.contains($0) }.joined(separator: " ")
        }
        let wanted = Phrase(target).tokens.joined(separator: " ")
        func same(_ s: String) -> Bool { Phrase(s).tokens.joined(separator: " ") == wanted }
        switch value {
        case .list(let items)?:
            var kept = items
            if wanted == "ultimo" || wanted == "ultima" {
                kept.removeLast()
            } else if let i = kept.lastIndex(where: same) {
                kept.remove(at: i)
            } else {
                return nil
            }
            return kept.isEmpty ? nil : .list(kept)
        case .text(let s)?:
            // The last run of words that says it («sácale "con gusto"»).
            var words = s.split(separator: " ").map(String.init)
            let n = Phrase(wanted).tokens.count
            guard n > 0, words.count > n,
                  let i = (0...(words.count - n)).last(where: { same(words[$0..<($0 + n)].joined(separator: " ")) }) else { return nil }
            words.removeSubrange(i..<(i + n))
            var kept = words.joined(separator: " ")
            while let c = kept.last, ",;: ".contains(c) { kept.removeLast() }
            while let c = kept.first, ",;: ".contains(c) { kept.removeFirst() }
            return kept.isEmpty ? nil : .text(kept)
        default:
            return nil
        }
    }

    /// True when every word says something *about* a value («nomás», «guárdalo», «está mal»,
    /// «eso», «po») and none could be part of one: such words are never a field's new value.
    /// False for no words at all.
    public static func onlyTalksAboutValue<C: Collection>(_ folded: C) -> Bool where C.Element == String {
        var any = false
        for w in folded where !w.isEmpty {
            let bare = w.filter { $0.isLetter || $0.isNumber }
            if bare.isEmpty { continue }
            guard valueTalk.contains(bare) || fixItCommands.contains(bare) else { return false }
            any = true
        }
        return any
    }

    /// Words that talk about a value said at a review or a field's question, never part of it.
    static let valueTalk: WordSet = ["nomas", "mas", "solo", "solamente", "guardalo", "guardala", "guardalos", "guardalas",
                                     "guarda", "guardar", "anota", "esta", "estan", "mal", "malo", "mala", "bien", "eso", "esto",
                                     "asi", "listo", "dale", "po", "pues", "porfa", "ya", "igual", "el", "la", "lo", "nada",
                                     "altiro", "gracias", "pls", "plis"]

    /// «corrígelo», «cámbialo», «arréglalo»: the order to fix a field, said after its new value.
    static let fixItCommands: Set<String> = ["corrigelo", "corrigela", "corrigelos", "corregilo", "corrijelo", "cambialo", "cambiala",
                                             "arreglalo", "arreglala", "dejalo", "dejala", "ponlo", "ponla", "anotalo", "anotala",
                                             "actualizalo", "actualizala", "modificalo", "modificala",
                                             // «…, guárdalo»: the order to save closes the sentence too.
                                             "guardalo", "guardala", "guardalos", "guardalas"]

    static let removeFiller: WordSet = ["el", "la", "lo", "los", "las", "eso", "que", "q", "quedo", "sobra", "al", "final", "del", "de", "palabra"]

    static let reviewComplaints: WordSet = ["mal", "malo", "mala", "raro", "rara", "equivocado", "equivocada", "incorrecto",
                                                "incorrecta", "errado", "errada", "cambiar", "cambia", "corregir", "corrige", "arreglar",
                                                // «el plazo del 1 cámbialo al jueves 25»: the verb with the field as its object.
                                                "cambialo", "cambiala", "cambialos", "cambialas", "corrigelo", "corrigela", "dejalo", "dejala"]
    /// Words before a field or its value that say nothing of the value itself.
    static let reviewLeadWords: WordSet = ["no", "esta", "quedo", "salio", "mal", "malo", "mala", "raro", "rara", "equivocado",
                                               "equivocada", "incorrecto", "incorrecta", "errado", "errada", "ojo", "uy", "perdon",
                                               "oye", "pero", "ya", "po", "en", "realidad", "corrige", "corregir", "cambia", "cambiar",
                                               "cambialo", "cambiala", "cambialos", "cambialas", "corrigelo", "corrigela", "dejalo", "dejala"]
    static let reviewCopulas: WordSet = ["es", "era", "son", "sera", "seria", "debe", "deberia", "ser", "queda", "quedaria",
                                             "ponle", "pone", "pon", "ponga", "pongale", "ponlo", "ponla", "dice", "diga", "decir", "a", "por"]
    /// «1 Microcentro Las Gaviotas», «3 todos», «el 2 desarrollo personal y social» at a review:
    /// the message opens with a line's number (alone or after «el»/«la») and the rest is that
    /// line's new value, with no «es» or «:» between them (it was re-asked, and the next «sí» saved
    /// the old value). Never «1 y 3», «2, 4» (numbers only) nor «2 no» (a complaint, read apart);
    /// only for fields said in words: a date or time field («2, que sean a las 9:30» at a poll's
    /// options) would lose its days for the hour, and a bare date already fits its field.
    static func lineThenValue(_ folded: [String], at index: Int, valueStart: Int, end: Int, slot: SlotDefinition) -> Bool {
        guard [.text, .longtext, .person, .people, .choice, .number, .email, .phone].contains(slot.type),
              Int(folded[index]) != nil, index == 0 || (index == 1 && reviewArticles.contains(folded[0])),
              valueStart == index + 1, valueStart < end else { return false }
        let rest = folded[valueStart..<end].filter { !$0.isEmpty }
        guard let first = rest.first, !notLineValueLeads.contains(first) else { return false }
        return !rest.allSatisfy { Int($0) != nil || $0 == "y" || $0 == "o" }
    }
    /// Words after a leading number that make it part of what is said, not a line's number:
    /// «1 de diciembre», «2 horas», «3 personas», «1 y 3», «2 no».
    static let notLineValueLeads: WordSet = ["y", "e", "o", "u", "ni", "no", "si", "tambien", "tb", "de", "del", "a", "al", "hasta",
                                             "hora", "horas", "hrs", "hr", "h", "min", "mins", "minuto", "minutos", "dia", "dias",
                                             "semana", "semanas", "mes", "meses", "ano", "anos", "vez", "veces", "persona", "personas",
                                             "por", "am", "pm", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                                             "septiembre", "setiembre", "octubre", "noviembre", "diciembre", "ene", "feb", "mar", "abr",
                                             "jun", "jul", "ago", "sep", "sept", "oct", "nov", "dic", "lunes", "martes", "miercoles",
                                             "jueves", "viernes", "sabado", "domingo", "mas", "menos", "puntos", "punto", "ptos"]

    /// Verbs that, after a «no», say a field holds nothing («no hay», «no tiene»).
    static let nothingVerbs: WordSet = ["hay", "tiene", "tienen", "tenemos", "existe", "existen", "aplica"]
    static let reviewArticles: WordSet = ["el", "la", "los", "las", "en"]
    static let leaveAsVerbs: WordSet = ["dejalo", "dejala", "dejalos", "dejalas", "ponlo", "ponla", "queda", "quede", "cambialo", "cambiala"]
    /// «el 6 también», «el 6 igual»: a line said to be as the one before, not a value of its own.
    static let sameWords: WordSet = ["tambien", "igual", "lo", "mismo", "tb", "tmb", "ok", "esta", "bien", "quedo"]
    /// «bórralo», «sácalo»: the field named is emptied (not words taken out of it, `removeVerbs`).
    static let clearVerbs: WordSet = ["borralo", "borrala", "borralos", "borralas", "sacalo", "sacala", "sacalos", "sacalas",
                                      "quitalo", "quitala", "quitalos", "quitalas", "eliminalo", "eliminala", "eliminalos", "eliminalas",
                                      "vacialo", "vaciala"]
    /// «es solo X», «es solamente X», «es nomás X»: that is all of the value.
    static let valueOnlyWords: WordSet = ["solo", "solamente", "nomas", "unicamente"]
    /// Kinds of school that may name a school field and belong with its name («Escuela Manzanar»).
    static let schoolKinds: WordSet = ["escuela", "escuelita", "liceo", "colegio", "jardin", "internado"]
    /// Complaint words that may open a removal («está mal, sin la y al final»).
    static let reviewComplaintLeads: WordSet = ["esta", "quedo", "mal", "malo", "mala", "raro", "rara", "equivocado", "equivocada", "errado", "errada"]
    static let removeVerbs: WordSet = ["sacale", "saca", "sacar", "quitale", "quita", "quitar", "borra", "borrale", "elimina", "eliminale"]
}
