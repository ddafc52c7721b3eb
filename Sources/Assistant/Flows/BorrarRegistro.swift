import CivilTime
import DialogEngine
import Foundation
import Domain
import FileStore
import Understanding

/// `dialogs/borrar-registro.yaml`: a meeting, reflection, poll or member saved by mistake is
/// marked deleted in its own file (who, when, why), never erased; `NetworkSnapshot.live` leaves
/// it out of lists, answers and exports. Named by kind and number («el encuentro 2»), position
/// («la última reflexión») or content («el sondeo de la fecha de la jornada»).
struct BorrarRegistroFlow: MingaFlow {
    let id = "borrar_registro"
    let saveKind: String? = "record_delete"
    let slotNames = ["tipo", "registro", "motivo", "salida"]

    /// The reason of a departure is asked as one, not as a deletion's.
    func question(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> String? {
        slot.name == "motivo" && run.values["salida"] != nil ? "¿Por qué deja la red? Una frase basta (o «saltar»)." : nil
    }

    /// A departure is never asked: only read from how it is told (`leftNetwork`).
    func asks(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Bool { slot.name != "salida" }

    /// Its save takes a record out: «vuelve a ponerlo» right after it undoes it.
    var removesRecord: Bool { true }
    /// «bórralo, eso no lo acordamos todavía» right after a save: the reason said is the motivo.
    var reasonSlot: String? { "motivo" }
    /// «¿Lo borro?» — «no», «mejor no»: nothing is deleted and it stays as it was (issue 12: it
    /// asked the field again, as if something else were to be deleted).
    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    /// «deshacer» right after deleting a member, result, reflection, poll or meeting: it comes back (qa30).
    func undo(_ record: String, context: EngineContext) -> Undo? { RestaurarRegistroFlow.undo(after: record, context: context) }

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.meetings.isEmpty, s.reflections.isEmpty, s.polls.isEmpty, s.members.isEmpty, s.results.isEmpty,
              s.diagnoses.isEmpty else { return nil }
        return "No hay encuentros, reflexiones, sondeos, miembros, resultados ni diagnósticos que borrar."
    }

    /// `claim` needs one of these (`ClaimCues`): A verb of deleting (as `BorrarFlow`).
    /// Or the network named by a member who left it («Rodrigo se fue de la red»).
    func claimCues(_ flow: FlowDefinition) -> ClaimCues {
        BorrarFlow().claimCues(flow).or(ClaimCues(words: Array(Self.takeOutForms) + Array(Self.groupWords)))
    }

    /// «saca el resultado L-2», «sácalo»: taking a record out, when the message names one.
    static let takeOutForms: Set<String> = ["saca", "sacalo", "sacala", "sacar", "sacarlo", "sacarla", "saque", "saquen", "saquemos", "sacamos"]

    /// «se agregó una persona que no existe, "Ana Cardenas Nomas", bórrala de la red»: a word of
    /// deleting and the one record the message names, whatever else it tells (how it got there).
    /// Only what the triggers miss, and never an agreement (`BorrarFlow`).
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        if let left = Self.leftNetwork(message, context: context) { return left }
        // («nos pusimos de acuerdo», «estamos de acuerdo»: the idiom names no agreement.)
        // «saca …» counts only with the record it names (below); «saca a la Marta» is the triggers'.
        let takesOut = !t.contains(where: BorrarFlow.deleteWord) && t.contains(where: Self.takeOutForms.contains)
        guard t.contains(where: BorrarFlow.deleteWord) || takesOut, !t.indices.contains(where: { AgreementMention.nouns.contains(t[$0]) && !($0 > 0 && t[$0 - 1] == "de") }),
              !QuestionForm.asks(message), let s = context.snapshot else { return nil }
        // «anula la reunión del 23» of a series calls off that date (`SuspenderEncuentroFlow`).
        if SuspenderEncuentroFlow.annulsSeriesDate(message, context: context) { return nil }
        // What the triggers catch is theirs, unless a member is named by name: «la Teresa se cambió
        // de escuela, sácala de la red» also meets «…de la red» of the network's flows.
        let triggered = catalog.match(message.phrase).first?.flow == flow.id
        let target: RecordReference.Target
        if case .one(let named)? = RecordReference.resolve(message.clean, in: s, today: context.today, temporal: context.temporal) {
            if triggered, case .member = named {} else if triggered { return nil }
            // A member taken out («saca a la Marta de la red») stays with the triggers, as before.
            if takesOut, case .member = named { return nil }
            // «borra el 1, Teresa ya lo hizo en otra instancia»: the record is the number said after
            // the verb; the member named later is part of the reason, never what is deleted (qa19).
            if case .member = named, BorrarFlow.bareNumber(t) != nil { return nil }
            target = named
        } else if !triggered, !takesOut, let pointed = Self.pointedAt(t, in: s, context: context) {
            target = pointed
        } else if let titled = Self.meetingByTitle(t, in: s) {
            target = titled
        } else {
            return nil
        }
        return Claim(values: ["tipo": .choice(target.kind.rawValue), "registro": .text(target.reference)])
    }

    /// «Rodrigo se fue de la red, lo trasladaron», «Rodrigo Vera ya no está en la red», «la Marta
    /// dejó el microcentro»: a member who left the network, said as a fact, is taken out of it (with
    /// the review, as any deletion); the other clause, if any, is the reason. Issue 12: it was «No
    /// te entendí». Words checked first: the network's noun and a verb of leaving right before it.
    static func leftNetwork(_ message: Utterance, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard let g = t.indices.first(where: { groupWords.contains(t[$0]) }), g >= 2, !QuestionForm.asks(message) else { return nil }
        // «se fue de la red», «salió del microcentro», «dejó la red», «ya no está en la red», «ya no es parte de la red».
        // The verb close before the noun, only articles and «de», «en», «parte» between: «Luis no va
        // a la reunión de la red» is no leaving.
        guard let v = t[..<g].lastIndex(where: { !["de", "del", "en", "la", "el", "a", "al", "parte"].contains($0) }), g - v <= 4 else { return nil }
        let leaves = leaveVerbs.contains(t[v])
            || (v >= 1 && t[v - 1] == "no" && ["esta", "participa", "es", "forma", "pertenece", "sigue"].contains(t[v]))
        guard leaves, let s = context.snapshot?.live, !s.members.isEmpty else { return nil }
        // The clause that says it: the member is named there (the other clause is the reason).
        let clauses = message.clean.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        guard let said = clauses.firstIndex(where: { c in Phrase(c).tokens.contains(where: groupWords.contains) }),
              let m = EditarMiembroFlow.member(in: clauses[said], of: s) else { return nil }
        // Told as a fact, it is a departure: kept as one, not as a record erased (qa39 G14).
        var values: SlotValues = ["tipo": .choice(RecordReference.Kind.member.rawValue), "registro": .text(RecordReference.Target.member(m).reference),
                                  "salida": .text("hoy")]
        var echo: [String] = []
        var rest = clauses.enumerated().filter { $0.offset != said }.map(\.element).joined(separator: ", ")
            .trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
        // «luis dejó la red porque se cambió de comuna, …»: why, said in the same clause.
        let words = clauses[said].split(separator: " ")
        if let k = words.firstIndex(where: { ["porque", "pq", "xq"].contains(TextFold.fold(String($0))) }), k + 1 < words.count {
            let why = words[(k + 1)...].joined(separator: " ")
            rest = rest.isEmpty ? why : why + ", " + rest
        }
        // «…, lo de los libros lo toma pedro»: who takes over an open agreement of the member is
        // no reason of the departure; it is that agreement's new responsable, offered after it
        // (qa39 G14: it went into the reason and the agreement stayed with the member).
        var then: [FollowingRequest] = []
        if let (handoff, n, who) = Self.handoff(rest, leaving: m, in: s, today: context.today) {
            rest = rest.replacingOccurrences(of: handoff, with: "").trimmingCharacters(in: CharacterSet(charactersIn: " .,;"))
            then.append(FollowingRequest(flow: "editar_acuerdo", request: "el acuerdo \(n) ahora el responsable es \(who)",
                                         values: ["acuerdo": .number(Double(n)), "responsables": .list([who])]))
            // The review says it is offered next (and the save does not ask it again).
            values["salida"] = .text("hoy; \(Self.handedOn) \(n) pasa a \(who), lo confirmas después")
        }
        if Phrase(rest).tokens.count >= 2 {
            let why = rest.prefix(1).uppercased() + rest.dropFirst()
            values["motivo"] = .text(why)
            echo.append("motivo: \(why)")
        }
        return Claim(values: values, echo: echo, then: then)
    }

    /// «lo de los libros lo toma pedro», «pedro se queda con lo de los libros»: a clause of the
    /// departure's message naming another member who takes one of the leaving member's open
    /// agreements (by its words, or the only one). The clause, the agreement's number and who.
    static func handoff(_ text: String, leaving m: Member, in s: NetworkSnapshot, today: LocalDate) -> (String, Int, String)? {
        let open = s.openAgreements(on: today).filter { $0.responsables.contains(m.name) }
        guard !open.isEmpty else { return nil }
        for part in text.split(whereSeparator: { ".,;".contains($0) }) {
            let clause = String(part).trimmingCharacters(in: .whitespaces)
            let t = Phrase(clause).tokens
            guard t.contains(where: takeOverWords.contains),
                  let who = EditarMiembroFlow.member(in: clause, of: s), who.id != m.id else { continue }
            let words = Set(Phrase(clause).stems)
            let hits = open.filter { !Set(Phrase($0.text).stems).intersection(words).subtracting(Set(Phrase(who.name).stems)).isEmpty }
            guard let a = hits.count == 1 ? hits[0] : open.count == 1 ? open[0] : nil, let n = a.number else { continue }
            return (clause, n, who.name)
        }
        return nil
    }

    /// How the departure's value says an agreement is handed on («el acuerdo 2 pasa a Pedro»).
    static let handedOn = "el acuerdo"

    static let takeOverWords: WordSet = ["toma", "tomara", "asume", "asumira", "queda", "quedara", "hereda", "lleva", "llevara",
                                         "sigue", "seguira", "ve", "vera", "cargo"]

    /// How a message names the network a member leaves.
    static let groupWords: Set<String> = ["red", "microcentro"]
    /// Verbs of leaving said before it: «se fue de», «salió de», «se retiró de», «dejó».
    static let leaveVerbs: Set<String> = ["fue", "salio", "retiro", "dejo", "salieron", "fueron", "retiraron", "renuncio", "saliendo", "yendo"]

    /// «borra esa jornada», «elimina ese encuentro»: a record pointed at rather than named is the
    /// one of that kind this conversation just saved, or the only one of that kind there is.
    static func pointedAt(_ t: [String], in s: NetworkSnapshot, context: EngineContext) -> RecordReference.Target? {
        guard let i = t.indices.dropLast().first(where: { ["ese", "esa", "este", "esta"].contains(t[$0]) }),
              let kind = RecordReference.kindWords.first(where: { $0.1.contains(t[i + 1]) })?.0 else { return nil }
        if let last = context.lastSave?.record, case .one(let saved)? = RecordReference.resolve(last, in: s, today: context.today),
           saved.kind == kind {
            return saved
        }
        let all = RecordReference.records(of: kind, in: s)
        return all.count == 1 ? all[0] : nil
    }

    /// «al final no hacemos la reunión del DIA, bórrala», «la reunión del DIA elimínala»: the one
    /// meeting whose title holds a word said after «reunión» (it was read as a request to
    /// schedule a meeting «del DIA»: pass 9, 08-20).
    static func meetingByTitle(_ t: [String], in s: NetworkSnapshot) -> RecordReference.Target? {
        guard let i = t.firstIndex(where: { ["reunion", "encuentro", "jornada", "taller"].contains($0) }) else { return nil }
        let said = Set(t[(i + 1)...].filter { $0.count >= 3 && !BorrarFlow.deleteWord($0) && !["del", "los", "las", "que"].contains($0) })
        guard !said.isEmpty else { return nil }
        let hits = s.meetings.filter { m in m.deleted == nil && !Set(Phrase(m.title).tokens).isDisjoint(with: said) }
        return hits.count == 1 ? .meeting(hits[0]) : nil
    }

    /// A word that asks to remove: a delete verb, or «saca»/«saquen» (a member out of the network),
    /// after which a comma opens the reason («saca a la Marta Cid de la red, la cambiaron de deprov»).
    static func removeWord(_ w: String) -> Bool {
        BorrarFlow.deleteWord(w) || ["saca", "saque", "saquen", "saquemos", "sacamos"].contains(w)
    }

    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard let s = context.snapshot else { return Prefill() }
        // The engine may have taken the request's words as the record: only a record it names counts.
        var out = Prefill(values: ["registro": SlotValue?.none], replacesEcho: true)
        // The record the claim found stays: «el Rodrigo salió del microcentro» names no meeting.
        if let kind = run.values["tipo"], let given = run.values["registro"] {
            out.values["tipo"] = kind
            out.values["registro"] = given
        } else if let kind = RecordReference.kind(of: request) { out.values["tipo"] = .choice(kind.rawValue) }
        if (out.values["registro"] ?? nil) != nil {
        } else if case .one(let target)? = RecordReference.resolve(request, in: s, today: context.today, temporal: context.temporal) {
            out.values["tipo"] = .choice(target.kind.rawValue)
            out.values["registro"] = .text(target.reference)
        } else if let target = Self.pointedAt(Phrase(request).tokens, in: s, context: context)
                    ?? Self.meetingByTitle(Phrase(request).tokens, in: s) {
            out.values["tipo"] = .choice(target.kind.rawValue)
            out.values["registro"] = .text(target.reference)
        }
        // «borra el encuentro 3» when there is no encuentro 3: kept under a name no slot has
        // (the engine clears a slot's own partial with its value) so `beforeAsking` says so
        // above the list it offers.
        if (out.values["registro"] ?? nil) == nil, let kind = out.values["tipo"]??.textValue.flatMap(RecordReference.Kind.init),
           let n = Self.numberAfterNoun(Phrase(request).tokens, of: kind) {
            out.partials[Self.missingKey] = .text(String(n))
        }
        // «…borra esa jornada, no se va a hacer en vacaciones»: the reason said after it.
        if run.values["motivo"] == nil, out.values["registro"] != nil, let why = AgreementMention.reason(in: request, after: Self.removeWord),
           Phrase(why).tokens.count >= 2 {
            out.values["motivo"] = .text(why)
            out.echo.append("motivo: \(why)")
        } else if run.values["motivo"] == nil, out.values["registro"] != nil, let why = Self.reasonBefore(request) {
            out.values["motivo"] = .text(why)
            out.echo.append("motivo: \(why)")
        }
        return out
    }

    /// «el Hugo Barria se fue de la escuela, se jubiló, sácalo de la red»: the reason said first,
    /// before the clause that asks to remove — what is left once the capitalised name (and its
    /// article) is taken out. Nil when the request opens with the removing itself.
    static func reasonBefore(_ request: String) -> String? {
        let words = request.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        guard let verb = folded.firstIndex(where: removeWord), verb > 0,
              let cut = words[..<verb].lastIndex(where: { $0.hasSuffix(",") }) else { return nil }
        var said = Array(words[...cut])
        said[said.count - 1] = String(said[said.count - 1].dropLast())
        // The person (or record) named: capitalised words, with an article before them.
        while let first = said.first, ["el", "la", "los", "las", "oye", "ya", "y"].contains(TextFold.fold(first)) { said.removeFirst() }
        let before = said.count
        while let first = said.first, first.first?.isUppercase == true { said.removeFirst() }
        // Only after the person opening the message: «se agregó una persona que no existe, …» is
        // what went wrong, not why they leave.
        guard said.count < before, !said.joined().contains("\""), Phrase(said.joined(separator: " ")).tokens.count >= 2,
              let first = said.first else { return nil }
        said[0] = first.prefix(1).uppercased() + first.dropFirst()
        return said.joined(separator: " ")
    }

    /// «deshacer»: the record just saved, of its own kind.
    func defaults(_ run: FlowRun, context: EngineContext) -> SlotValues {
        guard run.values["tipo"] == nil, let s = context.snapshot, let text = run.values["registro"]?.textValue,
              case .one(let target)? = RecordReference.resolve(text, in: s, today: context.today) else { return [:] }
        return ["tipo": .choice(target.kind.rawValue)]
    }

    /// The records of the kind chosen, so «el 2» or «la de enero» can name one.
    func beforeAsking(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> [String] {
        guard slot.name == "registro", let s = context.snapshot, let kind = run.values["tipo"]?.textValue.flatMap(RecordReference.Kind.init) else { return [] }
        let all = RecordReference.records(of: kind, in: s)
        let missing: [String] = run.partials?[Self.missingKey]?.textValue.map { ["No encontré \(Self.singular(kind)) \($0)."] } ?? []
        guard !all.isEmpty, all.count <= 8 else { return missing }
        return missing + ["Los que hay:\n" + Self.listed(all, of: kind, in: s, today: context.today)]
    }

    /// Where `prefill` keeps the number of a record the request named that does not exist.
    static let missingKey = "registro_inexistente"

    /// «el encuentro 3», «la reflexión 12»: the number said right after a noun of `kind`.
    static func numberAfterNoun(_ t: [String], of kind: RecordReference.Kind) -> Int? {
        guard let nouns = RecordReference.kindWords.first(where: { $0.0 == kind })?.1 else { return nil }
        return t.indices.dropLast().lazy.compactMap { i in nouns.contains(t[i]) ? Int(t[i + 1]) : nil }.first
    }

    /// A kind of record named with its article («el encuentro», «la reflexión»).
    static func singular(_ kind: RecordReference.Kind) -> String {
        switch kind {
        case .meeting: "el encuentro"
        case .reflection: "la reflexión"
        case .poll: "el sondeo"
        case .member: "el miembro"
        case .result: "el resultado"
        case .diagnosis: "el diagnóstico"
        }
    }

    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        // «borra a la Carla Soto, se cambió de comuna» to «¿Qué quieres borrar?»: the record named,
        // its kind with it (cheap gate: a verb of removing, in `otherKindNamed`).
        if slot.name == "tipo", let s = context.snapshot { return Self.otherKindNamed(message, chosen: nil, run: run, in: s, context: context) }
        guard slot.name == "registro", let s = context.snapshot else { return nil }
        let kind = run.values["tipo"]?.textValue.flatMap(RecordReference.Kind.init)
        switch RecordReference.resolve(message.clean, in: s, today: context.today, kind: kind, temporal: context.temporal) {
        case .one(let target)?:
            // «saca a la Carla de la red, se fue a otra comuna» at «¿Qué borro?»: the reason too.
            var values: SlotValues = ["registro": .text(target.reference)]
            if run.values["motivo"] == nil, message.phrase.tokens.contains(where: Self.removeWord),
               let why = AgreementMention.reason(in: message.clean, after: Self.removeWord), Phrase(why).tokens.count >= 2 {
                values["motivo"] = .text(why)
                return .fill(values, remark: "Anoté: motivo: \(why).")
            }
            return .fill(values, remark: nil)
        case .several(let targets)?:
            return .reask("Hay varios que calzan:\n" + Self.listed(Array(targets.prefix(5)), of: kind, in: s, today: context.today)
                          + "\nDime cuál, con su número.")
        case nil:
            // «borra a la Carla Soto de la red, se cambió de comuna» at «¿Qué borro?» when a
            // reflection was asked for: a request to delete a record of another kind, named whole,
            // is this flow's own, for that record (qa34: «comuna» offered to change the network).
            if let other = Self.otherKindNamed(message, chosen: kind, run: run, in: s, context: context) { return other }
            // Not a record: maybe another request («agendar una reunión»); the engine decides,
            // and `validate` says it names nothing.
            return nil
        }
    }

    /// A verb of removing and the one record of another kind than `chosen` (any, when nil) the
    /// message names: that record, its kind, and the reason said after it. Nil without a verb of
    /// removing (a bare name at «¿Qué borro?» is read as before) or when it names nothing, or several.
    static func otherKindNamed(_ message: Utterance, chosen: RecordReference.Kind?, run: FlowRun, in s: NetworkSnapshot,
                               context: EngineContext) -> Reading? {
        guard message.phrase.tokens.contains(where: removeWord),
              case .one(let target)? = RecordReference.resolve(message.clean, in: s, today: context.today, temporal: context.temporal),
              target.kind != chosen else { return nil }
        var values: SlotValues = ["tipo": .choice(target.kind.rawValue), "registro": .text(target.reference)]
        var remark: String?
        if run.values["motivo"] == nil, let why = AgreementMention.reason(in: message.clean, after: removeWord), Phrase(why).tokens.count >= 2 {
            values["motivo"] = .text(why)
            remark = "Anoté: motivo: \(why)."
        }
        return .fill(values, remark: remark)
    }

    /// How a kind of record is named when there is none of it («No hay reflexiones…»).
    static func plural(_ kind: RecordReference.Kind) -> String {
        switch kind {
        case .meeting: "encuentros"
        case .reflection: "reflexiones"
        case .poll: "sondeos"
        case .member: "miembros"
        case .result: "resultados de aprendizaje"
        case .diagnosis: "diagnósticos"
        }
    }

    /// Records offered to choose from. Members have no number of their own: each is shown with
    /// their place in the network's list, the number «el 2» picks.
    static func listed(_ targets: [RecordReference.Target], of kind: RecordReference.Kind?, in s: NetworkSnapshot, today: LocalDate) -> String {
        targets.map { target in
            if case .member(let m) = target, let i = s.members.firstIndex(where: { $0.id == m.id }) { return "\(i + 1). " + target.line(today: today) }
            return "- " + target.line(today: today)
        }.joined(separator: "\n")
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        // «borra la reflexión 1» when the network has no reflection: there is nothing of that kind
        // to delete, said so, and the flow ends (qa34: it asked «¿Qué borro?», and the next request
        // said there was read as the answer).
        if slot.name == "tipo", let s = context.snapshot, let kind = value.textValue.flatMap(RecordReference.Kind.init),
           RecordReference.records(of: kind, in: s.live).isEmpty {
            return .unchanged("En la red no hay \(Self.plural(kind)) todavía, así que no hay nada de eso que borrar.")
        }
        // «sí» or «ya» answers whether to delete, not why: the reason is still to be said.
        if slot.name == "motivo", let text = value.textValue, Phrase(text).tokens.count <= 2, YesNo.parse(text) != nil {
            return .reject("Cuéntame el motivo en una frase, por ejemplo «lo anoté dos veces». Si prefieres no dejarlo, escribe «saltar».")
        }
        guard slot.name == "registro", let s = context.snapshot, let text = value.textValue else { return .accept }
        let kind = run.values["tipo"]?.textValue.flatMap(RecordReference.Kind.init)
        guard case .one(let target)? = RecordReference.resolve(text, in: s, today: context.today, kind: kind) else {
            return .reject("No encuentro «\(text)» entre los registros vigentes. Dime, por ejemplo, «el encuentro 2», «la reflexión 1», «el sondeo 1» o el nombre de la persona.")
        }
        let reference = target.reference
        let remarks = [target.line(today: context.today)] + Self.backs(target, in: s).map { p in
            "Ojo: esta reflexión respalda la práctica «\(p.practice)»\(p.id.isEmpty ? "" : " (\(p.id))"), que la red quiere institucionalizar "
                + "(\(p.state.label)). La práctica se mantiene, pero queda sin esta reflexión como respaldo."
        } + Self.actaNote(target, in: s)
        return reference == text ? .accept(remarks) : .replace(.text(reference), remarks: remarks)
    }

    /// Whether a save of `kind` with `values` deletes the record `id`: what a paused flow about
    /// that record asks (`outdated`). The review names the record with its id («…, S-1)»).
    static func removes(_ id: String, bySaving kind: String, values: SlotValues) -> Bool {
        guard kind == "record_delete", let text = values["registro"]?.textValue else { return false }
        return text.split(whereSeparator: { " (),«»".contains($0) }).contains { $0.lowercased() == id.lowercased() }
    }

    /// A meeting with an acta (who came, notes, agreements taken in it): what goes with it and
    /// what stays, said before «¿Lo borro?» — the acta is the meeting's, the agreements are
    /// records of their own and keep being followed up.
    static func actaNote(_ target: RecordReference.Target, in s: NetworkSnapshot) -> [String] {
        actaParts(target, in: s).map { [$0.line] } ?? []
    }

    /// A meeting's actas and the numbers of the agreements taken in it, with the line that says
    /// what goes and what stays; nil when it has neither (or is no meeting).
    static func actaParts(_ target: RecordReference.Target, in s: NetworkSnapshot) -> (actas: Int, agreements: [Int], line: String)? {
        guard case .meeting(let m) = target else { return nil }
        let actas = m.occurrences.values.filter { $0.status == .realizada || !$0.attendees.isEmpty || $0.notes != nil || !$0.agreements.isEmpty }
            .sorted { $0.date < $1.date }
        var linked = Set(actas.flatMap(\.agreements))
        for a in s.agreements where a.meeting == m.id && a.status != .borrado { linked.insert(a.id) }
        let agreements = s.agreements.filter { linked.contains($0.id) && $0.status != .borrado }.compactMap(\.number).sorted()
        guard !actas.isEmpty || !agreements.isEmpty else { return nil }
        var parts: [String] = []
        if actas.count == 1 {
            let a = actas[0]
            var what: [String] = []
            if !a.attendees.isEmpty { what.append(Answers.count(a.attendees.count, "asistente", "asistentes")) }
            if a.notes != nil { what.append("notas") }
            parts.append("su acta" + (what.isEmpty ? "" : " (" + SlotValue.joinSpanish(what) + ")"))
        } else if actas.count > 1 {
            parts.append("\(Answers.number(actas.count)) actas")
        }
        var line = "Ojo: este encuentro tiene " + SlotValue.joinSpanish(parts.isEmpty ? ["acuerdos tomados en él"] : parts)
        line += parts.isEmpty ? ". " : (actas.count == 1 ? ", que se borra con él. " : ", que se borran con él. ")
        if !agreements.isEmpty {
            let names = agreements.map(String.init)
            line += agreements.count == 1
                ? "El acuerdo \(names[0]), tomado en él, se mantiene: es un registro propio y sigue su seguimiento."
                : "Los acuerdos \(SlotValue.joinSpanish(names)), tomados en él, se mantienen: son registros propios y siguen su seguimiento."
        }
        return (actas.count, agreements, line.trimmingCharacters(in: .whitespaces))
    }

    /// «¿Lo borro?» for a meeting with an acta says it goes with it, and which agreements stay.
    /// A departure is confirmed as what it is, not as a deletion.
    func confirmation(_ run: FlowRun, context: EngineContext) -> String? {
        if run.values["salida"] != nil {
            return "¿Anoto que dejó la red? Queda en su archivo con la fecha y el motivo, fuera de la lista de miembros; la exportación lo muestra entre las salidas."
        }
        guard let s = context.snapshot, let text = run.values["registro"]?.textValue,
              case .one(let target)? = RecordReference.resolve(text, in: s, today: context.today),
              let (actas, agreements, _) = Self.actaParts(target, in: s) else { return nil }
        var parts: [String] = []
        parts.append(actas == 0 ? "¿Lo borro?" : actas == 1 ? "¿Lo borro con su acta?" : "¿Lo borro con sus \(Answers.number(actas)) actas?")
        parts.append("Queda en su archivo como borrado, fuera de las listas y exportaciones.")
        if !agreements.isEmpty {
            parts.append(agreements.count == 1 ? "El acuerdo \(agreements[0]) sigue vigente."
                         : "Los acuerdos \(SlotValue.joinSpanish(agreements.map(String.init))) siguen vigentes.")
        }
        return parts.joined(separator: " ")
    }

    /// The practices to institutionalise a reflection backs: deleting it leaves them without their
    /// source, which the person should know before confirming.
    static func backs(_ target: RecordReference.Target, in s: NetworkSnapshot) -> [Practice] {
        guard case .reflection(let r) = target else { return [] }
        // One only the reflection itself proposed goes with it: it backs nothing else.
        return s.institutionalPractices.filter { $0.reflection == r.id && !$0.id.isEmpty && !$0.awaitsProposal }
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let text = v["registro"]?.textValue,
              case .one(let target)? = RecordReference.resolve(text, in: snapshot.live, today: w.clock.today()) else {
            throw StoreError.notFound("ese registro")
        }
        let note = w.stamp + (user.name.map { " por \($0)" } ?? "") + (v["motivo"]?.textValue.map { ": \($0)" } ?? "")
        let id = snapshot.network.id
        switch target {
        case .meeting(let m):
            let acta = Self.actaParts(target, in: snapshot.live)
            // On the records as stored now: an acta or an answer saved meanwhile stays.
            _ = try w.store.modifyMeeting(id: m.id, network: id) { $0.deleted = note }
            // A meeting a poll chose: the poll is open again, as it was before closing it.
            if let p = snapshot.polls.first(where: { $0.meeting == m.id && $0.deleted == nil }) {
                _ = try w.store.modifyPoll(id: p.id, network: id) {
                    $0.chosen = nil
                    $0.meeting = nil
                }
                return ["id": target.id, "resumen": "borré \(target.reference) y el sondeo \(p.number ?? 0) («\(p.title)») quedó abierto otra vez."]
            }
            if let acta {
                let gone = acta.actas == 0 ? "" : acta.actas == 1 ? " con su acta" : " con sus actas"
                let kept = acta.agreements.isEmpty ? "" : acta.agreements.count == 1 ? " El acuerdo \(acta.agreements[0]) sigue vigente."
                    : " Los acuerdos \(SlotValue.joinSpanish(acta.agreements.map(String.init))) siguen vigentes."
                return ["id": target.id, "resumen": "borré \(target.reference)\(gone). Queda en su archivo, fuera de las listas y exportaciones.\(kept)"]
            }
        case .reflection(var r):
            r.deleted = note
            try w.store.updateReflection(r, network: id)
            if let p = Self.backs(target, in: snapshot.live).first {
                return ["id": target.id, "resumen": "borré \(target.reference). Queda en su archivo, fuera de las listas y exportaciones; "
                        + "la práctica «\(p.practice)» sigue, ahora sin esta reflexión como respaldo."]
            }
        case .poll(let p):
            _ = try w.store.modifyPoll(id: p.id, network: id) { $0.deleted = note }
        case .result(var l):
            l.deleted = note
            try w.store.updateResult(l, network: id)
        case .diagnosis(let d):
            // On the round as stored now: an answer saved meanwhile stays in its file.
            _ = try w.store.modifyDiagnosis(id: d.id, network: id) { $0.deleted = note }
        case .member(var m):
            let departs = v["salida"] != nil
            if departs { m.left = note } else { m.deleted = note }
            try w.store.saveMember(m, network: id)
            // Left the network: kept as a departure; what was in their hands is said, so it is
            // handed on (qa39: the member's agreement stayed with them unnoticed).
            if departs {
                // (One handed on with the departure is offered next: not asked here.)
                let offered = Set(Read.numbers(in: v["salida"]?.textValue ?? ""))
                let open = snapshot.live.openAgreements(on: w.clock.today()).filter { $0.responsables.contains(m.name) && !offered.contains($0.number ?? -1) }
                let theirs = open.map { "el acuerdo \($0.number.map(String.init) ?? $0.id) («\($0.text)»)" }
                let other = snapshot.live.members.first { $0.id != m.id && $0.name != user.name }.map(\.name) ?? "Ana"
                let handOn = open.isEmpty ? "" : " Tenía a cargo \(SlotValue.joinSpanish(theirs)): dime quién lo toma, por ejemplo «el acuerdo \(open[0].number.map(String.init) ?? "") ahora el responsable es \(other)»."
                return ["id": target.id, "resumen": "anoté que \(m.name) dejó la red. Queda en su archivo con la fecha y el motivo, fuera de la lista de miembros.\(handOn)"]
            }
            let leaderless = try MeetingInvitations.left(m.name, in: snapshot.live, with: w)
            // Who leads now is the person's to decide: said, so a coming meeting is not left
            // unled unnoticed.
            if !leaderless.isEmpty {
                let which = leaderless.map { "\($0.number.map { "\($0) " } ?? "")(«\($0.title)»)" }
                let one = leaderless.count == 1
                let other = snapshot.live.members.first { $0.id != m.id }.map { String($0.name.split(separator: " ").first ?? "") } ?? "Ana"
                let example = "«que \(other) conduzca el encuentro \(leaderless[0].number.map(String.init) ?? "")»"
                return ["id": target.id, "resumen": "borré \(target.reference). Queda en su archivo, fuera de las listas y exportaciones. "
                        + "\(m.name) conducía \(one ? "el encuentro" : "los encuentros") \(SlotValue.joinSpanish(which)): "
                        + "\(one ? "quedó" : "quedaron") sin quien \(one ? "lo" : "los") conduzca. Cuando sepan quién, dímelo, por ejemplo \(example)."]
            }
        }
        return ["id": target.id, "resumen": "borré \(target.reference). Queda en su archivo, fuera de las listas y exportaciones."]
    }
}

/// A meeting, reflection, poll or member named in words.
enum RecordReference {
    enum Target {
        case meeting(Meeting), reflection(Reflection), poll(Poll), member(Member), result(LearningResult), diagnosis(Diagnosis)

        var kind: Kind {
            switch self {
            case .meeting: .meeting
            case .reflection: .reflection
            case .poll: .poll
            case .member: .member
            case .result: .result
            case .diagnosis: .diagnosis
            }
        }

        var id: String {
            switch self {
            case .meeting(let m): m.id
            case .reflection(let r): r.id
            case .poll(let p): p.id
            case .member(let m): m.id
            case .result(let l): l.id
            case .diagnosis(let d): d.id
            }
        }

        /// How it is named back («el encuentro 2 («Consejo ampliado»)»); `resolve` reads it again.
        var reference: String {
            switch self {
            case .meeting(let m): "el encuentro \(m.number ?? 0) («\(m.title)», \(m.id))"
            case .reflection(let r): "la reflexión \(r.number ?? 0) («\(r.practice)», \(r.id))"
            case .poll(let p): "el sondeo \(p.number ?? 0) («\(p.title)», \(p.id))"
            case .member(let m): "a \(m.name) (\(m.id)) de la red"
            case .result(let l): ResultMention.reference(l)
            case .diagnosis(let d): "el diagnóstico \(d.number ?? 0) (" + (d.round.map { "ronda \($0), " } ?? "") + "\(d.id))"
            }
        }

        func line(today: LocalDate) -> String {
            switch self {
            case .meeting(let m): "Encuentro \(m.number ?? 0): «\(m.title)», \(Wording.whenText(m, today: today))."
            case .reflection(let r): "Reflexión \(r.number ?? 0): «\(r.practice)»" + (r.date.map { ", del \(SpanishFormat.date($0, today: today))" } ?? "") + "."
            case .poll(let p): "Sondeo \(p.number ?? 0): «\(p.title)», con \(p.answers.count) \(p.answers.count == 1 ? "respuesta" : "respuestas")" + (p.isOpen ? "." : ", ya cerrado.")
            case .member(let m): "\(m.name)" + ([m.role, m.school].compactMap { $0 }.isEmpty ? "" : " (" + [m.role, m.school].compactMap { $0 }.joined(separator: ", ") + ")") + "."
            case .result(let l): "Resultado \(l.number ?? 0): \(ResultMention.describe(l))."
            case .diagnosis(let d):
                "Diagnóstico \(d.number ?? 0): nivel «\(d.level.label)»" + (d.date.map { ", del \(SpanishFormat.date($0, today: today))" } ?? "")
                    + (d.responses.count > 1 ? ", con \(d.responses.count) respuestas." : ".")
            }
        }
    }

    enum Resolution { case one(Target), several([Target]) }

    enum Kind: String {
        case meeting = "encuentro", reflection = "reflexion", poll = "sondeo", member = "miembro", result = "resultado", diagnosis = "diagnostico"
    }

    /// The first kind of record `text` names, if any.
    static func kind(of text: String) -> Kind? {
        Phrase(text).tokens.lazy.compactMap { w in kindWords.first(where: { $0.1.contains(w) })?.0 }.first
    }

    /// The live records of `kind`, by number.
    static func records(of kind: Kind, in s: NetworkSnapshot) -> [Target] {
        switch kind {
        case .meeting: s.meetings.map { .meeting($0) }
        case .reflection: s.reflections.map { .reflection($0) }
        case .poll: s.polls.map { .poll($0) }
        case .member: s.members.map { .member($0) }
        case .result: s.results.map { .result($0) }
        case .diagnosis: s.diagnoses.map { .diagnosis($0) }
        }
    }

    static let kindWords: [(Kind, Set<String>)] = [
        (.meeting, ["encuentro", "encuentros", "reunion", "reuniones", "jornada", "microcentro", "taller", "consejo"]),
        (.reflection, ["reflexion", "reflexiones", "practica", "sistematizacion"]),
        (.poll, ["sondeo", "sondeos", "encuesta", "encuestas"]),
        (.member, ["miembro", "miembros", "integrante", "persona", "participante"]),
        (.result, ["resultado", "resultados", "puntaje", "puntajes"]),
        (.diagnosis, ["diagnostico", "diagnosticos", "autodiagnostico"]),
    ]

    static let pollWords: Set<String> = ["fecha", "fechas", "dia", "dias", "disponibilidad", "horario", "horarios"]

    /// Words that say what to do, not which record.
    static let requestStems: Set<String> = Set(["borrar", "borra", "elimina", "eliminar", "anular", "anula", "sacar", "saca", "quitar",
                                                "quita", "ultimo", "ultima", "primero", "primera", "registro", "numero", "porfa", "favor"]
                                               .map(Phrase.stem))

    /// The live record `text` names, several when it fits more than one, nil when none.
    static func resolve(_ text: String, in s: NetworkSnapshot, today: LocalDate, kind chosen: Kind? = nil,
                        temporal: TemporalContext? = nil) -> Resolution? {
        // «E-2», «luis-soto»: the record's own id («deshacer» and the review name it so).
        for word in text.split(whereSeparator: { " (),«»".contains($0) }).map({ $0.lowercased() }) where word.contains("-") {
            if let m = s.meetings.first(where: { $0.id.lowercased() == word }) { return .one(.meeting(m)) }
            if let r = s.reflections.first(where: { $0.id.lowercased() == word }) { return .one(.reflection(r)) }
            if let p = s.polls.first(where: { $0.id.lowercased() == word }) { return .one(.poll(p)) }
            if let m = s.members.first(where: { $0.id.lowercased() == word }) { return .one(.member(m)) }
            if let l = s.results.first(where: { $0.id.lowercased() == word }) { return .one(.result(l)) }
            if let d = s.diagnoses.first(where: { $0.id.lowercased() == word }) { return .one(.diagnosis(d)) }
        }
        let t = Phrase(text).tokens
        // The first kind said is the record's: «el sondeo de la jornada» is a poll.
        let kind: Kind? = Self.kind(of: text) ?? chosen
        // A result by what it is of («el resultado de matemática», «el de 4to lenguaje»).
        if kind == .result {
            if let n = SeguimientoFlow.referenceNumbers(t.map { w in kindWords.contains { $0.1.contains(w) } ? "n" : w }).first {
                return s.results.first { $0.number == n }.map { .one(.result($0)) }
            }
            let found = ResultMention.candidates(text, in: s)
            if found.count == 1 { return .one(.result(found[0])) }
            return found.isEmpty ? nil : .several(found.map { .result($0) })
        }
        // A member by name: «borra a Luis Soto», «saca a la Marta de la red».
        let people = s.members.filter { m in
            let parts = Phrase(m.name).tokens
            return parts.count >= 1 && t.contains(parts[0]) && (parts.count == 1 || t.contains(parts[parts.count - 1]) || kind == .member || kind == nil)
        }
        if kind == nil || kind == .member, people.count == 1 { return .one(.member(people[0])) }
        // «Ana Cardenas Nomas» names that member whole, and «Ana Cardenas» only in part: the
        // longest name said in full is the one meant.
        let whole = people.filter { Phrase($0.name).tokens.allSatisfy(t.contains) }
        let longest = whole.map { Phrase($0.name).tokens.count }.max()
        let best = whole.filter { Phrase($0.name).tokens.count == longest }
        if kind == nil || kind == .member, best.count == 1 { return .one(.member(best[0])) }
        if kind == .member, people.count > 1 { return .several(people.map { .member($0) }) }
        // «el 2», «la 3»: a member by their number in the list shown (members have no number of their own).
        if kind == .member, people.isEmpty, let n = SeguimientoFlow.referenceNumbers(t.map { w in kindWords.contains { $0.1.contains(w) } ? "n" : w }).first {
            let all = s.members
            return all.indices.contains(n - 1) ? .one(.member(all[n - 1])) : nil
        }
        var pool: [(Target, Int?, String)] = []
        if kind == nil || kind == .meeting { pool += s.meetings.map { (.meeting($0), $0.number, $0.title) } }
        if kind == nil || kind == .reflection { pool += s.reflections.map { (.reflection($0), $0.number, $0.practice + " " + ($0.whatHappened ?? "")) } }
        if kind == nil || kind == .poll { pool += s.polls.map { (.poll($0), $0.number, $0.title) } }
        // «borra el diagnóstico», «el diagnóstico 2», «el último diagnóstico»: only by its noun.
        if kind == .diagnosis { pool = s.diagnoses.map { (.diagnosis($0), $0.number, "") } }
        // «la de planificación del 7 de enero bórrala»: the record's noun left out.
        if kind == nil, pointsWithoutNoun(t) { return elided(text, pool: pool, in: s, temporal: temporal) }
        guard kind != nil else { return nil }
        // By its day: «la reunión del 10», «el encuentro del jueves».
        if kind == .meeting, let temporal, let m = TemporalParser.parse(text, context: temporal), case .date(let d) = m.value {
            let that = s.meetings.filter { $0.isScheduled(on: d) }
            if that.count == 1 { return .one(.meeting(that[0])) }
            if that.count > 1 { return .several(that.map { .meeting($0) }) }
        }
        // By number: «el encuentro 2», «sondeo 1», «la 3».
        if let n = SeguimientoFlow.referenceNumbers(t.map { w in kindWords.contains { $0.1.contains(w) } ? "n" : w }).first {
            return pool.first(where: { $0.1 == n }).map { .one($0.0) }
        }
        // By position: «la última reflexión».
        if t.contains(where: { ["ultimo", "ultima", "reciente"].contains($0) }), let last = pool.max(by: { ($0.1 ?? 0) < ($1.1 ?? 0) }) {
            return .one(last.0)
        }
        if t.contains(where: { ["primero", "primera", "primer"].contains($0) }), let first = pool.min(by: { ($0.1 ?? 0) < ($1.1 ?? 0) }) {
            return .one(first.0)
        }
        // By content: «el sondeo de la fecha de la jornada».
        // The kind's own words say what it is, not which one («la jornada» may name a poll).
        // A poll is always about a date: «el sondeo de la fecha» says no more than «el sondeo».
        let ownWords = Set((kindWords.filter { $0.0 == kind }.flatMap(\.1) + (kind == .poll ? pollWords : [])).map(Phrase.stem))
        let words = Set(Phrase(text).stems.filter { $0.count >= 4 && !requestStems.contains($0) && !ownWords.contains($0) })
        let scored = pool.map { ($0.0, Set(Phrase($0.2).stems).intersection(words).count) }.filter { $0.1 > 0 }
        if let best = scored.map(\.1).max() {
            let top = scored.filter { $0.1 == best }.map(\.0)
            return top.count == 1 ? .one(top[0]) : .several(top)
        }
        // «borra el sondeo» with only one of them (and nothing else said); with several, which.
        guard words.isEmpty, !pool.isEmpty else { return nil }
        return pool.count == 1 ? .one(pool[0].0) : .several(pool.map(\.0))
    }

    /// «la de planificación», «el del 7 de enero», «lo del transporte»: a record pointed at by an
    /// article and «de» with its noun left out (said of whatever the person has in mind).
    static func pointsWithoutNoun(_ t: [String]) -> Bool {
        t.indices.dropLast().contains { ["el", "la", "lo"].contains(t[$0]) && ["de", "del"].contains(t[$0 + 1]) }
    }

    /// The one record a reference without its noun names: a meeting on the day it says, or the
    /// record whose words it says, as long as no agreement has them as well (then it is not clear
    /// which, and nothing is named).
    static func elided(_ text: String, pool: [(Target, Int?, String)], in s: NetworkSnapshot, temporal: TemporalContext?) -> Resolution? {
        if let temporal, let m = TemporalParser.parse(text, context: temporal), case .date(let d) = m.value {
            let that = s.meetings.filter { $0.isScheduled(on: d) }
            if that.count == 1 { return .one(.meeting(that[0])) }
        }
        let words = Set(Phrase(text).stems.filter { $0.count >= 4 && !requestStems.contains($0) })
        let scored = pool.map { ($0.0, Set(Phrase($0.2).stems).intersection(words).count) }.filter { $0.1 > 0 }
        guard let best = scored.map(\.1).max() else { return nil }
        let top = scored.filter { $0.1 == best }.map(\.0)
        guard top.count == 1, !s.agreements.contains(where: { $0.status != .borrado && Set(Phrase($0.text).stems).intersection(words).count >= best }) else { return nil }
        return .one(top[0])
    }
}
