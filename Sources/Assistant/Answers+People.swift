import CivilTime
import Domain
import DialogEngine
import Understanding

/// Answers about the people of the network: who they are and who knows about what.
extension Answers {
    /// The members, one line each with what helps to place them (role and school), so the list
    /// stays short even in a large network.
    static func members(_ s: NetworkSnapshot) -> [String] {
        guard !s.members.isEmpty else {
            return ["Todavía no hay miembros registrados en la red. Para sumar a alguien, escribe «nuevo miembro»."]
        }
        let shown = 12
        let lines = s.members.prefix(shown).map { m in
            "- \(m.name)" + ([m.role, m.school].compactMap { $0 }.isEmpty ? "" : " (\([m.role, m.school].compactMap { $0 }.joined(separator: ", ")))")
        }
        let more = s.members.count > shown ? "\n…y \(s.members.count - shown) más." : ""
        let head = s.members.count == 1 ? "En «\(s.network.name)» por ahora hay una persona:" : "En «\(s.network.name)» están \(s.members.count) personas:"
        return [head + "\n" + lines.joined(separator: "\n") + more]
    }

    /// The network's own data in one sentence, and how to change it.
    static func networkFacts(_ s: NetworkSnapshot) -> [String] {
        let n = s.network
        let kind = n.kind == .rme ? "una Red de Mejoramiento Escolar (RME)" : n.kind == .otra ? "una red" : "un \(n.kind.label)".replacingOccurrences(of: "un red", with: "una red")
        var line = "«\(n.name)» es \(kind)"
        if let t = n.territory, !t.isEmpty { line += " de \(t)" }
        line += n.region.map { ", en la región de \($0)." } ?? "; todavía no me dijiste su región."
        return [line, "Si algo está mal, dime por ejemplo «cambiar los datos de la red»."]
    }

    /// The members' schools, each with who comes from it (the first few), largest first; those
    /// with no school written are said at the end.
    static func schools(_ s: NetworkSnapshot) -> [String] {
        var order: [String] = [], people: [String: [String]] = [:], without: [String] = []
        for m in s.members {
            guard let school = m.school, !school.isEmpty else { without.append(m.name); continue }
            let key = TextFold.fold(school)
            if people[key] == nil { order.append(school) }
            people[key, default: []].append(m.name)
        }
        let missing = without.isEmpty ? "" : "\nNo tengo anotado el establecimiento de \(SlotValue.joinSpanish(Array(without.prefix(6))))"
            + (without.count > 6 ? " y \(without.count - 6) más" : "") + "."
        guard !order.isEmpty else {
            let someone = s.members.first.flatMap { $0.name.split(separator: " ").first.map(String.init) } ?? "Rosa"
            return ["Todavía no tengo anotado el establecimiento de nadie en «\(s.network.name)». Para anotarlo, dime por ejemplo «cambiar la escuela de \(someone)»."]
        }
        let sorted = order.enumerated().sorted { a, b in
            let (x, y) = (people[TextFold.fold(a.element)]!.count, people[TextFold.fold(b.element)]!.count)
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
        let shown = 12
        let lines = sorted.prefix(shown).map { school -> String in
            let names = people[TextFold.fold(school)] ?? []
            return "- \(school) (\(SlotValue.joinSpanish(Array(names.prefix(4))))\(names.count > 4 ? " y \(names.count - 4) más" : ""))"
        }
        let more = sorted.count > shown ? "\n…y \(sorted.count - shown) más." : ""
        let head = sorted.count == 1 ? "En «\(s.network.name)» hay un establecimiento:" : "En «\(s.network.name)» hay \(sorted.count) establecimientos:"
        return [head + "\n" + lines.joined(separator: "\n") + more + missing]
    }

    /// Words of a question that are not the topic («¿quién sabe de rúbricas?» → rúbricas).
    static let expertiseIgnore: Set<String> = [
        "quien", "quienes", "alguien", "sabe", "saben", "de", "del", "sobre", "ha", "han", "trabajado", "trabajo", "tiene",
        "tienen", "experiencia", "en", "con", "la", "el", "los", "las", "lo", "maneja", "manejan", "domina", "mas", "algo",
        "red", "aqui", "aca", "nosotros", "oye", "y", "un", "una", "que", "hay", "po", "bien", "harto", "mucho",
    ]

    /// The members whose strengths mention the topic, then the authors of reflections about it.
    static func expertise(_ s: NetworkSnapshot, text: String) -> [String] {
        let words = Phrase(text).tokens.filter { !expertiseIgnore.contains($0) && $0.count >= 3 }
        guard !words.isEmpty else { return ["¿Sobre qué tema? Por ejemplo «¿quién sabe de rúbricas?»."] }
        func mentions(_ hay: String?) -> Bool { Answers.mentions(words, in: hay) }
        var lines: [String] = []
        var named = Set<String>()
        for m in s.members where mentions(m.strengths) {
            named.insert(m.name)
            lines.append("- \(m.name)" + (m.school.map { " (\($0))" } ?? "") + ": aporta «\(m.strengths ?? "")».")
        }
        var reflected: [String: [String]] = [:]
        var order: [String] = []
        for r in s.reflections where mentions(r.searchableText) {
            guard let author = r.author, !named.contains(author) else { continue }
            if reflected[author] == nil { order.append(author) }
            reflected[author, default: []].append(r.practice)
        }
        for a in order {
            lines.append("- \(a): reflexionó sobre «\(SlotValue.joinSpanish(reflected[a] ?? []))».")
        }
        // The topic as it was written (with its accents), not as it was compared.
        let wanted = Set(words)
        let topic = text.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) }
            .filter { wanted.contains(Phrase($0).core) }.joined(separator: " ")
        guard !lines.isEmpty else {
            return ["Nadie de la red tiene anotado algo sobre «\(topic)» en sus fortalezas ni en sus reflexiones. Quizás alguien sabe y no lo ha contado: vale la pena preguntar en el próximo encuentro."]
        }
        return ["Sobre «\(topic)» te pueden ayudar:\n" + lines.joined(separator: "\n")]
    }

    /// The coming (or current) summer break, and the region's winter break when it is known.
    static func schoolBreaks(_ s: NetworkSnapshot, today: LocalDate) -> [String] {
        func range(_ r: ClosedRange<LocalDate>) -> String {
            "del \(SpanishFormat.date(r.lowerBound, today: today)) al \(SpanishFormat.date(r.upperBound, today: today))"
        }
        var lines: [String] = []
        let region = s.network.region
        let summer = ChileanCalendar.currentOrNextSummerBreak(today: today, region: region)
        let end = summer.classesEnd
        // «entre el 4 y el 18 de diciembre»: both days are in December.
        let lastDay = end.lowerBound == end.upperBound ? "el \(SpanishFormat.date(end.lowerBound, today: today))"
            : "entre el \(end.lowerBound.day) y el \(end.upperBound.day) de \(SpanishFormat.monthName(end.upperBound.month)), según la jornada,"
        // What is an estimate is said once, in words, rather than with «aprox.» on the range.
        let estimate: String? = switch (summer.endEstimated, summer.returnEstimated) {
        case (true, true): "Ambas fechas son estimaciones según el calendario habitual: el oficial todavía no se publica."
        case (true, false): "El fin de clases es una estimación según el calendario habitual: el oficial todavía no se publica."
        case (false, true): "La vuelta es una estimación según el calendario habitual: el oficial todavía no se publica."
        case (false, false): nil
        }
        lines.append("Las vacaciones de verano\(region.map { " en \($0)" } ?? "") van \(range(summer.range))"
            + " (las clases terminan \(lastDay) y vuelven el \(SpanishFormat.date(summer.studentsReturn, today: today)))."
            + (estimate.map { " " + $0 } ?? ""))
        if region == nil { lines.append(MeetingPlanner.regionInvitation) }
        if let region {
            if let winter = [today.year, today.year + 1].compactMap({ ChileanCalendar.winterBreak(region: region, year: $0) }).first(where: { $0.upperBound >= today }) {
                lines.append("Las de invierno en \(region) van \(range(winter)).")
            } else {
                lines.append("Las de invierno de \(region) para el próximo año todavía no las tengo: el calendario escolar no se ha publicado.")
            }
        }
        return [lines.joined(separator: " ")]
    }
}
