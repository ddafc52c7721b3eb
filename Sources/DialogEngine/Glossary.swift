import Understanding

/// Words of the school networks' world that people ask about («¿qué es un microcentro?», «¿qué
/// significa PME?»): a short definition each. Only words that are not a flow of their own: «¿qué
/// es un acuerdo?» explains how to register one. The network's own records are the exception
/// (`ownRecords`): «¿qué es esto del propósito?» asks what the word means here, so the concept
/// is said with what the network wrote (issue 12: it explained how to write one).
public enum Glossary {
    /// Terms (folded words) with their definition; the longest term that fits is the one asked.
    static let entries: [(term: [String], text: String)] = [
        (["microcentro", "rural"], microcentro),
        (["microcentro"], microcentro),
        (["microcentros"], microcentro),
        (["red", "de", "mejoramiento", "escolar"], rme),
        (["rme"], rme),
        (["red", "territorial"], "Una red territorial junta a escuelas y otras organizaciones de un mismo territorio (una comuna, un SLEP, un sector) en torno a un propósito común que se hacen cargo de trabajar juntas."),
        (["evidencia"], "La evidencia es lo que muestra que un acuerdo se cumplió: un acta, una planificación, fotos, un registro. Se define al anotar el acuerdo, para saber después cómo comprobarlo."),
        (["pei"], "El PEI (Proyecto Educativo Institucional) es el documento donde cada establecimiento dice quién es, qué quiere lograr y cómo. Ahí puede llegar una práctica que la red decide institucionalizar."),
        (["pme"], "El PME (Plan de Mejoramiento Educativo) es el plan de cuatro años de cada establecimiento, con acciones para cada año. Es donde una práctica de la red se vuelve parte del trabajo de la escuela."),
        (["utp"], "La UTP (Unidad Técnico Pedagógica) es el equipo que lidera lo pedagógico en la escuela; su jefa o jefe suele representar al establecimiento en la red."),
        (["slep"], "Un SLEP (Servicio Local de Educación Pública) es el sostenedor público que administra las escuelas y liceos públicos de un territorio, en lugar de los municipios."),
        (["daem"], "El DAEM (Departamento de Administración de Educación Municipal) es la oficina del municipio que administra sus escuelas, donde todavía no llega un SLEP."),
        (["sostenedor"], sostenedor),
        (["sostenedora"], sostenedor),
        (["multigrado"], "Un curso multigrado junta en una misma sala a estudiantes de distintos niveles con una sola profesora o profesor, como pasa en muchas escuelas rurales."),
    ]

    /// Terms that name something the network writes once and then has: the definition is said
    /// with the network's own (the query that answers it), and only when the question names the
    /// term alone («¿qué es el propósito?», «¿qué es esto del diagnóstico?»), not «¿qué significa
    /// el propósito para mi escuela?» (the appropriation's own question).
    static let ownRecords: [(term: [String], text: String, record: Query)] = [
        (["proposito"], proposito, .purpose),
        (["proposito", "comun"], proposito, .purpose),
        (["proposito", "de", "la", "red"], proposito, .purpose),
        (["diagnostico"], diagnostico, .diagnosis),
        (["diagnostico", "de", "la", "red"], diagnostico, .diagnosis),
    ]

    static let proposito = "El propósito común es el para qué de la red: lo que sus escuelas quieren lograr juntas y que orienta sus objetivos, acuerdos y encuentros. Lo escribe la red entre todos, y cada miembro cuenta qué significa para su escuela."
    static let diagnostico = "El diagnóstico de la red mira cómo funciona la red como red: cada miembro pone de 1 a 4 la confianza, el propósito compartido, la colaboración, la gestión del conocimiento, el liderazgo distribuido y el vínculo con el territorio, y con eso y lo registrado la red queda en un nivel."

    static let microcentro = "Un microcentro rural es la instancia en que se juntan, por lo general una vez al mes, las profesoras y profesores de escuelas rurales pequeñas (uni, bi o tridocentes) de un territorio, con su supervisor o supervisora, para planificar juntos, compartir prácticas y resolver en común lo pedagógico."
    static let rme = "Una Red de Mejoramiento Escolar (RME) reúne a directivos y jefes UTP de varios establecimientos de un territorio, acompañados por el Mineduc, para mejorar juntos: comparten prácticas, se ponen objetivos comunes y se hacen cargo de sus acuerdos."
    static let sostenedor = "El sostenedor es quien administra un establecimiento: un municipio (DAEM o DEM), un SLEP o una entidad particular subvencionada."

    /// Openings of a question for a meaning.
    static let cues: [[String]] = [["que", "es"], ["que", "son"], ["que", "significa"], ["que", "quiere", "decir"]]
    static let articles: WordSet = ["un", "una", "el", "la", "los", "las", "lo"]
    static let leads: WordSet = ["oye", "y", "pero", "hola", "minga", "bueno", "perdon", "disculpa", "consulta", "una", "pregunta"]

    /// The definition a question asks for, or nil. Cheap: most messages stop at the first word.
    public static func definition(asked phrase: Phrase) -> String? {
        asked(phrase)?.text
    }

    /// The network's record a meaning asked about also answers («¿qué es el propósito?»: the
    /// purpose it wrote), or nil.
    public static func record(asked phrase: Phrase) -> Query? {
        asked(phrase)?.record
    }

    static func asked(_ phrase: Phrase) -> (text: String, record: Query?)? {
        var t = phrase.tokens[...]
        while let w = t.first, leads.contains(w) { t = t.dropFirst() }
        guard t.first == "que" || t.first == "q" else { return nil }
        // «q significa PME»: chat shorthand for «qué».
        if t.first == "q" { t = ["que"] + t.dropFirst() }
        guard let cue = cues.first(where: { t.starts(with: $0) }) else { return nil }
        t = t.dropFirst(cue.count)
        // «¿qué es esto del propósito?», «¿qué es eso de la evidencia?»: pointed at, the same term.
        if let w = t.first, ["esto", "eso", "esta", "esa"].contains(w), let d = t.dropFirst().first, d == "de" || d == "del" { t = t.dropFirst(2) }
        if let w = t.first, articles.contains(w) { t = t.dropFirst() }
        // Longest term first; nothing but the term itself («¿qué es el propósito de la red?»).
        if let own = ownRecords.filter({ t.elementsEqual($0.term) }).first { return (own.text, own.record) }
        // «¿qué es un microcentro rural?», «¿qué es el PME de la escuela?»: the term opens the rest,
        // and little comes after it.
        guard let entry = entries.first(where: { t.starts(with: $0.term) }), t.count - entry.term.count <= 3 else { return nil }
        return (entry.text, nil)
    }
}
