import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/editar-acuerdo.yaml`: an agreement already registered changes hands. «oye el
/// acuerdo 2 no es de la Rosa, es del Pedro» at the menu comes here with both values; the
/// change is noted in the agreement's history, and its status stays as it was.
struct EditarAcuerdoFlow: MingaFlow {
    let id = "editar_acuerdo"
    let saveKind: String? = "agreement_update"
    let slotNames = ["acuerdo", "responsables"]

    /// «¿Lo cambio?» — «no»: the agreement keeps its responsables as they were.
    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    func blocker(_ context: EngineContext) -> String? { AgreementMention.noneYet(context) }

    /// «¿Qué acuerdo cambio? Dime su número, por ejemplo «2».» gave a number that may not exist:
    /// the example is the latest agreement's.
    func question(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> String? {
        guard slot.name == "acuerdo", let n = context.snapshot?.agreements.last?.number else { return nil }
        return "¿Qué acuerdo cambio? Dime su número, por ejemplo «\(n)»."
    }

    /// «no, lo que cambia es la fecha: el 10 de marzo» asked who takes it over: its deadline is
    /// corrected instead, the agreement already known.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "responsables" else { return nil }
        if let instead = CorregirPlazoFlow.instead(message, run: run, context: context) { return instead }
        // «el jorge sigue, sale la ana y entra la paola»: the change, from those in charge now.
        guard let n = run.values["acuerdo"].flatMap(Read.int), let a = context.snapshot?.agreement(number: n),
              let people = Self.swapped(message.phrase.tokens, from: a.responsables, of: a, context: context) else { return nil }
        return .fill(["responsables": .list(people)], remark: nil)
    }

    /// `claim` needs one of these (`ClaimCues`): A verb of joining, an owner field, or a «no».
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: Array(Self.joinVerbs) + ["responsable", "responsables", "encargado", "encargada", "encargados", "no", "tambien", "con"] + Array(Self.selfJoinVerbs) + Array(Self.onlyWords) + AgreementFieldEdit.cues + Array(Self.doerVerbs) + Array(Self.speakerJoinVerbs) + ["toca"]) }

    /// «el acuerdo 2 no es de la Rosa, es del Pedro», «el 3 no le toca a Luis, le toca a Marta»:
    /// an owner refused and another one said, about an agreement named by number or content.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        // «cambiar acuerdo 2: responsables Rosa y Pedro, plazo …»: each field named, the owners first.
        if let edit = AgreementFieldEdit.read(message, context: context) { return edit.claim(for: id) }
        if let added = added(message, context: context) { return added }
        if let only = onlyOwner(message, context: context) { return only }
        if let also = alsoOwner(message, context: context) { return also }
        if let with = doneWith(message, context: context) { return with }
        if let named = namedOwners(message, context: context) { return named }
        if let doer = doerSaid(message, context: context) { return doer }
        // The owner refused needs a «no» and an agreement named: words checked before any reading.
        guard let s = context.snapshot, !s.agreements.isEmpty, t.contains("no"),
              t.contains(where: { $0.hasPrefix("acuerd") }) || t.contains("compromiso"),
              let owners = Self.newOwners(in: message.clean) else { return nil }
        let number = SeguimientoFlow.referenceNumbers(t).first { s.agreement(number: $0) != nil }
            ?? { let named = AgreementReference.named(message.clean, in: s, context: context); return named.count == 1 ? named[0].number : nil }()
        guard let n = number else { return nil }
        // The new owners when they are members; otherwise they are asked (and offered as new).
        let people = PeopleParser.split(owners).map { PersonMatcher.match($0, among: context.members) }
        guard !people.isEmpty, people.allSatisfy({ $0 != nil }) else { return Claim(values: ["acuerdo": .number(Double(n))]) }
        return Claim(values: ["acuerdo": .number(Double(n)), "responsables": .list(people.compactMap { $0 })])
    }

    /// «en el acuerdo del plan de convivencia hay que agregar a Luis como responsable también»,
    /// «suma a Marta al acuerdo 2»: someone joins those already responsible (nobody is dropped).
    /// «se suma Jorge al acuerdo 2», «se une la Marta»: the same, said of who joins (Minga itself
    /// suggests «se suma X»); without an agreement named, the one this conversation just saved.
    func added(_ message: Utterance, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        if let mine = speakerJoins(message, context: context) { return mine }
        let joins = t.indices.first { i in i > 0 && t[i - 1] == "se" && Self.selfJoinVerbs.contains(t[i]) && i + 1 < t.count }
        // «que se sume Jorge al acuerdo 2»: an opening «que» with no question mark is a wish.
        let wish = joins != nil && (t.first == "que" || t.first == "q") && !message.questionMarked
        guard let verb = joins ?? t.firstIndex(where: Self.joinVerbs.contains), joins != nil || (verb + 2 < t.count && (t[verb + 1] == "a" || t[verb + 1] == "al")),
              wish || !QuestionForm.asks(message), let s = context.snapshot else { return nil }
        let last = joins == nil ? nil : context.lastSave.flatMap { l in l.flow == "acuerdo" || l.flow == id ? s.agreements.first { $0.id == l.record } : nil }
        guard let a = AgreementMention.find(message.clean, in: s, context: context) ?? last, let n = a.number else { return nil }
        // The names run from after «agregar a» (or «se suma») to «como», «al», «en», «también» or a comma.
        let words = message.clean.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        guard words.count == t.count else { return nil }
        let at = joins ?? verb
        let from = joins == nil ? at + 2 : at + 1
        guard from < words.count else { return nil }
        var names: [String] = []
        for (w, f) in zip(words[from...], folded[from...]) {
            if ["como", "al", "en", "tambien", "del", "de", "para", "que"].contains(f) { break }
            let end = w.last.map { ",.;:!?".contains($0) } ?? false
            names.append(end ? String(w.dropLast()) : w)
            if end { break }
        }
        // «Pedro también se suma al acuerdo del banco de textos»: who joins said before «se suma»
        // (qa36 conv 23: Pedro was dropped and who takes it over was asked). Members only.
        if names.isEmpty, let j = joins, j >= 2 {
            var before = Array(words[..<(j - 1)])
            while let f = before.last.map({ TextFold.fold($0).filter(\.isLetter) }), ["tambien", "tb", "tmb", "tbn", "ahora"].contains(f) { before.removeLast() }
            while let f = before.first.map({ TextFold.fold($0).filter(\.isLetter) }), ["y", "oye", "ya", "ah", "bueno"].contains(f) { before.removeFirst() }
            let said = PeopleParser.split(before.map { String($0.filter { !",.;:".contains($0) }) }.joined(separator: " "))
            let people = said.map { PersonMatcher.match($0, among: context.members) }
            if !people.isEmpty, people.count <= 3, people.allSatisfy({ $0 != nil }) {
                let joined = a.responsables + people.compactMap { $0 }.filter { !a.responsables.contains($0) }
                return Claim(values: ["acuerdo": .number(Double(n)), "responsables": .list(joined)],
                             echo: ["responsables: \(SlotValue.joinSpanish(joined))"])
            }
        }
        // Someone not in the network yet («agrega a Marisol Reyes como responsable») joins as said
        // and is offered to the network (qa24: it asked who takes it over, dropping the others).
        let people = PeopleParser.split(names.joined(separator: " ")).map { name in
            PersonMatcher.match(name, among: context.members) ?? (PeopleParser.looksLikeName(name) && Self.capitalised(name) ? name : Self.lowercaseName(name)) }
        guard !people.isEmpty, people.allSatisfy({ $0 != nil }) else { return Claim(values: ["acuerdo": .number(Double(n))]) }
        let joined = a.responsables + people.compactMap { $0 }.filter { !a.responsables.contains($0) }
        return Claim(values: ["acuerdo": .number(Double(n)), "responsables": .list(joined)],
                     echo: ["responsables: \(SlotValue.joinSpanish(joined))"])
    }

    /// «yo también me sumo al acuerdo de la presentación simce», «me uno al del banco de textos»,
    /// «me apunto en el acuerdo 2»: the speaker joins those in charge of the agreement named (by
    /// number or content), or of the one just saved (qa36 conv 20: «No te entendí»).
    func speakerJoins(_ message: Utterance, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard let k = t.indices.first(where: { $0 > 0 && t[$0 - 1] == "me" && Self.speakerJoinVerbs.contains(t[$0]) }),
              !QuestionForm.asks(message), let me = context.userName, let s = context.snapshot, !s.agreements.isEmpty else { return nil }
        // «me uno» needs an agreement after it: «me uno a la reunión» is no agreement.
        let rest = t[(k + 1)...]
        guard rest.contains(where: { $0.hasPrefix("acuerd") || $0 == "compromiso" || $0 == "al" || $0 == "del" }) || rest.isEmpty else { return nil }
        let last = context.lastSave.flatMap { l in l.flow == "acuerdo" || l.flow == id ? s.agreements.first { $0.id == l.record } : nil }
        let named = AgreementMention.find(message.clean, in: s, context: context)
            ?? { let found = AgreementReference.named(message.clean, in: s, context: context); return found.count == 1 ? found[0] : nil }()
        guard let a = named ?? (rest.isEmpty ? last : nil), let n = a.number else { return nil }
        let joined = a.responsables + (a.responsables.contains(me) ? [] : [me])
        return Claim(values: ["acuerdo": .number(Double(n)), "responsables": .list(joined)],
                     echo: ["responsables: \(SlotValue.joinSpanish(joined))"])
    }

    /// «me sumo», «me uno», «me apunto»: the speaker joins.
    static let speakerJoinVerbs: Set<String> = ["sumo", "uno", "apunto", "anoto", "incorporo", "agrego"]

    /// «marisol reyes», «juan perez» typed in lower case: a common first name and one or two
    /// surnames (letters only, no common word), written back with capitals; nil otherwise, so
    /// a stray word is still never taken for a person.
    static func lowercaseName(_ name: String) -> String? {
        let words = name.split(separator: " ").map(String.init)
        guard (2...3).contains(words.count), let first = FirstNames.canonical(TextFold.fold(words[0])),
              words.allSatisfy({ $0.allSatisfy(\.isLetter) }),
              words.dropFirst().allSatisfy({ w in let f = TextFold.fold(w); return f.count >= 3 && !(Phrase(f).classes.first?.contains(.stop) ?? true) && FirstNames.canonical(f) == nil })
        else { return nil }
        return ([first] + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }).joined(separator: " ")
    }

    /// A name written with capitals («Marisol Reyes», «la Marisol»): a word typed in lower case
    /// after «agrega a» is not taken for a newcomer's name.
    static func capitalised(_ name: String) -> Bool {
        name.split(separator: " ").allSatisfy { $0.first?.isUppercase ?? false }
    }

    /// «el acuerdo 4 cámbialo, que sea solo la Eliana», «que lo haga solamente el Braulio»: of an
    /// agreement named, «solo» before a member's name leaves that one in charge (qa24: not
    /// understood). Words checked before any reading: «solo»/«solamente» and an agreement word.
    func onlyOwner(_ message: Utterance, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard let only = t.firstIndex(where: Self.onlyWords.contains), only + 1 < t.count,
              t.contains(where: { $0.hasPrefix("acuerd") || $0 == "compromiso" || Self.onlyFrames.contains($0) }), !SeguimientoFlow.saysDone(t),
              !QuestionForm.asks(message) || Self.wantsSaid(message), let s = context.snapshot, !s.agreements.isEmpty,
              let people = Self.namesAfterOnly(message.clean, context: context),
              let a = AgreementMention.find(message.clean, in: s, context: context)
                ?? { let named = AgreementReference.named(message.clean, in: s, context: context); return named.count == 1 ? named[0] : nil }(),
              let n = a.number else { return nil }
        return Claim(values: ["acuerdo": .number(Double(n)), "responsables": .list(people)],
                     echo: ["responsables: \(SlotValue.joinSpanish(people))"])
    }

    /// «que el acuerdo 2 lo haga solo la Eliana»: an opening «que» (a wish, not «¿qué…?») before
    /// a frame verb, with no question mark (qa24: read as a question about agreement 2).
    static func wantsSaid(_ message: Utterance) -> Bool {
        let t = message.phrase.tokens
        return (t.first == "que" || t.first == "q") && !message.questionMarked && t.contains(where: onlyFrames.contains)
    }

    /// «lo hace también la Marisol», «que el acuerdo 2 lo haga también el Luis»: someone joins
    /// those in charge of the agreement named, or of the one just saved (qa24: not understood).
    /// Words checked before any reading: «también» and a doer's verb.
    func alsoOwner(_ message: Utterance, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard let also = t.firstIndex(of: "tambien"), also + 1 < t.count, t.contains(where: Self.alsoFrames.contains),
              !message.questionMarked, let s = context.snapshot, !s.agreements.isEmpty else { return nil }
        // The names after «también» (up to the sentence's end), each a member or the speaker.
        guard let people = Self.membersAfter(message.clean, marker: { $0 == "tambien" },
                                             stops: ["como", "en", "del", "de", "para", "que", "porque", "no", "nomas", "po", "con"],
                                             context: context) else { return nil }
        let named = AgreementMention.find(message.clean, in: s, context: context)
        let last = context.lastSave.flatMap { l in l.flow == "acuerdo" || l.flow == id ? s.agreements.first { $0.id == l.record } : nil }
        guard let a = named ?? last, let n = a.number else { return nil }
        let joined = a.responsables + people.filter { !a.responsables.contains($0) }
        return Claim(values: ["acuerdo": .number(Double(n)), "responsables": .list(joined)],
                     echo: ["responsables: \(SlotValue.joinSpanish(joined))"])
    }

    /// The verbs that say someone does it too: «lo hace también», «también se suma».
    static let alsoFrames: WordSet = ["hace", "haga", "hacen", "hagan", "ve", "vea", "suma", "une", "encarga", "encargue", "participa", "ayuda"]

    static let onlyWords: WordSet = ["solo", "solamente", "unicamente"]
    /// «lo de la camioneta, que sea solo la Eliana»: without the word «acuerdo», a verb that
    /// gives the task to someone («sea», «haga», «quede», «a cargo»).
    static let onlyFrames: WordSet = ["sea", "haga", "hace", "quede", "queda", "cargo", "deja", "dejalo", "dejala", "dejen"]

    /// The members named right after «solo» (up to the sentence's end): nil unless each is a
    /// member (or the speaker, «solo yo»).
    static func namesAfterOnly(_ text: String, context: EngineContext) -> [String]? {
        membersAfter(text, marker: onlyWords.contains,
                     stops: ["como", "en", "del", "de", "para", "que", "porque", "no", "nomas", "mas", "po"], context: context)
    }

    /// The members named right after the first word `marker` accepts, up to a stop word or the
    /// sentence's end: nil unless each is a member (or the speaker).
    static func membersAfter(_ text: String, marker: (String) -> Bool, stops: Set<String>, context: EngineContext) -> [String]? {
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        guard let at = folded.firstIndex(where: marker), at + 1 < words.count else { return nil }
        var names: [String] = []
        for (w, f) in zip(words[(at + 1)...], folded[(at + 1)...]) {
            if stops.contains(f) { break }
            let end = w.last.map { ",.;:!?".contains($0) } ?? false
            names.append(end ? String(w.dropLast()) : w)
            if end { break }
        }
        return membersNamed(names, context: context)
    }

    /// «el acuerdo 1 quedó mal, los responsables somos Rosa Antilef y Tomás Huichalaf»: the
    /// owners said by the field's name about an agreement already registered (not a new one).
    func namedOwners(_ message: Utterance, context: EngineContext) -> Claim? {
        guard Self.namesOwners(message.phrase.tokens), !QuestionForm.asks(message), let s = context.snapshot,
              let a = AgreementMention.find(message.clean, in: s, context: context), let n = a.number else { return nil }
        let words = message.clean.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        guard let at = folded.indices.first(where: { $0 > 0 && ["son", "somos", "es", "sera", "seran", "quedan", "queda"].contains(folded[$0])
            && ["responsable", "responsables", "encargado", "encargada", "encargados"].contains(folded[$0 - 1]) }) else { return nil }
        let said = AgreementMention.sentence(of: words, from: at + 1) ?? ""
        let members = context.members + (context.userName.map { u in context.members.contains(u) ? [] : [u] } ?? [])
        // Someone not in the network yet («Tomás Huichalaf», already responsible for it) is kept
        // as said: the names are what the person typed, said right after the field's name.
        let people = PeopleParser.split(said).map { name in PersonMatcher.match(name, among: members) ?? (a.responsables.first { r in
            TextFold.fold(r) == TextFold.fold(name) } ?? name) }
        guard !people.isEmpty else { return Claim(values: ["acuerdo": .number(Double(n))]) }
        return Claim(values: ["acuerdo": .number(Double(n)), "responsables": .list(people)])
    }

    /// «el acuerdo 2 en realidad lo hace la Carla, no el Hugo», «el acuerdo 2 le toca a la Carla»,
    /// «el 2 lo ve la Carla»: who does an agreement now, said with a doing verb after it (qa34: a
    /// status update was started, or «No te entendí»). The people after the verb, up to a comma or
    /// «no»/«en vez»; only members of the network (anything else is left to the other readings).
    func doerSaid(_ message: Utterance, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard let v = t.indices.first(where: { i in i > 1 && ((["lo", "la"].contains(t[i - 1]) && Self.doerVerbs.contains(t[i]))
                  || (t[i - 1] == "le" && t[i] == "toca")) }),
              !QuestionForm.asks(message), let s = context.snapshot else { return nil }
        let head = Array(t[..<(v - 1)])
        guard head.first == "el" || head.contains(where: { $0.hasPrefix("acuerd") }),
              let n = SeguimientoFlow.referenceNumbers(head).first(where: { s.agreement(number: $0) != nil }) else { return nil }
        let words = message.clean.split(separator: " ").map(String.init)
        guard words.count == t.count else { return nil }
        var k = v + 1
        if k < t.count, t[k] == "a" || t[k] == "al" { k += 1 }
        // «lo hace junto con la Marisol»: someone more, not who does it instead (`alsoOwner`'s).
        guard k < t.count, !["junto", "con", "tambien"].contains(t[k]) else { return nil }
        var said: [String] = []
        while k < words.count {
            if ["no", "pero", "porque", "ya", "desde"].contains(t[k]) || (t[k] == "en" && k + 1 < t.count && ["vez", "lugar"].contains(t[k + 1])) { break }
            let w = words[k]
            let end = w.last.map { ",.;:!".contains($0) } ?? false
            // «la Carla»: the article is no part of her name.
            if !["la", "el", "los", "las"].contains(t[k]) { said.append(end ? String(w.dropLast()) : w) }
            if end { break }
            k += 1
        }
        let members = context.members + (context.userName.map { u in context.members.contains(u) ? [] : [u] } ?? [])
        let people = PeopleParser.split(said.joined(separator: " ")).map { PersonMatcher.match($0, among: members) }
        // Only members named: anything else after the verb may be no person at all.
        guard !people.isEmpty, people.allSatisfy({ $0 != nil }) else { return nil }
        return Claim(values: ["acuerdo": .number(Double(n)), "responsables": .list(people.compactMap { $0 })])
    }

    /// Verbs that say who does an agreement, after «lo»/«la»: «lo hace la Carla», «la lleva Tomás».
    static let doerVerbs: Set<String> = ["hace", "haran", "hara", "hacen", "ve", "ven", "lleva", "llevan", "toma", "toman"]

    /// «los responsables son…», «la encargada es…»: the field named, then its value.
    static func namesOwners(_ t: [String]) -> Bool {
        guard let field = t.firstIndex(where: { ["responsable", "responsables", "encargado", "encargada", "encargados"].contains($0) }) else { return false }
        return field + 2 < t.count && ["son", "somos", "es", "sera", "seran", "quedan", "queda"].contains(t[field + 1])
    }

    /// «se suma», «se suman», «se une»: who joins, said of themselves.
    static let selfJoinVerbs: Set<String> = ["suma", "suman", "sume", "sumen", "une", "unen", "agrega", "agregan", "incorpora", "incorporan"]

    /// «el acuerdo 2 lo vamos a hacer con Jorge también», «lo hacemos con la Marta»: members who do
    /// an agreement with those in charge join them (issue 12: «No te entendí»). Words checked
    /// first: «con» and a doing verb; the agreement named, or the one just saved.
    func doneWith(_ message: Utterance, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard Self.saysDoneWith(t), !QuestionForm.asks(message), let s = context.snapshot, !s.agreements.isEmpty,
              let people = Self.membersAfter(message.clean, marker: { $0 == "con" },
                                             stops: ["como", "en", "del", "de", "para", "que", "porque", "no", "nomas", "po", "tambien"], context: context) else { return nil }
        let last = context.lastSave.flatMap { l in l.flow == "acuerdo" || l.flow == id ? s.agreements.first { $0.id == l.record } : nil }
        guard let a = AgreementMention.find(message.clean, in: s, context: context) ?? last, let n = a.number else { return nil }
        let joined = a.responsables + people.filter { !a.responsables.contains($0) }
        guard joined.count > a.responsables.count else { return nil }
        return Claim(values: ["acuerdo": .number(Double(n)), "responsables": .list(joined)],
                     echo: ["responsables: \(SlotValue.joinSpanish(joined))"])
    }

    /// «…hacer con…»: «con» after a doing verb (names may follow it).
    static func saysDoneWith(_ t: [String]) -> Bool {
        guard let with = t.firstIndex(of: "con"), with + 1 < t.count else { return false }
        return t[..<with].contains(where: withVerbs.contains)
    }

    /// Verbs of doing before «con»: «lo vamos a hacer con», «lo hacemos con», «lo ve con».
    static let withVerbs: Set<String> = ["hacer", "hacemos", "haremos", "hace", "hacen", "haran", "hara", "ver", "vemos", "ve", "llevar", "llevamos",
                                         "lleva", "trabajar", "trabajamos", "trabaja", "preparar", "preparamos", "prepara"]

    static let joinVerbs: WordSet = ["agregar", "agrega", "agregale", "agreguen", "agreguemos", "sumar", "suma", "sumale", "sumen",
                                         "incluir", "incluye", "incluyan", "anadir", "anade", "meter", "mete"]

    /// «cambiar el responsable del acuerdo 2»: the agreement by its number.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard let s = context.snapshot else { return Prefill() }
        var out = Prefill()
        if let n = SeguimientoFlow.referenceNumbers(Phrase(request).tokens).first(where: { s.agreement(number: $0) != nil }) {
            out.values["acuerdo"] = .number(Double(n))
        }
        // «me pusieron a mí pero la responsable es la Paola, no yo»: the speaker goes and the one
        // named comes in; the others in charge stay, once the agreement is known (qa37: only Paola
        // was left).
        if let me = context.userName, let said = run.values["responsables"]?.listValue, !said.isEmpty, !said.contains(me),
           Self.deniesSpeaker(Phrase(request).tokens) {
            out.partials[Self.leavingKey] = .text(me)
        }
        // «cambiar los responsables del acuerdo 1 a Marta Rojas»: the new owners after «a»/«por».
        if let people = Self.changedTo(request, context: context) {
            out.values["responsables"] = .list(people)
            out.echo = ["responsables: \(SlotValue.joinSpanish(people))"]
            out.replacesEcho = true
            return out
        }
        // Names the engine read in the request («cambiar el responsable») are not the new owners.
        // («agregar a Luis como responsable» said them: those stay.)
        if run.values["responsables"] != nil, Self.newOwners(in: request) == nil,
           AgreementFieldEdit.read(Utterance(request), context: context) == nil, !Self.namesOwners(Phrase(request).tokens),
           !Phrase(request).tokens.contains(where: Self.joinVerbs.contains),
           !(Phrase(request).tokens.contains("tambien") && Phrase(request).tokens.contains(where: Self.alsoFrames.contains)),
           Self.namesAfterOnly(request, context: context) == nil, doerSaid(Utterance(request), context: context) == nil,
           !Self.saysDoneWith(Phrase(request).tokens),
           !zip(Phrase(request).tokens, Phrase(request).tokens.dropFirst()).contains(where: { ($0 == "se" && Self.selfJoinVerbs.contains($1))
               || ($0 == "me" && Self.speakerJoinVerbs.contains($1)) }) {
            out.values["responsables"] = .some(nil)
            out.replacesEcho = true
        }
        return out
    }

    /// «cambiar el responsable del acuerdo 2 a Pedro», «cambia los encargados del 1 por la Rosa y
    /// Luis»: the members after the last «a»/«por» (or the colon) that follows a change verb. Nil unless every
    /// name said there is a member (or the speaker).
    static func changedTo(_ request: String, context: EngineContext) -> [String]? {
        let words = request.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        guard let verb = folded.firstIndex(where: changeVerbs.contains) else { return nil }
        // «cambiar responsables del acuerdo 3: Fabiola Rubio»: a colon after the agreement leads
        // to them as «a» or «por» does (they were asked again).
        let colon = words.indices.first { $0 > verb && words[$0].hasSuffix(":") }
        guard let to = colon ?? folded.indices.last(where: { $0 > verb + 1 && ["a", "por"].contains(folded[$0]) }), to + 1 < words.count else { return nil }
        var names: [String] = []
        for w in words[(to + 1)...] {
            let end = w.last.map { ".;!?".contains($0) } ?? false
            names.append(end ? String(w.dropLast()) : w)
            if end { break }
        }
        return membersNamed(names, context: context)
    }

    /// The members (or the speaker, «…: la Berta y yo») the words name, in order: nil unless
    /// every name said is one of them (a stray word is never taken for a new owner).
    static func membersNamed(_ names: [String], context: EngineContext) -> [String]? {
        let members = context.members + (context.userName.map { u in context.members.contains(u) ? [] : [u] } ?? [])
        let people = PeopleParser.split(names.joined(separator: " ")).map { name in
            ["yo", "yo misma", "yo mismo"].contains(Phrase(name).tokens.joined(separator: " ")) ? context.userName : PersonMatcher.match(name, among: members)
        }
        guard !people.isEmpty, people.allSatisfy({ $0 != nil }) else { return nil }
        return people.compactMap { $0 }
    }

    static let changeVerbs: Set<String> = ["cambiar", "cambia", "cambiale", "cambiemos", "cambien", "pasar", "pasa", "pasale", "pasemos",
                                           "traspasar", "traspasa", "reemplazar", "reemplaza", "dejar", "deja", "dejalo", "poner", "pon"]

    /// What follows the owner said instead: «…no es de la Rosa, es del Pedro» → «Pedro».
    static func newOwners(in text: String) -> String? {
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        // The refused owner: «no es de», «no le toca a», «no lo hace».
        guard let refused = folded.indices.first(where: { i in
            folded[i] == "no" && i + 1 < folded.count && ownerVerbs.contains(folded[i + 1] == "le" || folded[i + 1] == "lo" || folded[i + 1] == "la" ? (i + 2 < folded.count ? folded[i + 2] : "") : folded[i + 1])
        }) else { return nil }
        guard let said = folded.indices.last(where: { $0 > refused + 1 && ownerVerbs.contains(folded[$0]) && folded[$0 - 1] != "no" }) else { return nil }
        var taken: [String] = []
        for (w, f) in zip(words[(said + 1)...], folded[(said + 1)...]) {
            if taken.isEmpty, ["de", "del", "la", "el", "a", "al"].contains(f) { continue }
            let end = w.last.map { ".,;!?".contains($0) } ?? false
            taken.append(end ? String(w.dropLast()) : w)
            if end { break }
        }
        let owners = taken.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return owners.isEmpty ? nil : owners
    }

    /// «no, el jorge sigue, solo sale la ana y entra la paola» at the review: who leaves, who
    /// comes in and who stays, each one name after (or, for «sigue», before) its verb; the
    /// others stay as the review shows them (qa37: «¿Qué quieres cambiar?»). Nil when a name is
    /// not someone known, so it is asked.
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        guard let before = run.values["responsables"]?.listValue, let s = context.snapshot,
              let n = run.values["acuerdo"].flatMap(Read.int), let a = s.agreement(number: n),
              let people = Self.swapped(message.phrase.tokens, from: before, of: a, context: context) else { return nil }
        return .fill(["responsables": .list(people)], remark: people == before ? "Eso ya estaba así: \(SlotValue.joinSpanish(people))." : "Corregido.")
    }

    /// `people` with who leaves, comes in or stays (`reviewChange`); nil when no such verb is
    /// said, a name is not someone known, or no one would be left.
    static func swapped(_ t: [String], from people: [String], of a: Agreement, context: EngineContext) -> [String]? {
        guard t.count <= 24, t.contains(where: { leaveVerbs.contains($0) || enterVerbs.contains($0) || stayVerbs.contains($0) }) else { return nil }
        var people = people
        let members = context.members + (context.userName.map { u in context.members.contains(u) ? [] : [u] } ?? [])
        func person(_ i: Int, step: Int) -> String? {
            var j = i + step
            while t.indices.contains(j), ["la", "el", "a", "al", "solo", "que", "y", "no"].contains(t[j]) { j += step }
            guard t.indices.contains(j) else { return nil }
            if t[j] == "yo" || t[j] == "mi" { return context.userName }
            return PersonMatcher.match(t[j], among: members) ?? PersonMatcher.match(t[j], among: a.responsables)
        }
        var read = false
        for i in t.indices {
            if leaveVerbs.contains(t[i]) {
                guard let p = person(i, step: 1) else { return nil }
                people.removeAll { $0 == p }
                read = true
            } else if enterVerbs.contains(t[i]) {
                guard let p = person(i, step: 1) else { return nil }
                if !people.contains(p) { people.append(p) }
                read = true
            } else if stayVerbs.contains(t[i]), i > 0 {
                guard let p = person(i, step: -1) else { return nil }
                if !people.contains(p) { people.insert(p, at: 0) }
                read = true
            }
        }
        return read && !people.isEmpty ? people : nil
    }

    static let leaveVerbs: Set<String> = ["sale", "salga", "sacar", "saca", "sacale", "quita", "quitale", "sacamos"]
    static let enterVerbs: Set<String> = ["entra", "entre", "agrega", "agregale", "suma", "sumale", "mete"]
    static let stayVerbs: Set<String> = ["sigue", "siga", "queda", "quede"]

    /// Where the prefill keeps the speaker said to leave, for when the agreement is known.
    static let leavingKey = "responsable_que_sale"

    /// «…, no yo», «no a mí», «me pusieron a mí pero…»: the speaker said not to be in charge.
    static func deniesSpeaker(_ t: [String]) -> Bool {
        for i in t.indices where t[i] == "no" {
            // «no yo», «no a mí», «no lo hago yo»
            let next = t[(i + 1)...].prefix(3)
            if next.contains("yo") || Array(next.prefix(2)) == ["a", "mi"] { return true }
        }
        return zip(t, t.dropFirst()).contains { $0 == "me" && ["pusieron", "puso", "anotaron", "anoto", "dejaron", "dejo", "asignaron", "asigno"].contains($1) }
            && t.contains(where: { ["pero", "sino", "no"].contains($0) })
    }

    static let ownerVerbs: WordSet = ["es", "era", "toca", "hace", "encarga", "corresponde"]

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "acuerdo", let s = context.snapshot else { return .accept }
        guard let n = Read.int(value), let a = s.agreement(number: n) else {
            return .reject("No encuentro el acuerdo \(Read.int(value).map(String.init) ?? ""). Pregúntame «¿qué acuerdos hay?» para ver sus números.")
        }
        guard case .number = value else { return .accept }
        var others: SlotValues = [:]
        if let gone = run.partials?[Self.leavingKey]?.textValue, a.responsables.contains(gone),
           let coming = run.values["responsables"]?.listValue, !coming.isEmpty {
            let kept = a.responsables.filter { $0 != gone }
            let merged = kept + coming.filter { !kept.contains($0) }
            if merged != coming { others["responsables"] = .list(merged) }
        }
        return .replace(.text("\(n) («\(a.text)»)"), remarks: ["Acuerdo \(n): «\(a.text)», a cargo de \(SlotValue.joinSpanish(a.responsables))."],
                        others: others)
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let n = v["acuerdo"].flatMap(Read.int), let found = snapshot.agreement(number: n) else { throw StoreError.notFound("ese acuerdo") }
        let people = v["responsables"]?.listValue ?? []
        guard !people.isEmpty else { throw StoreError.notFound("los responsables") }
        // On the agreement as it is on disk now: a follow-up saved meanwhile by someone else stays.
        let a = try w.store.modifyAgreement(id: found.id, network: snapshot.network.id) { a in
            let before = a.responsables
            a.responsables = people
            a.history.append(Agreement.Change(at: w.stamp, status: a.status,
                                              note: "responsables: \(SlotValue.joinSpanish(before)) → \(SlotValue.joinSpanish(people))", deadline: a.deadline,
                                              field: "responsables", before: before))
        }
        return ["id": a.id, "numero": String(n), "resumen": "el acuerdo \(n) («\(a.text)») ahora está a cargo de \(SlotValue.joinSpanish(people))."]
    }
}
