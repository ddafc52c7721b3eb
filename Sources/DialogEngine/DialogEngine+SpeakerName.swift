import Understanding

/// «yo, la tía Carmen y el Luis» in a people answer from a message that came without the writer's
/// name (a bridge that sends none): Minga asks «¿Cómo te llamas?» once, keeps the name for the
/// session (`Effect.learnedName`) and reads the answer again with it (qa21 I: it was refused, and
/// before that a member «Yo» was added).
extension DialogEngine {
    /// Whether a people answer says the writer («yo», «yo misma», «a mí») while the name is unknown.
    static func saysSelfWithoutName(_ clean: String, phrase: Phrase, slot: SlotDefinition, context: EngineContext) -> Bool {
        guard context.userName == nil, slot.type == .people || slot.type == .person,
              phrase.tokens.contains(where: { $0 == "yo" || $0 == "mi" }) else { return false }
        return PeopleParser.split(clean).contains { SlotParser.firstPerson.contains(TextFold.fold($0)) }
            || phrase.tokens.first == "yo"
    }

    /// The name said in reply to «¿Cómo te llamas?» («Rosa Catrilaf», «me llamo Rosa», «soy la
    /// Rosa Catrilaf»), written as names are; nil when the reply says no name.
    static func saidName(_ clean: String) -> String? {
        var words = TextFold.spaceSeparated(clean).map { String($0).trimmingCharacters(in: .punctuationCharacters) }.filter { !$0.isEmpty }
        let leads: [[String]] = [["me", "llamo"], ["mi", "nombre", "es"], ["yo", "soy"], ["soy"], ["yo", "me", "llamo"]]
        if let lead = leads.first(where: { l in words.count > l.count && words.prefix(l.count).map(TextFold.fold) == l }) {
            words.removeFirst(lead.count)
        }
        if let f = words.first, ["la", "el"].contains(TextFold.fold(f)), words.count >= 2 { words.removeFirst() }
        while let l = words.last, ["po", "nomas", "gracias"].contains(TextFold.fold(l)) { words.removeLast() }
        guard (1...4).contains(words.count), words.allSatisfy({ $0.allSatisfy { $0.isLetter || $0 == "'" || $0 == "-" } }) else { return nil }
        let name = words.joined(separator: " ")
        guard !SlotParser.firstPerson.contains(TextFold.fold(name)), YesNo.parse(name) == nil, PeopleParser.looksLikeName(name) else { return nil }
        return SpanishFormat.properName(name)
    }

    static let askNameLine = "Todavía no sé cómo te llamas, y así te anoto con tu nombre: ¿cómo te llamas?"
}
