import Understanding

extension DialogEngine {
    /// What «ayuda» at the menu says: every flow a person can start (none hidden), from the
    /// catalog, grouped by what it keeps, each by one of its own requests — short enough for a
    /// phone. A flow added to `dialogs/` shows up by itself (in its group by its title's words,
    /// or among «Otras cosas»).
    func helpList() -> String {
        var groups: [(name: String, examples: [String])] = Self.helpGroups.map { ($0.name, []) } + [("Otras cosas", [])]
        // The menu's flows first in their group: what most people come for.
        let flows = catalog.flows.filter { !$0.hidden && $0.inMenu } + catalog.flows.filter { !$0.hidden && !$0.inMenu }
        for flow in flows {
            let title = TextFold.fold(flow.title)
            let words = Set(title.split(separator: " ").map(String.init))
            let k = Self.helpGroups.firstIndex { g in g.words.contains { words.contains($0) || ($0.contains(" ") && title.contains($0)) } }
                ?? groups.count - 1
            groups[k].examples.append("«\(Self.helpExample(flow))»")
        }
        var lines = ["Puedo ayudarte con todo esto; escríbelo con tus palabras:"]
        // Shown with removing and bringing back last (matched first, see `helpGroups`).
        let shown = groups.dropFirst() + groups.prefix(1)
        for g in shown where !g.examples.isEmpty {
            lines.append("• \(g.name): " + g.examples.joined(separator: ", ") + ".")
        }
        lines.append("Y en cualquier momento: «deshacer» lo último que guardé, «cancelar» lo que estamos haciendo, o «ayuda» en una pregunta para que te la explique.")
        return lines.joined(separator: "\n")
    }

    /// One request that starts `flow`: its title when a trigger says it too, else its first
    /// trigger of two words or more that does not stop at a preposition («cambiar el teléfono
    /// de»), else its title.
    static func helpExample(_ flow: FlowDefinition) -> String {
        let title = flow.title.prefix(1).lowercased() + flow.title.dropFirst()
        let folded = TextFold.fold(flow.title)
        if flow.triggers.contains(where: { TextFold.fold($0) == folded }) { return title }
        let open: Set<String> = ["de", "del", "a", "al", "con", "para", "en", "que", "la", "el"]
        return flow.triggers.first { t in
            let words = t.split(separator: " ").map { TextFold.fold(String($0)) }
            return words.count >= 2 && !open.contains(words[words.count - 1])
        } ?? title
    }

    /// The groups of the help, in order; a flow goes to the first whose words its title has.
    /// Removing and bringing back first: those titles name the records they act on.
    static let helpGroups: [(name: String, words: [String])] = [
        ("Borrar y recuperar", ["borrar", "sacar", "recuperar", "volver a poner"]),
        ("Acuerdos", ["acuerdo"]),
        ("Encuentros y actas", ["encuentro", "acta"]),
        ("Sondeos", ["sondeo", "disponibilidad"]),
        ("Normas y decisiones", ["norma", "normas", "decision"]),
        ("Miembros", ["miembro", "personas"]),
        ("Organizaciones del territorio", ["organizacion", "organizaciones"]),
        ("Propósito y metas", ["proposito", "objetivo", "objetivos", "meta", "metas", "indicador"]),
        ("Resultados de aprendizaje", ["resultado"]),
        ("Reflexiones y prácticas", ["reflexion", "reflexionar", "practica"]),
        ("La red y su diagnóstico", ["red", "diagnostico"]),
    ]

    /// At a review, «¿qué pongo aquí?», «ayuda»: what the summary is for and how to answer it —
    /// save, change a field by its number or by saying it, or leave it unsaved.
    func reviewHelp(_ run: FlowRun, flow: FlowDefinition, context: EngineContext) -> String {
        if run.batch != nil {
            return "Es el resumen de lo que anotamos, antes de guardarlo: revisa que cada uno esté bien. Si está todo bien, responde «sí». "
                + "Para cambiar algo, dime en cuál y qué, por ejemplo «el plazo del 2 es el viernes»; «saca el 2» lo deja fuera. "
                + "Si prefieres no guardar nada, escribe «cancelar»."
        }
        let fields = editable(run, flow: flow)
        let pick = fields.count >= 2 ? 2 : 1
        let example = fields.indices.contains(pick - 1) ? " (por ejemplo «\(pick)» para \(fields[pick - 1].label.lowercased()))" : ""
        return "Es el resumen de lo que anotamos, antes de guardarlo: revisa que cada dato esté bien. Si está todo bien, responde «sí». "
            + "Para cambiar un dato, dime su número\(example) o dímelo con el valor nuevo. Si prefieres no guardarlo, escribe «cancelar»."
    }
}
