import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/red.yaml`: the network itself, set up on first run; whoever creates it is its first member.
struct RedFlow: MingaFlow {
    let id = "red"
    let saveKind: String? = "network"
    let slotNames = ["nombre", "tipo", "territorio", "region", "sostenedor", "cargo", "establecimiento", "mencionada", "sumar"]

    /// The sostenedor is kept when the first message says it, never asked: most people setting
    /// up a network would not know what to answer, and nothing depends on it.
    /// The writer's role and school are kept the same way: said in the first message, never asked.
    /// «sumar» (her name) is asked only when the first message named someone by post alone.
    func asks(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Bool {
        if slot.name == "sumar" { return run.values["mencionada"] != nil }
        return !["sostenedor", "cargo", "establecimiento", "mencionada"].contains(slot.name)
    }

    /// «…, con 6 establecimientos y la supervisora de Mineduc»: someone of the network named by
    /// post and office only (no name follows): what was said, her role and the office. Nil when
    /// no such person is said, or a name follows (the people readers take that).
    static func mentionedByPost(_ text: String) -> (said: String, role: String, office: String)? {
        let words = text.split(whereSeparator: { " ,;.:!?".contains($0) }).map(String.init)
        let f = words.map { TextFold.fold($0) }
        for i in f.indices.dropLast(3) where ["y", "con", "e"].contains(f[i]) && ["la", "el"].contains(f[i + 1]) {
            let post = i + 2
            var k = post + 1
            if k < f.count, ["de", "del"].contains(f[k]) { k += 1 }
            guard k < f.count, let office = MemberRequest.offices[f[k]] else { continue }
            let role: String
            if let r = IncorporacionFlow.roleWords[f[post]] { role = IncorporacionFlow.roleLabels[r] ?? r }
            else if ["jefa", "jefe"].contains(f[post]) { role = f[post] + " " + office }
            else { continue }
            // «y la supervisora de Mineduc Marcela Toro»: a name follows; not this.
            if k + 1 < words.count, words[k + 1].first?.isUppercase == true { continue }
            return (words[(i + 1)...k].joined(separator: " "), role, office)
        }
        return nil
    }

    /// «¿En qué región? Curarrehue queda en La Araucanía: responde «sí», o dime otra.»: the
    /// region the commune said lies in, offered (`RegionSuggestion`); the file's question otherwise.
    func question(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> String? {
        if slot.name == "sumar", let who = run.values["mencionada"]?.textValue {
            return "Me nombraste a\(who.hasPrefix("el ") ? "l " + who.dropFirst(3) : " " + who): ¿cómo se llama? La anoto en la red. (Si no lo sabes aún, escribe «saltar».)"
        }
        guard slot.name == "region" else { return nil }
        return RegionSuggestion.question("¿En qué región?", context: context, territory: run.values["territorio"]?.textValue,
                                         then: "La uso para avisarte de las vacaciones de invierno y de verano.")
    }

    /// «soy Carolina Muñoz, directora de la escuela rural El Maqui…», «soy jefa UTP del liceo
    /// Bicentenario de Angol. Somos…»: the writer's role and school, read as a newcomer's are
    /// (`NewcomerDetails`), after their name or after «soy» when the name is not said.
    /// Verbs that open the clause after a school said without a comma.
    static let clauseVerbs: Set<String> = ["somos", "soy", "estamos", "queremos", "quiero", "necesito", "necesitamos", "trabajamos", "tenemos",
                                           "formamos", "armamos", "coordino", "acompano", "es", "son", "y"]

    static func opensWithOwnName(_ t: [String], _ name: String) -> Bool {
        let own = Phrase(name).tokens
        return own.count >= 2 && t.drop(while: helloWords.contains).starts(with: own)
    }

    static func writerDetails(_ text: String, name: String) -> (role: String?, school: String?)? {
        var about = NewcomerDetails.about(name, in: text)
        if about == nil, let first = name.split(separator: " ").first.map(String.init), first != name,
           Phrase(text).tokens.contains(TextFold.fold(first)) {
            about = NewcomerDetails.about(first, in: text)
        }
        var words = text.split(separator: " ").map(String.init)
        // «te escribe la jefa UTP del liceo…», «les habla el director de…»: who writes, as after «soy».
        let plain = words.map { TextFold.fold($0).filter(\.isLetter) }
        if about == nil, let k = plain.indices.dropLast().first(where: { k in
            k < 4 && NetworkIntro.writingLeads.contains { plain[k...].starts(with: $0) } }) {
            words.replaceSubrange(k...(k + 1), with: ["soy"])
        }
        if about == nil, let k = words.firstIndex(where: { TextFold.fold($0).filter(\.isLetter) == "soy" }), k + 1 < words.count {
            // «soy jefa UTP de…», «soy la directora de…»: read as if the name came right after «soy».
            if ["la", "el"].contains(TextFold.fold(words[k + 1])) { words.remove(at: k + 1) }
            words.insert(name + ",", at: k + 1)
            about = NewcomerDetails.about(name, in: words.joined(separator: " "))
        }
        let before = roleBeforeName(text, name: name)
        guard let said = about.map({ NewcomerDetails.strengthApart($0).details }), !said.isEmpty,
              let read = IncorporarVariosFlow.kept(name + " (" + said + ")").first, read.role != nil || read.school != nil else {
            return (before ?? postInNetwork(text)).map { ($0, nil) }
        }
        // «de la escuela rural de Puelo somos un microcentro…» (no comma): the next clause's verb ends the school.
        var school = read.school.map { s -> String in
            let w = s.split(separator: " ").map(String.init)
            guard let k = w.firstIndex(where: { Self.clauseVerbs.contains(TextFold.fold($0)) }), k >= 2 else { return s }
            return w[..<k].joined(separator: " ")
        }
        // «escuela rural El Maqui en Curacautin»: the commune after the school is no part of its name.
        if let s = school, case let w = s.split(separator: " ").map(String.init), let e = w.lastIndex(where: { TextFold.fold($0) == "en" }), e >= 2,
           w.count - e <= 4, w[(e + 1)...].allSatisfy({ $0.first?.isUppercase == true || ["de", "del"].contains(TextFold.fold($0)) }) {
            school = w[..<e].joined(separator: " ")
        }
        return (read.role ?? before, school)
    }

    /// «soy la profe Rosa de la escuela…», «soy la profesora Rosa Díaz, de la escuela…»: the post
    /// said between «soy» and the writer's name (or first name), which the words after the name
    /// never repeat (it was dropped: only the school was kept).
    static func roleBeforeName(_ text: String, name: String) -> String? {
        let t = Phrase(text).tokens
        guard let s = t.firstIndex(of: "soy"), let first = Phrase(name).tokens.first,
              let i = t[(s + 1)...].prefix(5).firstIndex(of: first) else { return nil }
        let between = t[(s + 1)..<i].filter { !["la", "el", "una", "un"].contains($0) }
        guard !between.isEmpty, let r = IncorporacionFlow.role(in: Array(between)) else { return nil }
        return r == "otro" ? IncorporacionFlow.post(in: Array(between)) : IncorporacionFlow.roleLabels[r] ?? r
    }

    /// «coordinadora del microcentro Los Boldos», «facilitadora de la red…»: a post held in the
    /// network itself (no school said) is the writer's role, in its own word.
    static func postInNetwork(_ text: String) -> String? {
        let w = text.split(whereSeparator: { " ,;.:".contains($0) }).map(String.init)
        let f = w.map { TextFold.fold($0).filter(\.isLetter) }
        guard let k = f.firstIndex(where: { ["microcentro", "red", "rme"].contains($0) }), k >= 2 else { return nil }
        var p = k - 1
        while p > 0, ["de", "del", "la", "el", "al"].contains(f[p]) { p -= 1 }
        guard p < k - 1, IncorporacionFlow.postWords.contains(f[p]) else { return nil }
        return w[p].lowercased()
    }

    /// «hola minga, es la red de escuelas rurales de paillaco, microcentro el avellano»: the
    /// name is the clause that names the network, without the greeting and lead-ins; the kind
    /// and the commune the rest says fill those questions, if still open. Any way the name
    /// arrives (an answer, a correction, an edit in the review) is read the same.
    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        // «los rios» is shown (and kept) as «Los Ríos», the name the winter-break calendar knows.
        if slot.name == "region", let text = value.textValue, let known = ChileanCalendar.region(named: text, asked: true), known != text {
            return .replace(.text(known))
        }
        // «ya po», a sentence: not a region (the winter and summer breaks depend on it).
        if slot.name == "region", let text = value.textValue, ChileanCalendar.region(named: text, asked: true) == nil {
            return .reject("No reconocí «\(text)» como una región de Chile. Dime cuál, por ejemplo «Ñuble» o «Los Ríos» (o escribe «saltar»).")
        }
        if slot.name == "nombre", let text = value.textValue, let refusal = Self.notAName(text) { return .reject(refusal) }
        // «1» left over from the kind question already answered: no commune is a number.
        if slot.name == "territorio", let text = value.textValue,
           !text.contains(where: \.isLetter) || Phrase(text).tokens.allSatisfy(Self.notPlaceWords.contains) || Self.saysAState(Phrase(text).tokens) {
            return .reject("Necesito el nombre de la comuna o territorio, por ejemplo «Purranque» o «Valdivia».")
        }
        // «microcentro» to «¿En qué comuna…?» (the kind said once more, typed one question late):
        // the kind, never the place; it was stored as the territory (pass 8, 11-1).
        if slot.name == "territorio", let text = value.textValue, let kind = RenombrarRedFlow.kind(text),
           Phrase(text).tokens.allSatisfy(Self.kindWords.contains) {
            // A kind other than the one taken («Red Rural Purranque» read as a microcentro, then
            // «rme»): the kind said now is the kind (qa21 B: it was refused as «ya lo tengo anotado»).
            let same = run.values["tipo"] == .choice(kind.rawValue)
            let said = run.values["tipo"] == nil ? "Anoté el tipo: \(kind.label)."
                : same ? "«\(text)» es el tipo de red, y ya lo tengo anotado." : "Corregí el tipo: \(kind.label)."
            return Verdict(value: nil, remarks: [said], others: same ? [:] : ["tipo": .choice(kind.rawValue)])
        }
        // «una RME de parral, region del maule» after «Red Parral Rural» was taken as a microcentro:
        // the kind said outright corrects the one guessed from the name, and the commune is kept
        // (qa25: the network was created as a microcentro).
        if slot.name == "territorio", let text = value.textValue, let said = Self.kindSaidOutright(text),
           let current = run.values["tipo"], current != .choice(said.rawValue),
           let place = NetworkIntro.read(text)?.territory, place != text {
            return Verdict(value: .text(place), remarks: ["Corregí el tipo: \(said.label)."], others: ["tipo": .choice(said.rawValue)])
        }
        // «somos 4 escuelitas rurales de la comuna de Purranque»: the commune named in the sentence.
        // «San Carlos, Ñiquén y San Fabián»: several communes listed are the territory, all of them.
        if slot.name == "territorio", let text = value.textValue, text.split(separator: " ").count > 3, !Self.placeList(text),
           let place = NetworkIntro.read(text)?.territory, place != text {
            return .replace(.text(place))
        }
        // «en arica», «en la comuna de Putre»: the commune without the words that lead to it (qa22).
        if slot.name == "territorio", let text = value.textValue {
            var words = text.split(separator: " ").map(String.init)
            if let first = words.first, ["en", "es", "somos", "comuna"].contains(TextFold.fold(first)), words.count > 1, words.count <= 5 {
                while words.count > 1, ["en", "es", "somos", "de", "la", "comuna", "del"].contains(TextFold.fold(words[0])) { words.removeFirst() }
                return .replace(.text(SpanishFormat.properName(words.joined(separator: " "))))
            }
        }
        // «Marcela Toro» to «Me nombraste a la supervisora de Mineduc: ¿cómo se llama?»: she is
        // kept as the list of people to add is («Nombre (rol, institución)»).
        if slot.name == "sumar", let text = value.textValue, let who = run.values["mencionada"]?.textValue,
           let (_, role, office) = Self.mentionedByPost("y " + who) {
            let name = MemberRequest.name(in: text)?.name ?? text
            let w = name.split(separator: " ")
            guard (1...4).contains(w.count), w.allSatisfy({ $0.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" } }) else {
                return .reject("Dime su nombre y apellido, por ejemplo «Marcela Toro» (o «saltar» si no lo sabes aún).")
            }
            // (Said once named: the review shows her in this row only.)
            return Verdict(value: .text(SpanishFormat.properName(name) + " (" + (role.hasSuffix(" " + office) ? role : role + ", " + office) + ")"), others: ["mencionada": SlotValue?.none])
        }
        guard slot.name == "nombre", let text = value.textValue else { return .accept }
        var others: [String: SlotValue?] = [:]
        var said: [String] = []
        // «…, con 6 establecimientos y la supervisora de Mineduc»: she is asked for by name later.
        if run.values["mencionada"] == nil, run.values["sumar"] == nil, let who = Self.mentionedByPost(text) {
            others["mencionada"] = .text(who.said)
        }
        // Who writes, as the network's first member (qa36 conv 1 and 17: never stored).
        // «hola soy profe de la escuela los aromos», «te escribe la jefa utp del liceo de
        // curacautin»: said with no network at all, still kept (it was «¡Hola!», all lost).
        if run.values["cargo"] == nil, run.values["establecimiento"] == nil, let me = context.userName,
           case let t = Phrase(text).tokens, t.contains("soy") || t.contains("escribe") || t.contains("habla")
            // «Maria Jose Pinto, directora del Liceo de Lanco. Somos…»: the writer's own full name opens it.
            || Self.opensWithOwnName(t, me),
           let writer = Self.writerDetails(text, name: me) {
            if let role = writer.role {
                others["cargo"] = .text(role)
                said.append("tu cargo: \(role)")
            }
            if let school = writer.school {
                others["establecimiento"] = .text(school)
                said.append("tu establecimiento: \(school)")
            }
        }
        // «holaa», «buenas tardes minga»: a hello with no name in it.
        guard let intro = NetworkIntro.read(text) else {
            if said.isEmpty { return .reject("¡Hola! Para partir necesito el nombre de la red.") }
            return Verdict(value: nil, remarks: ["Anoté: " + said.joined(separator: "; ") + "."], others: others)
        }
        let writerSaid = said
        said = []
        if run.values["tipo"] == nil, let kind = intro.kind {
            others["tipo"] = .choice(kind.rawValue)
            said.append("tipo: \(kind.label)")
        } else if let kind = intro.kind, let current = run.values["tipo"], current != .choice(kind.rawValue),
                  Self.kindSaidOutright(intro.nameFolded + " " + intro.description) == kind,
                  let old = run.values["nombre"]?.textValue.flatMap(Self.kindSaidOutright), current == .choice(old.rawValue) {
            // «se llama Red Territorial Mejillones y es territorial» after «RME Maria Elena» set the
            // kind: a kind said outright with the new name corrects the one the old name gave (qa28:
            // it stayed RME). A kind chosen apart from the name stays.
            others["tipo"] = .choice(kind.rawValue)
            said.append("tipo: \(kind.label)")
        }
        if run.values["territorio"] == nil, let place = intro.territory {
            others["territorio"] = .text(place)
            said.append("comuna: \(place)")
        }
        if run.values["region"] == nil, let region = intro.region {
            others["region"] = .text(region)
            said.append("región: \(region)")
        }
        if run.values["sostenedor"] == nil, let sostenedor = intro.sostenedor {
            others["sostenedor"] = .text(sostenedor)
            said.append("sostenedor: \(sostenedor)")
        }
        said += writerSaid
        // «quiero armar la red de la comuna de Lanco»: what it said is kept, the name still asked.
        if intro.name.isEmpty {
            let hello = ["hola", "holi", "ola", "buenas", "buenos", "wena"].contains(Phrase(text).tokens.first ?? "") ? "¡Hola! " : ""
            return Verdict(value: nil, remarks: said.isEmpty ? [hello + "Para partir necesito el nombre de la red."] : ["Anoté: " + said.joined(separator: "; ") + "."],
                           others: others)
        }
        let name = NetworkIntro.displayName(intro.name)
        guard intro.name != text || !others.isEmpty else { return name == text ? .accept : .replace(.text(name)) }
        let remark = "Anoté: nombre: «\(name)»" + said.map { "; " + $0 }.joined() + "."
        // «… dos redes, la Red Territorial Mejillones y la RME Maria Elena»: the other one is said, not dropped.
        let later = intro.otherNamed.map { "La otra red, «\($0)», la creamos después: cuando terminemos, dime «crear otra red»." }
        return .replace(.text(name), remarks: [remark] + (later.map { [$0] } ?? []), others: others)
    }

    /// «se llama RME Coronel Costa» while another question is open: the name, corrected there
    /// (it was stored as the commune or the region). A region the calendar doesn't know is
    /// asked again: «ya po» or a sentence is not a region.
    /// Words that point back at a name said before («ese», «así», «como te dije»), and all the
    /// words such an answer may have: one of only these says no name of its own.
    static let pointingWords: WordSet = ["ese", "esa", "eso", "asi", "mismo", "misma", "dije", "dijimos", "puse", "escribi"]
    static let pointingBack: WordSet = ["ese", "esa", "eso", "asi", "mismo", "misma", "dije", "dijimos", "puse", "escribi", "es", "el", "la",
                                        "nombre", "se", "llama", "como", "te", "que", "lo", "ya", "po", "pues", "nomas", "si", "arriba", "antes"]

    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        if let later = Self.peopleLater(message, context: context) { return later }
        if slot.name == "nombre" {
            // «objetivos: 1) … 2) …» is never the network's name: kept for the purpose.
            if let later = Self.objectivesLater(message) { return later }
            // «ese es el nombre», «así se llama», «como te dije» after «quiero crear la red de
            // directores de lanco»: pointing back at what was said names nothing (issue 12: a
            // network «Ese Es El Nombre» went to the review). Asked again, to be written as is.
            if t.count <= 6, t.contains(where: Self.pointingWords.contains), t.allSatisfy(Self.pointingBack.contains) {
                return .reask("Escríbeme el nombre tal como quieres que quede y lo anoto así.")
            }
            // «quiero crear la red X. el propósito es …»: the name, and the purpose kept for after.
            guard t.contains(where: PurposeStatement.isPurposeWord) else {
                // «hola soy la Gloria, coordino la red de ercilla»: a greeting and who writes, then
                // the network; the engine would take it as a greeting only (qa32: «¡Hola!
                // Sigamos», the name asked again). The name's own check reads what it says. Only
                // when it talks of the network by its noun: «hola, quiero registrar un acuerdo» is
                // a request kept for after the network, never its name.
                if let first = t.first, Self.helloWords.contains(first), t.contains(where: Self.networkNouns.contains),
                   let intro = NetworkIntro.read(message.clean),
                   !intro.name.isEmpty || intro.territory != nil || intro.kind != nil {
                    return .fill(["nombre": .text(message.clean)], remark: nil)
                }
                // «necesito registrar la red de Ovalle», «quiero registrar la red»: a request for
                // this very network, read by the name's own check (it was offered as adding a
                // member: «Primero terminemos… seguimos con «Incorporar a un miembro»»).
                if NetworkIntro.requestLength(Array(t.drop(while: Self.helloWords.contains))) != nil {
                    return .fill(["nombre": .text(message.clean)], remark: nil)
                }
                return nil
            }
            // «el propósito es …» alone: no name; kept for after (the name is asked again).
            if t.prefix(4).contains(where: PurposeStatement.isPurposeWord), PurposeStatement.read(message.clean) != nil { return .request }
            guard let (head, tail, said) = Self.purposeAfterName(message.clean) else { return nil }
            let later = FollowingRequest(flow: PropositoFlow().id, request: tail, values: PropositoFlow.values(said, context: context), reads: false)
            return .fillThen(["nombre": .text(head)], remark: "Me lo guardo: apenas creemos la red, escribimos ese propósito.", then: [later])
        }
        if Self.namingStarts.contains(where: { t.starts(with: $0) }), let intro = NetworkIntro.read(message.clean), intro.saidAsName, !intro.name.isEmpty {
            // The whole message: the name's own check reads it and says what it took.
            return .fill(["nombre": .text(message.clean)], remark: nil)
        }
        // «Ese no es el nombre. Se llama Red de Convivencia Carahue» to «¿En qué comuna…?»: the
        // name said in a sentence of its own after the words that reject the one taken (it was
        // stored as the territory).
        if let named = Self.namingSentence(message.clean), let intro = NetworkIntro.read(named), intro.saidAsName, !intro.name.isEmpty {
            return .fill(["nombre": .text(named)], remark: nil)
        }
        // «perdón, se llama Microcentro Costa Sur y es un microcentro rural» to «¿En qué comuna…?»:
        // the name said again after a comma, with its kind (it was stored as the territory «Perdon»).
        if slot.name != "nombre", let named = Self.renamedAtReview(message.clean) { return .fill(["nombre": .text(named)], remark: nil) }
        // «red territorial te dije», «rme, region de atacama», «es una red territorial, trabaja en
        // cañete y tirua, region del biobio» to «¿Qué tipo de red es?»: the kind, and what the rest
        // says of the place (qa25: the name was replaced by «Red Territorial Te Dije», or the kind
        // dropped when the region came with it).
        // Typed a question late («microcentro rural po» to «¿En qué comuna…?») it is the kind too.
        if ["tipo", "territorio", "region"].contains(slot.name), let reading = Self.kindSaidWithMore(message.clean, asked: slot.name, run: run) { return reading }
        if let other = Self.otherField(message, slot: slot, run: run) { return other }
        // «alto hospicio, region de tarapaca», «Quemchi, Los Lagos» to «¿En qué comuna…?»: the
        // commune, then its region after the last comma (qa19: stored whole as the territory, and
        // the region asked again).
        if slot.name == "territorio", run.values["region"] == nil, let comma = message.clean.lastIndex(of: ","),
           let split = Self.communeAndRegion(message.clean, at: comma) {
            return .fill(["territorio": .text(split.commune), "region": .text(split.region)], remark: "Anoté la comuna, \(split.commune), y la región, \(split.region).")
        }
        // «Curarrehue en la Araucanía», «curarrehue araucania», «Curarrehue IX región»: a known
        // commune and the region it lies in, said without a comma; both kept, nothing more asked.
        if slot.name == "territorio", run.values["region"] == nil, let split = Self.communeThenRegion(message.clean) {
            return .fill(["territorio": .text(split.commune), "region": .text(split.region)], remark: "Anoté la comuna, \(split.commune), y la región, \(split.region).")
        }
        // «Maule» to «¿En qué comuna…?»: a region, kept as the region; the commune is asked again.
        // Said again once the region is set («Valparaíso», «Los Lagos» are communes too), it is the commune.
        if slot.name == "territorio", run.values["region"] == nil, t.count <= 6, !message.clean.contains(where: \.isNumber) {
            let words = t.drop { ["region", "de", "del", "la", "es", "en", "somos"].contains($0) }
            if let known = ChileanCalendar.region(named: words.joined(separator: " "), exact: true) {
                // «Coquimbo», «Valparaíso» alone: a commune with its own region's name is both
                // (new-user pass qa18: it was taken as the region and typed again); «región de
                // Coquimbo» is the region only.
                if !t.contains("region"), let commune = Self.communesNamedAsRegion[words.joined(separator: " ")] {
                    return .fill(["territorio": .text(commune), "region": .text(known)],
                                 remark: "Anoté la comuna de \(commune), en la región de \(known).")
                }
                return .fill(["region": .text(known)], remark: "\(known) es la región; la anoté.")
            }
        }
        // «Arica y Parinacota» to «¿En qué comuna…?» once that region is known: the region again,
        // never the commune (qa22: it was stored as the territory).
        if slot.name == "territorio", let region = run.values["region"]?.textValue, t.count <= 6, !message.clean.contains(where: \.isNumber) {
            let words = t.drop { ["region", "de", "del", "la", "es", "en"].contains($0) }.joined(separator: " ")
            if !Self.regionNamesThatAreCommunes.contains(words), ChileanCalendar.region(named: words, exact: true) == region {
                return .reask("\(region) es la región, y ya la tengo anotada.")
            }
        }
        // «acordamos que yo llamo al DAEM el martes» to «¿En qué comuna…?»: a sentence that names no
        // commune may be another flow's request, kept for after the network is created; when no
        // flow takes it, it is read as the territory as before.
        if slot.name == "territorio", t.count >= 4, !t.contains(where: Self.ownDataWords.contains),
           NetworkIntro.read(message.clean)?.territory == nil {
            return .request
        }
        guard slot.name == "region" else { return nil }
        // «sí», «ya», «correcto» to the region offered for the commune: that region.
        if let offered = RegionSuggestion.answer(message, territory: run.values["territorio"]?.textValue) { return offered }
        let words = message.phrase.tokens.drop { ["region", "de", "del", "la", "es", "en", "somos"].contains($0) }
        if let known = ChileanCalendar.region(named: words.joined(separator: " ")) { return .fill(["region": .text(known)], remark: nil) }
        // «necesito ver qué día pueden para la reunión de marzo, las opciones son…»: a sentence is
        // no region; if another flow takes it as its request, it is kept for after the network
        // is created (the region is asked again), otherwise the region's check answers it. A
        // sentence about the network's own data («el nombre quedó mal, se llama…») stays here.
        if t.count >= 4, !t.contains(where: Self.ownDataWords.contains) { return .request }
        return nil
    }

    static let helloWords: Set<String> = ["hola", "holi", "ola", "buenas", "buenos", "buen", "wena", "oye"]
    static let networkNouns: Set<String> = ["red", "microcentro", "rme", "comunidad", "agrupacion"]

    /// «los lagos» at the review (the region skipped or not yet said): the region, set or
    /// corrected, and the review shown again, instead of a «¿Lo guardo?» that ignores it.
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        // People or objectives said at «¿Creo la red?»: kept for right after the save, as at its
        // questions («ya, y agrega a …» says yes first: the engine saves, then runs the request).
        if YesNo.lead(message.clean)?.yes != true, let later = Self.peopleLater(message, context: context) ?? Self.objectivesLater(message) {
            return later
        }
        // «no po, se llama Red Territorial Mejillones y es territorial», «son dos redes distintas. la
        // primera se llama …»: the name said again, read as a name is (qa28: the review's field reading
        // took «red» for the field and stored «Territorial Mejillones y es territorial»).
        // («el 1 está malo, se llama…», «el nombre…»: the field named, the review's own reading.)
        if !t.contains(where: { $0 == "nombre" || $0.allSatisfy(\.isNumber) }), let named = Self.renamedAtReview(message.clean) {
            return .fill(["nombre": .text(named)], remark: nil)
        }
        guard t.count <= 6, !message.clean.contains(where: \.isNumber) else { return nil }
        let words = t.drop { ["region", "de", "del", "la", "es", "en", "somos", "y", "falta", "no"].contains($0) }
        guard !words.isEmpty, let known = ChileanCalendar.region(named: words.joined(separator: " ")),
              run.values["region"]?.textValue != known else { return nil }
        return .fill(["region": .text(known)], remark: "Anoté la región: \(known).")
    }

    /// A line meant for another field while the territory, region or kind is asked: the
    /// network's name again («Red Microcentros Panguipulli» to «¿en qué comuna?») is not a place
    /// (the name said in full corrects a shorter one), a region said to the kind question is the
    /// region, and the network's purpose is written once the network exists.
    static func otherField(_ message: Utterance, slot: SlotDefinition, run: FlowRun) -> Reading? {
        let t = message.phrase.tokens
        guard let first = t.first else { return nil }
        // «microcentro rural», «red territorial»: the kind, not a name.
        let kindWords: Set<String> = ["rural", "rurales", "de", "mejoramiento", "escolar", "territorial", "rme", "microcentro", "red", "otra"]
        if ["red", "microcentro", "rme"].contains(first), t.contains(where: { !kindWords.contains($0) }), slot.name != "nombre" {
            let said = NetworkIntro.displayName(message.clean)
            let current = run.values["nombre"]?.textValue ?? ""
            if TextFold.fold(current) == TextFold.fold(said) {
                return .reask("«\(current)» es el nombre de la red; ya lo tengo anotado.")
            }
            return .fill(["nombre": .text(said)], remark: "Anoté el nombre de la red: «\(said)».")
        }
        if slot.name == "tipo", run.values["region"] == nil, !message.clean.contains(where: \.isNumber), let region = ChileanCalendar.region(named: message.clean) {
            return .fill(["region": .text(region)], remark: "Anoté la región: \(region).")
        }
        // «el proposito seria mejorar la lectura…»: the purpose itself is kept, and written
        // right after the network is created (the purpose flow takes it as its request).
        if slot.name != "nombre", t.prefix(8).contains(where: PurposeStatement.isPurposeWord), PurposeStatement.read(message.clean) != nil {
            return .request
        }
        // «Coelemu» to the kind question, after «Red Valdivia Coelemu»: a word of the name the
        // person just gave, and no kind, is the commune the next question asks for.
        if slot.name == "tipo", run.values["territorio"] == nil, t.count <= 3, RenombrarRedFlow.kind(message.clean) == nil,
           let name = run.values["nombre"]?.textValue, Set(t).isSubset(of: Set(Phrase(name).tokens)),
           t.contains(where: { !["red", "de", "del", "la", "el", "los", "las"].contains($0) }) {
            let place = SpanishFormat.properName(message.clean.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)))
            return .fill(["territorio": .text(place)], remark: "Anoté la comuna: \(place).")
        }
        if slot.name != "nombre", let later = objectivesLater(message) { return later }
        if slot.name == "territorio" || slot.name == "region",
           t.prefix(3).contains(where: ["proposito", "objetivo", "objetivos", "meta", "metas", "mision", "vision"].contains) {
            return .reask("Eso es para el propósito de la red: lo escribimos apenas esté creada (después escribe «escribir el propósito»). Primero lo de la red.")
        }
        return nil
    }

    /// The answer to the kind question when it says the kind first and something more: fillers
    /// after it («te dije», «po»), or more clauses after a comma that name the region or the place
    /// («, region de atacama», «, trabaja en cañete y tirua»), or the place right after the kind
    /// («rme de parral»). Nil for the kind alone (the choice reads it) and for anything else in
    /// its first clause («Red Territorial Lanco» is the name said again).
    static func kindSaidWithMore(_ text: String, asked: String, run: FlowRun) -> Reading? {
        let clauses = text.split(whereSeparator: { ",;.".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let head = clauses.first else { return nil }
        var words = Phrase(head).tokens
        while let w = words.first, kindLeadIns.contains(w) { words.removeFirst() }
        var trailing = 0
        while let w = words.last, kindFillers.contains(w), !kindWords.contains(w) { words.removeLast(); trailing += 1 }
        // «rme de parral», «microcentro en tirua»: the kind and then its place.
        var place: String?
        if let cut = words.firstIndex(where: { ["de", "en", "del"].contains($0) }), cut > 0,
           words[..<cut].allSatisfy(kindWords.contains), !words[..<cut].allSatisfy({ ["red", "un", "una", "es", "somos"].contains($0) }),
           case let rest = words[words.index(after: cut)...].drop(while: { ["la", "comuna", "de"].contains($0) }), (1...3).contains(rest.count) {
            place = rest.joined(separator: " ")
            words = Array(words[..<cut])
        }
        guard !words.isEmpty, words.allSatisfy(kindWords.contains), let kind = RenombrarRedFlow.kind(words.joined(separator: " ")),
              clauses.count > 1 || trailing > 0 || place != nil else { return nil }
        // «…freirina y vallenar no, perdon, solo freirina»: a place corrected as it is said is
        // left to its own question.
        let correcting = Phrase(text).tokens.contains { ["perdon", "digo", "mejor", "corrijo"].contains($0) }
        var values: [String: SlotValue] = ["tipo": .choice(kind.rawValue)]
        let current = run.values["tipo"]
        var said = current == nil ? ["tipo: \(kind.label)"] : []
        func addPlace(_ p: String) {
            let words = Phrase(p).tokens
            if run.values["region"] == nil, values["region"] == nil,
               let region = ChileanCalendar.region(named: words.drop { ["region", "de", "del", "la", "en"].contains($0) }.joined(separator: " "), exact: true),
               // «rme, comuna puqueldon, los lagos»: once the commune is said, a region's name that is
               // also a commune («Los Lagos») is the region (qa30: it was dropped and asked again).
               !(regionNamesThatAreCommunes.contains(words.joined(separator: " ")) && !words.contains("region")
                 && run.values["territorio"] == nil && values["territorio"] == nil) {
                values["region"] = .text(region)
                said.append("región: \(region)")
            } else if run.values["territorio"] == nil, values["territorio"] == nil, !correcting, !p.contains(where: \.isNumber),
                      !words.contains(where: notPlaceWords.contains), !words.contains(where: ownDataWords.contains),
                      !words.contains(where: notInPlaceClause.contains) {
                let commune = SpanishFormat.properName(p)
                values["territorio"] = .text(commune)
                // The commune asked for is not said back («es microcentro, comuna de galvarino»).
                if asked != "territorio" { said.append("comuna: \(commune)") }
            }
        }
        if let place { addPlace(place) }
        for clause in clauses.dropFirst() {
            var w = clause.split(separator: " ").map(String.init)
            while let f = w.first, placeLeadIns.contains(TextFold.fold(f).lowercased()) { w.removeFirst() }
            guard (1...5).contains(w.count) else { continue }
            addPlace(w.joined(separator: " "))
        }
        // The kind already taken, said again with nothing more: asked again, as the kind alone is.
        if current == .choice(kind.rawValue), values.count == 1 { return .reask("«\(head)» es el tipo de red, y ya lo tengo anotado.") }
        let corrected = current != nil && current != .choice(kind.rawValue) ? "Corregí el tipo: \(kind.label)." : nil
        let remark = [corrected, said.isEmpty ? nil : "Anoté: " + said.joined(separator: "; ") + "."].compactMap { $0 }.joined(separator: " ")
        return .fill(SlotValues(values), remark: remark.isEmpty ? nil : remark)
    }

    /// A kind named by its own word (never guessed from «rural»): «rme», «microcentro», «territorial».
    static func kindSaidOutright(_ text: String) -> Network.Kind? {
        let t = Phrase(text).tokens
        if t.contains(where: { $0 == "rme" || $0 == "mejoramiento" }) { return .rme }
        if t.contains(where: { $0 == "microcentro" || $0 == "microcentros" }) { return .microcentro }
        if t.contains("territorial") { return .territorial }
        return nil
    }

    static let kindLeadIns: Set<String> = ["es", "una", "un", "somos", "la", "el", "ya", "si", "no", "bueno", "ah", "oye", "era", "seria"]
    static let kindFillers: Set<String> = ["po", "pues", "pue", "te", "lo", "dije", "puse", "nomas", "no", "mas", "creo", "jaja", "jajaja",
                                           "ya", "eso", "igual", "oye", "si", "bueno", "ok", "nada", "mismo", "como", "noma", "poh", "dijimos"]
    static let notInPlaceClause: Set<String> = ["red", "redes", "microcentro", "rme", "un", "una", "es", "son", "somos", "que", "porque",
                                                "pero", "para", "con", "solo", "perdon", "digo", "escuela", "liceo", "colegio"]
    static let placeLeadIns: Set<String> = ["trabaja", "trabajamos", "trabajan", "estamos", "esta", "funciona", "funcionamos", "en", "de",
                                            "la", "comuna", "del", "somos", "y", "es", "son", "las", "escuelas", "comunas"]

    /// «…red Microcentro Los Copihues. el propósito es mejorar la lectura…»: what comes before the
    /// sentence that says the purpose, that sentence, and the purpose it says; nil without both.
    static func purposeAfterName(_ text: String) -> (String, String, PurposeStatement)? {
        var at = text.startIndex
        while let cut = text[at...].firstIndex(where: { ".;:!?\n".contains($0) }) {
            let tail = text[text.index(after: cut)...].trimmingCharacters(in: .whitespaces)
            let head = text[..<cut].trimmingCharacters(in: .whitespaces)
            if Phrase(tail).tokens.prefix(4).contains(where: PurposeStatement.isPurposeWord), !Phrase(head).tokens.isEmpty,
               let said = PurposeStatement.read(tail) {
                return (head, tail, said)
            }
            at = text.index(after: cut)
        }
        return nil
    }

    /// «agrega a Hector Llanquileo …, Silvia Marin … y Raul Painemal de la escuela Lobería» to
    /// «¿Cómo se llama la red?» (or to any other of its questions, or to its review): people to
    /// add once the network exists, never its name nor its region. They are kept and added right
    /// after the network is saved; the question is asked again.
    static func peopleLater(_ message: Utterance, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        // «y a la Marta Cid, es la supervisora del deprov» after people to add: one more, said
        // without the verb again.
        if t.count >= 4, t[0] == "y", ["a", "al"].contains(t[1]), !t.contains(where: MemberRequest.addVerbs.contains),
           let rest = message.clean.split(separator: " ", maxSplits: 1).last {
            return peopleLater(Utterance("agrega " + rest), context: context)
        }
        guard t.contains(where: MemberRequest.addVerbs.contains) else { return nil }
        guard let people = IncorporarVariosFlow.people(message.clean) else {
            // «agrega a Rosa Pérez, profe de la escuela Los Aromos»: one person, with a full name
            // and what she does (the member flow's own reading, which needs the network to exist).
            // «quiero incorporar a la Rosa Diaz»: a full name alone is enough when the message
            // names no network (issue 12: it became the network's name).
            guard let profile = IncorporacionFlow.requestProfile(message.clean, context: context), let name = profile["nombre"]?.textValue,
                  name.contains(" "), profile.count >= 2 || !t.contains(where: networkNouns.contains) else { return nil }
            let later = FollowingRequest(flow: IncorporacionFlow().id, request: message.clean, values: profile)
            return .fillThen([:], remark: "Me lo guardo: apenas creemos la red, sumamos a \(name).", then: [later])
        }
        let adding = IncorporarVariosFlow()
        let later = FollowingRequest(flow: adding.id, request: message.clean, values: ["miembros": .text(IncorporarVariosFlow.shown(people))])
        let who = SlotValue.joinSpanish(people.map(\.name))
        return .fillThen([:], remark: "Me lo guardo: apenas creemos la red, sumamos a \(who).", then: [later])
    }

    /// «los objetivos serían: 1) … 2) …»: kept too, for the purpose written right after the
    /// network (with the purpose itself, when it was said before or is said later).
    static func objectivesLater(_ message: Utterance) -> Reading? {
        guard message.phrase.tokens.prefix(4).contains(where: { $0 == "objetivo" || $0 == "objetivos" }),
              let objectives = PurposeStatement.objectivesOnly(message.clean) else { return nil }
        let later = FollowingRequest(flow: PropositoFlow().id, request: message.clean, values: ["objetivos": .list(Array(objectives.prefix(5)))])
        return .fillThen([:], remark: "Me lo guardo: apenas creemos la red, anotamos \(objectives.count == 1 ? "ese objetivo" : "esos \(objectives.count) objetivos") con el propósito.", then: [later])
    }

    /// Words that only say a network's kind («microcentro rural», «red territorial»).
    static let kindWords: Set<String> = ["rural", "rurales", "de", "mejoramiento", "escolar", "territorial", "rme", "microcentro", "micro", "centro",
                                         "red", "otra", "un", "una", "es", "somos"]

    /// Words of a sentence about the network's own data or a fix to it, never another request.
    /// «San Carlos, Ñiquén y San Fabián», «Lanco y Máfil»: names of places listed (two or more,
    /// each of one to three words, no numbers), not a sentence that names one.
    static func placeList(_ text: String) -> Bool {
        let pieces = text.replacingOccurrences(of: " y ", with: ",").replacingOccurrences(of: " e ", with: ",")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return pieces.count >= 2 && pieces.allSatisfy { p in
            let w = p.split(separator: " ")
            return (1...3).contains(w.count) && !p.contains(where: \.isNumber)
                && !Phrase(p).tokens.contains(where: { ["somos", "es", "son", "trabajamos", "red", "escuelas", "escuela", "comuna"].contains($0) })
        }
    }

    /// Cities that are communes with the name of the region they are in (folded name → as
    /// written): said alone, the city is meant. «Maule» and «Aysén» name small communes, and
    /// alone they are taken as the region.
    /// «Arica» is the commune of Arica y Parinacota (qa22: taken as the region, asked again, and
    /// the region then typed as the territory).
    static let communesNamedAsRegion: [String: String] = ["coquimbo": "Coquimbo", "valparaiso": "Valparaíso", "antofagasta": "Antofagasta",
                                                          "santiago": "Santiago", "arica": "Arica"]

    /// Region names that are also a commune's (of that region or another): said at the commune
    /// question they may be the commune.
    static let regionNamesThatAreCommunes: Set<String> = ["coquimbo", "valparaiso", "antofagasta", "los lagos", "maule", "aysen", "arica"]

    /// The commune before `comma` and the region named after it («…, region de tarapaca»,
    /// «…, Los Lagos»); nil when the part after the comma is no region or nothing is before it.
    static func communeAndRegion(_ text: String, at comma: String.Index) -> (commune: String, region: String)? {
        let before = text[..<comma].trimmingCharacters(in: .whitespaces)
        // «o» leads only as «o sea»: «en la region de o higgins» names O'Higgins (qa28: «o» was
        // dropped, «higgins» was no region and the whole answer became the territory).
        var after = Array(Phrase(String(text[text.index(after: comma)...])).tokens)
        while let f = after.first {
            if ["region", "de", "del", "la", "es", "en", "y", "sea"].contains(f) { after.removeFirst(); continue }
            if f == "o", after.count > 1, after[1] == "sea" { after.removeFirst(2); continue }
            break
        }
        guard !before.isEmpty, !after.isEmpty, after.count <= 5, !before.contains(","),
              let region = ChileanCalendar.region(named: after.joined(separator: " "), exact: true) else { return nil }
        return (before, region)
    }

    /// «Curarrehue en la Araucanía», «curarrehue araucania», «Curarrehue IX región»: a commune
    /// of the table (`ChileanCommunes`), then the region it lies in. Nil when the words before
    /// the region name no commune, an ambiguous one, or one of another region (that is asked).
    static func communeThenRegion(_ text: String) -> (commune: String, region: String)? {
        let words = text.split(separator: " ").map(String.init)
        guard (2...9).contains(words.count) else { return nil }
        let folded = words.map { TextFold.fold($0) }
        for k in 1..<words.count {
            var tail = Array(folded[k...])
            while let f = tail.first, regionLeads.contains(f) { tail.removeFirst() }
            while let l = tail.last, l == "region" || l == "reg" { tail.removeLast() }
            guard !tail.isEmpty, let region = ChileanCalendar.region(named: tail.joined(separator: " "), exact: true) else { continue }
            var head = Array(words[..<k])
            while let l = head.last, regionLeads.contains(TextFold.fold(l)) || TextFold.fold(l).isEmpty { head.removeLast() }
            let commune = head.joined(separator: " ").trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
            guard !commune.isEmpty, ChileanCommunes.region(ofTerritory: commune)?.region == region else { continue }
            return (SpanishFormat.properName(commune), region)
        }
        return nil
    }

    static let regionLeads: Set<String> = ["en", "la", "region", "reg", "de", "del", "y"]

    static let ownDataWords: Set<String> = ["nombre", "llama", "llamamos", "comuna", "territorio", "region", "tipo", "mal", "malo",
                                            "mala", "quedo", "error", "corrige", "corregir", "cambia", "cambiar", "era"]

    /// «todos», «si», «ya po»: said to the commune question, typed ahead for another; no place.
    /// «ya está acordada, por todos», «quedó aprobado»: a state said of something (the norm
    /// talked about before), never a commune (it was stored as «Esta Acordada»; pass 9, 11-1).
    static func saysAState(_ t: [String]) -> Bool {
        t.indices.dropLast().contains { i in
            ["esta", "estan", "quedo", "quedaron", "fue", "fueron"].contains(t[i])
                && ["ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas"].contains { t[i + 1].count > 4 && t[i + 1].hasSuffix($0) }
        }
    }

    static let notPlaceWords: Set<String> = ["todos", "todas", "todo", "si", "no", "ya", "po", "ok", "nada", "ninguno", "ninguna", "nose", "se"]

    /// The part of `text` from a sentence that opens with a naming start («…. Se llama X»), when
    /// the words before it only reject or correct («Ese no es el nombre.»).
    static func namingSentence(_ text: String) -> String? {
        var start = text.startIndex
        for i in text.indices where ".;!".contains(text[i]) {
            let head = Phrase(String(text[..<i])).tokens
            start = text.index(after: i)
            let rest = String(text[start...]).trimmingCharacters(in: .whitespaces)
            guard !rest.isEmpty, namingStarts.contains(where: { Phrase(rest).tokens.starts(with: $0) }) else { continue }
            guard head.count <= 8, head.allSatisfy(rejectingWords.contains) else { return nil }
            return rest
        }
        return nil
    }

    /// The words from «se llama» on (at the review or another question), when they name the
    /// network and nothing before them names another field («la comuna se llama…» is the commune's) or asks.
    static func renamedAtReview(_ text: String) -> String? {
        guard !text.contains("?"), let r = text.range(of: "se llama ", options: [.caseInsensitive]) else { return nil }
        let head = Phrase(String(text[..<r.lowerBound])).tokens
        guard head.count <= 12, !head.contains(where: { ["comuna", "territorio", "region", "tipo", "sostenedor", "escuela", "liceo",
                                                         "colegio", "organizacion", "objetivo", "encuentro", "reunion", "profe",
                                                         "profesora", "profesor", "director", "directora"].contains($0) }) else { return nil }
        // The clause right before says which network at most («la primera», «la red», «no po»).
        let cut = text[..<r.lowerBound].lastIndex(where: { ",.;:".contains($0) }).map { text.index(after: $0) } ?? text.startIndex
        let clause = Phrase(String(text[cut..<r.lowerBound])).tokens
        guard clause.allSatisfy(["la", "el", "red", "mi", "nuestra", "primera", "segunda", "otra", "no", "po", "ya", "perdon", "y"].contains) else { return nil }
        let named = String(text[r.lowerBound...])
        guard let intro = NetworkIntro.read(named), intro.saidAsName, !intro.name.isEmpty else { return nil }
        return named
    }

    static let rejectingWords: Set<String> = ["no", "ese", "esa", "eso", "es", "el", "la", "su", "nombre", "esta", "malo", "mal", "equivocado",
                                              "perdon", "ojo", "oye", "ah", "uy", "quedo", "puse", "mala", "error", "se", "llama", "asi", "po"]

    static let namingStarts: [[String]] = [["se", "llama"], ["nos", "llamamos"], ["le", "pusimos"], ["la", "red", "se", "llama"], ["el", "nombre", "es"],
                                            ["la", "llamamos"], ["le", "llamamos"]]

    /// «no», «1», «ya»: said where a network's name goes, not a name.
    static func notAName(_ text: String) -> String? {
        let p = Phrase(text)
        guard p.tokens.count <= 2, YesNo.parse(text) != nil || !text.contains(where: \.isLetter) else { return nil }
        return "Necesito el nombre de la red, por ejemplo «Microcentro Los Copihues». Si prefieres dejarlo para después, escribe «cancelar»."
    }

    /// «pucon», «PUERTO  VARAS»: one commune's whole name, however typed (accents, case, spaces),
    /// is kept as the communes table writes it («Pucón»); anything else as typed, capitalised.
    static func officialTerritory(_ text: String) -> String {
        if case .commune(let name, _)? = ChileanCommunes.lookup(text) { return name }
        return SpanishFormat.properName(text)
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let kind = v["tipo"]?.textValue.flatMap(Network.Kind.init(rawValue:)) ?? .otra
        let n = try w.store.createNetwork(Network(
            id: "", name: v["nombre"]?.textValue.map(SpanishFormat.properName) ?? "Mi red", kind: kind,
            territory: v["territorio"]?.textValue.map(Self.officialTerritory),
            // "los rios" is stored as "Los Ríos", the name the winter-break calendar knows.
            region: v["region"]?.textValue.map { ChileanCalendar.region(named: $0) ?? $0 }, sostenedor: v["sostenedor"]?.textValue.map(SpanishFormat.institutionName),
            created: w.clock.today()), key: w.key)
        // The person who creates the network is its first member: «todos» and «nosotros» include them.
        if let name = user.name, !name.isEmpty {
            let snapshot = try w.snapshot(n.id)
            if !snapshot.members.contains(where: { $0.name == name }) {
                try w.store.saveMember(Member(id: "", name: name, role: v["cargo"]?.textValue, school: v["establecimiento"]?.textValue,
                                              since: w.clock.today()), network: n.id)
            }
        }
        // «la supervisora de Mineduc», named at «¿cómo se llama?»: a member too; not named yet,
        // she is not forgotten unsaid.
        var later = ""
        if let added = v["sumar"]?.textValue, let p = IncorporarVariosFlow.kept(added).first, p.name != user.name {
            try w.store.saveMember(Member(id: "", name: p.name, role: p.role, school: p.school, since: w.clock.today()), network: n.id)
            later = " Sumé también a \(p.name)."
        } else if let who = v["mencionada"]?.textValue {
            later = " Cuando sepas el nombre de\(who.hasPrefix("el ") ? "l " + who.dropFirst(3) : " " + who), escríbeme «agrega a» y su nombre."
        }
        return ["id": n.id, "red": n.id, "nombre": n.name, "sugerencia": later]
    }
}
