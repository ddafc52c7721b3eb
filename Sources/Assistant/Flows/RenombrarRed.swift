import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/renombrar-red.yaml`: the network's data (name, kind, territory, region), changed
/// after it was created. «oye el nombre quedó mal, se llama microcentro el avellano no más» or «me
/// equivoqué, el territorio es San Fabián de Alico y la región es Ñuble» at the menu is this
/// request with its new values; the name is read as when the network was set up.
struct RenombrarRedFlow: MingaFlow {
    let id = "renombrar-red"
    let saveKind: String? = "network_name"
    let slotNames = ["campo", "nombre", "tipo", "territorio", "region", "sostenedor"]

    /// «¿Lo cambio?» — «no»: the network's data stay as they were.
    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    /// `claim` needs one of these (`ClaimCues`): A field of the network, or its name.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: Array(Self.fieldWords.keys) + ["nombre", "llama", "renombrar"]) }

    /// «…ojo, el correo está en la bandeja de la red»: a statement that only mentions the network
    /// (no verb of changing, no word of a mistake) asks no change of its data (issue 12: it opened
    /// this flow). Its trigger phrases all say the change.
    func declines(_ phrase: Phrase, context: EngineContext) -> Bool { Self.asksNoChange(phrase.tokens) }

    /// No verb of changing and no word of a mistake: the network's data are only mentioned
    /// (`RegionRedFlow` declines so too).
    static func asksNoChange(_ t: [String]) -> Bool {
        !t.contains { w in changeStems.contains { w.hasPrefix($0) } || mistakeWords.contains(w) }
    }

    static let changeStems = ["cambi", "corrig", "correg", "renombr", "modific", "edit", "actualiz", "arregl", "ajust", "reemplaz"]
    static let mistakeWords: Set<String> = ["mal", "equivoque", "equivocamos", "error", "errado", "errada", "incorrecto", "incorrecta"]

    /// «la región es la Araucanía» at another flow's question sets the region, never that answer.
    var claimsAtAnyQuestion: Bool { true }

    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        guard context.snapshot != nil else { return nil }
        let t = message.phrase.tokens
        if Self.removesFirst(message) { return nil }
        // The words first: reading every word of every idle message costs more.
        if t.contains(where: { $0 != "nombre" && Self.fieldWords[$0] != nil }),
           let fields = Self.fields(in: message.clean, flow: flow, today: context.today) { return fields }
        // About the name of the network, not of a meeting or an agreement.
        guard let k = t.firstIndex(of: "nombre") ?? t.firstIndex(where: { $0 == "llama" || $0 == "renombrar" }),
              !t.contains(where: Self.otherRecords.contains) else { return nil }
        // «el nombre de la escuela está mal», «el nombre del profe»: the name of something else
        // (qa24: a reason to delete a result, «quedó mal escrito el nombre de la escuela», offered
        // to rename the network, and the next answer became its name).
        if t.indices.contains(k + 1), t[k] == "nombre", t[k + 1] == "de" || t[k + 1] == "del",
           let whose = t[(k + 2)...].first(where: { !Self.ownerArticles.contains($0) }),
           !Self.aboutTheNetwork.contains(whose), !Self.networkNameWords(context).contains(whose) { return nil }
        // «el nombre del cesfam quedó mal, es …»: the name of an organisation it names, not the network's.
        if let s = context.snapshot, !s.organizations.isEmpty, !EditarOrganizacionFlow.named(message.clean, s).isEmpty { return nil }
        // «¿cómo se llama la red?» asks; it does not rename.
        if message.clean.contains("?") || ["como", "cual", "que"].contains(t.first ?? "") { return nil }
        let complaint = t.contains(where: DialogEngine.wrongWords.contains) || t.contains(where: Self.changeVerbs.contains)
        let saysName = t.contains("llama") || t.contains("llamarse")
        guard complaint || (saysName && t.contains("red")) else { return nil }
        // The new name: after «se llama», «es», «a»… that follow the mention of the name
        // («el nombre de la red a Red Lectora», «quedó mal, se llama Microcentro El Avellano»).
        let words = message.clean.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        var start = min(k + 1, folded.count)
        if folded.indices.contains(k), folded[k] == "llama" { start = k }
        // «cambiale el nombre a la red, que sea …»: «a la red» says whose name, not the new one.
        while start < folded.count, Self.aboutTheNetwork.contains(folded[start])
                || (folded[start] == "a" && start + 1 < folded.count && ["la", "nuestra"].contains(folded[start + 1])) { start += 1 }
        guard let cut = folded.indices.first(where: { $0 >= start && Self.nameLeads.contains(folded[$0]) }), cut + 1 < words.count,
              let intro = NetworkIntro.read(Self.nameClause(Self.withoutRefusedValue(words[(cut + 1)...].joined(separator: " ")))) else {
            return Claim(values: ["campo": .text("nombre")])
        }
        let name = NetworkIntro.displayName(intro.name)
        // «cambia el nombre a CESFAM Valdivia» (at an organisation's question, where the nearest
        // record with a name is that organisation): a name that says an organisation's kind is
        // no network's, unless the network is said (qa34: offered to change the network's data).
        if !t.contains("red"), TerritoryReading.kind(ofName: name) != nil { return nil }
        return Claim(values: ["campo": .text("nombre"), "nombre": .text(name)], echo: ["nuevo nombre: «\(name)»"])
    }

    /// «saca a la Carla de la red, se cambió de comuna», «borra el encuentro 2, la región estaba
    /// mal»: a first clause that asks to remove something and names no field of the network is a
    /// removal; what follows the comma is its reason, no change of the network's data (qa34: it
    /// offered to change the comuna). Cheap gate: a word of removing among the tokens.
    static func removesFirst(_ message: Utterance) -> Bool {
        guard message.phrase.tokens.contains(where: BorrarRegistroFlow.removeWord),
              let comma = message.clean.firstIndex(of: ",") else { return false }
        let first = Phrase(String(message.clean[..<comma])).tokens
        return first.contains(where: BorrarRegistroFlow.removeWord)
            && !first.contains(where: { fieldWords[$0] != nil || $0 == "nombre" || $0 == "llama" })
    }

    /// The fields a message names with their new values: «el territorio es San Fabián de Alico y
    /// la región es Ñuble», «la comuna es Paillaco». A field named with nothing after it
    /// («hay que cambiar la región») is asked. Nil when no field other than the name is named,
    /// or when the message is about another record or asks something.
    static func fields(in text: String, flow: FlowDefinition, today: LocalDate) -> Claim? {
        let words = text.split(separator: " ").map(String.init)
        let t = words.map { Phrase($0).tokens.joined(separator: " ") }
        guard t.contains(where: fieldWords.keys.contains), !text.contains("?"), !t.contains(where: otherRecords.contains),
              !["como", "cual", "que", "cuando", "donde"].contains(t.first ?? "") else { return nil }
        // Where each field is named: «territorio», «comuna», «región», «tipo» (de red), «nombre».
        var marks: [(at: Int, field: String)] = []
        for (i, w) in t.enumerated() {
            // «el territorio quedó malo, es la comuna de X»: a field named twice is one stretch.
            guard let field = fieldWords[w], !marks.contains(where: { $0.field == field }) else { continue }
            // «tipo» only about the network («el tipo de red», «el tipo es microcentro»).
            if field == "tipo", !(t.dropFirst(i + 1).prefix(3).contains { ["red", "es", "sea", "a", "microcentro", "rme"].contains($0) }) { continue }
            marks.append((i, field))
        }
        guard marks.contains(where: { $0.field != "nombre" }) else { return nil }
        let complaint = t.contains(where: DialogEngine.wrongWords.contains) || t.contains(where: changeVerbs.contains)
            || t.contains(where: ["equivoque", "equivocamos", "error", "corregir", "corrige", "cambio", "ojo"].contains)
        var values: SlotValues = [:]
        var echo: [String] = []
        var named: [String] = []
        for (n, mark) in marks.enumerated() {
            let end = n + 1 < marks.count ? marks[n + 1].at : words.count
            // The value follows the first lead of the field's stretch: «el territorio es …», «el
            // nombre quedó mal, se llama …».
            let leads = mark.field == "nombre" ? valueLeads.union(["llama", "llamarse"]) : valueLeads
            let lead = t[(mark.at + 1)..<end].firstIndex(where: leads.contains)
            let led = lead != nil
            var k = lead ?? end
            while k < end, leads.contains(t[k]) { k += 1 }
            // The value ends before the next field's «y la», «, el».
            var stop = end
            while stop > k, ["y", "e", "la", "el", "su", "de", "del", ""].contains(t[stop - 1]) { stop -= 1 }
            while stop > k, ["no", "mas", "po", "nomas", "anotalo", "anota", "anotala", "porfa", "gracias"].contains(t[stop - 1]) { stop -= 1 }
            // «es Castro, no Quinchao», «… en vez de Quinchao»: what it is not is no part of it.
            if let i = (k + 1..<max(k + 1, stop)).first(where: { i in
                (t[i] == "no" && (words[i - 1].hasSuffix(",") || ["y", "pero"].contains(t[i - 1]))) || (t[i] == "en" && i + 2 < stop && ["vez", "lugar"].contains(t[i + 1]))
            }) {
                stop = ["y", "pero"].contains(t[i - 1]) && i - 1 > k ? i - 1 : i
            }
            // «el sostenedor es el SLEP Andalién Sur»: the article is not part of its name.
            if mark.field == "sostenedor", stop - k > 1, ["el", "la", "los"].contains(t[k]) { k += 1 }
            guard led || complaint else { return nil }
            named.append(mark.field)
            guard led, stop > k else { continue }
            let raw = words[k..<stop].joined(separator: " ").trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
            guard !raw.isEmpty, let slot = flow.slot(named: mark.field) else { continue }
            let value: SlotValue
            switch mark.field {
            case "tipo":
                guard let kind = Self.kind(raw) else { continue }
                value = .text(kind.label.prefix(1).uppercased() + kind.label.dropFirst())
            case "nombre":
                guard let intro = NetworkIntro.read(Self.nameClause(raw)) else { continue }
                value = .text(NetworkIntro.displayName(intro.name))
            case "region":
                value = .text(ChileanCalendar.region(named: raw) ?? raw)
            case "sostenedor":
                value = .text(raw)
            default:
                // «es la comuna de Panguipulli»: the place, without the words that say it is one.
                var place = raw.split(separator: " ").map(String.init)
                while place.count > 1, ["la", "el", "comuna", "de", "del"].contains(Phrase(place[0]).tokens.joined()) { place.removeFirst() }
                value = .text(SpanishFormat.properName(place.joined(separator: " ")))
            }
            values[mark.field] = value
            echo.append("\(slot.label): \(value.display(today: today, choices: slot.choices))")
        }
        // The region alone is region-red's («la región es Magallanes»), which also says what it
        // changes in the school calendar; here it goes along with other fields.
        guard !named.isEmpty, Set(named) != ["region"] else { return nil }
        // A field named without its value: that one is asked.
        // The first field named is the one asked when its value is missing or refused (a name the
        // network already has); the first value accepted clears it.
        if let first = named.first { values["campo"] = .text(first) }
        return Claim(values: values, echo: echo)
    }

    /// «renombrar la red», «cambiar la región de la red»: which field, when the request names one.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard Self.editedFields.allSatisfy({ run.values[$0] == nil }), run.values["campo"] == nil,
              let field = Self.field(request) else { return Prefill() }
        return Prefill(values: ["campo": .text(field)], replacesEcho: true)
    }

    /// The field a text names: «el nombre», «la comuna», «renombrar».
    static func field(_ text: String) -> String? {
        let t = Phrase(text).tokens
        if t.contains("renombrar") || t.contains("llama") { return "nombre" }
        return t.lazy.compactMap { fieldWords[$0] }.first
    }

    /// The network's kind as people say it: «microcentro», «una RME», «red territorial».
    static func kind(_ text: String) -> Network.Kind? {
        let t = Set(Phrase(text).tokens)
        if !t.isDisjoint(with: ["rme", "mejoramiento"]) { return .rme }
        if !t.isDisjoint(with: ["microcentro", "rural", "rurales"]) { return .microcentro }
        if !t.isDisjoint(with: ["territorial", "convivencia"]) { return .territorial }
        if !t.isDisjoint(with: ["otra", "otro", "ninguna"]) { return .otra }
        return nil
    }

    /// The question «¿qué dato?» only when no field has a new value yet.
    func asks(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Bool {
        slot.name != "campo" || Self.editedFields.allSatisfy { run.values[$0] == nil }
    }

    /// The network's territory as this run leaves it (changed in it, or as stored).
    static func territory(_ run: FlowRun, context: EngineContext) -> String? {
        run.values["territorio"]?.textValue ?? context.snapshot?.network.territory
    }

    /// «¿En qué región está la red? Curarrehue queda en La Araucanía: responde «sí», o dime
    /// otra.»: the region of the network's commune, offered when it is not the region already.
    func question(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> String? {
        guard slot.name == "region" else { return nil }
        return RegionSuggestion.question("¿En qué región está la red?", context: context, territory: Self.territory(run, context: context),
                                         current: context.snapshot?.network.region)
    }

    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "region" else { return nil }
        return RegionSuggestion.answer(message, territory: Self.territory(run, context: context), current: context.snapshot?.network.region)
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        // «las escuelas son todas de la comuna de Lonquimay»: the commune named in the sentence.
        if slot.name == "territorio", let text = value.textValue, text.split(separator: " ").count > 3,
           let place = NetworkIntro.read(text)?.territory, place != text {
            return .replace(.text(place))
        }
        if slot.name == "campo" {
            guard let text = value.textValue, let field = Self.field(text) else {
                return .reject("Puedo cambiar el nombre, el tipo, el territorio, la región o el sostenedor de la red.")
            }
            return field == text ? .accept : .replace(.text(field))
        }
        guard Self.editedFields.contains(slot.name) else { return .accept }
        // Once the field asked for has its value, which field it was is not a line of the review.
        let done: [String: SlotValue?] = run.values["campo"] == nil ? [:] : ["campo": nil]
        let current = context.snapshot?.network
        switch slot.name {
        case "nombre":
            guard let text = value.textValue else { return .accept }
            if let refusal = RedFlow.notAName(text) { return .reject(refusal) }
            guard let intro = NetworkIntro.read(text) else { return .replace(value, others: done) }
            let name = NetworkIntro.displayName(intro.name)
            if let current = current?.name, TextFold.fold(current) == TextFold.fold(name) {
                return Self.same("nombre", "La red ya se llama «\(current)»", run: run)
            }
            return .replace(.text(name), others: done)
        case "region":
            guard let text = value.textValue else { return .accept }
            if let no = RegionSuggestion.declined(text, territory: Self.territory(run, context: context), current: current?.region) { return .reject(no) }
            // The school calendar is read from it: only a region Minga knows.
            guard let known = ChileanCalendar.region(named: text) else {
                return .reject("No reconozco «\(text)» como región de Chile. Dime su nombre, por ejemplo «Los Ríos», «Metropolitana» o «Magallanes».")
            }
            if let was = current?.region, TextFold.fold(was) == TextFold.fold(known) { return Self.same("region", "La región de la red ya es \(was)", run: run) }
            return .replace(.text(known), others: done)
        case "sostenedor":
            guard let text = value.textValue else { return .accept }
            if let was = current?.sostenedor, TextFold.fold(was) == TextFold.fold(text) { return Self.same("sostenedor", "El sostenedor de la red ya es \(was)", run: run) }
            return .replace(value, others: done)
        case "territorio":
            guard let text = value.textValue else { return .accept }
            if let was = current?.territory, TextFold.fold(was) == TextFold.fold(text) { return Self.same("territorio", "El territorio de la red ya es \(was)", run: run) }
            return .replace(value, others: done)
        default:
            guard let kind = value.textValue.flatMap(Self.kind) else {
                return .reject("Dime si es una RME, un microcentro rural, una red territorial u otra.")
            }
            if kind == current?.kind { return Self.same("tipo", "La red ya es \(kind.label)", run: run) }
            return .replace(.text(kind.label.prefix(1).uppercased() + kind.label.dropFirst()), others: done)
        }
    }

    /// «Microcentro Quinchao, no "crear red"»: the value said, without the wrong one it replaces.
    /// The new name said before a comma or a «porque»: «RME Chillán Viejo - Pinto, ahora se sumó
    /// Pinto» is renamed to what comes first; the remark after it is why (qa34: the network was
    /// renamed «Ahora Se Sumo Pinto»).
    static func nameClause(_ text: String) -> String {
        var head = Substring(text)
        // «De, se llama Red Rural Cordillera»: a name said again after the comma is the one meant,
        // read as before (the refused one first).
        if let comma = head.firstIndex(where: { $0 == "," || $0 == ";" }),
           Phrase(String(head[comma...])).tokens.allSatisfy({ !["llama", "llamarse", "nombre"].contains($0) }) { head = head[..<comma] }
        for lead in StatusSentence.becauseWords {
            if let r = head.range(of: lead, options: .caseInsensitive) { head = head[..<r.lowerBound] }
        }
        let name = head.trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? text : name
    }

    static func withoutRefusedValue(_ text: String) -> String {
        guard let r = text.range(of: ", no ", options: [.caseInsensitive, .backwards]), r.lowerBound > text.startIndex else { return text }
        return String(text[..<r.lowerBound])
    }

    /// A field restated with the value the network already has («se llama X» when it does): alone,
    /// nothing changes and the flow ends; along with other changes, only this one is dropped.
    static func same(_ field: String, _ already: String, run: FlowRun) -> Verdict {
        if editedFields.contains(where: { $0 != field && run.values[$0] != nil }) {
            return Verdict(value: nil, remarks: [already + "."], others: ["campo": nil])
        }
        return .unchanged(already + ": ya estaba así, no cambié nada.")
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        var n = try w.snapshot(network).network
        var said: [String] = []
        if let name = v["nombre"]?.textValue, !name.isEmpty { n.name = name }
        if let kind = v["tipo"]?.textValue.flatMap(Self.kind) {
            n.kind = kind
            said.append("tipo \(kind.label)")
        }
        if let place = v["territorio"]?.textValue, !place.isEmpty {
            n.territory = RedFlow.officialTerritory(place)
            said.append("territorio \(n.territory ?? place)")
        }
        if let region = v["region"]?.textValue, !region.isEmpty {
            n.region = ChileanCalendar.region(named: region) ?? region
            said.append("región \(n.region ?? region)")
        }
        if let sostenedor = v["sostenedor"]?.textValue, !sostenedor.isEmpty {
            n.sostenedor = sostenedor
            said.append("sostenedor \(sostenedor)")
        }
        guard v["nombre"] != nil || !said.isEmpty else { throw StoreError.notFound("el dato nuevo") }
        try w.store.updateNetwork(n)
        let renamed = v["nombre"] != nil ? "la red ahora se llama «\(n.name)»" : nil
        let resumen = [renamed, said.isEmpty ? nil : (renamed == nil ? "la red quedó con " : "y quedó con ") + SlotValue.joinSpanish(said)]
            .compactMap { $0 }.joined(separator: " ") + "."
        return ["id": n.id, "nombre": n.name, "resumen": resumen]
    }

    /// The fields this flow changes (`campo` only says which one to ask).
    static let editedFields = ["nombre", "tipo", "territorio", "region", "sostenedor"]
    /// How a message names each field.
    static let fieldWords: [String: String] = ["territorio": "territorio", "comuna": "territorio", "region": "region", "tipo": "tipo", "nombre": "nombre",
                                                  "sostenedor": "sostenedor", "sostenedora": "sostenedor"]
    /// What comes between a field and its new value: «el territorio es …», «la región: …», «a …».
    static let valueLeads: Set<String> = ["es", "sea", "son", "queda", "quedaria", "seria", "a", "por", "correcta", "correcto", "real", "verdadera", "verdadero"]
    static let otherRecords: Set<String> = ["encuentro", "reunion", "acuerdo", "sondeo", "reflexion", "miembro", "jornada", "consejo",
                                            "organizacion", "organizaciones", "norma", "decision", "practica", "resultado",
                                            "meta", "objetivo", "taller", "sesion"]
    static let changeVerbs: Set<String> = ["cambiar", "cambia", "cambiale", "cambiemos", "renombrar", "corregir", "corrige", "corrijamos", "ponerle", "pongale"]
    static let nameLeads: Set<String> = ["llama", "llamarse", "es", "sea", "a", "por"]
    /// Words between «el nombre de» and whose name it is.
    static let ownerArticles: WordSet = ["la", "el", "los", "las", "nuestra", "nuestro", "mi", "esta", "este"]

    /// The words of the network's own name («Red Costera Constitución» → red, costera, constitucion).
    static func networkNameWords(_ context: EngineContext) -> Set<String> {
        guard let name = context.snapshot?.network.name else { return [] }
        return Set(Phrase(name).tokens)
    }

    /// «de la red», «del microcentro» right after «nombre»: which name, not the new one.
    static let aboutTheNetwork: WordSet = ["de", "del", "la", "red", "nuestra", "microcentro", "rme"]
}
