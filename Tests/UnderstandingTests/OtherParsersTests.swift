import CivilTime
import Testing
@testable import Understanding

struct YesNoTests {
    /// Every affirmative form from the issue (and common variants) reads as yes.
    @Test(arguments: ["sí", "si", "Sí", "SI", "sii", "siii", "sipo", "sí po", "si po", "ya", "ya po", "yapo", "yaaa",
                      "dale", "dale po", "bueno", "bueno po", "ok", "OK", "oki", "okis", "okey", "obvio", "claro",
                      "de todas maneras", "al tiro", "altiro", "de acuerdo", "por supuesto", "👍", "sí 👍", "perfecto",
                      "listo", "Sí, el martes me sirve", "ya, dale", "claro que sí", "si, gracias", "¡Sí!"])
    func yes(_ s: String) { #expect(YesNo.parse(s) == true) }

    /// Every negative form reads as no.
    @Test(arguments: ["no", "No", "NO", "nop", "no po", "nopo", "nooo", "para nada", "ni ahí", "ni ahi", "nunca",
                      "👎", "no, gracias", "no puedo", "No, ese día no puedo", "tampoco", "mejor no", "no se puede"])
    func no(_ s: String) { #expect(YesNo.parse(s) == false) }

    /// Hedges and unrelated text are neither yes nor no.
    @Test(arguments: ["no sé", "no se", "nose", "no sé po", "ahí vemos", "ahi vemos", "puede ser", "tal vez", "quizás",
                      "a lo mejor", "no estoy segura", "", "   ", "el martes", "🤔", "hola", "no sé si pueda",
                      // a yes with a «but» is a change, not a plain yes
                      "ya pero que empiece en abril", "si pero en julio no hay", "no pero igual"])
    func neither(_ s: String) { #expect(YesNo.parse(s) == nil) }

    /// «ah sí, la convivencia escolar»: the yes or no before the mark, and the rest as written.
    @Test(arguments: [("ah si, la convivencia escolar", true, "la convivencia escolar"), ("sí, luis", true, "luis"),
                      ("claro: el trabajo con las familias", true, "el trabajo con las familias"), ("ya, el acta del consejo", true, "el acta del consejo"),
                      ("no, era el 12", false, "era el 12"), ("Sí po. Mañana", true, "Mañana")])
    func lead(_ c: (String, Bool, String)) {
        let l = YesNo.lead(c.0)
        #expect(l?.yes == c.1)
        #expect(l?.rest == c.2)
    }

    /// No lead: nothing after the yes, no mark, or the part before the mark is not a yes or no.
    @Test(arguments: ["sí", "sí,", "si la convivencia", "no sé, tal vez", "Ana, Luis", "el martes, a las 3",
                      "acuerdo: Tamara revisa las planificaciones", "otro acuerdo: yo consigo la sala", "Acuerdos: 1 y 3"])
    func noLead(_ s: String) { #expect(YesNo.lead(s) == nil) }

    /// «acuerdo:» labels what follows; «de acuerdo» still agrees, with a colon or without.
    @Test func labelIsNoYes() {
        #expect(YesNo.parse("acuerdo: Tamara revisa las planificaciones, plazo 20 de diciembre") == nil)
        #expect(YesNo.parse("acuerdo") == true)
        #expect(YesNo.parse("de acuerdo: el martes") == true)
        #expect(YesNo.lead("de acuerdo: el martes")?.yes == true)
    }
}

struct NumberParserTests {
    /// Digits, words, compound words and ordinals become integers.
    @Test(arguments: [("15", 15), ("quince", 15), ("veintitrés", 23), ("veintitres", 23), ("treinta y uno", 31),
                      ("cuarenta y dos", 42), ("cien", 100), ("ciento veinte", 120), ("dos mil veintiséis", 2026),
                      ("mil", 1000), ("1ro", 1), ("1°", 1), ("primero", 1), ("tercero", 3), ("somos doce", 12),
                      ("1.500", 1500), ("12.000.000", 12_000_000), ("cero", 0), ("un", 1), ("una", 1), ("-5", -5),
                      ("quinientos cincuenta", 550), ("diez y ocho", 10), ("yo diria que un 3", 3), ("una 4 diría yo", 4),
                      ("un solo 2", 1)])
    func numbers(_ c: (String, Int)) { #expect(NumberParser.parse(c.0) == c.1) }

    /// Text without a number is nil.
    @Test(arguments: ["", "hola", "ninguno", "🙂", "mucho"])
    func noNumber(_ s: String) { #expect(NumberParser.parse(s) == nil) }
}

struct DurationParserTests {
    /// Durations in words and digits, in minutes.
    @Test(arguments: [("dos horas", 120), ("2 horas", 120), ("90 minutos", 90), ("hora y media", 90),
                      ("una hora y media", 90), ("media hora", 30), ("1 hora", 60), ("una hora", 60), ("45 min", 45),
                      ("2 hrs", 120), ("1h30", 90), ("1:30 hrs", 90), ("1,5 horas", 90), ("1.5 horas", 90),
                      ("tres cuartos de hora", 45), ("un cuarto de hora", 15), ("2 horas y 15 minutos", 135),
                      ("2 horas 30 minutos", 150), ("dos horas y media", 150), ("dura como 40 minutos", 40),
                      ("treinta minutos", 30), ("1 hr", 60)])
    func durations(_ c: (String, Int)) { #expect(DurationParser.parse(c.0) == c.1) }

    /// Durations as said in a chat: diminutives («horita», «minutitos»), hedges around them.
    @Test(arguments: [("como 2 horitas", 120), ("2 horitas", 120), ("una horita", 60), ("media horita", 30),
                      ("una hora y media", 90), ("hora y media", 90), ("unos 40 minutitos", 40), ("como una horita y media", 90),
                      ("dos horitas más o menos", 120), ("un minutito", 1)])
    func spokenDurations(_ c: (String, Int)) { #expect(DurationParser.parse(c.0) == c.1) }

    /// Half and whole school days: a morning or an afternoon is 4 hours, a day 8; a count said with them wins.
    @Test(arguments: [("toda la mañana", 240), ("toda la tarde", 240), ("Toda la Tarde", 240), ("toda la manana po", 240),
                      ("todo el día", 480), ("todo el dia", 480), ("la jornada completa", 480), ("jornada completa", 480),
                      ("media jornada", 240), ("dura todo el día", 480), ("toda la tarde, unas 3 horas", 180)])
    func wholeDays(_ c: (String, Int)) { #expect(DurationParser.parse(c.0) == c.1) }

    /// A bare number or unrelated text is not a duration.
    @Test(arguments: ["90", "hola", "", "el martes", "0 minutos", "en la tarde", "la mañana", "todos"])
    func notDurations(_ s: String) { #expect(DurationParser.parse(s) == nil) }
}

struct PeopleTests {
    /// Lists split on commas and "y", dropping articles and titles.
    @Test(arguments: [
        ("Ana, Luis y la Marta", ["Ana", "Luis", "Marta"]),
        ("Ana y Luis", ["Ana", "Luis"]),
        ("la Marcela", ["Marcela"]),
        ("el profe Juan y la tía Carmen", ["Juan", "Carmen"]),
        ("el profe", ["profe"]),
        ("Ana Pérez, Luis Soto; Marta", ["Ana Pérez", "Luis Soto", "Marta"]),
        ("don Pedro e Isabel", ["Pedro", "Isabel"]),
        ("Ana/Luis", ["Ana", "Luis"]),
        ("  ", []),
        ("Yolanda", ["Yolanda"]),
        ("la directora", ["directora"]),
        ("la jefa de utp", ["jefa de utp"]),
        ("vinieron jaime y marisol, rosa tambien", ["jaime", "marisol", "rosa"]),
        ("solo la Marta", ["Marta"]),
        ("y agrega tambien a Javiera Cortes utp escuela Sotaqui y Miriam Olivares utp liceo Ovalle", ["Javiera Cortes", "Miriam Olivares"]),
        ("súmale a la Miriam", ["Miriam"]),
    ])
    func split(_ c: (String, [String])) { #expect(PeopleParser.split(c.0) == c.1) }

    /// A role alone is not a name: the dialog asks who that is.
    @Test(arguments: ["profe", "directora", "jefa utp", "la jefa de utp", "el jefe tecnico", "encargada de convivencia", "Sra."])
    func roleOnly(_ s: String) { #expect(PeopleParser.isRoleOnly(s)) }

    @Test(arguments: ["Juan", "profe Juan", "Ana Pérez", "Domingo", "Rosa"])
    func notRoleOnly(_ s: String) { #expect(!PeopleParser.isRoleOnly(s)) }

    /// A post at a place whose own name opens with an article, then a full name: that person
    /// (qa34); a school named after someone is kept whole.
    @Test(arguments: [
        ("el director de la escuela los boldos marcelo riquelme", "Marcelo Riquelme"),
        ("la directora del liceo el roble Patricia Lagos", "Patricia Lagos"),
        ("la jefa utp de la escuela las ánimas ana maría rojas", "Ana María Rojas"),
    ])
    func nameAfterRoleAtPlace(_ c: (String, String)) { #expect(PeopleParser.nameAfterRoleAtPlace(c.0) == c.1) }

    @Test(arguments: ["la directora de la escuela Gabriela Mistral", "el director del liceo bicentenario Gabriela Mistral", "la directora de carrizalillo",
                      "el director de la escuela los boldos"])
    func noNameAfterRoleAtPlace(_ s: String) { #expect(PeopleParser.nameAfterRoleAtPlace(s) == nil) }

    /// The rest of a sentence read as names is never offered as a new member.
    @Test(arguments: ["Agendar Otra", "Cambiar El Proposito", "Todos Los Del Microcentro", "Quiero Cambiar La Hora", "Lectura En Parejas", "Plan Sin Fecha",
                      "Sacalo", "Suspendela", "Borralos", "Cambiala"])
    func notAName(_ s: String) { #expect(!PeopleParser.looksLikeName(s)) }

    @Test(arguments: ["Rosa Huenchual", "Pedro Cayul", "Carmen Gloria Riquelme", "Huenchual", "Rosa de la Fuente", "María José Rojas", "Ayelén Catrileo", "Juan del Campo",
                      "Pamela Rojas", "Marcela", "Paula Soto", "Daniela Llancaqueo"])
    func aName(_ s: String) { #expect(PeopleParser.looksLikeName(s)) }

    static let members = ["Ana Pérez", "Luis Soto", "Marcela Soto", "Marta Díaz", "Ana María Rojas", "José Muñoz"]

    /// Typed names resolve to a member when exactly one fits best.
    @Test(arguments: [("ana perez", "Ana Pérez"), ("Ana Pérez", "Ana Pérez"), ("Marce", "Marcela Soto"),
                      ("la Marcela", "Marcela Soto"), ("marcela", "Marcela Soto"), ("luis", "Luis Soto"),
                      ("jose", "José Muñoz"), ("Jose Munoz", "José Muñoz"), ("marta diaz", "Marta Díaz"),
                      ("Marcla", "Marcela Soto"), ("ana maria", "Ana María Rojas"), ("rojas", "Ana María Rojas")])
    func match(_ c: (String, String)) { #expect(PersonMatcher.match(c.0, among: Self.members) == c.1) }

    /// Ambiguous or unknown names match nobody.
    @Test(arguments: ["Ana", "Soto", "Mar", "Pedro", "", "la"])
    func noMatch(_ s: String) { #expect(PersonMatcher.match(s, among: Self.members) == nil) }

    /// Ambiguous names list every candidate so the dialog can ask.
    @Test func candidates() {
        #expect(PersonMatcher.candidates("Soto", among: Self.members) == ["Luis Soto", "Marcela Soto"])
    }
}

struct ContactTests {
    /// E-mails are found in text; invalid ones are not.
    @Test func email() {
        #expect(ContactParser.email("mi correo es Ana.Perez@escuela.cl.") == "ana.perez@escuela.cl")
        #expect(ContactParser.email("<luis@slep.gob.cl>") == "luis@slep.gob.cl")
        #expect(ContactParser.email("ana@") == nil)
        #expect(ContactParser.email("sin correo") == nil)
        #expect(ContactParser.email("a@b.c") == nil)
    }

    /// Chilean phones normalise to E.164.
    @Test func phone() {
        #expect(ContactParser.phone("+56 9 1234 5678") == "+56912345678")
        #expect(ContactParser.phone("9 1234 5678") == "+56912345678")
        #expect(ContactParser.phone("912345678") == "+56912345678")
        #expect(ContactParser.phone("(2) 2123 4567") == "+56221234567")
        #expect(ContactParser.phone("1234") == nil)
        #expect(ContactParser.phone("no tengo") == nil)
    }
}

struct SpanishFormatTests {
    let today = LocalDate(year: 2026, month: 11, day: 25)

    /// Dates are echoed with weekday and month names; the year only when it differs.
    @Test func dates() {
        #expect(SpanishFormat.date(LocalDate(year: 2026, month: 12, day: 15), today: today) == "martes 15 de diciembre")
        #expect(SpanishFormat.date(LocalDate(year: 2027, month: 3, day: 1), today: today) == "lunes 1 de marzo de 2027")
        #expect(SpanishFormat.dateTime(LocalDateTime(iso: "2026-12-15T16:00")!, today: today) == "martes 15 de diciembre a las 16:00")
        #expect(SpanishFormat.dateTime(LocalDateTime(iso: "2026-12-02T01:30")!, today: today) == "miércoles 2 de diciembre a la 01:30")
        #expect(SpanishFormat.time(LocalTime(hour: 9, minute: 5)) == "09:05")
    }

    /// Names typed in lowercase are written as names; a name with capitals is left alone.
    @Test(arguments: [("red los copihues", "Red Los Copihues"), ("liceo de la costa", "Liceo de la Costa"),
                      ("puerto montt", "Puerto Montt"), ("escuela el maitén", "Escuela El Maitén"), ("RME Valdivia norte", "RME Valdivia norte"),
                      ("", "")])
    func properNames(typed: String, written: String) {
        #expect(SpanishFormat.properName(typed) == written)
    }

    /// Durations in words.
    @Test func durations() {
        #expect(SpanishFormat.duration(minutes: 90) == "1 hora y 30 minutos")
        #expect(SpanishFormat.duration(minutes: 120) == "2 horas")
        #expect(SpanishFormat.duration(minutes: 45) == "45 minutos")
        #expect(SpanishFormat.duration(minutes: 61) == "1 hora y 1 minuto")
    }

    /// Recurrences in words.
    @Test(arguments: [
        (Recurrence(rrule: "FREQ=WEEKLY;BYDAY=TU", time: LocalTime(hour: 16)), "todos los martes a las 16:00"),
        (Recurrence(rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"), "cada dos semanas los jueves"),
        (Recurrence(rrule: "FREQ=MONTHLY;BYDAY=1WE"), "el primer miércoles de cada mes"),
        (Recurrence(rrule: "FREQ=MONTHLY;BYDAY=-1FR", time: LocalTime(hour: 9)), "el último viernes de cada mes a las 09:00"),
        (Recurrence(rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"), "todos los días hábiles"),
        (Recurrence(rrule: "FREQ=WEEKLY;BYDAY=TU,TH", time: LocalTime(hour: 15), endTime: LocalTime(hour: 17)), "todos los martes y jueves de 15:00 a 17:00"),
        (Recurrence(rrule: "FREQ=WEEKLY;BYDAY=SA,SU"), "todos los sábados y domingos"),
        (Recurrence(rrule: "FREQ=MONTHLY;BYMONTHDAY=15"), "el 15 de cada mes"),
        (Recurrence(rrule: "FREQ=MONTHLY"), "todos los meses"),
        (Recurrence(rrule: "FREQ=DAILY"), "todos los días"),
        (Recurrence(rrule: "FREQ=DAILY;INTERVAL=2"), "día por medio"),
        (Recurrence(rrule: "FREQ=MONTHLY;INTERVAL=3"), "cada tres meses"),
        (Recurrence(rrule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1"), "el primer día hábil de cada mes"),
        (Recurrence(rrule: "FREQ=MONTHLY;BYDAY=2TU,4TU"), "el segundo y cuarto martes de cada mes"),
    ])
    func recurrences(_ c: (Recurrence, String)) { #expect(SpanishFormat.recurrence(c.0) == c.1) }

    /// Every kind of understood value is described.
    @Test func describe() {
        #expect(SpanishFormat.describe(.timeRange(LocalTime(hour: 15), LocalTime(hour: 17)), today: today) == "de 15:00 a 17:00")
        #expect(SpanishFormat.describe(.dateRange(LocalDate(year: 2026, month: 11, day: 30), LocalDate(year: 2026, month: 12, day: 4)), today: today)
                == "del lunes 30 de noviembre al viernes 4 de diciembre")
        #expect(SpanishFormat.describe(.dateTimeRange(LocalDateTime(iso: "2026-11-26T14:00")!, LocalDateTime(iso: "2026-11-26T18:00")!), today: today)
                == "jueves 26 de noviembre de 14:00 a 18:00")
    }
}

struct ChileanCalendarTests {
    /// The 2026 feriados from domain.md, with names.
    @Test func holidays2026() {
        let d = { (m: Int, day: Int) in LocalDate(year: 2026, month: m, day: day) }
        #expect(ChileanCalendar.holiday(on: d(1, 1)) == "Año Nuevo")
        #expect(ChileanCalendar.holiday(on: d(6, 21)) == "Día Nacional de los Pueblos Indígenas")
        #expect(ChileanCalendar.holiday(on: d(9, 18)) == "Independencia Nacional")
        #expect(ChileanCalendar.holiday(on: d(9, 19)) == "Día de las Glorias del Ejército")
        #expect(ChileanCalendar.holiday(on: d(12, 8)) == "Inmaculada Concepción")
        #expect(ChileanCalendar.holiday(on: d(6, 20)) == nil)
        #expect(ChileanCalendar.holiday(on: d(6, 7)) == nil)   // regional only
        #expect(ChileanCalendar.holiday(on: d(6, 7), region: "Arica")?.name == "Asalto y Toma del Morro de Arica")
        #expect(ChileanCalendar.holidays(year: 2026).filter { $0.region == nil }.count == 16)
        #expect(ChileanCalendar.isIrrenunciable(d(12, 25)))
        #expect(!ChileanCalendar.isIrrenunciable(d(12, 8)))
    }

    /// The 2027 feriados computed from the rules (moved Mondays, solstice, Easter).
    @Test func holidays2027() {
        let d = { (m: Int, day: Int) in LocalDate(year: 2027, month: m, day: day) }
        #expect(ChileanCalendar.holiday(on: d(3, 26)) == "Viernes Santo")
        #expect(ChileanCalendar.holiday(on: d(6, 28)) == "San Pedro y San Pablo")
        #expect(ChileanCalendar.holiday(on: d(10, 11)) == "Encuentro de Dos Mundos")
        #expect(ChileanCalendar.holiday(on: d(6, 21)) == "Día Nacional de los Pueblos Indígenas")
        #expect(ChileanCalendar.holiday(on: d(10, 12)) == nil)
        #expect(ChileanCalendar.holidays(year: 2027).count == 16)
        #expect(ChileanCalendar.holidays(year: 2028).isEmpty)
    }

    /// Winter breaks by region, whatever the spelling.
    @Test(arguments: [("Metropolitana", "2026-06-22", "2026-07-03"), ("RM", "2026-06-22", "2026-07-03"),
                      ("Región de Los Ríos", "2026-06-22", "2026-07-03"), ("los rios", "2026-06-22", "2026-07-03"),
                      ("Tarapacá", "2026-07-13", "2026-07-24"), ("tarapaca", "2026-07-13", "2026-07-24"),
                      ("Arica y Parinacota", "2026-07-13", "2026-07-24"), ("Región de Los Lagos", "2026-07-06", "2026-07-17"),
                      ("Aysén", "2026-06-29", "2026-07-17"), ("aysen", "2026-06-29", "2026-07-17"),
                      ("Magallanes y de la Antártica Chilena", "2026-06-29", "2026-07-17"),
                      ("Valparaíso", "2026-06-22", "2026-07-03"), ("Biobío", "2026-06-22", "2026-07-03"),
                      ("bio bio", "2026-06-22", "2026-07-03"), ("La Araucanía", "2026-06-22", "2026-07-03"),
                      ("Ñuble", "2026-06-22", "2026-07-03"), ("O'Higgins", "2026-06-22", "2026-07-03"),
                      ("Región del Libertador General Bernardo O'Higgins", "2026-06-22", "2026-07-03"),
                      ("XIV", "2026-06-22", "2026-07-03"), ("Antofagasta", "2026-06-22", "2026-07-03")])
    func winterBreak(_ c: (String, String, String)) {
        let r = ChileanCalendar.winterBreak(region: c.0, year: 2026)
        #expect(r?.lowerBound.iso == c.1)
        #expect(r?.upperBound.iso == c.2)
    }

    /// Unknown regions and years have no winter break.
    @Test func unknownBreaks() {
        #expect(ChileanCalendar.winterBreak(region: "Mendoza", year: 2026) == nil)
        #expect(ChileanCalendar.winterBreak(region: "Metropolitana", year: 2027) == nil)
    }

    /// Every listed region resolves to itself.
    @Test func regions() {
        #expect(ChileanCalendar.regions.count == 16)
        for r in ChileanCalendar.regions { #expect(ChileanCalendar.region(named: r) == r) }
        #expect(ChileanCalendar.region(named: "Región Metropolitana de Santiago") == "Metropolitana")
    }

    /// Answering «¿en qué región?», a number said alone is one; said elsewhere, only with «región».
    @Test func regionsByNumberWhenAsked() {
        let asked: [(String, String)] = [("la novena", "La Araucanía"), ("novena", "La Araucanía"), ("la 9", "La Araucanía"),
                                         ("la IX", "La Araucanía"), ("IX", "La Araucanía"), ("la XVI", "Ñuble"), ("la 14", "Los Ríos"),
                                         ("la XV", "Arica y Parinacota"), ("rm", "Metropolitana"), ("la decimocuarta", "Los Ríos"),
                                         ("la 8va", "Biobío"), ("la IX region", "La Araucanía")]
        for (said, region) in asked { #expect(ChileanCalendar.region(named: said, asked: true) == region, "\(said)") }
        #expect(ChileanCalendar.region(named: "la novena") == nil)
        #expect(ChileanCalendar.region(named: "la 9") == nil)
        #expect(ChileanCalendar.region(named: "la 99", asked: true) == nil)
        #expect(ChileanCalendar.region(named: "la quinta normal", asked: true) == nil)
    }
}
