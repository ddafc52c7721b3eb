/// One dialog flow, as declared in `dialogs/<id>.yaml`. An immutable value: loading and
/// validating it is FlowFiles' job; running it is the engine's.
public struct FlowDefinition: Hashable, Sendable {
    public var id: String
    public var title: String
    /// Example phrases that start the flow.
    public var triggers: [String]
    /// Said when the flow starts ("Vamos a registrar un acuerdo.").
    public var intro: String?
    /// Said when a restarted session comes back to this flow ("Estábamos registrando un acuerdo.").
    public var resume: String?
    public var slots: [SlotDefinition]
    /// Summary template shown before saving; nil saves without asking.
    public var confirm: String?
    /// What the Assistant writes on completion ("agreement", "network"…); nil writes nothing.
    public var save: String?
    /// Said after saving; `{id}` is the new record's id.
    public var done: String
    /// True for flows only the system starts (first-run network set-up).
    public var hidden: Bool
    /// Listed in the short menu of what Minga can do (secondary flows are reached by their triggers).
    public var inMenu: Bool

    public init(id: String, title: String, triggers: [String] = [], intro: String? = nil, resume: String? = nil,
                slots: [SlotDefinition], confirm: String? = nil, save: String? = nil, done: String,
                hidden: Bool = false, inMenu: Bool? = nil) {
        self.id = id
        self.title = title
        self.triggers = triggers
        self.intro = intro
        self.resume = resume
        self.slots = slots
        self.confirm = confirm
        self.save = save
        self.done = done
        self.hidden = hidden
        self.inMenu = inMenu ?? !hidden
    }

    public func slot(named name: String) -> SlotDefinition? { slots.first { $0.name == name } }
}

/// One question of a flow.
public struct SlotDefinition: Hashable, Sendable {
    public var name: String
    public var type: SlotType
    public var ask: String
    public var help: String?
    /// Shown on the second failed attempt, instead of the type's generic example.
    public var example: String?
    /// How the slot is called in corrections and summaries ("plazo", "fecha").
    public var label: String
    /// Other words users use for it ("fecha" for plazo); matched in corrections.
    public var aliases: [String]
    public var optional: Bool
    public var defaultValue: String?
    /// Ask only when this other slot has a value (and, if given, equals `conditionValue`).
    public var condition: String?
    public var conditionValue: String?
    /// A list slot keeps asking `more` until the user says no.
    public var isList: Bool
    public var more: String?
    public var rules: [SlotRule]
    public var choices: [Choice]

    public init(name: String, type: SlotType, ask: String, help: String? = nil, example: String? = nil,
                label: String? = nil, aliases: [String] = [], optional: Bool = false, defaultValue: String? = nil,
                condition: String? = nil, conditionValue: String? = nil, isList: Bool = false, more: String? = nil,
                rules: [SlotRule] = [], choices: [Choice] = []) {
        self.name = name
        self.type = type
        self.ask = ask
        self.help = help
        self.example = example
        self.label = label ?? name
        self.aliases = aliases
        self.optional = optional
        self.defaultValue = defaultValue
        self.condition = condition
        self.conditionValue = conditionValue
        self.isList = isList
        self.more = more
        self.rules = rules
        self.choices = choices
    }
}

/// A valid answer of a `choice` slot: the stored value, what the user sees, and other ways to say it.
public struct Choice: Hashable, Sendable {
    public var value: String
    public var label: String
    public var synonyms: [String]

    public init(value: String, label: String, synonyms: [String] = []) {
        self.value = value
        self.label = label
        self.synonyms = synonyms
    }
}

/// A validation rule on a slot's value.
public enum SlotRule: Hashable, Sendable {
    /// A date or date-time that already passed is questioned.
    case notPast
    /// A date that already passed is refused (poll options: nobody can attend yesterday).
    case future
    /// Must come after the value of another slot.
    case after(String)
    case min(Double)
    case max(Double)
    /// For lists: at most this many items.
    case maxItems(Int)

    /// The rule names a dialog file may use.
    public static let names = ["not_past", "future", "after", "min", "max", "max_items"]
}
