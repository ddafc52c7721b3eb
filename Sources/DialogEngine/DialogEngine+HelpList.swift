import Understanding

extension DialogEngine {
    /// What «ayuda» at the menu says, short enough for a phone: the groups most people come
    /// for, each by one request of its first flow (the menu's flows first), then the other groups
    /// in one line, and how to see all of one («ayuda encuentros»: `helpTopic`). Built from the
    /// catalog: a flow added to `dialogs/` shows up by itself (in its group by its title's words,
    /// or among «Otras cosas»).
    func helpList() -> String {
        let groups = helpExamples()
        var lines = ["Puedo ayudarte con esto; escríbelo con tus palabras:"]
        var others: [String] = []
        // Removing and bringing back last (matched first, see `helpGroups`).
        for k in groups.indices.dropFirst() + [0] where !groups[k].examples.isEmpty {
            let g = groups[k]
            if k < Self.helpGroups.count, Self.helpGroups[k].main {
                lines.append("• \(g.name): \(g.examples[0]).")
            } else {
                others.append(g.name.prefix(1).lowercased() + g.name.dropFirst())
            }
        }
        // (Semicolons: the groups' names have their own «y».)
        if !others.isEmpty { lines.append("Y también: " + others.joined(separator: "; ") + ".") }
        lines.append("Para ver todo lo de un tema, escribe «ayuda» y el tema, por ejemplo «ayuda encuentros». "
            + "En cualquier momento: «deshacer» lo último que guardé o «cancelar» lo que estamos haciendo.")
        return lines.joined(separator: "\n")
    }

    /// «ayuda encuentros», «ayuda con los sondeos»: every request of that group, one a line.
    func helpTopicList(_ k: Int) -> String {
        let groups = helpExamples()
        guard groups.indices.contains(k) else { return helpList() }
        let g = groups[k]
        let topic = g.name.prefix(1).lowercased() + g.name.dropFirst()
        return "Sobre \(topic) puedo ayudarte con esto; escríbelo con tus palabras:\n" + g.examples.map { "• \($0)" }.joined(separator: "\n")
    }

    /// Every group of the help (`helpGroups` in order, then «Otras cosas») with its flows'
    /// requests, the menu's flows first in their group: what most people come for.
    func helpExamples() -> [(name: String, examples: [String])] {
        var groups: [(name: String, examples: [String])] = Self.helpGroups.map { ($0.name, []) } + [("Otras cosas", [])]
        let flows = catalog.flows.filter { !$0.hidden && $0.inMenu } + catalog.flows.filter { !$0.hidden && !$0.inMenu }
        for flow in flows {
            let title = TextFold.fold(flow.title)
            let words = Set(title.split(separator: " ").map(String.init))
            let k = Self.helpGroups.firstIndex { g in g.words.contains { words.contains($0) || ($0.contains(" ") && title.contains($0)) } }
                ?? groups.count - 1
            groups[k].examples.append("«\(Self.helpExample(flow))»")
        }
        return groups
    }

    /// The group a help request names («ayuda encuentros», «ayúdame con las normas», «help
    /// sondeos»): a help word first, then only the topic's words (and articles, «con», «de»,
    /// «sobre»). Nil for any other message, and for «ayuda» alone.
    static func helpTopic(_ phrase: Phrase) -> Int? {
        let t = phrase.tokens
        guard t.count >= 2, t.count <= 6, helpOpenings.contains(t[0]) else { return nil }
        var found: Int?
        for w in t.dropFirst() where !helpTopicFillers.contains(w) {
            guard let k = helpTopicWords[w] ?? helpTopicWords[String(w.dropLast())] ?? (w.hasSuffix("es") ? helpTopicWords[String(w.dropLast(2))] : nil),
                  found == nil || found == k else { return nil }
            found = k
        }
        return found
    }

    static let helpOpenings: Set<String> = ["ayuda", "ayudame", "ayudeme", "help", "ayudanos"]
    static let helpTopicFillers: Set<String> = ["con", "de", "del", "sobre", "en", "el", "la", "los", "las", "lo", "para", "un", "una",
                                                "porfa", "por", "favor", "mas", "todo", "tema", "temas", "y", "po"]

    /// A topic's words, folded and singular, to its group: the words that put a flow in it, the
    /// words of its name, and a few more a teacher says for it.
    static let helpTopicWords: [String: Int] = {
        var map: [String: Int] = [:]
        let extra: [String: [String]] = ["Encuentros y actas": ["reunion", "jornada", "asistencia"], "Sondeos": ["encuesta", "consulta"],
                                         "Miembros": ["persona", "gente", "integrante"], "Borrar y recuperar": ["borra", "eliminar"]]
        for (k, g) in helpGroups.enumerated() {
            let named = TextFold.fold(g.name).split(separator: " ").map(String.init).filter { $0.count >= 3 && !["las", "los", "del", "sus"].contains($0) }
            for w in g.words + named + (extra[g.name] ?? []) where !w.contains(" ") {
                if map[w] == nil { map[w] = k }
                let singular = w.hasSuffix("s") ? String(w.dropLast()) : w
                if map[singular] == nil { map[singular] = k }
            }
        }
        return map
    }()

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
    /// `main`: shown in the short help with an example (the groups of the menu's flows, but the
    /// diagnosis, done once a year); the others are named in one line.
    static let helpGroups: [(name: String, words: [String], main: Bool)] = [
        ("Borrar y recuperar", ["borrar", "sacar", "recuperar", "volver a poner"], false),
        ("Acuerdos", ["acuerdo"], true),
        ("Encuentros y actas", ["encuentro", "acta"], true),
        ("Sondeos", ["sondeo", "disponibilidad"], true),
        ("Normas y decisiones", ["norma", "normas", "decision"], false),
        ("Miembros", ["miembro", "personas"], true),
        ("Organizaciones del territorio", ["organizacion", "organizaciones"], false),
        ("Propósito y metas", ["proposito", "objetivo", "objetivos", "meta", "metas", "indicador"], true),
        ("Resultados de aprendizaje", ["resultado"], false),
        ("Reflexiones y prácticas", ["reflexion", "reflexionar", "practica"], true),
        ("La red y su diagnóstico", ["red", "diagnostico"], false),
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
