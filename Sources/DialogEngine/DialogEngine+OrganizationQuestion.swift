import Domain
import Understanding

extension DialogEngine {
    /// «¿qué hacemos con la armada?», «que hacemos con el cesfam?»: a question no answer knows
    /// (its caller checks that) that names an organisation of the network by a word of its name
    /// is about that organisation: what they do together, its contact (qa22: it got the menu).
    /// Only the network's organisations are looked at, and only for such a question.
    static func namesOrganization(_ phrase: Phrase, context: EngineContext) -> Bool {
        guard let organizations = context.snapshot?.organizations, !organizations.isEmpty else { return false }
        let said = Set(phrase.tokens.filter { $0.count >= 3 && !organizationNameFiller.contains($0) })
        guard !said.isEmpty else { return false }
        return organizations.contains { o in Phrase(o.name).tokens.contains(where: said.contains) }
    }

    /// Words of an organisation's name that name no organisation by themselves.
    static let organizationNameFiller: Set<String> = [
        "del", "los", "las", "con", "para", "por", "que", "red", "programa", "centro", "oficina", "escuela", "liceo", "colegio",
        "hacemos", "hacen", "trabajamos", "nosotros", "como", "cual", "quien",
    ]
}
