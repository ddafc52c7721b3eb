import CivilTime
import DialogEngine
import Domain
import Understanding

/// Readings every flow gets that need the store: «todos» as the whole network, «pa la próxima
/// reunión» as that meeting's day, «la otra semana» as that week's Friday. Consulted after the
/// flow's own extension; keyed on slot types, never on flows.
struct SharedReadings: FlowExtension {
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        if slot.type == .duration, let reading = Self.untilEnd(message, slot: slot.name, run: run) { return reading }
        guard let s = context.snapshot else { return nil }
        let text = message.clean, phrase = message.phrase
        let today = context.today
        // «anota a Marta y a Luis», «pon a la Rosa y al Pedro» to «¿Quiénes participan?»: a verb
        // of writing down, then «a» and people, names this answer's people (issue 12: «anota» met
        // the agreement's request, a switch was offered and «Marta y a Luis» became its text).
        if slot.type == .people, let reading = Self.peopleAfterWriteVerb(message, slot: slot, context: context) { return reading }
        // «todos» for a list of people: the whole network, the speaker included.
        // «ya, vamos todos po»: the same, with the talk around it.
        // (An answer with nothing to trim is its own phrase: not read again.)
        // (Each of those says one of `everyoneKeys`, and trimming only drops words: an answer
        // with none of them is not trimmed here.)
        if slot.type == .people, phrase.tokens.contains(where: Self.everyoneKeys.contains), Self.everyone.contains(phrase.core)
            || Self.everyone.contains(Self.trimmedCore(text, phrase: phrase)) {
            guard let names = Self.everyoneNames(context) else { return nil }
            return .fill([slot.name: .list(names)], remark: "\(capitalized(slot.label)): \(SlotValue.joinSpanish(names)).")
        }
        // «todos los del microcentro», «todas las de la red», «todo el grupo»: the whole network
        // named by what it is (qa28: read as a person «Del Microcentro»).
        if slot.type == .people, phrase.tokens.contains(where: Self.everyoneKeys.contains), Self.everyoneOfTheNetwork(phrase.tokens) {
            guard let names = Self.everyoneNames(context) else { return nil }
            return .fill([slot.name: .list(names)], remark: "\(capitalized(slot.label)): \(SlotValue.joinSpanish(names)).")
        }
        // «todos menos la Ana», «todas excepto Pedro»: the whole network but those named.
        // (Its words first: a word that folds to «menos» is one of the message's tokens.)
        if slot.type == .people, phrase.tokens.contains(where: Self.allButWords.contains) {
            var everyone = s.members.filter { !$0.isOut }.map(\.name)
            if let me = context.userName, !everyone.contains(me) { everyone.append(me) }
            if let (kept, left, _) = Self.allBut(text, from: everyone, slot: slot, context: context) {
                return .fill([slot.name: .list(kept)], remark: "\(capitalized(slot.label)): \(SlotValue.joinSpanish(kept)) (todos menos \(SlotValue.joinSpanish(left))).")
            }
        }
        // «todos y Daniela Ortiz», «todos, y además la Pía»: the whole network and those named.
        if slot.type == .people, let plus = Self.allPlus(text, slot: slot, context: context) {
            return .fill([slot.name: .list(plus)], remark: "\(capitalized(slot.label)): \(SlotValue.joinSpanish(plus)).")
        }
        // «nosotros, en el consejo de hoy», «todos en la reunión del lunes»: the whole network,
        // with when or where it was said after it (never a person called «Nosotros»).
        if slot.type == .people, phrase.tokens.contains(where: Self.everyoneKeys.contains), Self.everyoneWithCircumstance(phrase.tokens) {
            guard let names = Self.everyoneNames(context) else { return nil }
            return .fill([slot.name: .list(names)], remark: "\(capitalized(slot.label)): \(SlotValue.joinSpanish(names)).")
        }
        // «las profes», «todos los directores», «cada profe encargada»: the members with that role,
        // said back with the group they came from.
        if slot.type == .people, let (names, groups, unfilled) = Self.byRole(text, phrase: phrase, slot: slot, context: context) {
            var remark = "\(capitalized(slot.label)): \(SlotValue.joinSpanish(names))"
            if !groups.isEmpty { remark += " (\(SlotValue.joinSpanish(groups)) de la red)" }
            remark += "."
            // «los directores» in a network with none registered: kept as the group, and said so.
            if !unfilled.isEmpty {
                remark += " Nadie de la red tiene registrado ese cargo, así que «\(SlotValue.joinSpanish(unfilled))» queda como grupo."
            }
            return .fill([slot.name: .list(names)], remark: remark)
        }
        // «todos los directores», «todas las educadoras del microcentro» with no member of that role: the group, as «los directores».
        if slot.type == .people, phrase.tokens.count > 2, ["todos", "todas"].contains(phrase.tokens[0]), ["los", "las"].contains(phrase.tokens[1]),
           let first = text.split(separator: " ").first, let names = DialogEngine.people(in: String(text.dropFirst(first.count)).trimmingCharacters(in: .whitespaces), slot: slot, context: context) {
            return .fill([slot.name: .list(names)], remark: "\(capitalized(slot.label)): \(SlotValue.joinSpanish(names)).")
        }
        // «la sra gladys de los robles»: a person named with their school is that school's member.
        if slot.type == .people, let said = Self.bySchool(text, in: s), let names = DialogEngine.people(in: said, slot: slot, context: context) {
            return .fill([slot.name: .list(names)], remark: "\(capitalized(slot.label)): \(SlotValue.joinSpanish(names)).")
        }
        guard slot.type == .date else { return nil }
        // "pa la próxima reunión": the deadline is the day of the network's next meeting.
        if !TextFold.contains(text, byte: UInt8(ascii: "?")),
           phrase.tokens.contains(where: Self.meetingWords.contains), phrase.tokens.contains(where: Self.nextWords.contains) {
            guard let (meeting, at) = s.nextMeeting(after: context.temporal.localNow) else {
                return .reask("Todavía no hay una próxima reunión agendada, así que necesito el día.")
            }
            return .fill([slot.name: .date(at.date)],
                         remark: "Anotado: \(SpanishFormat.date(at.date, today: today)), el día de la próxima reunión («\(meeting.title)»).")
        }
        // "pa la reunión de marzo": the day of the meeting held then, not a request to schedule one.
        if phrase.tokens.contains(where: Self.meetingWords.contains), let m = TemporalParser.parse(text, context: context.temporal) {
            let (from, to): (LocalDate, LocalDate)
            switch m.value {
            case .date(let d): (from, to) = (d, d)
            case .dateRange(let a, let b): (from, to) = (a, b)
            default: return nil
            }
            var held = s.meetings.flatMap { meeting in meeting.upcomingDates(from: max(from, today), to: to, limit: 3).map { (meeting, $0) } }
                .sorted { $0.1 < $1.1 }
            // «antes de la reunión del jueves»: the meeting held on a Thursday, which need not be
            // the coming one (issue 12: the coming Thursday was taken, a week before the meeting).
            if case .date(let d) = m.value, Self.saysWeekdayOnly(m.text), let (meeting, day) = Self.meetingOn(weekday: d.weekday, in: s, context: context) {
                held = [(meeting, day)]
            }
            guard let (meeting, day) = held.first else {
                let said = m.text.hasPrefix("de ") ? String(m.text.dropFirst(3)) : m.text
                // «para la reunión de marzo, o sea el 11 de marzo»: the day itself is said; it is the
                // date, with no meeting scheduled yet (it was refused).
                if case .date(let d) = m.value, d >= today {
                    return .fill([slot.name: .date(d)],
                                 remark: "Anotado: \(SpanishFormat.date(d, today: today)) (todavía no hay una reunión agendada ese día).")
                }
                return .reask("No encuentro una reunión agendada para «\(said)». ¿Qué día exacto?")
            }
            return .fill([slot.name: .date(day)], remark: "Anotado: \(SpanishFormat.date(day, today: today)), el día de «\(meeting.title)».")
        }
        // A deadline said as a week ("pa la otra semana"): that week's Friday; a longer span: ask for the day.
        if let m = TemporalParser.parse(text, context: context.temporal), case .dateRange(let a, let b) = m.value, b >= today,
           phrase.tokens.allSatisfy({ Phrase(m.text).tokens.contains($0) || Self.dateFiller.contains($0) }) {
            let span = b.dayNumber - a.dayNumber
            if span <= 7, let friday = (0...span).map({ a.adding(days: $0) }).first(where: { $0.weekday == 5 }), friday >= today {
                return .fill([slot.name: .date(friday)],
                             remark: "Anotado: \(SpanishFormat.date(friday, today: today)), el viernes de esa semana. Si es otro día, dímelo.")
            }
            let from = max(a, today)
            return .reask("«\(m.text)» va del \(SpanishFormat.date(from, today: today)) al \(SpanishFormat.date(b, today: today)). ¿Qué día exacto? Por ejemplo «el \(b.day)» o «\(b.day)/\(b.month)».")
        }
        return nil
    }

    /// The first meeting held on `weekday` (ISO, 1 = Monday) from now to five weeks ahead, and its
    /// day: «la reunión del jueves» names that meeting's Thursday, not the coming one; nil when no
    /// meeting is held on that weekday so soon.
    static func meetingOn(weekday: Int, in s: NetworkSnapshot, context: EngineContext) -> (Meeting, LocalDate)? {
        let now = context.temporal.localNow
        return s.occurrences(from: now.date, to: now.date.adding(days: 35))
            .first { m, at in at.date.weekday == weekday && at >= now && m.deleted == nil && !m.isSuspended(at: at) }
            .map { ($0.0, $0.1.date) }
    }

    /// Whether a date's words name only a weekday («del jueves», «el viernes», «este martes»): no
    /// figure, no month.
    static func saysWeekdayOnly(_ said: String) -> Bool {
        let t = Phrase(said).tokens
        return t.contains(where: weekdayWords.contains) && t.allSatisfy { weekdayWords.contains($0) || ["de", "del", "el", "este", "proximo", "la"].contains($0) }
    }

    static let weekdayWords: Set<String> = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"]

    /// `Phrase(AnswerText.trimmed(text)).core`, where `phrase` is `Phrase(text)`.
    static func trimmedCore(_ text: String, phrase: Phrase) -> String {
        let trimmed = AnswerText.trimmed(text)
        return trimmed == text ? phrase.core : Phrase(trimmed).core
    }

    /// «hasta las 5 más o menos» for how long something lasts: from the start time the flow
    /// already has (a day and time, a time, or a series' time) to that hour, read in the
    /// afternoon when the start is («las 5» after a 15:00 start is 17:00).
    static func untilEnd(_ message: Utterance, slot: String, run: FlowRun) -> Reading? {
        let t = message.phrase.tokens
        guard let k = t.firstIndex(where: { ["hasta", "terminamos", "termina", "terminaria", "terminaríamos"].contains($0) }) else { return nil }
        let start: LocalTime? = run.values.values.lazy.compactMap { v -> LocalTime? in
            switch v {
            case .dateTime(let dt): dt.time
            case .time(let time): time
            case .recurrence(let r): r.time
            default: nil
            }
        }.first
        guard let start else { return nil }
        var after = Array(t[(k + 1)...].drop { ["las", "la", "eso", "de", "a", "como"].contains($0) })
        guard let first = after.first, let hour = Int(first) ?? NumberParser.parse(first), (1...23).contains(hour) else { return nil }
        after.removeFirst()
        var minute = 0
        // «17:30» is one word: its minutes follow the colon.
        let clock = first.split(whereSeparator: { $0 == ":" || $0 == "." || $0 == "h" })
        if clock.count == 2, Int(clock[0]) == hour, clock[1].count == 2, let m = Int(clock[1]), m < 60 {
            minute = m
        } else if after.first == "y", after.count > 1 {
            if after[1] == "media" { minute = 30 } else if after[1] == "cuarto" { minute = 15 } else if let m = Int(after[1]), m < 60 { minute = m }
        } else if let said = after.first, said.count == 2, let m = Int(said), m < 60 {
            // «hasta las 17:30», «hasta las 10.45»: the minutes after the hour (they were dropped,
            // «hasta las 17:30» ended the meeting at 17:00).
            minute = m
        }
        var end = hour * 60 + minute
        let begin = start.minutesSinceMidnight
        // «las 5» said of an afternoon, or any end before the start read twelve hours later.
        if end <= begin, end + 12 * 60 > begin { end += 12 * 60 }
        let minutes = end - begin
        guard minutes > 0, minutes <= 12 * 60 else { return nil }
        let until = LocalTime(hour: end / 60, minute: end % 60)
        return .fill([slot: .duration(minutes: minutes)],
                     remark: "Anotado: \(SpanishFormat.duration(minutes: minutes)), de \(SpanishFormat.time(start)) a \(SpanishFormat.time(until)).")
    }

    /// The names a people answer gives when some of it is a group said by role that the network's
    /// members fill, with each such group as said («las profes de la red»). Nil when no group
    /// expanded, or when some name is new (the engine asks about it).
    /// `phrase`: `Phrase(text)` when the caller has it (its tokens are the folded words).
    static func byRole(_ text: String, phrase: Phrase? = nil, slot: SlotDefinition,
                       context: EngineContext) -> (names: [String], groups: [String], unfilled: [String])? {
        guard let s = context.snapshot else { return nil }
        let words = phrase?.tokens ?? TextFold.spaceSeparated(TextFold.fold(text)).map(String.init)
        // A group needs a role, group or title word: most answers are names, not split here.
        guard words.contains(where: { $0.utf8.count > 3 }), PeopleParser.mayHoldGroup(words) else { return nil }
        var groups: [String] = [], unfilled: [String] = []
        for piece in PeopleParser.split(AnswerText.trimmed(text)) {
            guard let group = PeopleParser.group(piece), PersonMatcher.match(piece, among: context.members) == nil else { continue }
            if DialogEngine.roleMembers(group, context: context) != nil {
                groups.append(Self.groupAsSaid(piece))
            } else if PeopleParser.isPlural(group), !s.members.isEmpty,
                      RoleGroup.members(of: group, among: s.members.map { (name: $0.name, role: $0.role) })?.isEmpty == true {
                unfilled.append(PeopleParser.asSaid(piece, group: group))
            }
        }
        guard !groups.isEmpty || !unfilled.isEmpty, let names = DialogEngine.people(in: text, slot: slot, context: context),
              names.allSatisfy({ context.members.contains($0) || $0 == context.userName || unfilled.contains($0) }) else { return nil }
        return (names, groups, unfilled)
    }

    /// «todas las profes» → «las profes», «jefes utp» → «los jefes UTP», «cada profe encargada» as said.
    static func groupAsSaid(_ piece: String) -> String {
        // The count said («las 4 profes») is left out: the names that follow are the count.
        var words = piece.lowercased().split(separator: " ").map(String.init).filter { Int($0) == nil && !Self.counts.contains($0) }
        while let f = words.first, ["todos", "todas", "vinieron", "fueron", "responsables", "son"].contains(TextFold.fold(f)) { words.removeFirst() }
        words = words.map { ["utp", "daem", "slep", "pie", "sep"].contains($0) ? $0.uppercased() : $0 }
        guard let head = words.first.map(TextFold.fold) else { return piece }
        if !["los", "las", "el", "la", "cada"].contains(head) {
            words.insert(head.hasSuffix("as") ? "las" : head.hasSuffix("s") ? "los" : head.hasSuffix("a") ? "la" : "el", at: 0)
        }
        return words.joined(separator: " ")
    }

    /// «todas menos la ana que estaba con licencia», «todos excepto Pedro y Luis»: those of
    /// `everyone` not named after «menos», the ones named (each a known person) and why, if said.
    /// Nil when the answer is not «all but…».
    static func allBut(_ text: String, from everyone: [String], slot: SlotDefinition, context: EngineContext) -> (kept: [String], left: [String], why: String?)? {
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        guard let k = folded.firstIndex(where: allButWords.contains), k > 0,
              folded[..<k].contains(where: { ["todos", "todas", "todes"].contains($0) }),
              folded[..<k].allSatisfy({ allButHead.contains($0) || $0.isEmpty }) else { return nil }
        var names = Array(words[(k + 1)...]), why: [String] = []
        // «…menos el Felipe, y llegó la Daniela…»: the exception ends with its clause.
        // («…menos la Luz, que estaba con licencia»: a reason after the comma is kept, up to its own
        // comma: it was lost.)
        let reasonLeads: Set<String> = ["que", "q", "porque", "pq", "xq", "ya", "por", "con", "estaba", "estaban", "tenia", "tenian"]
        if let end = names.firstIndex(where: { $0.hasSuffix(",") }) {
            let reasonNext = end + 1 < names.count && reasonLeads.contains(Phrase(names[end + 1]).core)
            var stop = end
            if reasonNext, let next = names[(end + 1)...].firstIndex(where: { $0.hasSuffix(",") }) { stop = next } else if reasonNext { stop = names.count - 1 }
            names = Array(names[...stop])
            names[end] = String(names[end].dropLast())
            if stop != end, names[stop].hasSuffix(",") { names[stop] = String(names[stop].dropLast()) }
        }
        // «…que estaba con licencia», «…porque tenía consejo»: the reason, not a name.
        // «…menos la Luz (licencia)»: the reason in a parenthesis too.
        if let r = names.indices.first(where: { names[$0].hasPrefix("(") }), r > 0 {
            why = Array(names[r...]).map { $0.filter { $0 != "(" && $0 != ")" } }
            names = Array(names[..<r])
        } else if let r = names.indices.first(where: { reasonLeads.contains(Phrase(names[$0]).core) }), r > 0 {
            why = Array(names[r...])
            if let f = why.first, ["que", "q", "porque", "pq", "xq"].contains(Phrase(f).core) { why.removeFirst() }
            names = Array(names[..<r])
        }
        guard let left = DialogEngine.people(in: names.joined(separator: " "), slot: slot, context: context), !left.isEmpty,
              left.allSatisfy({ everyone.contains($0) }) else { return nil }
        let kept = everyone.filter { !left.contains($0) }
        guard !kept.isEmpty else { return nil }
        var reason = Substring(why.joined(separator: " "))
        while let l = reason.last, " .,!".contains(l) { reason = reason.dropLast() }
        return (kept, left, reason.isEmpty ? nil : String(reason))
    }

    static let allButWords: WordSet = ["menos", "excepto", "exepto", "salvo"]

    /// «todos y Daniela Ortiz», «todos más la supervisora Daniela», «todos, además de Pedro»: the
    /// whole network (the speaker included) and the people named after it. Nil unless the answer
    /// opens with «todos» and a word that adds.
    static func allPlus(_ text: String, slot: SlotDefinition, context: EngineContext) -> [String]? {
        // Only an answer opening with «todos» reads so: the first word is looked at before every
        // word is split off and folded (most answers are names or a date: 10k instructions each).
        // (A phrase's tokens joined by spaces are its folded text: the word is folded, not made
        // into a phrase.)
        guard let head = TextFold.firstSpaceSeparated(text) else { return nil }
        let headFolded = TextFold.fold(String(head))
        assert(headFolded == Phrase(String(head)).tokens.joined(separator: " "), "allPlus folded «\(head)» otherwise")
        guard allHeads.contains(headFolded) else { return nil }
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        guard let first = folded.first, allHeads.contains(first),
              let k = folded.indices.first(where: { $0 > 0 && plusWords.contains(folded[$0]) }),
              folded[1..<k].allSatisfy({ allButHead.contains($0) || $0.isEmpty }) else { return nil }
        var j = k
        while j < folded.count, plusWords.contains(folded[j]) || folded[j] == "de" || folded[j].isEmpty { j += 1 }
        guard j < words.count, let everyone = everyoneNames(context),
              let more = DialogEngine.people(in: words[j...].joined(separator: " "), slot: slot, context: context), !more.isEmpty else { return nil }
        return everyone + more.filter { !everyone.contains($0) }
    }

    static let allHeads: Set<String> = ["todos", "todas", "todes"]

    /// «todos los del microcentro», «todas las de la red po», «todo el equipo»: a word of all,
    /// then only articles, «de» and a noun that names the network itself.
    static func everyoneOfTheNetwork(_ tokens: [String]) -> Bool {
        guard let first = tokens.first, ["todos", "todas", "todes", "todo", "toda"].contains(first), tokens.count > 1 else { return false }
        let rest = tokens.dropFirst()
        return rest.contains(where: networkNouns.contains)
            && rest.allSatisfy { networkNouns.contains($0) || ["los", "las", "el", "la", "de", "del", "nuestra", "nuestro", "mi", "este", "esta",
                                                                 "po", "nomas", "ya", "si", "nosotros", "nosotras"].contains($0) }
    }

    static let networkNouns: Set<String> = ["red", "microcentro", "rme", "grupo", "equipo", "comunidad", "consejo"]

    /// «nosotros, en el consejo de hoy», «todos ayer en la reunión»: an answer of `everyone`
    /// (its first one to three words) followed by when or where, which names nobody. The words
    /// after it must open with one of `circumstanceOpeners` («todos y la Pía» adds a person,
    /// «todos los directores» is a role: neither reads here).
    static func everyoneWithCircumstance(_ tokens: [String]) -> Bool {
        guard tokens.count > 1 else { return false }
        for n in (1...min(3, tokens.count - 1)).reversed() where everyone.contains(tokens[..<n].joined(separator: " ")) {
            var rest = tokens[n...].drop { ["po", "nomas", "ya", "si"].contains($0) }
            guard let first = rest.first, circumstanceOpeners.contains(first) else { return false }
            rest = rest.dropFirst()
            return !rest.isEmpty || first != "en"
        }
        return false
    }

    static let circumstanceOpeners: WordSet = ["en", "ayer", "hoy", "anoche", "anteayer", "durante", "cuando", "antes", "despues",
                                               "desde", "este", "esta", "ese", "esa", "alla", "aca", "aqui", "ahi", "el", "la"]

    static let plusWords: WordSet = ["y", "mas", "ademas", "tambien", "con", "incluido", "incluida", "incluyendo", "sumale", "suma", "agrega"]

    static let counts: Set<String> = ["dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez"]

    static let allButHead: WordSet = ["todos", "todas", "todes", "vinieron", "fueron", "estuvieron", "llegaron", "asistieron", "vamos", "van",
                                          "ya", "si", "participan", "participaron", "estuvimos", "fuimos", "vinimos"]

    /// `text` with each person said with their school («la sra gladys de los robles», «el director
    /// de la escuela el maitén») replaced by that member's name, when exactly one member of a
    /// school matching those words has that first name or that role. Nil when none was.
    static func bySchool(_ text: String, in s: NetworkSnapshot) -> String? {
        let schools = s.members.compactMap { m in m.school.map { (m, Phrase($0).tokens.filter { !schoolFiller.contains($0) }) } }
        guard !schools.isEmpty else { return nil }
        var changed = false
        // Split as said, titles kept («el director de…» is a role the school resolves).
        let raw = text.split(whereSeparator: { ",;\n".contains($0) }).flatMap { part in
            part.split(separator: " ").split(whereSeparator: { $0 == "y" || $0 == "Y" || $0 == "e" }).map { $0.joined(separator: " ") }
        }.filter { !$0.isEmpty }
        let pieces = raw.map { piece -> String in
            let words = Phrase(piece).tokens
            guard let k = words.firstIndex(where: { $0 == "de" || $0 == "del" }), k > 0 else { return piece }
            let place = words[(k + 1)...].filter { !schoolFiller.contains($0) }
            let head = words[..<k].filter { !personFiller.contains($0) }
            guard !place.isEmpty, let first = head.first else { return piece }
            let here = schools.filter { _, school in school.count >= place.count && DialogEngine.containsRunPublic(school, place) }
            let byName = here.filter { m, _ in Phrase(m.name).tokens.starts(with: head) }
            let byRole = here.filter { m, _ in m.role.map { Phrase($0).tokens.contains(first) } ?? false }
            guard let hit = byName.count == 1 ? byName[0].0 : byName.isEmpty && byRole.count == 1 ? byRole[0].0 : nil else { return piece }
            changed = true
            return hit.name
        }
        return changed ? pieces.joined(separator: ", ") : nil
    }

    static let schoolFiller: WordSet = ["escuela", "colegio", "liceo", "jardin", "rural", "basica", "particular", "subvencionada",
                                            "la", "el", "los", "las", "de", "del", "mas", "no"]
    static let personFiller: WordSet = ["la", "el", "sra", "sr", "srta", "senora", "senor", "dona", "don", "profe", "profesor", "profesora",
                                            "tia", "tio", "miss", "yo", "y"]

    func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    static let meetingWords: WordSet = ["reunion", "encuentro", "junta", "sesion", "consejo", "jornada"]
    static let nextWords: WordSet = ["proxima", "proximo", "siguiente", "viene"]

    /// Words around a date that say nothing more ("pa la otra semana po").
    static let dateFiller: WordSet = WordSet(["pa", "pal", "para", "la", "el", "en", "hasta", "ya", "po", "ojala", "antes", "de", "del", "a", "mas", "tardar", "lo", "durante", "igual"])
        .union(readyWords)

    /// «lo puedo tener la otra semana», «estaría listo el viernes», «lo entrego pal 15»: words that
    /// say when something will be ready around the when itself, and nothing more.
    static let readyWords: WordSet = ["puedo", "podemos", "podria", "podriamos", "tener", "tenerlo", "tenerla", "tengo", "tenemos",
                                      "tendria", "tendriamos", "tendre", "tendremos", "estaria", "estarian", "estara", "estaran",
                                      "listo", "lista", "listos", "listas", "entrego", "entregamos", "entregaria", "entregar", "entregarlo",
                                      "queda", "quedaria", "seria", "creo", "que", "recien", "como", "tipo", "onda", "nomas"]

    /// «todos»: every member of the network, the speaker included (nil with no network yet).
    static func everyoneNames(_ context: EngineContext) -> [String]? {
        guard let s = context.snapshot else { return nil }
        var names = s.members.map(\.name)
        if let me = context.userName, !names.contains(me) { names.append(me) }
        return names.isEmpty ? nil : names
    }

    /// A word each of `everyone` has.
    /// «anota a Marta y a Luis», «agrega al Pedro y a la Rosa», «pon a Carmen»: the people after
    /// a verb of writing down and its «a» (each a name the people parser reads), as this
    /// answer's; nil when the words after it name nobody («anota que Marta trae…» is a task).
    static func peopleAfterWriteVerb(_ message: Utterance, slot: SlotDefinition, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        // Cheap gate: the verb first, then «a»/«al».
        guard t.count >= 3, writeVerbs.contains(t[0]), t[1] == "a" || t[1] == "al" else { return nil }
        var words = message.clean.split(separator: " ").map(String.init)
        words.removeFirst()
        if Phrase(words[0]).core == "a" { words.removeFirst() }
        guard !words.isEmpty, let names = DialogEngine.people(in: words.joined(separator: " "), slot: slot, context: context), !names.isEmpty,
              names.allSatisfy({ context.members.contains($0) || PeopleParser.looksLikeName($0) }) else { return nil }
        return .fill([slot.name: .list(names)], remark: nil)
    }

    static let writeVerbs: WordSet = ["anota", "anote", "anotame", "anotale", "anotemos", "pon", "ponga", "pone", "ponle", "agrega", "agregue",
                                      "agregale", "suma", "sume", "sumale", "incluye", "incluya", "mete", "anade"]

    static let everyoneKeys: Set<String> = ["todos", "todas", "todes", "toda", "todo", "completa", "nosotros", "nosotras"]
    static let everyone: Set<String> = [
        "todos", "todas", "todes", "vamos todos", "vamos todas", "van todos", "toda la red", "todo el equipo", "todos los miembros", "todos los participantes",
        "todo el mundo", "todos ellos", "todas ellas", "vinieron todos", "fueron todos", "todos vinieron", "la red completa",
        "nosotros", "nosotras", "todos nosotros", "todas nosotras", "entre todos", "entre todas", "todos juntos",
    ]
}
