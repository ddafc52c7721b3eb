/// The words the grammars care about, after folding and typo correction. Everything else
/// is `.other`. Number words ("quince", "veintitrés") become number tokens instead.
enum Word: Hashable, Sendable {
    case other
    case month(Int)          // 1…12
    case weekday(Int)        // ISO: 1 = lunes … 7 = domingo
    case ordinal(Int)        // primer(o) 1 … décimo 10, último -1, penúltimo -2
    // articles, prepositions, connectors
    case el, la, los, las, lo, de, del, a, al, en, y, o, para, pal, hasta, desde, entre, partir
    case por, antes, despues, dentro, hace, aqui, que, viene, proximo, siguiente, pasado, entrante
    case este, otro, cada, todos, mismo, ese, eso, tipo, como, cerca, aprox, alrededor, tipo2
    // relative days and parts of the day
    case hoy, manana, ayer, anteayer, ahora, tarde, noche, madrugada, mediodia, medianoche, temprano
    case medio, cuarto, menos, punto, almuerzo
    // units
    case dia, semana, mes, ano, finde, fin, hora, minuto, vez, quincena
    case principios, mediados, fines
    case am, pm, hrs, h
    // recurrence words
    case mas, durante
    /// "son 4 sesiones": how many dates a series has.
    case son, sesion
    case mar   // "3 mar": March only after a day number
    case habil, laboral, semanal, mensual, quincenal, diario, anual, bimensual, trimestral, semestral
    // named days
    case vacaciones, invierno, fiestas, patrias, navidad, nuevo, dieciocho
    // second pass: relative words, periods and the vocabulary of named days
    case antepasado, vispera, excepto
    case subsiguiente, anterior, recien, anoche, momento, semestre, trimestre, bimestre, mitad, resto, queda
    /// School grades: «7mo básico», «2do medio», «el nivel de 1ro».
    case basico, nivel
    /// Words that say the same thing again, clearer: «fin de año, pero diciembre 2027», «o sea».
    case pero, osea
    case name(DayName)
    /// A verb form that puts the sentence in the past ("fue", "tuvimos", "naci").
    case pastVerb
}

/// Words that only matter inside the name of a day ("día de la madre", "San Pedro y San Pablo").
enum DayName: UInt8, Hashable, Sendable {
    case madre, padre, nino, profesor, trabajo, santa, santo, santos, nochebuena, nochevieja, verano
    case pedro, pablo, san, glorias, navales, virgen, carmen, asuncion, inmaculada, concepcion
    case independencia, ejercito, pascua, resurreccion, ramos, raza, encuentro, mundos, pueblos, indigenas
    case iglesias, evangelicas, buena, vieja, valentin, enamorados, halloween, estudiante, dos
}

/// Folded spellings → words. Built once; lookups hash a small inline string.
enum Lexicon {
    static let words: [String: Word] = {
        var d: [String: Word] = [:]
        func add(_ w: Word, _ names: String...) { for n in names { d[n] = w } }
        let months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                      "septiembre", "octubre", "noviembre", "diciembre"]
        for (i, m) in months.enumerated() { d[m] = .month(i + 1) }
        add(.month(9), "setiembre", "sept", "sep", "set")
        add(.month(1), "ene"); add(.month(2), "feb"); add(.month(4), "abr"); add(.month(5), "may")
        add(.month(6), "jun"); add(.month(7), "jul"); add(.month(8), "ago"); add(.month(10), "oct")
        add(.month(11), "nov"); add(.month(12), "dic")
        add(.weekday(1), "lunes", "lun")
        add(.weekday(2), "martes")
        add(.weekday(3), "miercoles", "mie", "mier", "mierc")
        add(.weekday(4), "jueves", "jue", "juev")
        add(.weekday(5), "viernes", "vie", "vier")
        add(.weekday(6), "sabado", "sabados", "sab")
        add(.weekday(7), "domingo", "domingos", "dom")
        add(.ordinal(1), "primer", "primero", "primera", "primeros", "primeras")
        add(.ordinal(2), "segundo", "segunda", "segundos", "segundas")
        add(.ordinal(3), "tercer", "tercero", "tercera", "terceros", "terceras")
        add(.ordinal(5), "quinto", "quinta")
        add(.ordinal(-1), "ultimo", "ultima", "ultimos", "ultimas")
        add(.ordinal(-2), "penultimo", "penultima")
        add(.el, "el", "l"); add(.la, "la"); add(.los, "los"); add(.las, "las"); add(.lo, "lo")
        add(.de, "de"); add(.del, "del"); add(.a, "a"); add(.al, "al"); add(.en, "en")
        add(.y, "y", "e"); add(.o, "o", "u"); add(.para, "para", "pa"); add(.pal, "pal")
        add(.hasta, "hasta", "hta"); add(.desde, "desde"); add(.entre, "entre"); add(.partir, "partir")
        add(.por, "por", "x"); add(.antes, "antes"); add(.despues, "despues", "dsp", "desp")
        add(.dentro, "dentro"); add(.hace, "hace"); add(.aqui, "aqui", "aca")
        add(.que, "que", "q"); add(.viene, "viene", "vienen")
        add(.proximo, "proximo", "proxima", "prox", "proximos", "proximas")
        add(.siguiente, "siguiente", "sgte", "sig")
        add(.pasado, "pasado", "pasada", "pasados", "pasadas")
        add(.entrante, "entrante")
        add(.este, "este", "esta", "estos", "estas")
        add(.otro, "otro", "otra")
        add(.cada, "cada"); add(.todos, "todos", "todas", "todo", "toda")
        add(.mismo, "mismo", "misma"); add(.ese, "ese", "esa"); add(.eso, "eso")
        add(.tipo, "tipo"); add(.como, "como"); add(.cerca, "cerca")
        add(.aprox, "aprox", "aproximadamente", "apx"); add(.alrededor, "alrededor")
        add(.hoy, "hoy"); add(.manana, "manana", "mnn", "mna", "maniana")
        add(.ayer, "ayer"); add(.anteayer, "anteayer", "antier", "antayer")
        add(.ahora, "ahora", "altiro")
        add(.tarde, "tarde", "tardecita"); add(.noche, "noche", "nochecita")
        add(.madrugada, "madrugada"); add(.mediodia, "mediodia"); add(.medianoche, "medianoche")
        add(.temprano, "temprano", "tempranito")
        add(.medio, "medio", "media"); add(.cuarto, "cuarto", "cuarta", "cuartos"); add(.menos, "menos")
        add(.punto, "punto"); add(.almuerzo, "almuerzo", "almorzar", "colacion")
        add(.dia, "dia", "dias"); add(.semana, "semana", "semanas")
        add(.mes, "mes", "meses"); add(.ano, "ano", "anos", "anio", "anios")
        add(.finde, "finde", "findes"); add(.fin, "fin")
        add(.principios, "principios", "principio", "comienzos", "comienzo", "inicios", "inicio")
        add(.mediados, "mediados"); add(.fines, "fines", "finales", "final")
        add(.hora, "hora", "horas", "horita", "horitas", "ora", "oras"); add(.minuto, "minuto", "minutos", "min", "mins", "minutito", "minutitos")
        add(.vez, "vez", "veces"); add(.quincena, "quincena", "quincenas")
        add(.son, "son", "seran"); add(.sesion, "sesion", "sesiones", "reuniones", "encuentros", "clases", "talleres", "fechas", "jornadas")
        add(.mas, "mas"); add(.durante, "durante"); add(.mar, "mar"); add(.am, "am"); add(.pm, "pm")
        add(.hrs, "hrs", "hr", "hs", "hras", "hrs.")
        add(.h, "h")
        add(.habil, "habil", "habiles"); add(.laboral, "laboral", "laborales")
        add(.semanal, "semanal", "semanalmente", "semanales")
        add(.mensual, "mensual", "mensualmente", "mensuales")
        add(.quincenal, "quincenal", "quincenalmente", "quincenales")
        add(.diario, "diario", "diariamente", "diarios", "diaria")
        add(.anual, "anual", "anualmente")
        add(.bimensual, "bimensual", "bimensualmente", "bimestral")
        add(.trimestral, "trimestral", "trimestralmente")
        add(.semestral, "semestral", "semestralmente")
        add(.vacaciones, "vacaciones", "vacas"); add(.invierno, "invierno")
        add(.fiestas, "fiestas"); add(.patrias, "patrias"); add(.navidad, "navidad")
        add(.nuevo, "nuevo"); add(.dieciocho, "dieciocho")
        add(.subsiguiente, "subsiguiente", "subsiguientes", "subsgte"); add(.anterior, "anterior", "anteriores")
        add(.antepasado, "antepasado", "antepasada", "antepenultimo", "antepenultima"); add(.vispera, "vispera")
        add(.excepto, "excepto", "salvo", "exceptuando"); add(.recien, "recien"); add(.anoche, "anoche"); add(.momento, "momento")
        add(.semestre, "semestre", "semestres"); add(.trimestre, "trimestre", "trimestres")
        add(.bimestre, "bimestre", "bimestres"); add(.mitad, "mitad"); add(.resto, "resto")
        add(.queda, "queda", "quedan", "resta", "restan", "falta", "faltan")
        add(.basico, "basico", "basica", "basicos", "basicas", "b")
        add(.nivel, "nivel", "niveles", "curso", "cursos", "grado", "grados")
        add(.pero, "pero"); add(.osea, "osea", "sea")
        add(.ahora, "ahorita")
        for v in ["fue", "fui", "fuimos", "fueron", "fuiste", "tuve", "tuvo", "tuvimos", "tuvieron", "hubo", "hice", "hizo",
                  "hicimos", "hicieron", "estuve", "estuvo", "estuvimos", "vine", "vinimos", "vinieron", "pude", "pudo",
                  "pudimos", "puse", "puso", "supe", "traje", "trajo", "naci", "nacio", "nacimos", "habia", "habiamos",
                  "era", "eramos", "estaba", "estabamos", "tenia", "teniamos", "iba", "ibamos", "volvi", "sali",
                  "empece", "comence", "falleci", "fallecio", "murio", "ocurrio", "sucedio", "asisti", "vi", "conoci", "recibi", "perdi", "vencio", "caduco",
                  "volvio", "salio", "empezo", "comenzo", "asistio"] {
            d[v] = .pastVerb
        }
        let names: [(DayName, [String])] = [
            (.madre, ["madre", "madres", "mama", "mamas"]), (.padre, ["padre", "padres", "papa", "papas"]),
            (.nino, ["nino", "ninos", "nina", "ninas", "ninez"]), (.profesor, ["profesor", "profesores", "profesora", "profe", "profes", "maestro", "docente"]),
            (.trabajo, ["trabajo", "trabajador", "trabajadores"]), (.santa, ["santa"]), (.santo, ["santo"]),
            (.santos, ["santos"]), (.nochebuena, ["nochebuena"]), (.nochevieja, ["nochevieja"]), (.verano, ["verano"]),
            (.pedro, ["pedro"]), (.pablo, ["pablo"]), (.san, ["san"]), (.glorias, ["glorias"]), (.navales, ["navales", "naval"]),
            (.virgen, ["virgen"]), (.carmen, ["carmen"]), (.asuncion, ["asuncion"]), (.inmaculada, ["inmaculada"]),
            (.concepcion, ["concepcion"]), (.independencia, ["independencia"]), (.ejercito, ["ejercito"]),
            (.pascua, ["pascua", "pascuas"]), (.resurreccion, ["resurreccion"]), (.ramos, ["ramos"]), (.raza, ["raza"]),
            (.encuentro, ["encuentro"]), (.mundos, ["mundos"]), (.pueblos, ["pueblos"]), (.indigenas, ["indigenas", "originarios"]),
            (.iglesias, ["iglesias", "iglesia"]), (.evangelicas, ["evangelicas", "evangelica"]), (.buena, ["buena"]),
            (.vieja, ["vieja"]), (.valentin, ["valentin"]), (.enamorados, ["enamorados"]), (.halloween, ["halloween"]),
            (.estudiante, ["estudiante", "estudiantes", "alumno", "alumnos"]),
        ]
        for (w, spellings) in names { for x in spellings { d[x] = .name(w) } }
        return d
    }()

    /// Number words and their values ("veintitrés" → 23). "un"/"una"/"uno" are 1.
    static let numbers: [String: Int] = {
        var d: [String: Int] = [:]
        let units = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
                     "diez", "once", "doce", "trece", "catorce", "quince", "dieciseis", "diecisiete",
                     "dieciocho", "diecinueve", "veinte", "veintiuno", "veintidos", "veintitres",
                     "veinticuatro", "veinticinco", "veintiseis", "veintisiete", "veintiocho", "veintinueve"]
        for (i, u) in units.enumerated() { d[u] = i }
        d["un"] = 1; d["una"] = 1; d["veintiun"] = 21; d["veintiuna"] = 21
        d["treinta"] = 30; d["cuarenta"] = 40; d["cincuenta"] = 50; d["sesenta"] = 60
        d["setenta"] = 70; d["ochenta"] = 80; d["noventa"] = 90
        d["cien"] = 100; d["ciento"] = 100; d["doscientos"] = 200; d["trescientos"] = 300
        d["cuatrocientos"] = 400; d["quinientos"] = 500; d["seiscientos"] = 600
        d["setecientos"] = 700; d["ochocientos"] = 800; d["novecientos"] = 900
        d["mil"] = 1000
        d["diesiseis"] = 16; d["disiseis"] = 16; d["diesisiete"] = 17; d["diesiocho"] = 18
        d["diesinueve"] = 19; d["beinte"] = 20; d["trenta"] = 30
        return d
    }()

    /// Spellings that may be corrected by edit distance: months, weekdays and a few long
    /// keywords. Short words are never corrected (too many false friends).
    static let fuzzyTargets: [([UInt8], Word)] = {
        let names: [(String, Word)] = [
            ("enero", .month(1)), ("febrero", .month(2)), ("marzo", .month(3)), ("abril", .month(4)),
            ("junio", .month(6)), ("julio", .month(7)), ("agosto", .month(8)), ("septiembre", .month(9)),
            ("setiembre", .month(9)), ("octubre", .month(10)), ("noviembre", .month(11)), ("diciembre", .month(12)),
            ("lunes", .weekday(1)), ("martes", .weekday(2)), ("miercoles", .weekday(3)), ("jueves", .weekday(4)),
            ("viernes", .weekday(5)), ("sabado", .weekday(6)), ("domingo", .weekday(7)),
            ("manana", .manana), ("mediodia", .mediodia), ("medianoche", .medianoche), ("proximo", .proximo),
            ("proxima", .proximo), ("siguiente", .siguiente), ("despues", .despues), ("semana", .semana),
            ("madrugada", .madrugada), ("minutos", .minuto), ("vacaciones", .vacaciones),
            ("semanalmente", .semanal), ("mensualmente", .mensual), ("quincenalmente", .quincenal),
            ("diariamente", .diario), ("habiles", .habil), ("invierno", .invierno),
        ]
        return names.map { (Array($0.0.utf8), $0.1) }
    }()

    /// Per first byte: bit k set when an exact word (`words`), a number word (`numbers`) or a
    /// word a typo away from a fuzzy target (`lookup`) may have k bytes (31 for 31 or more).
    /// Most words of a message («Ana», «planificación») are none: the tokenizer rules them out
    /// on their first byte and length, without building a string or hashing it.
    static let wordShapes: [UInt32] = shapes(of: words.keys)
    static let numberShapes: [UInt32] = shapes(of: numbers.keys)
    static let fuzzyShapes: [UInt32] = {
        var shapes = [UInt32](repeating: 0, count: 256)
        for (target, _) in fuzzyTargets {
            // The lengths `lookup` compares with this target: 5…16 bytes within its limit.
            for n in 5...16 where abs(target.count - n) <= (n >= 8 ? 2 : 1) {
                for f in firstBytes(target[0]) { shapes[Int(f)] |= 1 << UInt32(n) }
            }
        }
        return shapes
    }()

    /// The first bytes `lookup` takes as the same letter («b» and «v» are).
    private static func firstBytes(_ g: UInt8) -> [UInt8] {
        g == 0x62 ? [0x62, 0x76] : g == 0x76 ? [0x76, 0x62] : [g]
    }

    private static func shapes(of keys: some Sequence<String>) -> [UInt32] {
        var shapes = [UInt32](repeating: 0, count: 256)
        for k in keys {
            guard let f = k.utf8.first else { continue }
            shapes[Int(f)] |= 1 << UInt32(min(k.utf8.count, 31))
        }
        return shapes
    }

    /// False when folded `bytes` can be neither a number word nor a lexicon word (exact or
    /// corrected): `numbers[s]` and `lookup` would both find nothing.
    @inline(__always) static func mayKnow(_ first: UInt8, count: Int) -> Bool {
        mayKnow(first, count: count, in: knownShapes)
    }

    /// `mayKnow` with `knownShapes` read once by the caller (the tokenizer asks for every word).
    @inline(__always) static func mayKnow(_ first: UInt8, count: Int, in shapes: [UInt32]) -> Bool {
        shapes[Int(first)] & (1 << UInt32(min(count, 31))) != 0
    }

    /// The three shapes above in one table.
    static let knownShapes: [UInt32] = (0..<256).map { wordShapes[$0] | numberShapes[$0] | fuzzyShapes[$0] }

    /// Real words one typo away from a target that must stay themselves, and every common first
    /// name («Mario» is one typo from «marzo»).
    static let notTypos = baseNotTypos.union(FirstNames.folded)

    private static let baseNotTypos: WordSet = [
        "vienes", "viene", "vieres", "mares", "martas", "marta", "marte", "lunas", "lunar", "jueces",
        "nueves", "juegos", "semanas", "mañanas", "abrir", "abrirl", "julia", "junto", "juntos", "juntas",
        "junta", "mayor", "marzos", "enero", "enera", "entero", "manzana", "mariana", "mana", "manda",
        "domingo", "sabana", "sabados", "proxim", "despide", "octubres", "semana", "semanal", "ademas",
        "minutas", "minuta", "medianos", "mediana", "jaime", "juana", "junior", "mismo", "agosta",
        "lineas", "lunch", "martin", "marcos", "marcela", "marcelo", "viejos", "viejas", "viernes",
        "sabado", "ahora", "madruga", "proximos", "siguientes", "siguiendo", "siguen", "semestre",
        "trimestre", "momento", "anterior", "pascuas", "verano", "vereda",
        // qa24: words and places one or two typos from «sábado» and «domingo» («El Salado» in
        // Chañaral, «el dominio lector»).
        "salado", "salada", "salados", "saladas", "sabalo", "sabalos", "dominio", "dominios",
        "domino", "dominos", "dominico", "dominicos", "dominica", "dominicas",
    ]

    /// Every spelling above (and the tokenizer's ordinal suffixes), by bytes: one lookup per word.
    static let table = LexiconTable(words: words, numbers: numbers, ordinalSuffixes: Tokenizer.ordinalSuffixes,
                                    notTypos: notTypos)

    /// `lookup` on bytes alone, given the word's `table` entry (nil when it has none): no
    /// `String` of the word is made.
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>, entry: LexiconTable.Entry?) -> Word {
        if let w = entry?.word { return w }
        let n = bytes.count
        guard n >= 5, n <= 16, entry?.notTypo != true else { return .other }
        return corrected(bytes)
    }

    /// The fuzzy target one or two typos from `bytes` (5…16 bytes), `.other` when none or a tie.
    private static func corrected(_ bytes: UnsafeBufferPointer<UInt8>) -> Word {
        let n = bytes.count
        let limit = n >= 8 ? 2 : 1
        var best: Word = .other, bestD = limit + 1, tie = false
        for (target, w) in fuzzyTargets {
            let f = bytes[0], g = target[0]
            guard f == g || (f == 0x62 && g == 0x76) || (f == 0x76 && g == 0x62), abs(target.count - n) <= limit else { continue }
            let dist = target.withUnsafeBufferPointer { TextFold.typoDistance(bytes, $0, limit: limit) }
            if dist < bestD { best = w; bestD = dist; tie = false }
            else if dist == bestD && w != best { tie = true }
        }
        return bestD <= limit && !tie ? best : .other
    }

    /// The lexicon word for a folded spelling, correcting typos in long words.
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ s: String) -> Word {
        if let w = words[s] { return w }
        let n = bytes.count
        guard n >= 5, n <= 16, !notTypos.contains(s) else { return .other }
        return corrected(bytes)
    }
}
