import Understanding

extension DialogEngine {
    /// «anotar lo q acordamos ayer», «registrar los acuerdos del consejo de hoy», «la reflexión de
    /// la reunión de ayer», «lo del consejo»: right after a request's words, words that name the
    /// record itself (what the network did with it: «lo que acordamos», «q quedamos») or the
    /// occasion it came from («de la reunión de ayer») are no field's value, and a day said in them
    /// dates that occasion, never a deadline (issue 12: «q acordamos» was the agreement's text and
    /// «ayer» its deadline; the next line, the real agreement, landed in the wrong field).
    ///
    /// `words` are the request's words after its trigger, `noun` the trigger's last word. Returns
    /// what is left once such a reference is out (empty when it was all of it), or nil when
    /// `words` open with none. What follows a break («…ayer: Luis manda el acta», «…ayer, Luis…»,
    /// «…ayer es que Luis…») or a deadline's lead («…pal viernes») is left to be read as usual;
    /// the words describing the occasion further («…sobre la lectura») go with it.
    /// A meeting's own noun («agendar la reunión de mañana») and attendance («la asistencia de la
    /// reunión de ayer») are no record noun here: there the day picks the meeting.
    static func withoutOccasionReference(_ words: ArraySlice<Substring>, after noun: Substring, whole: Bool = false) -> ArraySlice<Substring>? {
        guard !words.isEmpty else { return nil }
        let f = words.map { TextFold.foldedLetters($0) }
        // «la reflexión de lo q conversamos ayer en el microcentro»: the record's noun, then what
        // was done with it, only its occasion to the end or a break («…de lo que hicimos con los
        // profes de 1° básico» says which practice: as before).
        if f.count >= 3, ["de", "del", "sobre"].contains(f[0]), f[1] == "lo",
           relativeNouns.contains(TextFold.foldedLetters(noun)) || occasionRecordNouns.contains(TextFold.foldedLetters(noun)) {
            return withoutOccasionReference(words.dropFirst(), after: noun, whole: true)
        }
        var i = 0
        // «lo que acordamos», «lo q quedamos», «que acordamos ayer», «acordamo ayer», «lo de hoy»,
        // «lo del consejo»: the record said by what was done with it.
        let lo = f[0] == "lo"
        if lo { i = 1 }
        var describedOnward = lo && !whole
        var afterVerb = false
        if i + 1 < f.count, occasionLeads.contains(f[i]), occasionVerbs.contains(f[i + 1]) {
            i += 2
        } else if i + 2 < f.count, occasionLeads.contains(f[i]), f[i + 1] == "nos", occasionVerbs.contains(f[i + 2]) {
            // «lo que nos comprometimos ayer».
            i += 3
        } else if i < f.count, agreedVerbs.contains(f[i]) {
            i += 1
        } else if lo, i < f.count, ["de", "del"].contains(f[i]) {
            // («lo de hoy»: the scan below takes «de» and the day.)
        } else if relativeNouns.contains(TextFold.foldedLetters(noun)) || occasionRecordNouns.contains(TextFold.foldedLetters(noun)),
                  ["de", "del", "en"].contains(f[0]) {
            // «los acuerdos del consejo de hoy»: only an occasion after the record's noun.
            describedOnward = false
        } else if agreedVerbs.contains(TextFold.foldedLetters(noun)) {
            // «registra lo q quedamos el lunes en el consejo», the trigger ending with the verb:
            // an occasion after it, to the end or a break («…quedamos pal lunes» is due then).
            afterVerb = true
            describedOnward = false
        } else {
            return nil
        }
        let opened = i
        // The occasion: meeting words, days and the words joining them, up to a break.
        var j = i, named = false, broke = false, dated = false
        func ends(_ k: Int) -> Bool { words[words.startIndex + k].last.map { ",:;.".contains($0) } ?? false }
        while j < f.count {
            let w = f[j]
            if occasionWords.contains(w) || monthNames.contains(w) || (!w.isEmpty && w.allSatisfy(\.isNumber)) {
                if !occasionJoins.contains(w) { named = true }
                if occasionDating.contains(w) { dated = true }
                // «el acuerdo del lunes», «los acuerdos de el martes»: a bare weekday after the
                // record's noun names its occasion too; a deadline is said «para el lunes», «pal
                // lunes», words that never open a reference.
                if weekdays.contains(w), j >= 1, ["de", "del"].contains(f[j - 1]) || (j >= 2 && f[j - 1] == "el" && f[j - 2] == "de") { dated = true }
                j += 1
            } else if occasionLeads.contains(w), j + 1 < f.count, occasionVerbs.contains(f[j + 1]) {
                // «la reunión que tuvimos ayer».
                j += 2
            } else {
                break
            }
            if ends(j - 1) { broke = true; break }
        }
        // A noun's reference is an occasion named, not only joining words («el acuerdo de que…»):
        // a meeting, a day already past or a weekday after «de», said up to the end or a break.
        // «ese acuerdo de la jornada de inicio» names what it is about: as before.
        if opened == 0, !lo { guard named, dated || afterVerb, j == f.count || broke else { return nil } }
        if whole, !(j == f.count || broke) { return nil }
        // Joining words before what follows are its own («…ayer el pedro manda…»).
        if j < f.count, !broke { while j > opened, occasionJoins.contains(f[j - 1]) { j -= 1 } }
        var rest = words.dropFirst(j)
        guard let next = rest.first.map({ TextFold.foldedLetters($0) }) else { return rest }
        if broke || afterBreak.contains(next) {
            // «…ayer: que Luis manda…», «…ayer es que Luis…», «…ayer fue revisar…».
            while let w = rest.first.map({ TextFold.foldedLetters($0) }), afterBreak.contains(w) || occasionLeads.contains(w) { rest = rest.dropFirst() }
            return rest
        }
        // «…ayer xq se me olvida», «…pa que no se nos olvide»: why it is asked, no field's value.
        if reasonLeads.contains(next) || (["pa", "para"].contains(next) && rest.dropFirst().first.map({ occasionLeads.contains(TextFold.foldedLetters($0)) }) == true) {
            return rest.prefix(0)
        }
        // «lo que acordamos sobre la lectura», «… con los apoderados»: still which one is meant.
        if describedOnward, describing.contains(next) { return rest.prefix(0) }
        return rest
    }

    /// `request` without a reference to the record or its occasion (`withoutOccasionReference`)
    /// said after its first words: what a flow's own reading of the request reads for a deadline
    /// («hay que anotar lo q vimos en la jornada del lunes»: no deadline; «…ayer: Luis manda el
    /// acta pal viernes»: «Luis manda el acta pal viernes»). The request as it was when it has none.
    public static func outsideOccasionReference(_ request: String) -> String {
        occasionReference(in: request)?.outside ?? request
    }

    /// `request` without its reference to the record or its occasion, and the reference's words
    /// («de la reunión de ayer»); nil when it has none.
    public static func occasionReference(in request: String) -> (outside: String, said: String)? {
        // Most requests say none of the words a reference opens with.
        guard TextFold.mayContainFolded(request, ["lo", "acord", "qued", "decid", "conver", "compromis", "reflexion", "norma", "resultado"]) else { return nil }
        let words = TextFold.spaceSeparated(request)
        let f = words.map { TextFold.foldedLetters($0) }
        for i in f.indices.prefix(10) {
            var kept: ArraySlice<Substring>?, from: Int
            if f[i] == "lo" || agreedVerbs.contains(f[i]) {
                (kept, from) = (withoutOccasionReference(words[i...], after: ""), i)
            } else if i + 1 < f.count, relativeNouns.contains(f[i]) || occasionRecordNouns.contains(f[i]) {
                (kept, from) = (withoutOccasionReference(words[(i + 1)...], after: words[i]), i + 1)
            } else {
                continue
            }
            guard let kept else { continue }
            let said = words[from..<(kept.startIndex == words.startIndex ? words.endIndex : kept.isEmpty ? words.endIndex : kept.startIndex)]
            return ((words[..<from] + kept).joined(separator: " "), said.joined(separator: " "))
        }
        return nil
    }

    /// True when `text`, said right after a record's noun («las normas que acordamos ayer»: «acordamos
    /// ayer»), only names what was done with it or its occasion: which records, none of them.
    public static func namesOnlyOccasion(_ text: String, after noun: String) -> Bool {
        let words = TextFold.spaceSeparated(text)
        return withoutOccasionReference(words[...], after: Substring(noun))?.isEmpty == true
    }

    /// «que» as typed on a phone before what was done: «q acordamos», «ke quedamos».
    public static let occasionLeads: Set<String> = ["que", "q", "qe", "ke", "k"]
    /// What the network did with the record, said in the first person plural (and typed short:
    /// «acordamo»), or by the others («quedaron»).
    static let occasionVerbs: WordSet = relativeVerbs.union([
        "quedamos", "quedamo", "acordamo", "decidimo", "conversamo", "vimo", "hablamo", "tomamo", "definimo", "dijimos",
        "resolvimos", "votamos", "revisamos", "analizamos", "tratamos", "discutimos", "reflexionamos", "planteamos", "acordaron",
        "quedaron", "decidieron", "conversaron", "tuvimos", "tuvimo",
        // «lo que salió hoy en el consejo»: what came out of it, said of the meeting.
        "salio", "salieron", "propusimos", "comprometimos", "comprometimo", "pactamos", "establecimos", "convenimos", "hablaron",
    ])
    /// The verbs that say the record without a «que» before them («anota que acordamos ayer», the
    /// «que» taken by the trigger): only agreeing and deciding («hacemos…» may be the practice itself).
    static let agreedVerbs: WordSet = ["acordamos", "acordamo", "quedamos", "quedamo", "decidimos", "decidimo", "conversamos",
                                       "conversamo", "hablamos", "hablamo", "definimos", "vimos", "tratamos", "resolvimos",
                                       "comprometimos", "comprometimo"]
    /// Record nouns besides `relativeNouns` a request may end with («los compromisos de ayer»).
    static let occasionRecordNouns: Set<String> = ["compromiso", "compromisos", "reflexiones", "conclusiones", "conclusion"]
    /// The words an occasion is said with: meetings, days, and what joins them.
    static let occasionWords: WordSet = [
        "reunion", "reuniones", "reu", "consejo", "encuentro", "jornada", "sesion", "microcentro", "junta", "taller", "asamblea",
        "red", "tecnico", "tecnica", "profesores", "profes", "directores", "directivos", "escolar", "ultima", "ultimo", "anterior",
        "pasada", "pasado", "recien", "nuestra", "nuestro", "mensual", "hoy", "ayer", "anteayer", "antier", "lunes", "martes",
        "miercoles", "jueves", "viernes", "sabado", "domingo", "semana", "mes", "otro", "dia", "tarde", "esta", "este",
        "de", "del", "en", "la", "el", "los", "las", "al", "a",
    ]
    /// The words of `occasionWords` that say a gathering or a day already past: what makes the
    /// words after a record's noun its occasion.
    static let occasionDating: WordSet = [
        "reunion", "reuniones", "reu", "consejo", "encuentro", "jornada", "sesion", "microcentro", "junta", "taller", "asamblea",
        "hoy", "ayer", "anteayer", "antier", "pasada", "pasado", "recien", "ultima", "ultimo", "anterior",
    ]
    /// The words of `occasionWords` that only join the others.
    static let occasionJoins: WordSet = ["de", "del", "en", "la", "el", "los", "las", "al", "a", "esta", "este", "nuestra", "nuestro"]
    static let monthNames: Set<String> = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                                          "setiembre", "octubre", "noviembre", "diciembre"]
    /// What opens the record's content after its reference: «…es que», «…fue».
    static let afterBreak: Set<String> = ["es", "fue", "son", "fueron", "que", "q", "ke", "qe"]
    /// «porque» as said and typed: the reason for the request follows.
    static let reasonLeads: Set<String> = ["porque", "xq", "pq", "pk", "porq", "pork"]
    /// Words that go on describing which record is meant: «…sobre la lectura», «…con los apoderados».
    static let describing: Set<String> = ["sobre", "con", "acerca", "respecto", "de", "del", "en", "por"]
}
