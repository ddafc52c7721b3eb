import Locks

/// Splits a list of people as typed in a chat: "Ana, Luis y la Marta" → ["Ana", "Luis", "Marta"].
///
/// Separators: commas, semicolons, " y ", " e ", "/", "&", "+", line breaks. Articles and
/// courtesy titles in front of a name are dropped ("la Marta", "el profe Juan", "la tía
/// Carmen", "don Pedro" → "Marta", "Juan", "Carmen", "Pedro"); a title alone stays
/// ("el profe" → "profe") so the dialog can ask who that is. Spelling and case are kept.
public enum PeopleParser {
    public static func split(_ text: String) -> [String] {
        recentSplits.value(for: text, splitting)
    }

    /// An answer is split by the flow's reading, the shared readings and the slot's parser alike.
    private static let recentSplits = RecentResults<[String]>()

    private static func splitting(_ text: String) -> [String] {
        // Most answers are one name: with no separator byte (nor " y ", " e " before a space or a
        // comma) the characters below would find none either, and the whole text is one part.
        if !mayHaveSeparator(text) { return clean(text).map { [$0] } ?? [] }
        var parts: [String] = []
        var current: [Character] = []
        // Whether the part being read follows a comma, and whether the last part kept names
        // someone (not a role): «Rosa Huenchuman, profesora de la escuela Lolocura» describes Rosa.
        var afterComma = false
        var lastNamesSomeone = false
        func push() {
            let raw = String(current)
            if let p = clean(raw) {
                // A role where it is held, said after a comma and a person's name without an
                // article, is that person's post and school (apposition), nobody else: it made
                // «Profesora de escuela Lolocura» a second person and a member (qa27 c1-v1).
                if afterComma, lastNamesSomeone, isApposition(raw) {
                    current.removeAll()
                    return
                }
                parts.append(p)
                lastNamesSomeone = !isRoleOnly(p) && !isRoleAtPlace(p) && !isGroup(p)
            }
            current.removeAll()
        }
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "," || c == ";" || c == "/" || c == "&" || c == "+" || c == "\n" || c == "\r" || c == "\t" {
                push(); afterComma = c == ","; i += 1; continue
            }
            if c == " ", i + 2 < chars.count, chars[i + 2] == " " || chars[i + 2] == ",",
               chars[i + 1] == "y" || chars[i + 1] == "Y" || chars[i + 1] == "e" {
                push(); afterComma = false; i += 2; continue
            }
            current.append(c)
            i += 1
        }
        push()
        return parts
    }

    /// True when `raw` (one piece between separators, as typed) is a post and where it is held
    /// with no article before it: «profesora de la escuela Lolocura», «director de la escuela
    /// Las Ñipas», «jefa UTP escuela San Martín». After a name and a comma it says who that
    /// person is. («la directora de la escuela X», with its article, may be someone else.)
    static func isApposition(_ raw: String) -> Bool {
        let words = TextFold.spaceSeparated(raw).map { lower(String($0)).trimmingDots.trimmingPunctuation }.filter { !$0.isEmpty }
        guard words.count >= 2, !articles.contains(words[0]), !leadWords.contains(words[0]),
              let k = words.firstIndex(where: { $0 == "de" || $0 == "del" || placeWords.contains($0) }), k > 0,
              isRoleOnly(words[..<k].joined(separator: " ")) else { return false }
        return placeWords.contains(words[k]) || k + 1 < words.count
    }

    /// False when `split`'s loop cannot split `text`: each separator it looks for is a
    /// character of one ASCII byte, so without those bytes there is none.
    private static func mayHaveSeparator(_ text: String) -> Bool {
        var it = text.utf8.makeIterator()
        var window: (UInt8, UInt8) = (0, 0)   // the two bytes before the current one
        while let b = it.next() {
            switch b {
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "/"), UInt8(ascii: "&"), UInt8(ascii: "+"), 0x0A, 0x0D, 0x09:
                return true
            default:
                break
            }
            if b == 0x20 || b == UInt8(ascii: ","), window.0 == 0x20,
               window.1 == UInt8(ascii: "y") || window.1 == UInt8(ascii: "Y") || window.1 == UInt8(ascii: "e") {
                return true
            }
            window = (window.1, b)
        }
        return false
    }

    /// `s.lowercased()`, without the Unicode tables for the ASCII words nearly every name has.
    fileprivate static func lower(_ s: String) -> String {
        guard s.utf8.allSatisfy({ $0 < 0x80 }) else { return s.lowercased() }
        guard TextFold.containsByte(s, where: { $0 >= 0x41 && $0 <= 0x5A }) else { return s }
        return String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    private static let articles: WordSet = ["la", "el", "los", "las", "a", "al", "y", "e", "con", "también", "tambien"]
    private static let titles: WordSet = [
        "profe", "profesor", "profesora", "prof", "tía", "tia", "tío", "tio", "don", "doña", "dona", "sr", "sra", "srta",
        "señor", "señora", "senor", "senora", "señorita", "director", "directora", "jefa", "jefe", "utp", "dr", "dra",
        "miss", "educadora", "coordinador", "coordinadora", "supervisor", "supervisora",
        // Posts outside the role list, said before the name («la facilitadora Lucía Araya»).
        "facilitador", "facilitadora", "asesor", "asesora", "orientador", "orientadora", "psicologo", "psicologa", "psicólogo", "psicóloga",
        "fonoaudiologo", "fonoaudiologa", "fonoaudiólogo", "fonoaudióloga", "psicopedagogo", "psicopedagoga", "inspector", "inspectora",
        "subdirector", "subdirectora", "asistente", "mentora", "mentor", "tutora", "tutor",
    ]

    /// True when `name` (one item of `split`) is only a role or courtesy title ("profe",
    /// "directora", "jefa de utp"): the dialog should ask for the person's name.
    public static func isRoleOnly(_ name: String) -> Bool {
        var any = false
        for w in TextFold.spaceSeparated(name) {
            let word = lower(String(w)).trimmingDots
            if articles.contains(word) || word == "de" || word == "del" { continue }
            // Most names stop at their first word.
            guard titles.contains(word) || roleWords.contains(word) else { return false }
            any = true
        }
        return any
    }

    /// True when `name` is a role and where it is held, with no person's name: «Directora de
    /// Carrizalillo», «el jefe utp del liceo Zapallar». Kept in a record as said, but nobody to
    /// add to the network (qa25 c7: «¿Agrego a Directora de carrizalillo?»).
    public static func isRoleAtPlace(_ name: String) -> Bool {
        let words = TextFold.spaceSeparated(name).map { lower(String($0)).trimmingDots }
        // «la jefa DAEM», «el supervisor deprov»: an office's short name right after the role
        // says where it is held, as «de» does (issue 12: a member «Daem» was offered).
        if let k = words.firstIndex(where: officeWords.contains), k > 0, !words[..<k].contains(where: { $0 == "de" || $0 == "del" }),
           isRoleOnly(words[..<k].joined(separator: " ")) { return true }
        guard let k = words.firstIndex(where: { $0 == "de" || $0 == "del" }), k > 0, k + 1 < words.count else { return false }
        return isRoleOnly(words[..<k].joined(separator: " "))
    }

    /// «el director de la escuela los boldos marcelo riquelme»: a role where it is held, then a
    /// person's full name (a first name and one or two more words) closing it: that name
    /// (qa34: the whole was «no entendido» as a name). Only when the place's own name, between its
    /// noun and the person, opens with an article («escuela los boldos», «liceo el roble»): «la
    /// directora de la escuela Gabriela Mistral», «liceo bicentenario Ana Soto» name the school
    /// after someone, and are kept whole. Nil otherwise.
    public static func nameAfterRoleAtPlace(_ raw: String) -> String? {
        let words = TextFold.spaceSeparated(raw).map { String($0).trimmingPunctuation }
        let folded = words.map { TextFold.fold(lower($0)).filter(\.isLetter) }
        guard words.count >= 6, let p = folded.firstIndex(where: { placeWords.contains($0) }), p >= 2,
              isRoleAtPlace(words.joined(separator: " ")) else { return nil }
        for n in [3, 2] where folded.count - n >= p + 3 {
            let start = folded.count - n
            guard FirstNames.canonical(folded[start]) != nil, ["la", "el", "los", "las"].contains(folded[p + 1]),
                  !folded[start...].contains(where: { $0.isEmpty || titles.contains($0) || roleWords.contains($0) || placeWords.contains($0) || articles.contains($0) || $0 == "de" || $0 == "del" })
            else { continue }
            return words[start...].map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        }
        return nil
    }

    /// The offices whose short name follows a role with no «de»: «jefa DAEM», «supervisor DEPROV».
    private static let officeWords: WordSet = ["daem", "dem", "deprov", "slep", "mineduc", "seremi", "cesfam", "municipalidad"]

    /// A role at its place as it is kept, normalised as other roles and places are: «la directora
    /// de carrizalillo» → «Directora de Carrizalillo», «el jefe utp del liceo Zapallar» → «Jefe UTP
    /// del Liceo Zapallar» (qa25 c7: kept in the case it was typed in). `said` as it was typed
    /// when it is no role at a place.
    public static func roleAtPlaceLabel(_ said: String) -> String {
        var words = TextFold.spaceSeparated(said).map(String.init)
        while let f = words.first, articles.contains(lower(f)) { words.removeFirst() }
        // «la jefa daem» → «Jefa DAEM»: the office right after the role.
        if let k = words.firstIndex(where: { officeWords.contains(lower($0).trimmingDots) }), k > 0,
           !words[..<k].contains(where: { ["de", "del"].contains(lower($0)) }), isRoleOnly(words[..<k].joined(separator: " ")) {
            let role = words[..<k].map { acronyms.contains(TextFold.fold($0)) ? $0.uppercased() : $0 }.joined(separator: " ")
            let place = SpanishFormat.institutionName(words[k...].joined(separator: " ").trimmingPunctuation)
            return "\(role.prefix(1).uppercased())\(role.dropFirst()) \(place)"
        }
        // «la encargada de convivencia del daem»: the longest role before a «de» («encargada de
        // convivencia»), so the place is «DAEM», not «Convivencia del DAEM».
        guard let k = words.indices.last(where: { k in ["de", "del"].contains(lower(words[k])) && k > 0 && k + 1 < words.count
                  && isRoleOnly(words[..<k].joined(separator: " ")) }) else { return said }
        let role = words[..<k].map { acronyms.contains(TextFold.fold($0)) ? $0.uppercased() : $0 }.joined(separator: " ")
        // «de la escuela los robles»: the article after «de» stays as said.
        var from = k + 1
        var lead = lower(words[k])
        if from + 1 < words.count, ["la", "el", "los", "las"].contains(lower(words[from])) {
            lead += " " + lower(words[from])
            from += 1
        }
        let place = SpanishFormat.institutionName(words[from...].joined(separator: " ").trimmingPunctuation)
        return "\(role.prefix(1).uppercased())\(role.dropFirst()) \(lead) \(place)"
    }

    /// True when `piece` (one item of `split`, or the whole answer) names a thing, not someone:
    /// «las planillas con resultados», «el informe», «la lista de asistencia». Said where a
    /// responsable goes, it is most likely the agreement's object or its evidence.
    public static func isThing(_ piece: String) -> Bool {
        // The folded words read in place (every people answer is asked this, piece by piece).
        TextFold.withFolded(piece) { f -> Bool in
            var start = 0
            for i in 0...f.count where i == f.count || f[i] == 0x20 {
                defer { start = i + 1 }
                guard i > start else { continue }
                let first = String(decoding: UnsafeBufferPointer(rebasing: f[start..<i]), as: UTF8.self)
                if articles.contains(first) || determiners.contains(first) { continue }
                return thingWords.contains(first) || (first.hasSuffix("s") && thingWords.contains(String(first.dropLast())))
                    || (first.hasSuffix("es") && thingWords.contains(String(first.dropLast(2))))
            }
            return false
        }
    }

    /// Words before a thing's noun besides the articles («una planilla», «nuestro informe»).
    private static let determiners: WordSet = ["un", "una", "unos", "unas", "mi", "mis", "nuestro", "nuestra", "nuestros", "nuestras"]

    /// Nouns of what a network hands in or shares (singular; plurals are read from them).
    static let thingWords: WordSet = [
        "planilla", "documento", "informe", "lista", "acta", "archivo", "carpeta", "resumen", "correo", "mail", "email",
        "planificacion", "evidencia", "foto", "fotografia", "material", "libro", "guia", "prueba", "resultado", "dato",
        "registro", "ficha", "formulario", "encuesta", "presentacion", "ppt", "video", "afiche", "cuaderno", "texto", "rubrica",
        "pauta", "tabla", "grafico", "reporte", "oficio", "carta", "calendario", "horario", "protocolo", "link", "enlace",
        "excel", "drive", "planilla", "instrumento", "cronograma", "minuta", "invitacion", "certificado", "diploma",
    ]

    /// A group or a role said where people go ("las 5 educadoras de párvulo", "los tres jefes
    /// técnicos", "directores", "la jefa de utp"), as it is kept: "Educadoras de párvulo (5)",
    /// "Jefes técnicos (3)", "Directores", "Jefa de UTP". Nil for anything else (a name).
    public static func group(_ piece: String) -> String? {
        // Most pieces are names: no group word and no title, nothing more to look at.
        guard groupTitleOrRole.containsFoldedWord(of: piece) else { return nil }
        var words = piece.split(separator: " ").map(String.init)
        // «cada profe encargada», «todas las profes»: every one of that role, said in the singular or not.
        var each = false
        while let f = words.first, case let w = TextFold.fold(f), articles.contains(w) || leadWords.contains(w) || eachWords.contains(w) {
            // «los utp»: a plural article before a role the same in both numbers is all of them.
            if eachWords.contains(w) || w == "los" || w == "las" { each = true }
            words.removeFirst()
        }
        // «los utp de la red», «las profes del microcentro»: the network itself narrows nothing.
        if words.count > 2, let k = words.lastIndex(where: { ["de", "del"].contains(TextFold.fold($0)) }), k > 0,
           case let tail = words[(k + 1)...].map({ TextFold.fold($0).trimmingPunctuation }).filter({ !articles.contains($0) }),
           tail == ["red"] || tail == ["microcentro"] {
            words.removeSubrange(k...)
        }
        guard !words.isEmpty else { return nil }
        // «las profesoras Ana Millalén», «los cinco directores: yo»: the group word introduces
        // the names that follow; it is no group of its own (`clean` keeps the name).
        if groupBeforeNames(words) != nil { return nil }
        var count: Int?
        if let n = Int(words[0]) ?? (words.count > 1 ? NumberParser.parse(TextFold.fold(words[0])) : nil), n > 1, n < 1000 {
            count = n
            words.removeFirst()
        }
        guard let head = words.first else { return nil }
        let plural = groupWords.contains(TextFold.fold(head).trimmingDots)
        guard plural || (count == nil && isRoleOnly(words.joined(separator: " "))) else { return nil }
        let label = words.map { acronyms.contains(TextFold.fold($0)) ? $0.uppercased() : $0 }.joined(separator: " ").trimmingPunctuation
        let shown = label.prefix(1).uppercased() + label.dropFirst()
        if each, !plural { return eachPrefix + label }
        return count.map { "\(shown) (\($0))" } ?? shown
    }

    /// False when no piece of a text whose folded words are `words` (a message's phrase tokens)
    /// can be a `group`: each needs a group, title or role word among its own (a piece is cut at
    /// «/» too, which folding keeps inside a word). Most answers name people and have none.
    public static func mayHoldGroup(_ words: [String]) -> Bool {
        words.contains { w in
            groupTitleOrRole.contains(w) || (TextFold.contains(w, byte: UInt8(ascii: "/")) && w.split(separator: "/").contains { groupTitleOrRole.contains(String($0)) })
        }
    }

    /// «profesoras Ana Millalén», «cinco directores: yo», «docentes Rosa»: how many words (a
    /// count and a plural group word) open a piece before the name of someone in that group.
    /// Nil when the piece is a group alone («18 docentes de las escuelas»).
    static func groupBeforeNames(_ words: [String]) -> Int? {
        var i = 0
        if let f = words.first, Int(f) != nil || (words.count > 2 && NumberParser.parse(TextFold.fold(f)) != nil) { i = 1 }
        guard i + 1 < words.count, case let head = TextFold.fold(words[i]).trimmingPunctuation,
              groupWords.contains(head), !institutionWords.contains(head) else { return nil }
        let next = words[i + 1].trimmingPunctuation
        let folded = TextFold.fold(next)
        guard folded == "yo" || (next.first?.isUppercase == true && !acronyms.contains(folded) && next.count >= 2) else { return nil }
        return i + 1
    }

    /// Group words that name an institution, whose next word may be capitalised («Centro de Padres»).
    private static let institutionWords: Set<String> = ["equipo", "equipos", "consejo", "comite", "centro", "dupla", "duplas"]

    /// Words that make a role said in the singular stand for all who have it.
    private static let eachWords: Set<String> = ["cada", "todos", "todas"]
    /// How a group said with «cada» is kept («Cada profe encargada»).
    private static let eachPrefix = "Cada "

    /// True when `group` (a value `group` produced) stands for several people: a plural role
    /// («Profes (4)», «Directores») or one said with «cada». «Jefa de UTP» is one person.
    public static func isPlural(_ group: String) -> Bool {
        if group.hasPrefix(eachPrefix) || group.hasSuffix(")") { return true }
        let words = group.split(separator: " ")
        // («las profes»: as said, `asSaid`.)
        guard let first = words.count >= 2 && ["los", "las"].contains(words[0]) ? words[1] : words.first else { return false }
        return groupWords.contains(TextFold.fold(String(first)))
    }

    /// A plural group no member fills, kept as the person said it: «todas las profes» → «las
    /// profes», «los jefes utp» → «los jefes UTP» (it was «Profes», a word nobody said). `group`
    /// is what `group(piece)` gave; a count or «cada» keeps that form. Said without its article
    /// («directores», or with it cut off the piece), it gets the one its ending says.
    public static func asSaid(_ piece: String, group: String) -> String {
        guard !group.hasPrefix(eachPrefix), !group.hasSuffix(")"), isPlural(group) else { return group }
        let words = piece.split(separator: " ").map { TextFold.fold(String($0)) }
        let head = TextFold.fold(String(group.split(separator: " ").first ?? ""))
        var article = head.hasSuffix("as") ? "las" : "los"
        if let said = words.first(where: { !eachWords.contains($0) }), said == "los" || said == "las" { article = said }
        return article + " " + group.prefix(1).lowercased() + group.dropFirst()
    }

    /// Whether `name` can be a person's name. The rest of a sentence read as names («Agendar
    /// Otra», «Cambiar El Propósito», «Todos Los Del Microcentro») cannot: it opens with an
    /// infinitive or holds an article or a pronoun. A known first name always can.
    public static func looksLikeName(_ name: String) -> Bool {
        let words = name.split(separator: " ").map { TextFold.fold(String($0)).trimmingPunctuation }
        guard let first = words.first, !first.isEmpty else { return false }
        if FirstNames.canonical(first) != nil { return true }
        // «de la Fuente», «de los Ángeles»: an article after «de» belongs to a surname.
        if words.indices.contains(where: { notNameWords.contains(words[$0]) && !($0 > 0 && words[$0 - 1] == "de") }) { return false }
        let infinitive = first.count >= 5 && (first.hasSuffix("ar") || first.hasSuffix("er") || first.hasSuffix("ir"))
        return !infinitive && !isCommandWithPronoun(first)
    }

    /// «sácalo», «suspéndela», «bórralos»: a request's verb with its pronoun attached, said where
    /// a name was asked («el cesfam ya no va, sácalo»), is nobody's name. Only the verbs Minga is
    /// asked to do things with: an unknown name ending in «-ela» («Pamela») stays a name.
    static func isCommandWithPronoun(_ word: String) -> Bool {
        guard word.count >= 6, let pronoun = pronouns.first(where: { word.hasSuffix($0) }) else { return false }
        let verb = word.dropLast(pronoun.count)
        guard let vowel = verb.last, vowel == "a" || vowel == "e" else { return false }
        return commandStems.contains(String(verb.dropLast()))
    }

    private static let pronouns = ["los", "las", "les", "lo", "la", "le"]
    private static let commandStems: Set<String> = [
        "sac", "borr", "elimin", "quit", "suspend", "cancel", "cambi", "mov", "pas", "dej", "agreg", "anot", "guard",
        "corrig", "edit", "reprogram", "cierr", "abr", "mand", "llam", "avis", "agend", "posterg", "corr", "sum",
    ]

    private static let notNameWords: WordSet = [
        "el", "la", "los", "las", "un", "una", "otra", "otro", "otras", "otros", "que", "quiero", "no", "lo", "le", "mi", "su",
        "todos", "todas", "ya", "esta", "este", "eso", "esto", "hay", "es", "era", "con", "para", "por", "pero",
        // «lectura en parejas», «plan sin fecha»: prepositions names don't carry (only «de»).
        "en", "sin", "sobre", "entre", "hasta", "desde", "hacia", "segun", "al",
        // «balance del año», «nadie todavía»: words of time (and «nadie») are never part of a name.
        "ano", "anos", "mes", "meses", "semana", "semanas", "dia", "dias", "hoy", "ayer", "todavia", "aun", "nadie", "propuesta",
        // «cuantos somos?», «ninguna nota»: a question or a «none» typed where names go.
        "cuantos", "cuantas", "cuanto", "quienes", "quien", "cuando", "donde", "cual", "cuales", "somos", "ninguno", "ninguna", "nada",
    ]

    /// Words that say a list of people is everyone («todos», «nosotras»), folded.
    public static let everyoneWords: Set<String> = ["todos", "todas", "todes", "nosotros", "nosotras"]

    /// True for a value `group` produced: a role or a group, not a person to add to the network.
    public static func isGroup(_ name: String) -> Bool {
        // The same responsable is asked about on several turns of one agreement, between other
        // names: the last few answers are kept.
        recentGroups.value(for: name, readsAsGroup)
    }

    private static let recentGroups = RecentResults<Bool>()

    private static func readsAsGroup(_ name: String) -> Bool {
        var base = Substring(name)
        if base.hasSuffix(")"), let open = base.lastIndex(of: "(") { base = base[..<open] }
        var words = base.split(separator: " ")
        // «las profes», «los directores»: a group kept as the person said it (`asSaid`).
        if words.count >= 2, ["los", "las"].contains(words[0]) {
            words.removeFirst()
            base = base.dropFirst(4)
        }
        guard let first = words.first else { return false }
        if name.hasPrefix(eachPrefix) { return true }
        return groupWords.contains(TextFold.fold(String(first))) || isRoleOnly(String(base).trimmingPunctuation.lowercased())
    }

    /// Plural nouns that name a group of people, never a person.
    private static let groupWords: WordSet = [
        "educadoras", "educadores", "directores", "directoras", "directivos", "directivas", "jefes", "jefas", "docentes",
        "profesores", "profesoras", "profes", "apoderados", "apoderadas", "asistentes", "inspectores", "inspectoras",
        "coordinadores", "coordinadoras", "orientadores", "orientadoras", "encargados", "encargadas", "tias", "tios",
        "integrantes", "miembros", "equipo", "equipos", "tecnicos", "sostenedores", "supervisores", "supervisoras",
        "psicologos", "psicologas", "funcionarios", "funcionarias", "estudiantes", "alumnos", "alumnas", "familias",
        "lideres", "representantes", "monitores", "monitoras", "duplas", "dupla", "consejo", "comite", "centro",
    ]

    /// `groupWords`, `titles` and `roleWords` in one set: most pieces are names, found in none.
    private static let groupTitleOrRole = groupWords.union(titles).union(roleWords)

    /// How a guest is said after who came: «de invitada», «como invitado».
    private static let guestWords: WordSet = ["invitada", "invitado", "invitadas", "invitados"]

    private static let acronyms: WordSet = ["utp", "pie", "sep", "pme", "slep", "daem", "cra"]

    /// Roles that are never someone's name, besides the titles above.
    private static let roleWords: WordSet = [
        "tecnico", "técnico", "tecnica", "técnica", "sostenedor", "sostenedora", "inspector", "inspectora",
        "orientador", "orientadora", "psicologo", "psicólogo", "psicologa", "psicóloga", "apoderado", "apoderada",
        "encargado", "encargada", "convivencia", "asistente", "social", "educacion", "educación", "diferencial",
        "profes", "profesores", "docente", "docentes", "equipo", "directivo", "directivos",
    ]

    /// Words that introduce a list of people and are nobody's name: "vinieron Ana y Luis", "solo Marta".
    private static let leadWords: WordSet = [
        "vinieron", "vino", "asistieron", "asistió", "asistio", "estuvieron", "estuvo", "fueron", "llegaron", "llegó",
        "llego", "participaron", "participó", "participo", "solo", "sólo", "solamente", "somos", "fuimos",
        // «responsables yo y la Marta», «los responsables son Ana y Luis»: the field's name and its verb.
        "responsable", "responsables", "son", "sera", "será", "seran", "serán", "seria", "sería", "serian", "serían",
        // «y agrega también a Javiera», «súmale a la Miriam»: asking to add someone; nobody's name.
        "agrega", "agregá", "agregale", "agrégale", "agregala", "agrégala", "agregalo", "agrégalo", "agregar", "agregue", "agregue",
        "agreguemos", "suma", "súmale", "sumale", "súmala", "sumala", "súmalo", "sumalo", "sumar", "sumemos", "incluye", "incluyele",
        "inclúyele", "incluir", "incluyamos", "añade", "anade", "añadir", "anadir",
    ]
    /// Discourse words before a person, never a name: «mejor el Raúl», «igual la Rosa», «capaz
    /// que…», «ojalá…» (it asked «¿Agrego a Mejor?»: pass 8, 17-3).
    /// «Katherine, osea yo»: «osea» restates who was just named; never part of a name (it asked
    /// «¿Agrego a Osea Yo?»: qa18 A6).
    private static let discourseWords: WordSet = ["mejor", "igual", "ojala", "ojalá", "capaz", "quizas", "quizás", "talvez", "onda", "osea", "oséa"]
    /// Where a school starts after a name («Javiera Cortés utp escuela Sotaquí»): not the name.
    private static let placeWords: WordSet = ["escuela", "escuelita", "liceo", "colegio", "jardin", "jardín", "internado",
                                              // «Luis Fuenzalida del DAEM» (qa28: «Luis Fuenzalida Del DAEM» was added as a member).
                                              "daem", "dem", "deprov", "slep", "cesfam", "municipalidad", "mineduc", "seremi"]

    /// Chat filler after a name that is never part of it: «Ana Cárdenas nomás», «la Marta po».
    /// Words no name has, that open what its person does («se encarga», «que es nueva», «lo ve»).
    private static let nameEnders: WordSet = ["se", "que", "quien", "lo", "le", "les", "va", "van"]
    /// Verbs and pronouns that open a sentence about what is to be done (`clean`): no name opens
    /// with one. (The verbs that say who came, «vinimos», «estamos», lead a list of people.)
    private static let clauseOpeners: WordSet = [
        "tenemos", "tengo", "tiene", "tienen", "hay", "debemos", "debo", "debe", "deben", "necesitamos", "necesito",
        "queremos", "quiero", "podemos", "puedo", "hacemos", "hago", "creo", "creemos", "falta", "faltan", "toca",
        "voy", "vamos", "seria", "habria", "ellos", "ellas", "ustedes", "usted",
    ]
    /// Pronouns that are nobody's name said alone either.
    private static let pronounsAlone: WordSet = ["ellos", "ellas", "ustedes", "usted"]
    /// What opens the object of a verb after a name («revisa los cuadernos», «manda el acta»).
    private static let objectLeads: WordSet = ["los", "las", "el", "la", "un", "una", "unos", "unas", "al", "a", "con", "su", "sus", "en"]
    private static let closingWords: WordSet = ["también", "tambien", "po", "poh", "porfa", "nomas", "nomás", "noma", "ya", "pues", "solamente", "solita", "solito"]

    private static func clean(_ raw: String) -> String? {
        var words = TextFold.spaceSeparated(raw).map(String.init)
        var plural = false
        var aside = false
        while let f = words.first, case let l = lower(f), articles.contains(l) || leadWords.contains(l) || discourseWords.contains(l) {
            plural = plural || l == "los" || l == "las"
            aside = aside || discourseWords.contains(l)
            words.removeFirst()
        }
        // «tenemos que preparar la pauta», «hay que ver», «ellos lo ven»: a sentence that opens with
        // a verb or a pronoun says what is to be done, never who (it asked «¿Agrego a Tenemos?»).
        if let f = words.first, clauseOpeners.contains(TextFold.fold(lower(f).trimmingPunctuation)),
           words.count >= 2 || pronounsAlone.contains(TextFold.fold(lower(f).trimmingPunctuation)) {
            return nil
        }
        // «las profesoras Ana Millalén», «los cinco directores: yo»: the group word before a name
        // says who she is; the name is the person.
        if let k = groupBeforeNames(words) {
            words.removeFirst(k)
            plural = false
        }
        // «mejor que la conduzca el Raúl», «ojalá que venga la Rosa»: after a discourse word, a
        // «que» clause names its person after the verb, with an article; no such person, no name.
        if aside, let f = words.first, lower(f) == "que" {
            guard let k = words.indices.dropFirst().last(where: { i in
                i + 1 < words.count && ["el", "la", "al", "a"].contains(lower(words[i])) && !objectLeads.contains(lower(words[i + 1]))
            }) else { return nil }
            words.removeSubrange(...k)
        }
        while let l = words.last, closingWords.contains(lower(l).trimmingPunctuation) { words.removeLast() }
        // «la jefa daem de invitada», «Rosa Díaz como invitada»: who came as a guest; «de
        // invitada» says how, never part of a name (issue 12: a member «Daem De Invitada»).
        if words.count > 2, guestWords.contains(TextFold.fold(lower(words[words.count - 1]).trimmingPunctuation)),
           ["de", "como"].contains(lower(words[words.count - 2])) {
            words.removeLast(2)
        }
        // «los utp de la red», «las profes del microcentro»: the network itself narrows no role,
        // and «los» before a role the same in both numbers («los utp») is all who have it.
        if words.count > 2, let k = words.lastIndex(where: { ["de", "del"].contains(lower($0)) }), k > 0,
           case let tail = words[(k + 1)...].map({ lower($0).trimmingPunctuation }).filter({ !articles.contains($0) }),
           tail == ["red"] || tail == ["microcentro"], isRoleOnly(words[..<k].joined(separator: " ")) {
            words.removeSubrange(k...)
        }
        if plural, !words.isEmpty, isRoleOnly(words.joined(separator: " ")), !groupWords.contains(TextFold.fold(words[0])) {
            return "los " + words.joined(separator: " ").trimmingPunctuation
        }
        // «Marta se encarga», «la Sra. Paula Rojas revisa los cuadernos»: the name ends where
        // what the person does begins (a clitic, or a lowercase verb before its object).
        if words.count > 1, let cut = words.indices.dropFirst().first(where: { i in
            let w = words[i], l = lower(w).trimmingPunctuation
            if nameEnders.contains(l) { return true }
            // «la Gloria avisó que no podía», «el Pedro llegó tarde»: a verb in the past, typed in
            // lowercase after a name, is what the person did (it asked «¿Agrego a Gloria Avisó?»).
            if w.first?.isLowercase == true, l.count >= 4, l.hasSuffix("ó") { return true }
            guard w.first?.isLowercase == true, l.count >= 4, words[0].first?.isUppercase == true, i + 1 < words.count else { return false }
            return objectLeads.contains(lower(words[i + 1]))
        }) {
            words.removeSubrange(cut...)
        }
        // «Ana Cárdenas no más», «yo nada más».
        if words.count > 2, ["mas", "más"].contains(lower(words[words.count - 1]).trimmingPunctuation), ["no", "nada"].contains(lower(words[words.count - 2])) {
            words.removeLast(2)
        }
        // «Lorena Campusano (escuela Maitencillo)»: what a parenthesis after a name says (her
        // school, a note) is not part of it (qa25 c7: the parenthesis was kept in the name). A
        // count in it («Educadoras (5)») is a group's, read by `group`.
        if words.count > 1, let open = words.indices.dropFirst().first(where: { i in
            words[i].hasPrefix("(") && words[i].dropFirst().first?.isLetter == true
        }) {
            words.removeSubrange(open...)
        }
        // «Javiera Cortés utp escuela Sotaquí», «Miriam Olivares, jefa de UTP del liceo»: after
        // a name, a role or a school says who the person is; it is not part of the name.
        if words.count > 2, let cut = words.indices.dropFirst(2).first(where: { i in
            let l = lower(words[i]).trimmingPunctuation
            return titles.contains(l) || placeWords.contains(l) || (roleWords.contains(l) && !["social", "educacion", "educación", "diferencial", "convivencia", "equipo"].contains(l))
        }), words[..<cut].allSatisfy({ w in
            let l = lower(w).trimmingPunctuation
            return !titles.contains(l) && !roleWords.contains(l) && !groupWords.contains(TextFold.fold(l)) && !eachWords.contains(TextFold.fold(l)) && !articles.contains(l)
        }) {
            words.removeSubrange(cut...)
            // «Sergio Ardiles del liceo de Freirina»: the «del» that led to the school goes with it
            // (qa25 c7: «Sergio Ardiles Del»).
            while words.count > 2, let l = words.last.map({ lower($0) }), ["de", "del", "en"].contains(l) { words.removeLast() }
        }
        // «la tía Marta del jardín Rayito de Sol», «Luis de la escuela El Roble»: where the person
        // works, after her name, is not part of it (qa18: «Marta Del Jardin Rayito De Sol»). A role
        // before it («la directora de la escuela …») is kept whole, read as that school's role.
        if words.count > 2, let k = words.indices.dropFirst().first(where: { i in
            guard ["de", "del"].contains(lower(words[i])) else { return false }
            var j = i + 1
            if j < words.count, ["la", "el"].contains(lower(words[j])) { j += 1 }
            return j < words.count && placeWords.contains(lower(words[j]).trimmingPunctuation)
        }), !isRoleOnly(words[..<k].joined(separator: " ")),
           words[..<k].contains(where: { !titles.contains(lower($0).trimmingDots) }) {
            words.removeSubrange(k...)
        }
        // «don Sergio de Ichuac», «la tía Marta de Detif»: a first name alone, then «de» and a
        // place, is the person and her school (qa39: «Sergio De Ichuac» was offered as a new
        // member). A surname with «de» follows a surname or opens with an article («de la Fuente»).
        if words.count >= 3, let k = words.firstIndex(where: { ["de", "del"].contains(lower($0)) }), k >= 1, (1...3).contains(words.count - k - 1),
           !["la", "las", "los", "el", "dios"].contains(lower(words[k + 1])),
           case let before = words[..<k].filter({ !titles.contains(lower($0).trimmingDots) }), before.count == 1,
           FirstNames.canonical(TextFold.fold(before[0])) != nil,
           !isRoleOnly(words[..<k].joined(separator: " ")) {
            words.removeSubrange(k...)
        }
        // "la jefa de utp", "el jefe técnico": a role alone, kept whole so the dialog can ask who that is.
        if words.count > 1, isRoleOnly(words.joined(separator: " ")) { return words.joined(separator: " ").trimmingPunctuation }
        // «Juan Carlos Paillalef de Puerto Choque»: after a full name written with capitals, «de»
        // and a place of two words or more is where the person is from (qa25 c2: «… De Puerto
        // Choque» was kept in the name). A surname with «de» («Pérez de Arce», «de la Fuente»)
        // is one word after it, or opens with an article.
        if words.count >= 5, let k = words.indices.dropFirst(2).first(where: { lower(words[$0]) == "de" }), words.count - k - 1 >= 2,
           !["la", "las", "los", "el"].contains(lower(words[k + 1])), words[k + 1].first?.isUppercase == true,
           words[..<k].allSatisfy({ $0.first?.isUppercase == true && !titles.contains(lower($0).trimmingDots) }) {
            words.removeSubrange(k...)
        }
        // «el jefe utp del liceo Zapallar», «la directora de carrizalillo»: a role where it is held,
        // no one's name: kept whole (qa25 c7: the title was dropped, leaving «Del Liceo Zapallar»).
        // («la jefa daem»: the office's short name right after the role, two words.)
        if words.count >= 2, isRoleAtPlace(words.joined(separator: " ")) { return words.joined(separator: " ").trimmingPunctuation }
        var titleWords: [String] = []
        while words.count > 1, let f = words.first, titles.contains(lower(f).trimmingDots) {
            titleWords.append(words.removeFirst())
            if let f2 = words.first, case let l = lower(f2), l == "de" || l == "utp" { if words.count > 1 { words.removeFirst() } }
        }

        let name = words.joined(separator: " ").trimmingPunctuation
        if name.isEmpty {
            let t = titleWords.joined(separator: " ")
            return t.isEmpty ? nil : t
        }
        return name
    }
}

extension String {
    fileprivate var trimmingDots: String { TextFold.contains(self, byte: UInt8(ascii: ".")) ? String(self.filter { $0 != "." }) : self }
    fileprivate var trimmingPunctuation: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "." || f == "-" || f == ":" || f == "\"" || f == "'" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "." || l == "-" || l == "!" || l == "?" || l == "\"" || l == "'" || l == ":" { s = s.dropLast() }
        return String(s)
    }
}

/// Matches a typed name to the network's members, forgiving case, accents, articles, typos
/// and short forms: "ana perez" → "Ana Pérez", "la Marcela" → "Marcela Soto", "Marce" →
/// "Marcela Soto" — only when exactly one member fits best.
public enum PersonMatcher {
    /// The member `name` most plausibly refers to, or nil (none, or more than one fits).
    public static func match(_ name: String, among members: [String]) -> String? {
        let c = candidates(name, among: members)
        return c.count == 1 ? c[0] : nil
    }

    /// Every member that fits best (several when the name is ambiguous: the dialog asks).
    public static func candidates(_ name: String, among members: [String]) -> [String] {
        // A people answer asks about each name it says several times (a member? several of
        // that name? a member for `people`?), and other readers of the turn ask again: the
        // last answers are kept, found by the name and the list (nearly always the same storage).
        if let hit = recentCandidates.withLock({ $0.find(name, members) }) {
            assert(hit == scoredCandidates(name, among: members), "PersonMatcher kept another answer for «\(name)»")
            return hit
        }
        let found = scoredCandidates(name, among: members)
        recentCandidates.withLock { $0.keep(name, members, found) }
        return found
    }

    /// The last few names asked of `candidates`, with their lists and answers (a pure function
    /// of the two). A ring: keeping one never shifts the others.
    private struct RecentCandidates {
        var names: [String] = []
        var lists: [[String]] = []
        var found: [[String]] = []
        var next = 0

        func find(_ name: String, _ members: [String]) -> [String]? {
            for i in names.indices where names[i].utf8.count == name.utf8.count && names[i] == name && lists[i] == members { return found[i] }
            return nil
        }

        mutating func keep(_ name: String, _ members: [String], _ answer: [String]) {
            if names.count < 4 {
                names.append(name)
                lists.append(members)
                found.append(answer)
            } else {
                names[next] = name
                lists[next] = members
                found[next] = answer
                next = (next + 1) & 3
            }
        }
    }

    private static let recentCandidates = PlainLock(RecentCandidates())

    private static func scoredCandidates(_ name: String, among members: [String]) -> [String] {
        var q = words(name)
        while let f = q.first, q.count > 1 || articles.contains(f), titles.contains(f) {
            q.removeFirst()
        }
        guard !q.isEmpty else { return [] }
        let (index, covered) = MemberIndex.of(members)
        var bestScore = 0
        var best: [String] = []
        for (i, m) in members.enumerated() {
            let s = score(q, i < covered ? index.words[i] : memberWords(m))
            if s > bestScore { bestScore = s; best = [m] }
            else if s == bestScore && s > 0 { best.append(m) }
        }
        return best
    }

    /// Every member's folded words, in the order of the list they were read from. A people answer
    /// compares each name it says with every member several times (role? thing? group? member?),
    /// and the list changes only with the network: the index is built once per list
    /// (`remember`, once per network revision), not per member per call.
    public final class MemberIndex: Sendable {
        let members: [String]
        let words: [[[UInt8]]]

        init(_ members: [String]) {
            self.members = members
            words = members.map(PersonMatcher.words)
        }

        /// `base`'s index with the names of `members` after `base`'s own read here: only those
        /// are folded (`members` starts with `base.members`).
        private init(_ members: [String], extending base: MemberIndex) {
            self.members = members
            var w = base.words
            w.reserveCapacity(members.count)
            for name in members[base.members.count...] { w.append(PersonMatcher.words(name)) }
            words = w
        }

        /// Builds and keeps the index of a network's list of people (`KnownPeople`), so the
        /// lists a turn passes — that one, or that one with the speaker added — find it.
        @discardableResult
        public static func remember(_ members: [String]) -> MemberIndex { store(members) }

        /// Keeps the index of `members`, the list `base` was built from with a few names added
        /// last (a session's speaker, `KnownPeople.names`): made once when that list is, it is
        /// found by the list's storage on that speaker's turns, rather than by hashing the
        /// network's first name and folding the speaker's name again on every people answer.
        public static func remember(_ members: [String], extending base: MemberIndex) {
            guard members.count > base.members.count, members.starts(with: base.members) else { return }
            let index = MemberIndex(members, extending: base)
            assert(index.words == members.map(PersonMatcher.words), "an extended member index reads its names otherwise")
            recent.withLock { $0.keep(members, index, members.count) }
        }

        /// The index that covers `members` or all of it but the last name (the speaker a session
        /// adds after the network's people), and how many names it covers.
        static func of(_ members: [String]) -> (MemberIndex, Int) {
            guard let first = members.first else { return (empty, 0) }
            // A turn passes the same list many times (each name said, each reader): the last
            // answer is found by comparing the lists (their storage, nearly always shared) before
            // any name is hashed.
            if let last = recent.withLock({ $0.find(members) }) { return last }
            let n = members.count
            let hit = table.withLock { t -> (MemberIndex, Int)? in
                // No network's list kept yet (none with members): nothing to hash the key for.
                if t.isEmpty { return nil }
                // Equal lists nearly always share their storage: found without comparing names.
                if let x = t[Key(count: n, first: first)]?.first(where: { $0.members == members }) { return (x, n) }
                if n > 1, let x = t[Key(count: n - 1, first: first)]?.first(where: { members.starts(with: $0.members) }) {
                    return (x, n - 1)
                }
                return nil
            }
            // Any other list is read name by name (`memberWords`): building an index for a list
            // met once (a speaker's own) would cost more than it saves.
            let found = hit ?? (empty, 0)
            recent.withLock { $0.keep(members, found.0, found.1) }
            return found
        }

        /// The last lists `of` answered or `remember(_:extending:)` kept, with their answers (an
        /// index is a pure function of its list). A ring of a few: a speaker's list kept on their
        /// first turn is still here at their people answer after other turns' lists.
        private struct Recent {
            var lists: [(members: [String], index: MemberIndex, covered: Int)] = []
            var next = 0

            /// Equal lists nearly always share their storage: `==` answers without reading names.
            func find(_ members: [String]) -> (MemberIndex, Int)? {
                for e in lists where e.members == members { return (e.index, e.covered) }
                return nil
            }

            mutating func keep(_ members: [String], _ index: MemberIndex, _ covered: Int) {
                if lists.count < 8 {
                    lists.append((members, index, covered))
                } else {
                    lists[next] = (members, index, covered)
                    next = (next + 1) & 7
                }
            }
        }

        private static let recent = PlainLock(Recent())

        /// Keeps the index of `members`, built here (or the one already kept), and answers it.
        private static func store(_ members: [String]) -> MemberIndex {
            guard let first = members.first else { return empty }
            let n = members.count
            if let kept = table.withLock({ $0[Key(count: n, first: first)]?.first { $0.members == members } }) { return kept }
            let index = MemberIndex(members)
            table.withLock { t in
                // Bounded: a server meets many networks; starting over costs one index per list.
                if t.count >= 512 { t.removeAll(keepingCapacity: true) }
                t[Key(count: n, first: first), default: []].insert(index, at: 0)
                if t[Key(count: n, first: first)]!.count > 4 { t[Key(count: n, first: first)]!.removeLast() }
            }
            // A list answered before it was kept finds its index now.
            recent.withLock { $0 = Recent() }
            return index
        }

        private struct Key: Hashable {
            var count: Int
            var first: String
        }

        private static let empty = MemberIndex([])
        private static let table = PlainLock<[Key: [MemberIndex]]>([:])
    }

    /// `words(member)` of a name outside the index (the speaker), remembered.
    private static func memberWords(_ member: String) -> [[UInt8]] {
        if let hit = memberCache.withLock({ $0[member] }) { return hit }
        let w = words(member)
        memberCache.withLock { cache in
            // Bounded: a server meets many people; starting over costs one fold per name.
            if cache.count >= 4_096 { cache.removeAll(keepingCapacity: true) }
            cache[member] = w
        }
        return w
    }

    private static let memberCache = PlainLock<[String: [[UInt8]]]>([:])

    /// Folded words as bytes (folded text is ASCII): compared for every member on every name.
    private static func words(_ s: String) -> [[UInt8]] {
        TextFold.withFolded(s) { f in
            var out: [[UInt8]] = []
            // One allocation for the list (a name's two or three words grew it twice).
            var separators = 0
            for b in f where b == 0x20 || b == 0x2D || b == 0x2F || b == 0x3A { separators += 1 }
            out.reserveCapacity(separators + 1)
            var start = 0
            for i in 0...f.count where i == f.count || f[i] == 0x20 || f[i] == 0x2D || f[i] == 0x2F || f[i] == 0x3A {
                if i > start { out.append(Array(UnsafeBufferPointer(rebasing: f[start..<i]))) }
                start = i + 1
            }
            return out
        }
    }

    private static let titles: Set<[UInt8]> = Set(["la", "el", "a", "al", "profe", "tia", "tio", "don", "dona", "sra", "sr", "senora", "senor",
                                                   "profesora", "profesor"].map { Array($0.utf8) })
    private static let articles: Set<[UInt8]> = [Array("la".utf8), Array("el".utf8)]

    /// 0 when some query word fits no member word; otherwise higher is better.
    private static func score(_ q: [[UInt8]], _ m: [[UInt8]]) -> Int {
        guard !m.isEmpty else { return 0 }
        if q == m { return 1000 }
        // Run for every member on every name said: the marks live on the stack.
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: m.count) { used -> Int in
            used.initialize(repeating: false)
            var total = 0
            for (qi, w) in q.enumerated() {
                var bestJ = -1, bestS = 0
                for (j, mw) in m.enumerated() where !used[j] {
                    var s = 0
                    if w == mw { s = 100 }
                    else if w.count >= 3, mw.starts(with: w) { s = 60 }
                    else if w.count >= 4, mw.count >= 4, abs(w.count - mw.count) <= (mw.count >= 7 ? 2 : 1) {
                        // Lengths further apart than the budget are further apart in edits too.
                        let budget = mw.count >= 7 ? 2 : 1
                        if TextFold.boundedDistance(w, mw, budget) <= budget { s = 50 }
                    }
                    if s > 0, qi == 0, j == 0 { s += 5 }   // first names first
                    if s > bestS { bestS = s; bestJ = j }
                }
                guard bestJ >= 0 else { return 0 }
                used[bestJ] = true
                total += bestS
            }
            return total
        }
    }
}
