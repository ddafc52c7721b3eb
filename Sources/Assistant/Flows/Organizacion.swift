import CivilTime
import Foundation
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/organizacion.yaml`: an organisation of the territory. Its kind is taken from the
/// name when the name makes it obvious («CESFAM …» is salud, «OPD …» protección).
struct OrganizacionFlow: MingaFlow {
    let id = "organizacion"
    let saveKind: String? = "organization"
    let slotNames = ["nombre", "tipo", "contacto", "desde", "colaboracion", "proyectos"]

    /// «otra más: el programa PDTI de la muni, …» while this one is still asked or reviewed: the
    /// next organisation, registered after this one (a pass: its contact replaced this one's,
    /// at a question the rest became its projects, at the review «Corregido.»).
    func nextOne(_ message: Utterance, run: FlowRun) -> Reading? {
        guard run.values["nombre"] != nil, message.phrase.tokens.first == "otra" || message.phrase.tokens.first == "otro",
              let next = Self.nextNamed(message, anotherOnly: true) else { return nil }
        // «…, nos prestan libros»: what they do, said with it, kept for it too.
        var values: SlotValues = ["nombre": .text(next)]
        if Self.parts(next).others["colaboracion"] == nil,
           let piece = next.split(separator: ",").dropFirst().map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { Phrase($0).tokens.first == "nos" }) {
            values["colaboracion"] = .text(piece)
        }
        return .fillThen([:], remark: "Anoto «\(Self.properName(Self.parts(next).name))» apenas terminemos esta.",
                         then: [FollowingRequest(flow: id, request: next, values: values, reads: false)])
    }

    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? { nextOne(message, run: run) }

    /// «desde marzo», «el año pasado», «desde 2023»: a since-date is the start of the month or
    /// year said (a date slot alone wants one exact day).
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        if let next = nextOne(message, run: run) { return next }
        if slot.name != "nombre", let renamed = Self.renamed(message, run: run) { return renamed }
        if slot.name != "nombre", let other = Self.anotherOrganization(message, run: run, byKindOnly: slot.name == "contacto") { return other }
        // «nos prestan la sede pa las reuniones y la fiesta de fin de año» to «¿Desde cuándo…?»:
        // what they do together, not a date (a pass: «fin de año» became the 28 December).
        if slot.name == "desde", run.values["colaboracion"] == nil, message.phrase.tokens.count >= 5,
           message.phrase.tokens.contains(where: { Self.togetherWords.contains($0) || Self.supportVerbs.contains($0)
               || ["prestan", "presta", "facilitan", "facilita", "nos"].contains($0) }),
           Self.since(message.clean, context: context) == nil {
            return .fill(["colaboracion": .text(message.clean)], remark: "Eso lo dejo en «qué hacemos juntos».")
        }
        if slot.name == "contacto", let together = Self.togetherAtContact(message, run: run) {
            return .fill(["colaboracion": .text(together)], remark: "Eso lo dejo en «qué hacemos juntos».")
        }
        guard slot.name == "desde", let start = Self.since(message.clean, context: context) else { return nil }
        // «desde 2023»: the year alone is said back alone, and kept so (qa36: «miércoles 1 de
        // enero de 2025» was shown and stored, a day nobody said).
        let value = Self.sinceValue(start, said: message.phrase.tokens)
        return .fill(["desde": value], remark: "Anotado: desde \(value.textValue ?? "").")
    }

    /// A since-date as the run keeps it and the review shows it: «2025» for a year alone,
    /// «marzo de 2025» for a month; never a day nobody said (`sinceDate` reads it back).
    static func sinceValue(_ start: LocalDate, said t: [String]) -> SlotValue {
        let words = afterSince(t).filter { $0 != "desde" && $0 != "el" && $0 != "del" && $0 != "ano" }
        let yearOnly = words.count == 1 && Int(words[0]) != nil
            || start.month == 1 && start.day == 1 && !t.contains(where: { $0 == "enero" || $0 == "mes" || $0 == "meses" })
        return .text(yearOnly ? String(start.year) : "\(SpanishFormat.monthName(start.month)) de \(start.year)")
    }

    /// The day a since-value holds (`sinceValue`, or a day). A year or a month alone is kept as
    /// its first day: the store and the export always carry a day (`desde` is an ISO date in the
    /// export's contract), while the review says only what was said.
    static func sinceDate(_ value: SlotValue?) -> LocalDate? {
        switch value {
        case .date(let d)?: return d
        case .text(let s)?:
            let t = Phrase(s).tokens
            if t.count == 1, let y = Int(t[0]) { return LocalDate(year: y, month: 1, day: 1) }
            guard t.count == 3, t[1] == "de", let y = Int(t[2]),
                  let m = (1...12).first(where: { TextFold.fold(SpanishFormat.monthName($0)) == t[0] }) else { return nil }
            return LocalDate(year: y, month: m, day: 1)
        default: return nil
        }
    }

    /// «cambia el nombre a CESFAM Valdivia», «cámbiale el nombre por …», «ponle de nombre …» at a
    /// later question: the organisation being registered is the nearest record with a name, so
    /// its name changes (qa34: «nombre» offered to change the network's details). Only a verb of
    /// changing or putting, then «nombre» right before the new name (with «a», «por», «es» or a
    /// colon): «el nombre de la red…» or «…de la encargada» name something else and stay unread.
    /// The kind follows the new name when that name makes it obvious. Cheap gate: the first word.
    static func renamed(_ message: Utterance, run: FlowRun) -> Reading? {
        let t = message.phrase.tokens
        guard t.count >= 4, run.values["nombre"] != nil, renameVerbs.contains(t[0]),
              let n = t.firstIndex(of: "nombre"), n <= 3, t[1..<n].allSatisfy({ ["el", "le", "su", "de", "la"].contains($0) }) else { return nil }
        // The words after «nombre» and its joining word, as typed.
        let words = TextFold.spaceSeparated(message.clean).map(String.init)
        guard let at = words.firstIndex(where: { TextFold.foldedLetters($0) == "nombre" }) else { return nil }
        var k = at + 1
        if words[at].hasSuffix(":") {
            // «ponle nombre: CESFAM Valdivia»
        } else if k < words.count, ["a", "por", "es", "sea"].contains(TextFold.foldedLetters(words[k])) {
            k += 1
        } else if !["pon", "ponle", "ponele", "ponerle", "ponemos"].contains(t[0]) {
            // «ponle de nombre CESFAM Valdivia»: only «poner» takes the name right after «nombre».
            return nil
        }
        let said = words[k...].joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ",;.: "))
        guard !said.isEmpty, Phrase(said).tokens.count <= 8 else { return nil }
        let name = properName(parts(said).name)
        guard let mine = run.values["nombre"]?.textValue, TextFold.fold(name) != TextFold.fold(mine) else { return nil }
        var values: SlotValues = ["nombre": .text(name)]
        if let kind = TerritoryReading.kind(ofName: name), run.values["tipo"] != .choice(kind.rawValue) { values["tipo"] = .choice(kind.rawValue) }
        return .fill(values, remark: "Cambié el nombre: ahora es «\(name)».")
    }

    static let renameVerbs: WordSet = ["cambia", "cambiale", "cambiar", "cambiemos", "cambiarle", "corrige", "corrigele", "corregir",
                                       "pon", "ponle", "ponele", "ponerle", "ponemos"]

    /// «salud, trabajamos con ellos en la derivación de casos» at «¿Quién es el contacto allá…?»:
    /// what they do together (with the kind said before it), not a contact: no capital, digit or
    /// «@» (no name, phone or mail) and a word of working together. The kind's word opening it
    /// («salud,») is dropped. Nil for anything else (qa30 A3: it was stored as the contact).
    static func togetherAtContact(_ message: Utterance, run: FlowRun) -> String? {
        let t = message.phrase.tokens
        guard run.values["colaboracion"] == nil, t.count >= 4,
              t.contains(where: { togetherWords.contains($0) || supportVerbs.contains($0) }) || saysWhatTheyDo(t),
              !message.clean.contains(where: { $0.isUppercase || $0.isNumber || $0 == "@" }),
              !t.contains(where: { ["contacto", "contacta", "encargado", "encargada", "se", "llama"].contains($0) || FirstNames.canonical($0) != nil
                  || IncorporacionFlow.postWords.contains($0) })
        else { return nil }
        var pieces = message.clean.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        // «salud, …»: the kind, already read from the name (or asked on its own), is no part of it.
        if pieces.count > 1, let head = pieces.first, Phrase(head).tokens.count <= 2,
           Organization.Kind.inferred(fromFoldedWords: Phrase(head).tokens) != nil {
            pieces.removeFirst()
        }
        let said = pieces.joined(separator: ", ")
        return said.isEmpty ? nil : said
    }

    /// «y también la Armada, la capitanía de puerto nos hace visitas guiadas» at «¿Desde cuándo
    /// trabajan juntos?»: another organisation, named after «y también», «además» or «otra» (with a
    /// capital, or by its kind), is registered right after this one; the question stands (qa22 S3:
    /// the date was not understood, and what was said next about the Armada was saved on the
    /// Cesfam). A person's first name there is no organisation. Nil for anything else.
    /// `byKindOnly`: at the contact question, where «y también Araya…» may well be a person, only
    /// an organisation named by its kind («además la OPD…») counts.
    static func anotherOrganization(_ message: Utterance, run: FlowRun, byKindOnly: Bool = false) -> Reading? {
        guard let first = message.phrase.tokens.first, alsoLeads.contains(first) else { return nil }
        let words = TextFold.spaceSeparated(message.clean).map(String.init)
        let folded = words.map(TextFold.foldedLetters)
        var k = 0
        while k < words.count, alsoLeads.contains(folded[k]) || folded[k].isEmpty { k += 1 }
        guard k > 0, folded[..<k].contains(where: { $0 != "y" }) else { return nil }
        // «también con la OPD de Collipulli…»: another partner the network works with, said as
        // an addition to the answer before (qa: «No entendí … como fecha» at «¿Desde cuándo…?»).
        if k < words.count - 1, folded[k] == "con" { k += 1 }
        let start = k
        while k < words.count, ["la", "el", "los", "las", "una", "un", "organizacion", "institucion"].contains(folded[k]) { k += 1 }
        guard k < words.count, FirstNames.canonical(folded[k]) == nil,
              Organization.Kind.inferred(fromFoldedWords: [folded[k]]) != nil || (!byKindOnly && words[k].first?.isUppercase == true) else { return nil }
        let said = words[start...].joined(separator: " ")
        // «…la Armada nos hace visitas guiadas»: the name ends where what they do begins.
        var end = k + 1
        while end < words.count, !words[end - 1].hasSuffix(","), !nameEnds.contains(folded[end]), !supportVerbs.contains(folded[end]) { end += 1 }
        let named = words[start..<end].joined(separator: " ")
        let name = properName(parts(named.trimmingCharacters(in: CharacterSet(charactersIn: ",;."))).name)
        guard let mine = run.values["nombre"]?.textValue, TextFold.fold(name) != TextFold.fold(mine) else { return nil }
        let rest = words[end...].joined(separator: " ")
        // «también con la OPD y la universidad del Bío Bío»: «y» and another organisation (by its
        // kind or a capital) are two more, each registered on its own (qa34: one was saved, named
        // «OPD» with the university's kind, and the university lost).
        if end < words.count, folded[end] == "y" || folded[end] == "e", !named.hasSuffix(",") {
            var j = end + 1
            if j < words.count, folded[j] == "con" { j += 1 }
            let second = j
            while j < words.count, ["la", "el", "los", "las", "una", "un"].contains(folded[j]) { j += 1 }
            if j < words.count, FirstNames.canonical(folded[j]) == nil,
               Organization.Kind.inferred(fromFoldedWords: [folded[j]]) != nil || words[j].first?.isUppercase == true {
                let other = words[second...].joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ",;. "))
                let otherName = properName(parts(other).name)
                let first = named.trimmingCharacters(in: CharacterSet(charactersIn: ",;. "))
                let both = [first, other].map { FollowingRequest(flow: "organizacion", request: $0, values: ["nombre": .text($0)], reads: false) }
                return .fillThen([:], remark: "Esas son otras dos organizaciones (\(name) y \(otherName)): las anoto apenas guardemos esta, una por una.", then: both)
            }
        }
        let request = named.hasSuffix(",") || rest.isEmpty ? said : named + ", " + rest
        let later = FollowingRequest(flow: "organizacion", request: request, values: ["nombre": .text(request)], reads: false)
        return .fillThen([:], remark: "Eso es otra organización (\(name)): la anoto apenas guardemos esta.", then: [later])
    }

    /// Words that join an answer to what was said before («y también», «además», «y además»).
    static let joiningLeads: Set<String> = ["y", "tambien", "ademas", "tb", "tmb", "e"]
    /// What opens another organisation said in passing: the joining words (not a lone «e»),
    /// or «otra/otro».
    static let alsoLeads: Set<String> = joiningLeads.subtracting(["e"]).union(["otra", "otro"])

    /// `text` without the joining words it opens with («y también nos prestan la sede» → «nos
    /// prestan la sede», «y nos prestan el gimnasio» → «nos prestan el gimnasio»), when at least two
    /// words stay; nil when there is nothing to take out.
    static func withoutAlsoLead(_ text: String) -> String? {
        // Cheap gate: the text has to open with one of the joining words.
        guard let first = text.first, "yYtTaAeE".contains(first) else { return nil }
        let words = TextFold.spaceSeparated(text).map(String.init)
        var k = 0
        while k < words.count, joiningLeads.contains(TextFold.foldedLetters(words[k])) { k += 1 }
        guard k > 0, words.count - k >= 2 else { return nil }
        var rest = words[k...].joined(separator: " ")
        while let c = rest.first, ",;:".contains(c) || c == " " { rest.removeFirst() }
        return rest.isEmpty ? nil : rest
    }
    /// Words that end an organisation's name said in passing: what they do comes next.
    static let nameEnds: Set<String> = ["nos", "que", "les", "con", "hace", "hacen", "trabaja", "trabajan", "y"]

    /// «anota la organización CESFAM Quellón, …, contacto: …», «registrar otra institución»: a
    /// request to record a new organisation, which the flows that change one must leave alone.
    static func recordsNew(_ t: [String]) -> Bool {
        guard let v = t.firstIndex(where: EditarDesdeOrganizacionFlow.newWords.contains) else { return false }
        var k = v + 1
        while k < t.count, ["la", "una", "otra", "nueva", "el", "un", "otro", "nuevo"].contains(t[k]) { k += 1 }
        return k < t.count && ["organizacion", "institucion", "organizaciones", "instituciones"].contains(t[k])
    }

    /// «otra organización», «otro aliado», «otra institución más»: «otra/otro» right before the
    /// noun of what is recorded (or «nueva»), and no «tipo» said.
    static func saysAnother(_ t: [String]) -> Bool {
        guard !t.contains("tipo") else { return false }
        for i in t.indices.dropLast() where t[i] == "otra" || t[i] == "otro" {
            var k = i + 1
            if k < t.count - 1, t[k] == "nueva" || t[k] == "nuevo" || t[k] == "mas" { k += 1 }
            if ["organizacion", "institucion", "aliado", "aliada", "organizaciones"].contains(t[k]) { return true }
        }
        return false
    }

    /// The start of the month or year a since-phrase says, never later than today.
    static func since(_ text: String, context: EngineContext) -> LocalDate? {
        // «hace como dos años», «desde hace 3 meses», «hace un año más o menos»: that long before
        // today, from the start of that month.
        let all = Phrase(text).tokens
        if let h = all.firstIndex(of: "hace") {
            let rest = all[(h + 1)...].filter { !["como", "unos", "unas", "mas", "de", "casi", "poco", "o", "menos"].contains($0) }
            if let first = rest.first, let n = Int(first) ?? NumberParser.parse(first) ?? (first == "un" || first == "una" ? 1 : nil),
               n > 0, n < 80, rest.count >= 2 {
                let unit = rest[rest.index(after: rest.startIndex)]
                let today = context.today
                if unit.hasPrefix("ano") { return LocalDate(year: today.year - n, month: today.month, day: 1) }
                if unit.hasPrefix("mes") {
                    let months = today.year * 12 + (today.month - 1) - n
                    return LocalDate(year: months / 12, month: months % 12 + 1, day: 1)
                }
            }
        }
        // «trabajamos desde 2025», «con ellos desde el 2024»: the year is what follows «desde».
        let t = Self.afterSince(all).filter { $0 != "desde" && $0 != "el" && $0 != "del" && $0 != "ano" }
        if t.count == 1, let y = Int(t[0]), (1950...context.today.year).contains(y) { return LocalDate(year: y, month: 1, day: 1) }
        guard let m = TemporalParser.parse(text, context: context.temporal), case .dateRange(var start, let end) = m.value else { return nil }
        // «desde este año, marzo», «el año pasado, en agosto»: a whole year, then the month in it.
        if start.month == 1, start.day == 1, end.month == 12, end.day == 31, start.year == end.year,
           let r = text.range(of: m.text), case let rest = String(text[r.upperBound...]),
           let month = TemporalParser.parse(rest, context: context.temporal), case .dateRange(let ms, let me) = month.value,
           ms.day == 1, ms.month == me.month, ms.year == me.year {
            start = LocalDate(year: start.year, month: ms.month, day: 1)
        }
        if start > context.today { start = LocalDate(year: start.year - 1, month: start.month, day: start.day) }
        return start <= context.today ? start : nil
    }

    /// The words after the first «desde» (all of them when there is none).
    static func afterSince(_ t: [String]) -> [String] {
        guard let d = t.firstIndex(of: "desde") else { return t }
        return Array(t[(d + 1)...])
    }

    /// «la asistente social, María Pérez, desde marzo», «Paula Soto desde el año pasado»: the
    /// contact without the since-phrase that ends one of its pieces (from «desde», «hace» or «a
    /// partir de» to the piece's end), and the start that phrase says. Nil when no piece ends so,
    /// or nothing of the contact is left.
    static func contactAndSince(_ text: String, context: EngineContext) -> (String, LocalDate)? {
        guard TextFold.fold(text).split(separator: " ").contains(where: { ["desde", "hace", "partir"].contains($0) }) else { return nil }
        var pieces = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var found: LocalDate?
        for (i, piece) in pieces.enumerated() where found == nil {
            let words = piece.split(separator: " ").map(String.init)
            let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
            guard let k = folded.indices.first(where: { k in
                ["desde", "hace"].contains(folded[k]) || (folded[k] == "a" && k + 1 < folded.count && folded[k + 1] == "partir")
            }), k > 0 || i > 0, let start = since(words[k...].joined(separator: " "), context: context) else { continue }
            found = start
            // «…, trabajamos con ellos desde marzo»: a piece that opens a clause of its own (the
            // network working with them) is no part of the contact (qa37: the contact kept
            // «trabajamos con ellos»); only when nothing but «con ellos» is left of it.
            let head = folded[..<k].filter { !$0.isEmpty }
            if i > 0, let verb = head.first, Self.workWords.contains(verb) || verb == "nos",
               head.dropFirst().allSatisfy({ ["con", "ellos", "ellas", "ella", "el", "les", "lo", "la", "juntos", "juntas", "ya"].contains($0)
                   || (verb == "nos" && Self.supportVerbs.contains($0)) }) {
                pieces[i] = ""
            } else {
                pieces[i] = words[..<k].joined(separator: " ")
            }
        }
        let who = pieces.filter { !$0.isEmpty }.joined(separator: ", ")
        guard let found, !Phrase(who).stems.isEmpty else { return nil }
        return (who, found)
    }

    func skipNote(_ slot: SlotDefinition, context: EngineContext) -> String? {
        slot.name == "desde" ? "Queda desde hoy." : nil
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        // «profesora», «la asistente social» alone: a post, not who to contact nor how (qa17).
        if slot.name == "contacto", let text = value.textValue, IncorporacionFlow.onlyPost(text) {
            return .reject("«\(text)» es un cargo. ¿Cómo se llama esa persona, y cómo se le ubica? Por ejemplo «Paula Soto, psicóloga, +56 9 1234 5678» (o escribe «saltar»).")
        }
        // «la asistente social, María Pérez, desde marzo»: when the work together began, said
        // after the contact, is no part of her (qa34: the contact kept «, desde marzo»); it is the
        // «desde» field, when that is still open (else it is left out, and said so).
        if slot.name == "contacto", let text = value.textValue, let (who, start) = Self.contactAndSince(text, context: context) {
            let bare = EditarContactoOrganizacionFlow.withoutArticle(who)
            if run.values["desde"] == nil {
                return .replace(.text(bare), remarks: ["Y trabajan juntos desde \(SpanishFormat.monthName(start.month)) de \(start.year)."],
                                others: ["desde": Self.sinceValue(start, said: Phrase(text).tokens)])
            }
            return .replace(.text(bare), remarks: ["La fecha de inicio ya estaba anotada; en el contacto dejo solo a la persona."])
        }
        if slot.name == "contacto", let text = value.textValue {
            // «salud», «derivaciones» typed here: a word that is no one, nor a way to reach them
            // (it was stored as the contact).
            // «nadie todavía», «no tenemos»: no contact yet, which «saltar» says.
            let t = Phrase(text).tokens
            if t.first == "nadie" || (t.count <= 3 && t.first == "no" && t.dropFirst().first.map({ ["tenemos", "hay", "tengo"].contains($0) }) == true) {
                return .reject("Si todavía no hay contacto, escribe «saltar» y lo completas cuando lo sepas.")
            }
            if Self.namesNoOne(text) {
                return .reject("«\(text)» no me dice quién es el contacto. Dime su nombre, y si puedes su cargo, teléfono o correo, por ejemplo «Paula Soto, psicóloga, +56 9 1234 5678» (o escribe «saltar»).")
            }
            // «la Sra. Marta», «la Paula Reyes»: the article said before a name is not kept.
            let bare = EditarContactoOrganizacionFlow.withoutArticle(text)
            if bare != text { return .replace(.text(bare)) }
        }
        // «y también nos prestan la sede…», «además hacen talleres»: the words that join it to what
        // was said before are no part of what they do together (they were stored with it).
        if slot.name == "colaboracion", let text = value.textValue, let kept = Self.withoutAlsoLead(text) { return .replace(.text(kept)) }
        // A collaboration began in the past: «desde marzo» said in November is last March.
        if slot.name == "desde", case .date(let d) = value, d > context.today {
            let back = LocalDate(year: d.year - 1, month: d.month, day: min(d.day, 28))
            return back > context.today ? .reject("¿Desde cuándo? Dime una fecha que ya pasó, por ejemplo «marzo de 2025».") : .replace(.date(back))
        }
        guard slot.name == "nombre", var whole = value.textValue else { return .accept }
        // «hay que registrar las organizaciones con que trabajamos: el CESFAM de Quintero»: the
        // request's own words before a colon are no part of the name, when what follows it names
        // an organisation by its kind.
        if let colon = whole.firstIndex(of: ":"),
           case let after = whole[whole.index(after: colon)...].trimmingCharacters(in: .whitespaces), !after.isEmpty,
           TerritoryReading.kind(ofName: Self.properName(Self.parts(after).name)) != nil {
            whole = after
        }
        let (said, others) = Self.parts(whole)
        // A contact read with more of it than the request's own reading took («Marta Huenchul,
        // asistente social, 452681234» for «Marta Huenchul»): the whole one.
        var more = others.filter { k, v in
            run.values[k] == nil || (k == "contacto" && run.values[k]?.textValue.map { v.textValue?.hasPrefix($0 + ",") ?? false } == true)
        }
        // «…, desde este año»: when they started working together, said with the name.
        if run.values["desde"] == nil, let piece = whole.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }).dropFirst()
            .first(where: { Phrase($0).tokens.first == "desde" }), let start = Self.since(piece, context: context) {
            more["desde"] = Self.sinceValue(start, said: Phrase(piece).tokens)
        }
        let name = Self.properName(said)
        if let s = context.snapshot, let same = s.organizations.first(where: { TextFold.fold($0.name) == TextFold.fold(name) }) {
            return .reject("«\(same.name)» ya está registrada como la organización \(same.number.map(String.init) ?? same.id).")
        }
        // «cambia el nombre a OPD Valdivia» after «CESFAM Los Lagos» (a correction checks the new
        // name with the old one taken out, still answered): a kind the new name makes obvious
        // replaces the one kept (it stayed «Salud»); the summary shows it before anything is saved.
        if run.values["nombre"] == nil, run.answered.contains("nombre"), let kept = run.values["tipo"], let kind = TerritoryReading.kind(ofName: name), kept != .choice(kind.rawValue) {
            return .replace(.text(name), others: more.merging(["tipo": .choice(kind.rawValue)]) { a, _ in a })
        }
        // An obvious kind is not asked; the summary shows it, so a wrong guess is one number away.
        guard run.values["tipo"] == nil, let kind = TerritoryReading.kind(ofName: name) else {
            return name == value.textValue && more.isEmpty ? .accept : .replace(.text(name), others: more)
        }
        return .replace(.text(name), others: more.merging(["tipo": .choice(kind.rawValue)]) { a, _ in a })
    }

    /// «registrar una organización: CESFAM Carahue, contacto Marta Huenchul, asistente social,
    /// 452681234»: the contact with her post and phone, said in the pieces after her name (the
    /// request's reading kept only the name).
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        // «otra organización: la OPD de Tocopilla», «registrar otra institución»: «otra» is one
        // more, not the kind «Otra» (it was stored so, the OPD's kind unread). The kind is left
        // to the name, or asked.
        var out = Prefill()
        // «quiero anotar las organizaciones con las que trabajamos acá»: what the request's words
        // left as the name opens with a verb of «we» (a pass: stored as «Trabajamos Aca en el
        // Microcentro»); the name is asked.
        if let name = run.values["nombre"]?.textValue, let first = Phrase(name).tokens.first,
           first.count > 4, ["amos", "emos", "imos"].contains(where: first.hasSuffix), name.first?.isLowercase == true,
           !name.contains(":"), TerritoryReading.kind(ofName: name) == nil {
            out.values["nombre"] = .some(nil)
        }
        // «quiero agregar una organización aliada, el CESFAM de Mejillones»: the words left as the
        // name only say what it is to the network («Aliada» was stored); the part after the comma
        // names it, or the name is asked.
        if let name = run.values["nombre"]?.textValue, case let t = Phrase(Self.parts(name).name).tokens, !t.isEmpty, t.allSatisfy(Self.asWhat.contains) {
            out.values["nombre"] = .some(nil)
            if let comma = name.firstIndex(of: ",") {
                var words = TextFold.spaceSeparated(String(name[name.index(after: comma)...])).map(String.init)
                while let w = words.first, ["la", "el", "los", "las", "una", "un", "que", "es"].contains(TextFold.foldedLetters(w)) { words.removeFirst() }
                let tail = words.joined(separator: " ")
                let named = Self.parts(tail).name.trimmingCharacters(in: CharacterSet(charactersIn: " ,;."))
                if let first = words.first, TerritoryReading.kind(ofName: named) != nil || first.first?.isUppercase == true, !named.isEmpty {
                    out.values["nombre"] = .text(tail)
                    out.echo = ["nombre: \(Self.properName(named))"]
                }
            }
        }
        if run.values["tipo"] == nil || run.values["tipo"] == .choice("otra"), case let t = Phrase(request).tokens, Self.saysAnother(t) {
            if let kind = Organization.Kind.inferred(fromFoldedWords: t), let slot = flow.slot(named: "tipo") {
                let value = SlotValue.choice(kind.rawValue)
                out.values["tipo"] = value
                out.echo = ["\(slot.label): \(value.display(today: context.today, choices: slot.choices))"]
            } else {
                out.values["tipo"] = .some(nil)
            }
        }
        guard let had = run.values["contacto"]?.textValue, TextFold.contains(request, byte: UInt8(ascii: ",")),
              let full = Self.parts(request).others["contacto"]?.textValue, full.hasPrefix(had + ",") else { return out }
        out.values["contacto"] = .text(full)
        out.echo.append("contacto: \(full)")
        return out
    }

    /// «la Armada nos hace visitas guiadas», «el Rotary nos dona los útiles» at the menu: a name in
    /// capitals (no person's first name, no member) then «nos» and what they do, with no word of
    /// an organisation's kind (qa25: «No te entendí»). Offered as an organisation to register,
    /// with its name and what it does. Asked only before «No te entendí».
    func unclearOffer(_ message: Utterance, context: EngineContext) -> String? {
        let t = message.phrase.tokens
        guard Self.saysWhatTheyDo(t), !message.clean.contains("?"), let (name, _) = Self.nameThenTogether(message.clean) else { return nil }
        let words = name.split(separator: " ").map(String.init).drop { ["la", "el", "los", "las"].contains(TextFold.fold($0)) }
        guard let first = words.first, first.first?.isUppercase == true, words.count <= 5,
              FirstNames.canonical(TextFold.fold(first)) == nil, !PeopleParser.isRoleOnly(TextFold.fold(first)) else { return nil }
        let folded = TextFold.fold(first)
        if let s = context.snapshot, s.members.contains(where: { TextFold.fold($0.name).split(separator: " ").first.map(String.init) == folded }) {
            return nil
        }
        return "registrar una organización: " + message.clean
    }

    /// `claim` needs one of these (`ClaimCues`): A verb of support, or of adding.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues {
        ClaimCues(words: Array(Self.supportVerbs) + Array(Self.addVerbs) + Array(Self.requestVerbs) + ["trabajamos", "nos"] + Self.nextCues)
    }

    /// What opens the next organisation said right after one was saved (`nextAfterSave`).
    static let nextCues = ["otra", "otro"] + Array(nextNouns)

    /// Words that open an organisation's name, said as the next one.
    static let nextNouns: Set<String> = ["junta", "posta", "cesfam", "cecosf", "consultorio", "hospital", "sapu", "cosam", "opd", "sename",
                                         "universidad", "instituto", "cft", "municipalidad", "muni", "daem", "dideco", "slep", "senda",
                                         "programa", "fundacion", "club", "bomberos", "carabineros", "parroquia", "iglesia", "biblioteca",
                                         "agrupacion", "centro"]

    /// «ahora la junta de vecinos de Maite, la presidenta es…», «otra más: el programa PDTI de la
    /// muni, …», «y la posta de Reigolil»: right after an organisation was saved, the next one,
    /// named by a word of its kind in its first words (or after «otra más:»). Nil otherwise (a
    /// pass: «ahora la junta…» started a meeting, «junta» read as one).
    static func nextAfterSave(_ message: Utterance, context: EngineContext) -> Claim? {
        guard context.lastSave?.flow == "organizacion", let said = nextNamed(message, anotherOnly: false) else { return nil }
        var values: SlotValues = ["nombre": .text(said)]
        var echo = ["nombre: \(properName(parts(said).name))"]
        if let who = parts(said).others["contacto"] {
            values["contacto"] = who
            echo.append("contacto: \(who.textValue ?? "")")
        }
        return Claim(values: values, echo: echo)
    }

    /// The organisation a message names as the next one: after «ahora», «y», «otra más:»…, a
    /// name with a word of its kind in its first five words (any name after «otra»); with
    /// `anotherOnly`, only after «otra/otro» or a colon.
    static func nextNamed(_ message: Utterance, anotherOnly: Bool) -> String? {
        let words = TextFold.spaceSeparated(message.clean).map(String.init)
        let f = words.map(TextFold.foldedLetters)
        var k = 0
        var another = false
        while k < f.count, ["ahora", "y", "otra", "otro", "mas", "tambien", "ademas", "la", "el", "los", "las", "un", "una", "", "es",
                            "organizacion", "institucion"].contains(f[k]) {
            if ["otra", "otro"].contains(f[k]) { another = true }
            k += 1
        }
        guard k > 0 || Organization.Kind.inferred(fromFoldedWords: [f.first ?? ""]) != nil, k < words.count else { return nil }
        guard another || (!anotherOnly && nextNouns.contains(f[k]) && Organization.Kind.inferred(fromFoldedWords: Array(f[k...].prefix(5))) != nil)
        else { return nil }
        // Never a request of another kind («ahora agenda…»): the name opens with no verb; nor a
        // sentence about it («la junta de vecinos nos ayuda con la feria», read elsewhere).
        guard !f[k].hasSuffix("ar"), !f[k].hasSuffix("er"), !f[k].hasSuffix("ir") else { return nil }
        for j in k..<words.count {
            if f[j] == "nos" || supportVerbs.contains(f[j]) || togetherWords.contains(f[j]) { return nil }
            if words[j].hasSuffix(",") { break }
        }
        return words[k...].joined(separator: " ")
    }

    /// «agrega a la OPD de San Carlos, trabajamos con ellos en derivaciones»: a request to add an
    /// organisation named by a word of its kind (CESFAM, OPD, junta de vecinos…).
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        // Every claim below names an organisation by a word of its kind (`Kind.inferred`), but the
        // next one right after a save: a message whose letters hold no such word («registrar un
        // acuerdo», which its request verbs let through the cues) is not read (debug builds do, and check).
        guard context.lastSave?.flow == "organizacion" || Organization.Kind.mayBeNamed(inFolded: message.phrase.folded) else {
            assert(readClaim(message, flow: flow, catalog: catalog, context: context) == nil, "«\(message.clean)» claims an organisation")
            return nil
        }
        return readClaim(message, flow: flow, catalog: catalog, context: context)
    }

    /// `claim`, every reading asked.
    private func readClaim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        // «el CESFAM de Lago Ranco nos apoya con la nutricionista…»: an organisation of the
        // territory, named by its kind at the start, that works with the network.
        let t = message.phrase.tokens
        // «en qué trabajamos con la opd», «¿con qué nos apoya el cesfam?»: a question about one,
        // not one to record (it started a new organisation «OPD»).
        if QuestionForm.asks(message) || (t.count > 2 && ["en", "con", "de", "para"].contains(t[0]) && ["que", "q", "quien", "quienes"].contains(t[1])) {
            return nil
        }
        // «trabajamos con la OPD…, con carabineros (…) y con la junta…»: several, organizaciones-varias' (qa28).
        if OrganizacionesVariasFlow.severalWorkedWith(t, message.clean) != nil { return nil }
        // «registra estas organizaciones: la junta de vecinos …, el club deportivo …»: said in the
        // plural with two or more listed, organizaciones-varias' too (qa34: one organisation was
        // started, named after both).
        if t.contains(where: OrganizacionesVariasFlow.pluralWords.contains),
           let listed = OrganizacionesVariasFlow.listed(message.clean, lead: true), listed.count >= 2 { return nil }
        if let next = Self.nextAfterSave(message, context: context) { return next }
        // «registrar organizacion: OPD…, nos ayudan con…» opens with a request's verb: the request
        // is read whole (its name, since-date, contact), not started empty.
        if t.contains(where: Self.supportVerbs.contains) || Self.saysWhatTheyDo(t), t.count >= 4, !Self.addVerbs.contains(t[0]), !Self.requestVerbs.contains(t[0]),
           Organization.Kind.inferred(fromFoldedWords: Array(t.prefix(4))) != nil {
            // «el CESFAM de Constitución nos apoya con charlas…»: its name, where what they do
            // begins, is read from the message (qa24), and what they do with it.
            let (name, others) = Self.parts(message.clean)
            // (The name opens with its kind: «oye el CESFAM…» is not read so.)
            let head = TextFold.spaceSeparated(name).map { TextFold.foldedLetters(String($0)) }.drop { ["el", "la", "los", "las"].contains($0) }.first
            // «el Rotary Club Viña nos dona libros»: a capitalised name with its kind's word inside
            // it is one too (fixAW: the flow started with no name, and what they do was lost).
            let nameWords = TextFold.spaceSeparated(name).map(String.init).drop { ["el", "la", "los", "las"].contains(TextFold.fold($0)) }
            let capitalisedWithKind = nameWords.first?.first?.isUppercase == true
                && Organization.Kind.inferred(fromFoldedWords: nameWords.prefix(4).map { TextFold.foldedLetters($0) }) != nil
            if others["colaboracion"] != nil, name != message.clean, let head,
               Organization.Kind.inferred(fromFoldedWords: [head]) != nil || capitalisedWithKind {
                return Claim(values: ["nombre": .text(message.clean)], echo: ["nombre: \(Self.properName(name))"])
            }
            return Claim()
        }
        // «registrar la junta de vecinos Villa Esperanza como organización», «trabajamos también
        // con la junta de vecinos…»: a request's verb, or working with it, then a name that opens
        // with its kind (never a meeting because of «junta»).
        if let said = Self.namedAfterRequest(message) {
            return Claim(values: ["nombre": .text(said)], echo: ["nombre: \(Self.properName(Self.parts(said).name))"])
        }
        // The request's verb opens the message: its first word (folded, the first token) says it
        // before the message is split.
        guard let verb = message.phrase.tokens.first, Self.addVerbs.contains(verb) else { return nil }
        let words = TextFold.spaceSeparated(message.clean).map(String.init)
        guard words.count >= 2, Self.addVerbs.contains(TextFold.fold(words[0])) else { return nil }
        var rest = Array(words.dropFirst())
        // «agregar organización: CESFAM…», «suma a la institución OPD…»: the kind is not the name.
        // «registra también el Cesfam…»: «también», «además» add it to the others, not to its name.
        while let w = rest.first, ["a", "al", "la", "el", "los", "las", "una", "otra", "organizacion", "organizacion:", "institucion",
                                   "institucion:", "tambien", "ademas", "ahora"].contains(TextFold.fold(w)) || w == ":" { rest.removeFirst() }
        let said = rest.joined(separator: " ")
        guard !said.isEmpty, TerritoryReading.kind(ofName: Self.parts(said).name) != nil else { return nil }
        return Claim(values: ["nombre": .text(said)])
    }

    /// The organisation after «registrar», «anota», «trabajamos (también) con»: only when its first
    /// word says its kind («la junta de vecinos…», «el CESFAM…»); nil otherwise.
    static func namedAfterRequest(_ message: Utterance) -> String? {
        let t = message.phrase.tokens
        guard let first = t.first, requestVerbs.contains(first) || t.contains(where: workWords.contains) else { return nil }
        // The name opens with a word of its kind, and that word's letters run in the folded
        // text's letters: «registrar un acuerdo» (the menu's most common request) has none, and
        // is not split and folded word by word (~9k instructions) to find so.
        guard Organization.Kind.mayBeNamed(inFolded: message.phrase.folded) else {
            assert(namedAfterVerb(message) == nil, "Kind.mayBeNamed hides the organisation in «\(message.clean)»")
            return nil
        }
        return namedAfterVerb(message)
    }

    /// `namedAfterRequest` once the message may name a kind: its words folded one by one.
    private static func namedAfterVerb(_ message: Utterance) -> String? {
        let t = message.phrase.tokens
        guard let first = t.first, requestVerbs.contains(first) || t.contains(where: workWords.contains) else { return nil }
        let words = TextFold.spaceSeparated(message.clean).map(String.init)
        let f = words.map(TextFold.foldedLetters)
        var start: Int
        // «anota que trabajamos con el cesfam…»: what is to be noted is that «we work with» it
        // (qa30 B3: an agreement was started); the name follows the «con».
        if requestVerbs.contains(f.first ?? ""), f.dropFirst().first != "que" {
            start = 1
        } else if let k = f.firstIndex(where: workWords.contains), let c = f[(k + 1)...].prefix(3).firstIndex(of: "con") {
            start = c + 1
        } else {
            return nil
        }
        while start < f.count, ["a", "al", "la", "el", "los", "las", "una", "un", "tambien", "ademas", "ahora"].contains(f[start]) { start += 1 }
        guard start < words.count, Organization.Kind.inferred(fromFoldedWords: [f[start]]) != nil,
              !["salud", "comunidad", "oficina", "derechos", "proteccion", "municipal"].contains(f[start]) else { return nil }
        let said = words[start...].joined(separator: " ")
        return said.isEmpty ? nil : said
    }

    /// «trabajamos / colaboramos / estamos trabajando con …»: the network working with someone.
    static let workWords: Set<String> = ["trabajamos", "colaboramos", "trabajando", "colaborando"]

    static let supportVerbs: WordSet = ["apoya", "apoyan", "colabora", "colaboran", "ayuda", "ayudan", "acompana", "acompanan"]
    static let addVerbs: Set<String> = ["agrega", "agregar", "agreguemos", "suma", "sumar", "sumemos", "registra"]
    static let requestVerbs: Set<String> = ["registrar", "registremos", "anota", "anotar", "anotemos", "nueva", "vincular"]

    /// «CESFAM de San Fabián, la contacta es la matrona Paula Ríos, nos apoyan con talleres…»:
    /// the name is what comes before the first comma; a later part that names the contact or
    /// what they do together fills that field.
    static func parts(_ said: String) -> (name: String, others: SlotValues) {
        var pieces = said.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var others: SlotValues = [:]
        // «el CESFAM de Constitución nos apoya con charlas de salud mental»: the name ends where
        // what they do together begins (qa24: the whole sentence was stored as the name).
        if let first = pieces.first, let (name, together) = Self.nameThenTogether(first) {
            pieces[0] = name
            // «… que trabaja con la red» says only that they work together: what they do is
            // asked, or read from a later piece («hacen talleres…»).
            if !Phrase(together).tokens.allSatisfy(Self.onlyTogether.contains) { others["colaboracion"] = .text(together) }
        } else if let first = pieces.first, let (name, together) = Self.nameThenActivity(first) {
            pieces[0] = name
            others["colaboracion"] = .text(together)
        }
        if let first = pieces.first { pieces[0] = Self.withoutSaidBefore(first) }
        guard pieces.count > 1 else { return (pieces.first ?? said, others) }
        var lastWasContact = false
        for piece in pieces.dropFirst() {
            let t = Phrase(piece).tokens
            // «…, contacto la asistente social Paula Vera, fono 452 681 234»: how to reach the
            // contact, said in the next piece, is part of it (pass 9, qa13: the phone was dropped).
            // «…, contacto Marta Huenchul, asistente social, 452681234»: her post, a short piece
            // said right after her, is part of it too, and so is the phone after it (both were dropped).
            // «…, Paula Rios, 987654321, desde marzo»: when the work together began is no part of
            // the contact (qa34: the contact kept «desde marzo»); the engine reads it as «desde».
            if lastWasContact, ["desde", "hace"].contains(t.first ?? "") || t.starts(with: ["a", "partir"]) {
                lastWasContact = false
                continue
            }
            if lastWasContact, let who = others["contacto"]?.textValue,
               Self.reachDetail(piece) || (t.count <= 4 && !t.contains(where: togetherWords.contains)
                   // «…, encargada de promoción»: a post that opens with a contact word is hers too.
                   && (!t.contains(where: contactWords.contains) || Self.postWords.contains(t.first ?? ""))) {
                others["contacto"] = .text(who + ", " + piece)
                continue
            }
            lastWasContact = false
            if others["contacto"] == nil, t.contains(where: contactWords.contains) {
                lastWasContact = true
                // «la contacta es la matrona Paula Ríos»: who, after «es».
                var who = piece.range(of: " es ").map { String(piece[$0.upperBound...]) } ?? piece
                // «contacto Carla Barrientos», «contacto: Carla»: the word that names the field is not who.
                if let first = who.split(separator: " ").first, ["contacto", "contacto:"].contains(TextFold.fold(String(first))) {
                    who = String(who.dropFirst(first.count).drop { $0 == " " || $0 == ":" })
                }
                if !who.isEmpty { others["contacto"] = .text(EditarContactoOrganizacionFlow.withoutArticle(who)) }
            } else if others["contacto"] == nil, let who = Self.postIsWho(piece) {
                // «la presidenta es la señora Norma Curín»: who, with the post said before her
                // (a pass: the piece was dropped).
                lastWasContact = true
                others["contacto"] = .text(who)
            } else if others["colaboracion"] == nil, t.contains(where: togetherWords.contains) {
                others["colaboracion"] = .text(piece)
            }
        }
        return (pieces[0], others)
    }

    /// «la OPD que te dije», «el CESFAM del que te hablé», «la junta de vecinos que te conté»: a
    /// clause pointing back at what was said before is no part of the name (qa36 conv 12: the
    /// organisation was named «OPD Que Te Dije»).
    static func withoutSaidBefore(_ piece: String) -> String {
        let words = piece.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        guard let k = folded.indices.first(where: { i in
            guard i >= 1, folded[i] == "que" else { return false }
            var j = i + 1
            if j < folded.count, ["te", "les", "le", "ya", "se", "os"].contains(folded[j]) { j += 1 }
            if j < folded.count, ["te", "les", "le"].contains(folded[j]) { j += 1 }
            return j < folded.count && saidBeforeVerbs.contains(folded[j])
        }) else { return piece }
        var cut = k
        // «el CESFAM del que te hablé», «la OPD de la que te conté»: the preposition goes too.
        if cut >= 2, folded[cut - 1] == "la" || folded[cut - 1] == "el", folded[cut - 2] == "de" { cut -= 2 }
        else if cut >= 2, folded[cut - 1] == "del" { cut -= 1 }
        return cut >= 1 ? words[..<cut].joined(separator: " ") : piece
    }

    static let saidBeforeVerbs: Set<String> = ["dije", "dijimos", "conte", "contamos", "comente", "comentamos", "mencione", "mencionamos",
                                               "hable", "hablamos", "nombre", "nombramos", "dijeron", "conto", "dijo"]

    /// «CESFAM de Constitución nos apoya con charlas» → («CESFAM de Constitución», «nos apoya con
    /// charlas»): a piece where a verb of support (after «nos», «les» or alone) follows at least
    /// one word of name and leads at least two more; nil otherwise.
    /// «el cesfam de chillan viejo en talleres de salud mental», «la OPD de Chillán en
    /// derivaciones»: after «trabajamos con», «en» and a plural in lower case («talleres»,
    /// «derivaciones», «prácticas») is what they do together, not part of the name (qa34: the
    /// name was «CESFAM de Chillan Viejo en Talleres de Salud Mental»). A place («en Chillán»,
    /// «en los Ángeles», «en carahue») stays in the name.
    static func nameThenActivity(_ piece: String) -> (String, String)? {
        guard TextFold.containsCaseless(piece, " en ") else { return nil }
        let words = piece.split(separator: " ").map(String.init)
        guard let e = words.indices.dropFirst(2).first(where: { i in
            TextFold.foldedLetters(words[i]) == "en" && i + 1 < words.count && words[i + 1].first?.isLowercase == true
                && words[i + 1].count >= 5 && words[i + 1].hasSuffix("s") && !["los", "las"].contains(words[i + 1]) }) else { return nil }
        return (words[..<e].joined(separator: " "), words[(e + 1)...].joined(separator: " "))
    }

    static func nameThenTogether(_ piece: String) -> (String, String)? {
        // Cheap gate: no support verb's stem in the piece's bytes, no split (most pieces).
        let stems: [StaticString] = ["apoy", "colabor", "ayud", "acompa", "trabaja", " nos ", " les "]
        guard stems.contains(where: { TextFold.containsCaseless(piece, $0) }) else { return nil }
        let words = piece.split(separator: " ").map(String.init)
        let f = words.map(TextFold.foldedLetters)
        // «la junta de vecinos Villa Esperanza nos presta la sede», «la Armada nos hace visitas»:
        // any verb after «nos/les» (typed in lower case) says what they do, not only the support verbs
        // (fixAJ: «nos presta la sede» stayed in the name).
        guard let v = f.indices.dropFirst().first(where: { supportVerbs.contains(f[$0]) || (["trabaja", "trabajan"].contains(f[$0]) && f.indices.contains($0 + 1) && f[$0 + 1] == "con")
            || ($0 >= 2 && ["nos", "les"].contains(f[$0 - 1]) && words[$0 - 1].first?.isLowercase == true && Self.doesVerb(f[$0])) }) else { return nil }
        let cut = ["nos", "les", "me"].contains(f[v - 1]) ? v - 1 : v
        // «Centro de Ayuda al Niño»: a capital, or a word that joins a name, keeps it in the name.
        guard cut >= 1, words.count - v >= 3, words[v].first?.isLowercase == true,
              !["de", "del", "la", "el", "y", "a", "al", "para"].contains(f[cut - 1]) else { return nil }
        // «el cesfam los quillayes como organización que trabaja con la red»: the «que» that
        // leads to what they do is no part of the name (qa39: «… Como Organizacion Que»).
        let nameEnd = f[cut - 1] == "que" && cut >= 2 ? cut - 1 : cut
        return (words[..<nameEnd].joined(separator: " "), words[cut...].joined(separator: " "))
    }

    /// Words of «trabaja con la red», «trabajan con nosotros»: working together, nothing more.
    static let onlyTogether: Set<String> = ["trabaja", "trabajan", "colabora", "colaboran", "con", "la", "el", "red", "nosotros", "nos",
                                            "microcentro", "nuestra", "nuestro", "rme", "escuelas", "las", "los"]

    /// «… nos presta la sede», «… nos hace controles»: «nos» after a word, then a verb (`doesVerb`).
    static func saysWhatTheyDo(_ t: [String]) -> Bool {
        guard let k = t.firstIndex(of: "nos"), k >= 1, k + 2 < t.count else { return false }
        return doesVerb(t[k + 1])
    }

    /// A folded word that reads as a verb in the third person after «nos/les» («presta»,
    /// «prestan», «hace», «deriva», «facilitan», «dan»): it ends in «a/an/e/en» and is no article,
    /// preposition or name word.
    static func doesVerb(_ w: String) -> Bool {
        guard w.count >= 2, !["la", "las", "de", "del", "en", "con", "para", "una", "un", "a", "al", "san", "santa"].contains(w) else { return false }
        return w.hasSuffix("a") || w.hasSuffix("an") || w.hasSuffix("e") || w.hasSuffix("en") || w == "da" || w == "dan"
    }

    /// «salud», «derivaciones», «la muni»: one or two words in lower case that are no first name,
    /// title or post, with no digit, «@» or «de» (which describes someone: «el de la muni»).
    /// A contact names a person or says how to reach one; such an answer does neither.
    static func namesNoOne(_ text: String) -> Bool {
        guard !text.contains(where: { $0.isUppercase || $0.isNumber || $0 == "@" }) else { return false }
        let t = Phrase(text).tokens.filter { !["la", "el", "los", "las", "un", "una"].contains($0) }
        guard !t.isEmpty, t.count <= 2, !t.contains(where: { $0 == "de" || $0 == "del" }) else { return false }
        return !t.contains { FirstNames.canonical($0) != nil || PeopleParser.isRoleOnly($0) || IncorporacionFlow.postWords.contains($0)
            || IncorporacionFlow.roleWords[$0] != nil || AcuerdoFlow.titles.contains($0) }
    }

    /// «la presidenta es la señora Norma Curín» → «señora Norma Curín, presidenta»: a post (one to
    /// three words) before «es», and who after it; nil otherwise.
    static func postIsWho(_ piece: String) -> String? {
        guard let r = piece.range(of: " es ") else { return nil }
        let post = EditarContactoOrganizacionFlow.withoutArticle(String(piece[..<r.lowerBound]))
            .split(separator: " ").drop { ["la", "el"].contains($0.lowercased()) }.joined(separator: " ")
        let t = Phrase(post).tokens
        guard !t.isEmpty, t.count <= 3, t.contains(where: { postTitles.contains($0) || IncorporacionFlow.postWords.contains($0) }),
              t.allSatisfy({ postTitles.contains($0) || IncorporacionFlow.postWords.contains($0) || IncorporacionFlow.postQualifiers.contains($0)
                  || PeopleParser.isRoleOnly($0) || $0 == "de" || $0 == "del" }) else { return nil }
        let who = EditarContactoOrganizacionFlow.withoutArticle(String(piece[r.upperBound...]).trimmingCharacters(in: .whitespaces))
        return who.isEmpty ? nil : who + ", " + post
    }

    /// Posts of the people an organisation is reached through, besides a school's.
    static let postTitles: Set<String> = ["presidenta", "presidente", "secretaria", "secretario", "tesorera", "tesorero", "directora",
                                          "director", "jefa", "jefe", "paramedico", "paramedica", "tecnico", "tecnica", "matrona",
                                          "enfermera", "enfermero", "medico", "doctora", "doctor", "monitor", "monitora", "profesional",
                                          "comandante", "capitan", "capitana", "sargento", "suboficial", "teniente"]

    /// A phone, an e-mail or a «fono/correo/wsp …»: how to reach someone.
    static func reachDetail(_ piece: String) -> Bool {
        if piece.contains("@") { return true }
        if piece.filter(\.isNumber).count >= 6 { return true }
        return Phrase(piece).tokens.first.map { ["fono", "telefono", "tel", "celular", "cel", "correo", "mail", "email", "whatsapp", "wsp", "wasap"].contains($0) } ?? false
    }

    /// Contact words that also open a post («encargada de convivencia», «coordinador del programa»).
    static let postWords: Set<String> = ["encargado", "encargada", "coordinador", "coordinadora"]
    static let contactWords: Set<String> = ["contacto", "contacta", "encargado", "encargada", "ubicar", "ubica", "hablar", "coordinadora", "coordinador"]
    static let togetherWords: WordSet = ["apoyan", "apoya", "trabajamos", "hacemos", "hacen", "realizan", "talleres", "taller", "ayudan", "derivaciones",
                                             "derivamos", "colaboran", "colaboramos", "juntos", "charlas"]

    /// Words after «como» that say what an organisation is to the network.
    static let asWhat: Set<String> = ["organizacion", "organizaciones", "institucion", "aliada", "aliado", "aliadas", "socia", "socio",
                                      "colaboradora", "colaborador", "amiga", "amigo", "red", "de", "del", "apoyo", "una", "un", "nueva",
                                      "nuevo", "nuestra", "nuestro", "la", "el", "territorio", "externa", "externo", "", "comunitaria"]

    /// Acronyms of the territory's services, written as they are known.
    static let acronyms: Set<String> = ["cesfam", "cecosf", "sapu", "cosam", "opd", "daem", "dideco", "slep", "senda", "uach", "ufro",
                                        "cft", "pie", "sename", "junaeb", "jpi", "oln", "ong", "pdi"]

    /// «la junta de vecinos villa los alerces» → «Junta de Vecinos Villa Los Alerces»; «cesfam
    /// los lagos» → «CESFAM Los Lagos». A name typed with capitals is kept as typed.
    static func properName(_ text: String) -> String {
        var words = text.split(separator: " ").map(String.init)
        if words.count > 1, ["la", "el", "los", "las"].contains(words[0].lowercased()) { words.removeFirst() }
        // «el CESFAM de San Carlos como organización aliada»: what it is to the network is no part of its name.
        if let k = words.lastIndex(where: { TextFold.fold($0) == "como" }), k > 0,
           words[(k + 1)...].allSatisfy({ asWhat.contains(TextFold.fold($0).filter(\.isLetter)) }) {
            words.removeSubrange(k...)
        }
        // «posta de Reigolil», «biblioteca municipal de Curacautin»: each word typed in lower case
        // gets its capital as in an all-lowercase name (a pass: «posta de Reigolil» was kept so);
        // a word typed with capitals stays as typed.
        return SpanishFormat.properName(words.joined(separator: " ").lowercased()).split(separator: " ").enumerated().map { i, w in
            let typed = words.indices.contains(i) ? words[i] : String(w)
            if typed.contains(where: \.isUppercase) { return typed }
            return acronyms.contains(TextFold.fold(String(w))) ? w.uppercased() : String(w)
        }.joined(separator: " ")
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let projects = (v["proyectos"]?.listValue ?? []).flatMap { $0.split(whereSeparator: { $0 == "," || $0 == ";" }) }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .map { $0.hasPrefix("y ") ? String($0.dropFirst(2)) : $0 }
            .filter { !$0.isEmpty }
        let o = try w.store.addOrganization(Organization(
            id: "", name: v["nombre"]?.textValue ?? "", kind: v["tipo"]?.textValue.flatMap(Organization.Kind.init(rawValue:)) ?? .otra,
            contact: v["contacto"]?.textValue, since: Self.sinceDate(v["desde"]) ?? w.clock.today(), collaboration: v["colaboracion"]?.textValue,
            projects: projects).registered(by: user.name), network: snapshot.network.id, key: w.key)
        return ["id": o.id, "numero": o.number.map(String.init) ?? o.id]
    }
}
