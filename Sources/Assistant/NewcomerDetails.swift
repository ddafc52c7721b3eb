import CivilTime
import DialogEngine
import Domain
import Understanding

extension SharedReadings {
    func newcomerDetails(_ names: [String], in text: String) -> [String] {
        names.map { NewcomerDetails.about($0, in: text) ?? "" }
    }
}

/// Who a newcomer is, as the message said it right after their name: «Marisol Catrileo de la
/// escuela Tranaquepe», «Lorena Campusano (escuela Maitencillo)», «Luis Mamani, director de la
/// escuela de Matilla». Shown as `IncorporarVariosFlow.shown` shows a person's details («director/a,
/// Escuela de Matilla») and read back by `IncorporarVariosFlow.kept` when the member is saved
/// (qa25 c2/c7: the school was lost when the person was added from participants or attendance).
enum NewcomerDetails {
    /// What opens a description after a name (without a comma before it).
    private static let leads: Set<String> = ["de", "del"]
    /// What ends it: the next person, another clause.
    private static let stops: Set<String> = [",", ";", ".", ":", ")", "y", "e", "que", "pero", "porque", "para", "con", "se"]

    /// The members to save for `names` offered with `about` (`Effect.addMembers`): each with
    /// the role and school said with them («Marisol Catrileo de la escuela Tranaquepe»).
    static func members(_ names: [String], about: [String], since: LocalDate) -> [Member] {
        var out: [Member] = []
        for (i, name) in names.enumerated() {
            var m = Member(id: "", name: name, since: since)
            if i < about.count, !about[i].isEmpty, let said = IncorporarVariosFlow.kept(name + " (" + about[i] + ")").first {
                m.role = said.role
                m.school = said.school
            }
            out.append(m)
        }
        return out
    }

    static func about(_ name: String, in text: String) -> String? {
        let words = tokens(text)
        guard words.count > 1 else { return nil }
        let folded = words.map { $0.count == 1 && punctuation.contains($0) ? $0 : TextFold.fold($0) }
        let own = tokens(name).map { TextFold.fold($0) }
        guard !own.isEmpty, own.count < folded.count,
              let i = (0...(folded.count - own.count)).first(where: { folded[$0..<($0 + own.count)].elementsEqual(own) }) else { return nil }
        var j = i + own.count
        guard j < words.count else { return nil }
        var said: [String] = []
        if folded[j] == "(" {
            j += 1
            while j < words.count, folded[j] != ")", said.count < 10 { said.append(words[j]); j += 1 }
        } else {
            // «Luis Mamani, director de …»: after a comma, only a post or a school describes him.
            if folded[j] == "," { j += 1 }
            guard j < words.count, leads.contains(folded[j]) || IncorporacionFlow.roleWords[folded[j]] != nil
                    || EditarEncuentroFlow.institutions.contains(folded[j]) else { return nil }
            while j < words.count, !stops.contains(folded[j]), said.count < 10 {
                said.append(words[j]); j += 1
            }
        }
        guard !said.isEmpty else { return nil }
        let clause = said.joined(separator: " ")
        let t = said.map { TextFold.fold($0) }
        var role: String?
        if let r = IncorporacionFlow.role(in: t) {
            role = r == "otro" ? IncorporacionFlow.post(in: said) : IncorporacionFlow.roleLabels[r] ?? r
        }
        var school = MemberRequest.school(in: clause, afterName: true) ?? MemberRequest.school(in: clause)
        // «del lunes», «de carrizalillo»: a school has its institution word or a capital.
        if let s = school, !(s.split(separator: " ").first.map({ EditarEncuentroFlow.institutions.contains(TextFold.fold(String($0))) }) ?? false),
           s.first?.isUppercase != true {
            school = nil
        }
        let parts = [role, school.map(SpanishFormat.institutionName)].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    private static let punctuation: Set<String> = ["(", ")", ",", ";", ".", ":"]

    /// Words, with brackets and the punctuation that ends a piece as words of their own.
    private static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        for raw in text.split(separator: " ") {
            var w = Substring(raw)
            while let f = w.first, f == "(" { out.append("("); w = w.dropFirst() }
            var tail: [String] = []
            while let l = w.last, [")", ",", ";", ".", ":"].contains(l) { tail.insert(String(l), at: 0); w = w.dropLast() }
            if !w.isEmpty { out.append(String(w)) }
            out += tail
        }
        return out
    }
}
