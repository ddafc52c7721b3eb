import Understanding

/// «quiero escribir mi apropiación del propósito» at «¿Otro objetivo?»: a want and a verb ask to
/// do something else; when another flow's request is what they ask, it is offered (it was stored
/// as the next objective).
extension DialogEngine {
    /// The flow asked for by a message that opens with a want («quiero», «necesito»…) and a verb in
    /// the infinitive, when that flow is not `id` and its request phrase meets the words after the
    /// want; nil otherwise (an answer that opens so, «quiero destacar…», meets no other request).
    func wantedOtherFlow(_ phrase: Phrase, excluding id: String) -> String? {
        let t = phrase.tokens, c = phrase.classes
        // Cheap first: the first word's bits (most answers open with no want).
        guard t.count >= 3, c[0].contains(.want) else { return nil }
        // «oye quiero…», «y necesito…» reach here only by their first word: the want opens it.
        guard Self.isInfinitive(t[1]), !Self.wantedKeepers.contains(t[1]) else { return nil }
        // What is asked, with its verb and without it («escribir mi apropiación…», «mi apropiación…»):
        // a flow whose request phrase opens it, else the best other flow its own words meet (this
        // flow's request phrase may meet them too: «escribir…»), never by the verb alone.
        for asked in [Phrase(t.dropFirst().joined(separator: " ")), Phrase(t.dropFirst(2).joined(separator: " "))] where asked.tokens.count >= 2 {
            if let opened = openedFlow(asked, excluding: id) { return opened.id }
        }
        let asked = Phrase(t.dropFirst().joined(separator: " "))
        let words = asked.tokens.indices.dropFirst()
        // This flow's own request said again («quiero registrar otro acuerdo, …» at an agreement's
        // question) is another record of this kind (`ownRequestAgain`), never a neighbour's flow.
        let matches = catalog.match(asked).filter { $0.score >= 0.5 && words.contains(where: $0.uses(token:)) }
        guard let best = matches.first, best.flow != id else { return nil }
        return best.flow
    }

    /// Verbs after a want that say how the answer goes on, never another request
    /// («quiero agregar otro», «quiero cambiar el anterior»: this list's own edits).
    static let wantedKeepers: WordSet = ["agregar", "cambiar", "corregir", "sacar", "quitar", "borrar", "decir", "poner", "terminar", "seguir", "volver"]
}
