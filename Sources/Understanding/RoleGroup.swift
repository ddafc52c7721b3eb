/// A group said by role («las profes», «los directores», «los jefes UTP», «cada profe
/// encargada») read against the network's members: the members whose registered role is that
/// group's. People name each other by role far more than by list, and a responsable or an
/// attendee list should hold the people, not the word.
public enum RoleGroup {
    /// The members (`name`, `role`) whose role fits every role word of `group` (a label such as
    /// `PeopleParser.group` gives: «Profes (4)», «Jefes UTP», «Profes encargadas»). Nil when the
    /// label holds a word that is not a role («los profes de lenguaje»): that group is narrower
    /// than any role, so it is kept as said. Empty when no member has that role.
    public static func members(of group: String, among members: [(name: String, role: String?)]) -> [String]? {
        var label = Substring(group)
        if label.hasSuffix(")"), let open = label.lastIndex(of: "(") { label = label[..<open] }
        var wanted: [[String]] = []
        for word in TextFold.spaceSeparated(TextFold.fold(String(label))) {
            let w = String(word).filter { $0.isLetter }
            if w.isEmpty || filler.contains(w) { continue }
            guard let stems = roleStems[w] else { return nil }
            wanted.append(stems)
        }
        guard !wanted.isEmpty else { return nil }
        return members.compactMap { m in
            guard let role = m.role.map(TextFold.fold), !role.isEmpty else { return nil }
            return wanted.allSatisfy { stems in stems.contains { role.contains($0) } } ? m.name : nil
        }
    }

    /// Words around a role that do not narrow it («todas las profes de la red»).
    private static let filler: Set<String> = [
        "de", "del", "la", "las", "los", "el", "y", "e", "cada", "todos", "todas", "red", "microcentro", "nuestra", "nuestras",
        "nuestros", "nuestro", "mis", "sus", "escuelas", "escuela", "establecimientos", "colegios", "jardines",
        // «el equipo UTP», «el equipo directivo»: the team of a role is the people with it.
        "equipo", "equipos",
    ]

    /// Each role word, singular and plural, and the pieces of a registered role it matches
    /// (any one of them): «profes» is a docente, a profesor/a or a profesor/a encargado/a.
    private static let roleStems: [String: [String]] = {
        var table: [String: [String]] = [:]
        func add(_ words: [String], _ stems: [String]) { for w in words { table[w] = stems } }
        add(["profe", "profes", "profesor", "profesora", "profesores", "profesoras", "docente", "docentes", "maestra", "maestras",
             "maestro", "maestros"], ["docente", "profesor", "profe", "maestr"])
        add(["encargado", "encargada", "encargados", "encargadas"], ["encargad"])
        add(["educadora", "educadoras", "educador", "educadores", "parvularia", "parvularias", "tia", "tias", "parvulo", "parvulos"],
            ["educador", "parvul"])
        add(["director", "directora", "directores", "directoras", "directivo", "directiva", "directivos", "directivas"], ["director", "directiv"])
        add(["jefe", "jefa", "jefes", "jefas"], ["jefe", "jefa", "utp"])
        add(["utp", "tecnico", "tecnica", "tecnicos", "tecnicas"], ["utp", "tecnic"])
        add(["sostenedor", "sostenedora", "sostenedores", "sostenedoras"], ["sostenedor"])
        add(["supervisor", "supervisora", "supervisores", "supervisoras"], ["supervis"])
        add(["coordinador", "coordinadora", "coordinadores", "coordinadoras"], ["coordinador"])
        add(["orientador", "orientadora", "orientadores", "orientadoras"], ["orientador"])
        add(["psicologo", "psicologa", "psicologos", "psicologas"], ["psicolog"])
        add(["inspector", "inspectora", "inspectores", "inspectoras"], ["inspector"])
        return table
    }()
}
