import CivilTime
import DialogEngine
import FileStore
import Understanding

/// The session file written by hand, in the shape `JSONEncoder` gives these types' synthesized
/// `Codable` (so files load with `JSONDecoder` as before, old and new alike): structs as objects
/// whose nil optionals are left out; enum cases as `{"case": {…}}` with labelled associated
/// values by label and unlabelled ones as `_0`, `_1`; string-keyed dictionaries as objects.
/// `SessionJSONTests` checks that both decode to the same value for many generated states.
extension Session.SavedSession: JSONWritable {
    func write(to json: inout JSONWriter) -> Bool {
        json.beginObject()
        json.member("user", user)
        json.member("network", network)
        json.key("state")
        guard state.write(to: &json) else { return false }
        json.member("seed", seed)
        json.member("turns", turns)
        if let answered {
            json.key("answered")
            json.beginObject()
            json.member("id", answered.id)
            json.member("text", answered.text)
            json.member("messages", answered.messages)
            if let expects = answered.expects {
                json.key("expects")
                expects.write(to: &json)
            }
            json.endObject()
        }
        json.member("choosing", choosing)
        json.member("held", held)
        if let offered { json.member("offered", offered) }
        if let name { json.member("name", name) }
        json.endObject()
        return true
    }
}

extension Expectation {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.member("flow", flow)
        json.member("slot", slot)
        json.member("type", type.rawValue)
        json.member("choices", choices)
        json.endObject()
    }
}

extension DialogState {
    func write(to json: inout JSONWriter) -> Bool {
        json.beginObject()
        json.key("stack")
        guard FlowRun.write(stack, to: &json) else { return false }
        json.key("paused")
        guard FlowRun.write(paused, to: &json) else { return false }
        if let pending {
            json.key("pending")
            pending.write(to: &json)
        }
        if let listing {
            json.key("listing")
            json.beginObject()
            json.member("kind", listing.kind.rawValue)
            json.member("shown", listing.shown)
            json.member("person", listing.person)
            json.member("month", listing.month)
            json.member("status", listing.status)
            json.member("words", listing.words)
            json.member("span", listing.span)
            json.member("records", listing.records?.joined(separator: ","))
            json.endObject()
        }
        if let lastSave {
            json.key("lastSave")
            json.beginObject()
            json.member("flow", lastSave.flow)
            json.member("record", lastSave.record)
            if let before = lastSave.before {
                json.key("before")
                json.beginObject()
                for (k, v) in before { json.member(k, v) }
                json.endObject()
            }
            json.member("others", lastSave.others)
            json.endObject()
        }
        if let queued {
            json.key("queued")
            json.beginObject()
            json.member("flow", queued.flow)
            json.member("request", queued.request)
            json.endObject()
        }
        if let following {
            json.key("following")
            json.beginArray()
            for f in following {
                json.beginObject()
                json.member("flow", f.flow)
                json.member("request", f.request)
                json.key("values")
                guard SlotValue.write(f.values, to: &json) else { return false }
                if let reads = f.reads { json.member("reads", reads) }
                json.endObject()
            }
            json.endArray()
        }
        if let lastDay {
            json.key("lastDay")
            json.beginObject()
            json.member("year", lastDay.year)
            json.member("month", lastDay.month)
            json.member("day", lastDay.day)
            json.endObject()
        }
        json.endObject()
        return true
    }
}

extension Pending {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        switch self {
        case .switchFlow(let flow, let text), .switchOrAnswer(let flow, let text):
            json.key(isSwitchFlow ? "switchFlow" : "switchOrAnswer")
            json.beginObject()
            json.member("flow", flow)
            json.member("text", text)
            json.endObject()
        case .cancel:
            json.key("cancel")
            json.beginObject()
            json.endObject()
        case .pickFlow(let ids):
            json.key("pickFlow")
            json.beginObject()
            json.member("_0", ids)
            json.endObject()
        case .pickPaused:
            json.key("pickPaused")
            json.beginObject()
            json.endObject()
        case .pickFlowFor(let ids, let request):
            json.key("pickFlowFor")
            json.beginObject()
            json.member("_0", ids)
            json.member("request", request)
            json.endObject()
        case .speakerName(let answer):
            json.key("speakerName")
            json.beginObject()
            json.member("answer", answer)
            json.endObject()
        }
        json.endObject()
    }

    private var isSwitchFlow: Bool {
        if case .switchFlow = self { return true }
        return false
    }
}

extension FlowRun {
    static func write(_ runs: [FlowRun], to json: inout JSONWriter) -> Bool {
        json.beginArray()
        for run in runs { guard run.write(to: &json) else { return false } }
        json.endArray()
        return true
    }

    func write(to json: inout JSONWriter) -> Bool {
        json.beginObject()
        json.member("flowID", flowID)
        json.key("values")
        guard SlotValue.write(values, to: &json) else { return false }
        json.member("answered", answered)
        json.key("phase")
        json.beginObject()
        switch phase {
        case .asking(let slot):
            json.key("asking")
            json.beginObject()
            json.member("_0", slot)
            json.endObject()
        case .more(let slot):
            json.key("more")
            json.beginObject()
            json.member("_0", slot)
            json.endObject()
        case .confirming:
            json.key("confirming")
            json.beginObject()
            json.endObject()
        case .choosingEdit:
            json.key("choosingEdit")
            json.beginObject()
            json.endObject()
        }
        json.endObject()
        json.member("misses", misses)
        if let check {
            json.key("check")
            json.beginObject()
            switch check {
            case .pastDate(let slot, let value):
                json.key("pastDate")
                json.beginObject()
                json.member("slot", slot)
                json.key("value")
                guard value.write(to: &json) else { return false }
                json.endObject()
            case .whichDate(let slot, let options):
                json.key("whichDate")
                json.beginObject()
                json.member("slot", slot)
                json.key("options")
                json.beginArray()
                for d in options { d.write(to: &json) }
                json.endArray()
                json.endObject()
            case .newPeople(let slot, let value, let names, let about):
                json.key("newPeople")
                json.beginObject()
                json.member("slot", slot)
                json.key("value")
                guard value.write(to: &json) else { return false }
                json.member("names", names)
                json.member("about", about)
                json.endObject()
            }
            json.endObject()
        }
        json.member("returnToConfirm", returnToConfirm)
        json.member("skipped", skipped)
        json.member("started", started)
        if let round { json.member("round", round) }
        json.member("editingList", editingList)
        if let partials {
            json.key("partials")
            guard SlotValue.write(partials, to: &json) else { return false }
        }
        if let replacing {
            json.key("replacing")
            guard SlotValue.write(replacing, to: &json) else { return false }
        }
        if let batch {
            json.key("batch")
            guard FlowRun.write(batch, to: &json) else { return false }
        }
        json.member("batchAt", batchAt)
        json.member("everyoneSaid", everyoneSaid)
        if let keeping {
            json.key("keeping")
            guard SlotValue.write(keeping, to: &json) else { return false }
        }
        json.endObject()
        return true
    }
}

extension SlotValue {
    static func write(_ values: SlotValues, to json: inout JSONWriter) -> Bool {
        json.beginObject()
        for (name, value) in values {
            json.key(name)
            guard value.write(to: &json) else { return false }
        }
        json.endObject()
        return true
    }

    func write(to json: inout JSONWriter) -> Bool {
        json.beginObject()
        switch self {
        case .text(let s):
            json.key("text")
            json.beginObject()
            json.member("_0", s)
            json.endObject()
        case .list(let items):
            json.key("list")
            json.beginObject()
            json.member("_0", items)
            json.endObject()
        case .date(let d):
            json.key("date")
            json.beginObject()
            json.key("_0")
            d.write(to: &json)
            json.endObject()
        case .time(let t):
            json.key("time")
            json.beginObject()
            json.key("_0")
            t.write(to: &json)
            json.endObject()
        case .dateTime(let dt):
            json.key("dateTime")
            json.beginObject()
            json.key("_0")
            dt.write(to: &json)
            json.endObject()
        case .dateRange(let a, let b):
            json.key("dateRange")
            json.beginObject()
            json.key("_0")
            a.write(to: &json)
            json.key("_1")
            b.write(to: &json)
            json.endObject()
        case .recurrence(let r):
            json.key("recurrence")
            json.beginObject()
            json.key("_0")
            json.beginObject()
            json.member("rrule", r.rrule)
            if let time = r.time {
                json.key("time")
                time.write(to: &json)
            }
            if let end = r.endTime {
                json.key("endTime")
                end.write(to: &json)
            }
            if let start = r.start {
                json.key("start")
                start.write(to: &json)
            }
            json.endObject()
            json.endObject()
        case .duration(let minutes):
            json.key("duration")
            json.beginObject()
            json.member("minutes", minutes)
            json.endObject()
        case .number(let n):
            json.key("number")
            json.beginObject()
            json.key("_0")
            guard json.double(n) else { return false }
            json.endObject()
        case .bool(let b):
            json.key("bool")
            json.beginObject()
            json.member("_0", b)
            json.endObject()
        case .choice(let c):
            json.key("choice")
            json.beginObject()
            json.member("_0", c)
            json.endObject()
        }
        json.endObject()
        return true
    }
}

extension LocalDate {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.member("year", year)
        json.member("month", month)
        json.member("day", day)
        json.endObject()
    }
}

extension LocalTime {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.member("hour", hour)
        json.member("minute", minute)
        json.endObject()
    }
}

extension LocalDateTime {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key("date")
        date.write(to: &json)
        json.key("time")
        time.write(to: &json)
        json.endObject()
    }
}
