import CivilTime
import DialogEngine
import Foundation
import PlainJSON
import Understanding

/// The session file read by hand, in the shape `SessionJSON.swift` writes (and `JSONEncoder`
/// gives these types' synthesized `Codable`). `JSONDecoder` cost ~8 M instructions on the first
/// session a process opens (generic metadata and protocol conformances looked up for each type
/// the first time), a sixth of `minga chat`'s start-up; this reads the same file in a fraction.
///
/// Strict on purpose: any key it does not know, a missing one, or a value of another type makes
/// it give up (nil), and the caller decodes with `JSONDecoder` as before. A field added to these
/// types is written by the writer, so this reader sees an unknown key and steps aside: it can be
/// slower than it should, never wrong. `SessionJSONTests` checks it against `JSONDecoder`.
extension Session.SavedSession {
    init?(sessionJSON data: Data) {
        guard let root = JSONValue.parse(data),
              let o = Fields(root, ["user", "network", "state", "seed", "turns", "answered", "choosing", "held", "offered", "name"]),
              let user = o.string("user"), let network = o.optionalString("network"),
              let stateValue = o["state"], let state = DialogState(sessionJSON: stateValue),
              let seed = o.optionalString("seed"), let turns = o.optionalInt("turns"),
              let choosing = o.optionalStrings("choosing"), let held = o.optionalString("held"),
              let offered = o.optionalString("offered"), let name = o.optionalString("name") else { return nil }
        var answered: Answered?
        if let value = o["answered"] {
            guard let a = Fields(value, ["id", "text", "messages", "expects"]), let id = a.string("id"),
                  let text = a.string("text"), let messages = a.strings("messages") else { return nil }
            var expects: Expectation?
            if let e = a["expects"] {
                guard let x = Fields(e, ["flow", "slot", "type", "choices"]), let flow = x.string("flow"),
                      let slot = x.string("slot"), let type = x.string("type").flatMap(SlotType.init(rawValue:)),
                      let choices = x.strings("choices") else { return nil }
                expects = Expectation(flow: flow, slot: slot, type: type, choices: choices)
            }
            answered = Answered(id: id, text: text, messages: messages, expects: expects)
        }
        self.init(user: user, network: network, state: state, seed: seed, turns: turns, answered: answered,
                  choosing: choosing, held: held, offered: offered, name: name)
    }
}

extension DialogState {
    init?(sessionJSON value: JSONValue) {
        guard let o = Fields(value, ["stack", "paused", "pending", "listing", "lastSave", "queued", "following", "lastDay"]),
              let stack = o["stack"].flatMap(FlowRun.runs), let paused = o["paused"].flatMap(FlowRun.runs) else { return nil }
        self.init()
        self.stack = stack
        self.paused = paused
        if let p = o["pending"] {
            guard let pending = Pending(sessionJSON: p) else { return nil }
            self.pending = pending
        }
        if let l = o["listing"] {
            guard let f = Fields(l, ["kind", "shown", "person", "month", "status", "words", "span", "records"]),
                  let kind = f.string("kind").flatMap(ListCursor.Kind.init(rawValue:)), let shown = f.int("shown"),
                  let person = f.optionalString("person"), let month = f.optionalInt("month"),
                  let status = f.optionalString("status"), let words = f.optionalString("words"),
                  let span = f.optionalString("span"), let records = f.optionalString("records") else { return nil }
            listing = ListCursor(kind: kind, shown: shown, person: person, month: month, status: status, words: words, span: span,
                                 records: records.map { $0.split(separator: ",").map(String.init) })
        }
        if let s = o["lastSave"] {
            guard let f = Fields(s, ["flow", "record", "before", "others"]), let flow = f.string("flow"),
                  let record = f.string("record"), let others = f.optionalStrings("others") else { return nil }
            var before: [String: String]?
            if let b = f["before"] {
                guard case .object(let pairs) = b else { return nil }
                var map: [String: String] = [:]
                for (k, v) in pairs {
                    guard case .string(let s) = v else { return nil }
                    map[k] = s
                }
                before = map
            }
            lastSave = LastSave(flow: flow, record: record, before: before, others: others)
        }
        if let q = o["queued"] {
            guard let f = Fields(q, ["flow", "request"]), let flow = f.string("flow"), let request = f.string("request") else { return nil }
            queued = QueuedRequest(flow: flow, request: request)
        }
        if let list = o["following"] {
            guard case .array(let items) = list else { return nil }
            var out: [FollowingRequest] = []
            for item in items {
                guard let f = Fields(item, ["flow", "request", "values", "reads"]), let flow = f.string("flow"),
                      let request = f.string("request"), let values = f["values"].flatMap(SlotValue.values),
                      let reads = f.optionalBool("reads") else { return nil }
                out.append(FollowingRequest(flow: flow, request: request, values: values, reads: reads))
            }
            following = out
        }
        if let d = o["lastDay"] {
            guard let day = LocalDate(sessionJSON: d) else { return nil }
            lastDay = day
        }
    }
}

extension Pending {
    init?(sessionJSON value: JSONValue) {
        guard case let (name, payload)? = Fields.single(value) else { return nil }
        switch name {
        case "switchFlow", "switchOrAnswer":
            guard let f = Fields(payload, ["flow", "text"]), let flow = f.string("flow"), let text = f.string("text") else { return nil }
            self = name == "switchFlow" ? .switchFlow(flow: flow, text: text) : .switchOrAnswer(flow: flow, text: text)
        case "cancel":
            guard Fields(payload, []) != nil else { return nil }
            self = .cancel
        case "pickPaused":
            guard Fields(payload, []) != nil else { return nil }
            self = .pickPaused
        case "pickFlow":
            guard let f = Fields(payload, ["_0"]), let ids = f.strings("_0") else { return nil }
            self = .pickFlow(ids)
        case "pickFlowFor":
            guard let f = Fields(payload, ["_0", "request"]), let ids = f.strings("_0"), let request = f.string("request") else { return nil }
            self = .pickFlowFor(ids, request: request)
        case "speakerName":
            guard let f = Fields(payload, ["answer"]), let answer = f.string("answer") else { return nil }
            self = .speakerName(answer: answer)
        default:
            return nil
        }
    }
}

extension FlowRun {
    static func runs(_ value: JSONValue) -> [FlowRun]? {
        guard case .array(let items) = value else { return nil }
        var out: [FlowRun] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard let run = FlowRun(sessionJSON: item) else { return nil }
            out.append(run)
        }
        return out
    }

    init?(sessionJSON value: JSONValue) {
        guard let o = Fields(value, ["flowID", "values", "answered", "phase", "misses", "check", "returnToConfirm", "skipped",
                                     "started", "round", "editingList", "partials", "replacing", "batch", "batchAt", "everyoneSaid", "keeping"]),
              let flowID = o.string("flowID"), let values = o["values"].flatMap(SlotValue.values),
              let answered = o.strings("answered"), let phaseValue = o["phase"], case let (phaseName, phasePayload)? = Fields.single(phaseValue),
              let misses = o.int("misses"), let returnToConfirm = o.bool("returnToConfirm"), let skipped = o.strings("skipped"),
              let started = o.optionalInt("started"), let round = o.optionalInt("round"),
              let editingList = o.optionalStrings("editingList"), let batchAt = o.optionalInt("batchAt"),
              let everyoneSaid = o.optionalStrings("everyoneSaid") else { return nil }
        let phase: Phase
        switch phaseName {
        case "asking", "more":
            guard let f = Fields(phasePayload, ["_0"]), let slot = f.string("_0") else { return nil }
            phase = phaseName == "asking" ? .asking(slot) : .more(slot)
        case "confirming":
            guard Fields(phasePayload, []) != nil else { return nil }
            phase = .confirming
        case "choosingEdit":
            guard Fields(phasePayload, []) != nil else { return nil }
            phase = .choosingEdit
        default:
            return nil
        }
        self.init(flowID: flowID, phase: phase)
        self.values = values
        self.answered = answered
        self.misses = misses
        self.returnToConfirm = returnToConfirm
        self.skipped = skipped
        self.started = started
        self.round = round
        self.editingList = editingList
        self.batchAt = batchAt
        self.everyoneSaid = everyoneSaid
        if let c = o["check"] {
            guard case let (name, payload)? = Fields.single(c) else { return nil }
            switch name {
            case "pastDate":
                guard let f = Fields(payload, ["slot", "value"]), let slot = f.string("slot"),
                      let v = f["value"].flatMap(SlotValue.init(sessionJSON:)) else { return nil }
                check = .pastDate(slot: slot, value: v)
            case "whichDate":
                guard let f = Fields(payload, ["slot", "options"]), let slot = f.string("slot"),
                      case .array(let items)? = f["options"] else { return nil }
                var options: [LocalDate] = []
                for item in items {
                    guard let d = LocalDate(sessionJSON: item) else { return nil }
                    options.append(d)
                }
                check = .whichDate(slot: slot, options: options)
            case "newPeople":
                guard let f = Fields(payload, ["slot", "value", "names", "about"]), let slot = f.string("slot"),
                      let v = f["value"].flatMap(SlotValue.init(sessionJSON:)), let names = f.strings("names") else { return nil }
                // A session written before `about` existed has none.
                let about: [String]
                if f["about"] == nil { about = [] } else {
                    guard let a = f.strings("about") else { return nil }
                    about = a
                }
                check = .newPeople(slot: slot, value: v, names: names, about: about)
            default:
                return nil
            }
        }
        if let p = o["partials"] {
            guard let map = SlotValue.values(p) else { return nil }
            partials = map
        }
        if let r = o["replacing"] {
            guard let map = SlotValue.values(r) else { return nil }
            replacing = map
        }
        if let b = o["batch"] {
            guard let runs = FlowRun.runs(b) else { return nil }
            batch = runs
        }
        if let k = o["keeping"] {
            guard let map = SlotValue.values(k) else { return nil }
            keeping = map
        }
    }
}

extension SlotValue {
    static func values(_ value: JSONValue) -> SlotValues? {
        guard case .object(let pairs) = value else { return nil }
        var out: SlotValues = [:]
        for (name, v) in pairs {
            guard let slot = SlotValue(sessionJSON: v) else { return nil }
            out[name] = slot
        }
        return out
    }

    init?(sessionJSON value: JSONValue) {
        guard case let (name, payload)? = Fields.single(value) else { return nil }
        switch name {
        case "text", "choice":
            guard let f = Fields(payload, ["_0"]), let s = f.string("_0") else { return nil }
            self = name == "text" ? .text(s) : .choice(s)
        case "list":
            guard let f = Fields(payload, ["_0"]), let items = f.strings("_0") else { return nil }
            self = .list(items)
        case "date":
            guard let f = Fields(payload, ["_0"]), let d = f["_0"].flatMap(LocalDate.init(sessionJSON:)) else { return nil }
            self = .date(d)
        case "time":
            guard let f = Fields(payload, ["_0"]), let t = f["_0"].flatMap(LocalTime.init(sessionJSON:)) else { return nil }
            self = .time(t)
        case "dateTime":
            guard let f = Fields(payload, ["_0"]), let o = f["_0"].flatMap({ Fields($0, ["date", "time"]) }),
                  let d = o["date"].flatMap(LocalDate.init(sessionJSON:)), let t = o["time"].flatMap(LocalTime.init(sessionJSON:)) else { return nil }
            self = .dateTime(LocalDateTime(date: d, time: t))
        case "dateRange":
            guard let f = Fields(payload, ["_0", "_1"]), let a = f["_0"].flatMap(LocalDate.init(sessionJSON:)),
                  let b = f["_1"].flatMap(LocalDate.init(sessionJSON:)) else { return nil }
            self = .dateRange(a, b)
        case "recurrence":
            guard let f = Fields(payload, ["_0"]), let r = f["_0"].flatMap({ Fields($0, ["rrule", "time", "endTime", "start"]) }),
                  let rrule = r.string("rrule") else { return nil }
            var recurrence = Recurrence(rrule: rrule)
            if let t = r["time"] {
                guard let time = LocalTime(sessionJSON: t) else { return nil }
                recurrence.time = time
            }
            if let t = r["endTime"] {
                guard let time = LocalTime(sessionJSON: t) else { return nil }
                recurrence.endTime = time
            }
            if let d = r["start"] {
                guard let day = LocalDate(sessionJSON: d) else { return nil }
                recurrence.start = day
            }
            self = .recurrence(recurrence)
        case "duration":
            guard let f = Fields(payload, ["minutes"]), let minutes = f.int("minutes") else { return nil }
            self = .duration(minutes: minutes)
        case "number":
            guard let f = Fields(payload, ["_0"]), case .number(let n)? = f["_0"] else { return nil }
            self = .number(n)
        case "bool":
            guard let f = Fields(payload, ["_0"]), let b = f.bool("_0") else { return nil }
            self = .bool(b)
        default:
            return nil
        }
    }
}

extension LocalDate {
    init?(sessionJSON value: JSONValue) {
        guard let f = Fields(value, ["year", "month", "day"]), let year = f.int("year"), let month = f.int("month"),
              let day = f.int("day") else { return nil }
        self.init(year: year, month: month, day: day)
    }
}

extension LocalTime {
    init?(sessionJSON value: JSONValue) {
        guard let f = Fields(value, ["hour", "minute"]), let hour = f.int("hour"), let minute = f.int("minute") else { return nil }
        self.init(hour: hour, minute: minute)
    }
}

/// An object's members, refused when it holds a key not in `known`. A `null` member counts as
/// absent, as `JSONDecoder` reads an optional. Getters return nil for a missing or mistyped
/// value; the `optional…` ones return `.some(nil)` for an absent one and nil for a mistyped one.
private struct Fields {
    let pairs: [(String, JSONValue)]

    init?(_ value: JSONValue, _ known: Set<String>) {
        guard case .object(let pairs) = value, pairs.allSatisfy({ known.contains($0.0) }) else { return nil }
        self.pairs = pairs
    }

    /// An enum case as synthesized `Codable` writes it: an object with exactly one key.
    static func single(_ value: JSONValue) -> (String, JSONValue)? {
        guard case .object(let pairs) = value, pairs.count == 1 else { return nil }
        return pairs[0]
    }

    subscript(key: String) -> JSONValue? {
        guard let v = pairs.first(where: { $0.0 == key })?.1 else { return nil }
        if case .null = v { return nil }
        return v
    }

    func string(_ key: String) -> String? {
        guard case .string(let s)? = self[key] else { return nil }
        return s
    }

    func int(_ key: String) -> Int? {
        guard case .number(let n)? = self[key], n.rounded() == n, abs(n) < 9e15 else { return nil }
        return Int(n)
    }

    func bool(_ key: String) -> Bool? {
        guard case .bool(let b)? = self[key] else { return nil }
        return b
    }

    func strings(_ key: String) -> [String]? {
        guard case .array(let items)? = self[key] else { return nil }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .string(let s) = item else { return nil }
            out.append(s)
        }
        return out
    }

    func optionalString(_ key: String) -> String?? {
        guard self[key] != nil else { return .some(nil) }
        return string(key).map { .some($0) }
    }

    func optionalInt(_ key: String) -> Int?? {
        guard self[key] != nil else { return .some(nil) }
        return int(key).map { .some($0) }
    }

    func optionalBool(_ key: String) -> Bool?? {
        guard self[key] != nil else { return .some(nil) }
        return bool(key).map { .some($0) }
    }

    func optionalStrings(_ key: String) -> [String]?? {
        guard self[key] != nil else { return .some(nil) }
        return strings(key).map { .some($0) }
    }
}
