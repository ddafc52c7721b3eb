import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/borrar.yaml`: an agreement registered by mistake is marked «borrado», never erased;
/// the reason goes to its history. Named by number, content or position, like a follow-up.
struct BorrarFlow: MingaFlow {
    let id = "borrar"
    let saveKind: String? = "agreement_delete"
    let slotNames = ["acuerdo", "motivo"]
    /// Its save takes a record out: «vuelve a ponerlo» right after it undoes it.
    var removesRecord: Bool { true }
    /// «bórralo, eso no lo acordamos todavía» right after a save: the reason said is the motivo.
    var reasonSlot: String? { "motivo" }

    /// «¿Lo borro?» — «no»: it stays as it was (it asked which agreement to delete, or what to
    /// change, when the review showed one field or two).
    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, !s.agreements.contains(where: { $0.status != .borrado }) else { return nil }
        return "No hay acuerdos que borrar."
    }

    /// `claim` needs one of these (`ClaimCues`): A verb of deleting.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: Array(Self.deleteForms), prefixes: ["borr", "elimin", "anul", "descart", "quit"]) }

    /// «el acuerdo del taller de mediación hay que borrarlo, la OPD no pudo y se descartó»: an
    /// agreement named and a word of deleting it, with the reason when one follows. Deleting
    /// keeps it in its history as borrado (what «se descartó» means for the network), confirmed.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        // «borra el acuerdo 2» is already this flow's by its trigger: only what the trigger misses.
        guard t.contains(where: Self.deleteWord), !QuestionForm.asks(message), let s = context.snapshot else { return nil }
        let a: Agreement
        if catalog.match(message.phrase).first?.flow != flow.id, let named = AgreementMention.find(message.clean, in: s, context: context) {
            a = named
        } else if let pointed = Self.pointedWithoutNoun(message, in: s, context: context) {
            // «lo del transporte hay que borrarlo», «borra el del transporte»: no «acuerdo» said (the
            // deleting flows tied on the verb alone, or none took it).
            a = pointed
        } else if let n = Self.bareNumber(t), let last = context.lastSave?.record, last.hasPrefix("A-"),
                  let numbered = s.agreement(number: n) {
            // «ahora sí borra el 1, Teresa ya lo hizo…» right after an agreement was saved, changed
            // or deleted: «el 1» is that kind of record, the agreement 1 (qa19: the member Teresa
            // named in the reason was offered for deleting; without a name, it was not understood).
            a = numbered
        } else {
            return nil
        }
        guard a.status != .borrado, let n = a.number else { return nil }
        var values: SlotValues = ["acuerdo": .number(Double(n))]
        var echo: [String] = []
        if let why = AgreementMention.reason(in: message.clean, after: Self.deleteWord) {
            values["motivo"] = .text(why)
            echo.append("motivo: \(why)")
        }
        return Claim(values: values, echo: echo)
    }

    /// The one agreement «lo del …», «el de …» names by its words, when no other record (a
    /// meeting, a reflection, a poll, a member) is named too.
    static func pointedWithoutNoun(_ message: Utterance, in s: NetworkSnapshot, context: EngineContext) -> Agreement? {
        let t = message.phrase.tokens
        guard RecordReference.pointsWithoutNoun(t), !t.contains(where: AgreementMention.nouns.contains),
              RecordReference.kind(of: message.clean) == nil,
              RecordReference.resolve(message.clean, in: s, today: context.today, temporal: context.temporal) == nil else { return nil }
        let named = AgreementReference.named(message.clean, in: s, context: context)
        return named.count == 1 ? named[0] : nil
    }

    /// «borra el 1», «elimina la 3», «borra el número 2»: the number said right after the verb of
    /// deleting with no noun (what it is the number of is left to what was being done).
    static func bareNumber(_ t: [String]) -> Int? {
        guard let i = t.firstIndex(where: deleteWord) else { return nil }
        var j = i + 1
        while j < t.count, ["el", "la", "lo", "numero", "n", "nro", "ahora", "si"].contains(t[j]) { j += 1 }
        guard j < t.count, let n = Int(t[j]), n > 0 else { return nil }
        // «borra el 1 de diciembre»: a date, not a record's number.
        if j + 1 < t.count, ["de", "del"].contains(t[j + 1]) { return nil }
        return n
    }

    /// «borrar», «bórralo», «eliminarlo», «hay que sacarlo», «se descartó», «anúlalo».
    static func deleteWord(_ w: String) -> Bool {
        // Asked of every word of every message at the menu (by three flows): a folded (ASCII)
        // word is read on bytes; only other text compares Characters.
        if w.utf8.allSatisfy({ $0 < 0x80 }) {
            return (deletePrefixes.opens(w) && !notDeleting.contains(w)) || deleteForms.contains(w)
        }
        return (["borr", "elimin", "anul", "descart", "quit"].contains { w.hasPrefix($0) } && !notDeleting.contains(w)) || deleteForms.contains(w)
    }

    /// «borra»/«borrar»/«eliminar» read by their opening: true for a word of erasing, false for a
    /// noun that only shares it — «el borrador del protocolo» is a draft, not a request to delete.
    static func erases(_ w: String) -> Bool {
        (w.hasPrefix("borr") || w.hasPrefix("elimin")) && !notDeleting.contains(w)
    }

    /// Words that open like a verb of deleting but name a thing: a draft (what agreements most
    /// often deliver), something blurred.
    static let notDeleting: WordSet = ["borrador", "borradores", "borradora", "borradoras", "borroso", "borrosa", "borrosos", "borrosas"]

    static let deletePrefixes = WordPrefixes(["borr", "elimin", "anul", "descart", "quit"])
    static let deleteForms: WordSet = ["sacar", "sacarlo", "sacalo", "sacala", "sacarla"]

    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        var values: [String: SlotValue?] = [:]
        var echo: [String] = []
        // «borra el acuerdo 1, ese ya no va»: the reason is what follows the comma, not the words
        // left over from naming the agreement («1, ese ya no va»).
        if case .text(let taken)? = run.values["motivo"], let why = AgreementMention.reason(in: request, after: Self.deleteWord),
           why != taken {
            values["motivo"] = .text(why)
            echo.append("motivo: \(why)")
        }
        if run.values["acuerdo"] == nil, let s = context.snapshot {
            let named = AgreementReference.named(request, in: s, context: context)
            if named.count == 1, let n = named[0].number { values["acuerdo"] = .number(Double(n)) }
        }
        return Prefill(values: values, echo: echo)
    }

    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        SeguimientoFlow().interpret(message, slot: slot, run: run, context: context)
    }

    /// Several agreements saved together and undone together: the reason is asked of them all.
    func question(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> String? {
        guard slot.name == "motivo", case .list? = run.values["acuerdo"] else { return nil }
        return "¿Por qué los borramos? Una frase basta (o «saltar»)."
    }

    /// Several agreements undone together: «¿Los borro?», not «¿Lo borro?».
    func confirmation(_ run: FlowRun, context: EngineContext) -> String? {
        guard case .list? = run.values["acuerdo"] else { return nil }
        return "¿Los borro? Quedan en el historial como borrados."
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "acuerdo", let s = context.snapshot else { return .accept }
        // «deshacer» after several agreements saved together: all of them.
        if case .list(let said) = value {
            let found = said.compactMap { Read.numbers(in: $0).first.flatMap { n in s.agreement(number: n).map { (n, $0) } } }
            guard found.count == said.count, found.allSatisfy({ $0.1.status != .borrado }) else {
                return .reject("No encuentro esos acuerdos entre los vigentes.")
            }
            return .replace(.list(found.map { "\($0.0) («\($0.1.text)»)" }),
                            remarks: ["Son los \(found.count) acuerdos que acabas de registrar: los borro juntos."])
        }
        // «borra el 3» when it was already deleted (a restore refused with «no, si era para
        // borrarlo»): said so, not that it does not exist.
        if let n = Read.int(value), let a = s.agreement(number: n), a.status == .borrado {
            return .reject("El acuerdo \(n) ya está borrado: queda en su historial, fuera de las listas. Si quieres borrar otro, dime su número (o «cancelar»).")
        }
        guard let n = Read.int(value), let a = s.agreement(number: n), a.status != .borrado else {
            return .reject("No encuentro el acuerdo \(Read.int(value).map(String.init) ?? "") entre los vigentes.")
        }
        guard case .number = value else { return .accept }
        return .replace(.text("\(n) («\(a.text)»)"), remarks: [Wording.agreementLine(a, today: context.today)])
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let reason = v["motivo"]?.textValue
        if case .list(let said)? = v["acuerdo"] {
            var gone: [String] = []
            for n in said.compactMap({ Read.numbers(in: $0).first }) {
                guard let seen = snapshot.agreement(number: n) else { continue }
                let change = Agreement.Change(at: w.stamp, status: .borrado, note: "borrado" + (user.name.map { " por \($0)" } ?? "") + (reason.map { ": \($0)" } ?? ""))
                _ = try w.store.modifyAgreement(id: seen.id, network: snapshot.network.id) {
                    $0.status = .borrado
                    $0.history.append(change)
                }
                gone.append(String(n))
            }
            return ["id": said.first ?? "", "numero": gone.joined(separator: ", "),
                    "resumen": "borré los acuerdos \(SlotValue.joinSpanish(gone)). Quedan en su historial, fuera de las listas."]
        }
        guard let n = v["acuerdo"].flatMap(Read.int), let seen = snapshot.agreement(number: n) else { throw StoreError.notFound("ese acuerdo") }
        let change = Agreement.Change(at: w.stamp, status: .borrado, note: "borrado" + (user.name.map { " por \($0)" } ?? "") + (reason.map { ": \($0)" } ?? ""))
        // On the agreement as stored now: a follow-up saved meanwhile stays in its history.
        let a = try w.store.modifyAgreement(id: seen.id, network: snapshot.network.id) {
            $0.status = .borrado
            $0.history.append(change)
        }
        var resumen = "borré el acuerdo \(n) («\(a.text)»). Queda en su historial, fuera de las listas."
        // «deshaz eso, me equivoqué de persona»: the same agreement with the right person is
        // offered, as a facilitator would («era de Marta» records it again: `AcuerdoFlow.redoClaim`).
        if let reason, Self.wrongPerson(reason), !a.responsables.isEmpty,
           let other = snapshot.members.first(where: { !$0.isOut && !a.responsables.contains($0.name) && $0.name != user.name }),
           let first = other.name.split(separator: " ").first {
            resumen += " Si era de otra persona, dime de quién (por ejemplo «era de \(first)») y lo anoto de nuevo con los mismos datos."
        }
        return ["id": a.id, "numero": String(n), "resumen": resumen]
            .merging(RestaurarAcuerdoFlow.before(seen)) { a, _ in a }
    }

    /// A reason that says the mistake was who holds it («me equivoqué de persona», «no era el
    /// responsable», «era otra persona»).
    static func wrongPerson(_ reason: String) -> Bool {
        Phrase(reason).tokens.contains { ["persona", "responsable", "responsables", "encargado", "encargada"].contains($0) }
    }

    /// «deshacer» right after deleting one agreement: it comes back as it was.
    func undo(_ record: String, context: EngineContext) -> Undo? {
        RestaurarAcuerdoFlow.undo(after: context.lastSave?.before)
    }

    /// «chuta me equivoqué, era el 1 el q había q borrar, no el 2» right after deleting agreement
    /// 2 (qa19 p5: not understood; «deshacer» and a new request were needed): the deleted one
    /// comes back (confirmed as «deshacer» is) and then the one named is offered for deleting.
    /// Only a message saying it was a mistake and naming one other agreement still open.
    func insteadOfLast(_ message: Utterance, record: String, context: EngineContext) -> FollowingRequest? {
        let t = message.phrase.tokens
        guard t.count <= 20, t.contains(where: Self.mistakeWords.contains), !message.questionMarked,
              let deleted = context.lastSave?.before?["numero"].flatMap({ Int($0) }) ?? Int(record.filter(\.isNumber)) else { return nil }
        let numbers = t.compactMap { Int($0) }
        guard let right = numbers.first(where: { $0 != deleted }), numbers.allSatisfy({ $0 == right || $0 == deleted }),
              let a = context.snapshot?.agreement(number: right), a.status != .borrado else { return nil }
        return FollowingRequest(flow: id, request: "borrar el acuerdo \(right)", values: ["acuerdo": .number(Double(right))])
    }

    static let mistakeWords: WordSet = ["equivoque", "equivoco", "equivocado", "equivocada", "confundi", "error", "era"]
}
