import Understanding

/// At a review («Revisemos: 1. … 2. …»), a field named by its number or its label together with
/// what is wrong or the new value: «el 1 quedó raro, es: cada escuela sube…», «el 8 está malo»,
/// «acuerdo: …». The number points at the review's line, never at a date («el 1»).
extension DialogEngine {
    /// The field the message names and the value after its colon, if it says one.
    func reviewFix(_ clean: String, run: FlowRun, flow: FlowDefinition) -> (slot: SlotDefinition, value: String?)? {
        let fields = editable(run, flow: flow)
        guard !fields.isEmpty else { return nil }
        var head = clean, value: String?
        if let colon = clean.firstIndex(of: ":") {
            head = String(clean[..<colon])
            let after = clean[clean.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            value = after.isEmpty ? nil : after
        }
        let t = Phrase(head).tokens
        guard !t.isEmpty, t.count <= 8 else { return nil }
        var field: SlotDefinition?
        // «el 1», «1», «el dato 2», «el punto 3»: a number early in the head is the line.
        if let i = t.prefix(3).firstIndex(where: { Int($0) != nil }), let n = Int(t[i]), fields.indices.contains(n - 1),
           t[..<i].allSatisfy({ ["el", "la", "lo", "dato", "punto", "numero", "n", "en"].contains($0) }) {
            field = fields[n - 1]
        } else if value != nil || t.contains(where: Self.reviewComplaints.contains) {
            // «acuerdo: …», «la evidencia quedó mala»: a field by its label.
            field = fields.first { slot in
                ([slot.name, slot.label] + slot.aliases).contains { name in
                    let words = Phrase(name).tokens
                    return !words.isEmpty && words.allSatisfy { w in t.contains { Phrase.similar(Phrase.stem(w), Phrase.stem($0)) } }
                }
            }
        }
        guard let field else { return nil }
        // Without a value, the message must say that line is wrong («quedó raro», «está malo»).
        guard value != nil || t.contains(where: Self.reviewComplaints.contains) else { return nil }
        return (field, value)
    }

    /// Carries out `reviewFix`: the value said replaces the field's, or the field is asked again.
    func applyReviewFix(_ fix: (slot: SlotDefinition, value: String?), run: FlowRun, flow: FlowDefinition,
                        state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        var r = run
        r.values[fix.slot.name] = nil
        r.phase = .asking(fix.slot.name)
        r.returnToConfirm = true
        r.misses = 0
        state.current = r
        guard let value = fix.value else {
            out.append(.say(question(fix.slot, run: r, context: context)))
            return
        }
        out.append(.say("Corregido."))
        answer(value, slot: fix.slot, run: r, flow: flow, state: &state, context: context, out: &out)
    }

    static let reviewComplaints: WordSet = ["mal", "malo", "mala", "raro", "rara", "equivocado", "equivocada", "incorrecto",
                                                "incorrecta", "errado", "errada", "cambiar", "cambia", "corregir", "corrige", "arreglar"]
}
