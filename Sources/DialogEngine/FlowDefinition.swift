import Understanding

/// One dialog flow, as declared in `dialogs/<id>.yaml`. Immutable: loading and validating it is
/// FlowFiles' job; running it is the engine's. A class, because every turn passes flows and
/// slots around: sharing one reference is cheaper than copying a dozen strings and arrays.
public final class FlowDefinition: Sendable {
    public let id: String
    public let title: String
    /// Example phrases that start the flow.
    public let triggers: [String]
    /// Said when the flow starts ("Vamos a registrar un acuerdo.").
    public let intro: String?
    /// Said when a restarted session comes back to this flow ("Estábamos registrando un acuerdo.").
    public let resume: String?
    public let slots: [SlotDefinition]
    /// Summary template shown before saving; nil saves without asking.
    public let confirm: String?
    /// What the Assistant writes on completion ("agreement", "network"…); nil writes nothing.
    public let save: String?
    /// Said after saving; `{id}` is the new record's id.
    public let done: String
    /// True for flows only the system starts (first-run network set-up).
    public let hidden: Bool
    /// Listed in the short menu of what Minga can do (secondary flows are reached by their triggers).
    public let inMenu: Bool

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

    /// Names compared on their lengths first (most slots' names differ in length).
    public func slot(named name: String) -> SlotDefinition? { SlotValues.position(of: name, in: slots).map { slots[$0] } }
}

/// One question of a flow (immutable, shared like its flow).
public final class SlotDefinition: Sendable {
    public let name: String
    /// `name`'s UTF-8 length when it is all ASCII, else -1: a name of another length is another
    /// name (`SlotValues.position(of:in:)`).
    public let nameUTF8Count: Int
    public let type: SlotType
    public let ask: String
    public let help: String?
    /// Shown on the second failed attempt, instead of the type's generic example.
    public let example: String?
    /// How the slot is called in corrections and summaries ("plazo", "fecha").
    public let label: String
    /// Other words users use for it ("fecha" for plazo); matched in corrections.
    public let aliases: [String]
    public let optional: Bool
    public let defaultValue: String?
    /// Ask only when this other slot has a value (and, if given, equals `conditionValue`).
    public let condition: String?
    public let conditionValue: String?
    /// A list slot keeps asking `more` until the user says no.
    public let isList: Bool
    public let more: String?
    /// False (`from_request: false`): the engine never fills it from what the request said; the
    /// flow's extension decides (a decision's date is the day it was taken, not any date said).
    public let fromRequest: Bool
    public let rules: [SlotRule]
    /// A list's `min_items`, if it has one.
    public var minItems: Int? { rules.lazy.compactMap { if case .minItems(let n) = $0 { return n }; return nil }.first }
    public let choices: [Choice]
    /// Each choice with its value, label and synonyms folded into words, as `choiceIn` compares
    /// them with a message (folded once, when the flow loads).
    let foldedChoiceForms: [(choice: Choice, forms: [[String]])]
    /// The slot's label, name and aliases as folded words, longest first: what an answer may
    /// start with («responsables: yo y Marta», see `FieldNamePrefix`).
    let nameForms: [[String]]
    /// The first word of the name, label and each alias, stemmed (`DialogEngine.heads`): how a
    /// correction at the review names the field. Worked out once, not on every message.
    let headStems: [String]
    /// Bit k set when a stem of k bytes (63 for 63 or more) may be `Phrase.similar` to one of
    /// `headStems`: the lengths rule out most words of a message before any is compared.
    let headStemLengths: UInt64
    /// `label` with its first letter in capitals (`DialogEngine.capitalizedFirst`), as summaries show it.
    let capitalizedLabel: String
    /// `Phrase(label).tokens[0]` when the label is one word, else nil: «tabla» alone at the review
    /// names that field, and a one-word message is compared with it on every confirming turn.
    public let labelWord: String?
    /// Every form of `foldedChoiceForms` in order (choice by choice), with its choice and its
    /// length as words joined by spaces.
    let choiceForms: [(choice: Int, words: [String], length: Int)]
    /// First word of a form → the forms (indices into `choiceForms`, ascending) starting with
    /// it: a form can only appear in a message holding its first word.
    let choiceFormsByFirstWord: [String: [Int]]
    /// The words a choice can open with: `DialogEngine.choiceIn` finds none in a message without
    /// one (claim cues of flows that read a choice at the menu).
    public var choiceFirstWords: [String] { Array(choiceFormsByFirstWord.keys) }

    /// What the initialiser works out from the declared fields (folded words and stems): a
    /// compiled-dialogs cache keeps it, so a process starting from the cache takes it as it was
    /// instead of folding and stemming every slot's words again (that was a third of loading the
    /// dialogs, `FlowFiles.CompiledFlows`).
    public struct Derived: Sendable {
        public var nameForms: [[String]]
        public var headStems: [String]
        public var headStemLengths: UInt64
        /// Per choice, in order: its value, label and synonyms as folded words.
        public var choiceForms: [[[String]]]

        public init(nameForms: [[String]], headStems: [String], headStemLengths: UInt64, choiceForms: [[[String]]]) {
            self.nameForms = nameForms
            self.headStems = headStems
            self.headStemLengths = headStemLengths
            self.choiceForms = choiceForms
        }
    }

    /// The derived fields, as `init(…, derived:)` takes them back.
    public var derived: Derived {
        Derived(nameForms: nameForms, headStems: headStems, headStemLengths: headStemLengths,
                choiceForms: foldedChoiceForms.map(\.forms))
    }

    public convenience init(name: String, type: SlotType, ask: String, help: String? = nil, example: String? = nil,
                            label: String? = nil, aliases: [String] = [], optional: Bool = false, defaultValue: String? = nil,
                            condition: String? = nil, conditionValue: String? = nil, isList: Bool = false, more: String? = nil,
                            fromRequest: Bool = true, rules: [SlotRule] = [], choices: [Choice] = []) {
        let label = label ?? name
        let spaced = name.contains("_") ? name.replacingOccurrences(of: "_", with: " ") : name
        let names: [String] = [label, spaced] + aliases
        let forms: Set<[String]> = Set(names.map { Phrase($0).tokens })
        let nameForms: [[String]] = forms.filter { !$0.isEmpty }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.joined(separator: " ") < $1.joined(separator: " ") }
        let headStems = DialogEngine.heads(name: name, label: label, aliases: aliases).map(Phrase.stem)
        let choiceForms: [[[String]]] = choices.map { c in
            // Foundation's replacingOccurrences only when there is something to replace: it was a
            // visible part of loading the dialogs.
            ([c.value.contains("_") ? c.value.replacingOccurrences(of: "_", with: " ") : c.value, c.label] + c.synonyms)
                .map { Phrase($0).tokens }
        }
        self.init(name: name, type: type, ask: ask, help: help, example: example, label: label, aliases: aliases,
                  optional: optional, defaultValue: defaultValue, condition: condition, conditionValue: conditionValue,
                  isList: isList, more: more, fromRequest: fromRequest, rules: rules, choices: choices,
                  derived: Derived(nameForms: nameForms, headStems: headStems, headStemLengths: Phrase.similarLengths(headStems),
                                   choiceForms: choiceForms))
    }

    /// A slot whose derived fields were worked out before (`derived` of an equal slot).
    public init(name: String, type: SlotType, ask: String, help: String?, example: String?, label: String,
                aliases: [String], optional: Bool, defaultValue: String?, condition: String?, conditionValue: String?,
                isList: Bool, more: String?, fromRequest: Bool, rules: [SlotRule], choices: [Choice], derived: Derived) {
        self.name = name
        nameUTF8Count = SlotValues.isASCII(name) ? name.utf8.count : -1
        self.type = type
        self.ask = ask
        self.help = help
        self.example = example
        self.label = label
        capitalizedLabel = label.prefix(1).uppercased() + label.dropFirst()
        // `Phrase.tokens` of one word is the folded text itself (a fold has single inner spaces).
        let foldedLabel = TextFold.fold(label)
        labelWord = foldedLabel.isEmpty || foldedLabel.utf8.contains(0x20) ? nil : foldedLabel
        nameForms = derived.nameForms
        headStems = derived.headStems
        headStemLengths = derived.headStemLengths
        self.aliases = aliases
        self.optional = optional
        self.defaultValue = defaultValue
        self.condition = condition
        self.conditionValue = conditionValue
        self.isList = isList
        self.more = more
        self.fromRequest = fromRequest
        self.rules = rules
        self.choices = choices
        foldedChoiceForms = zip(choices, derived.choiceForms).map { (choice: $0, forms: $1) }
        var forms: [(choice: Int, words: [String], length: Int)] = []
        var byFirst: [String: [Int]] = [:]
        for (i, (_, fs)) in foldedChoiceForms.enumerated() {
            for f in fs {
                if let first = f.first { byFirst[first, default: []].append(forms.count) }
                forms.append((i, f, f.reduce(f.count - 1) { $0 + $1.utf8.count }))
            }
        }
        choiceForms = forms
        choiceFormsByFirstWord = byFirst
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
    /// For lists: at least this many items; «no» to «¿otro?» before that asks for one more.
    case minItems(Int)
    /// A free text that holds this kind of thing: a value that plainly is something else (a
    /// person's name as evidence, a self-introduction as a place) is questioned, not stored.
    case holds(TextKind)

    /// The rule names a dialog file may use.
    public static let names = ["not_past", "future", "after", "min", "max", "max_items", "min_items", "holds"]
}

/// What a free-text slot holds (`rules: [holds: place]`), for the plausibility check of its value.
public enum TextKind: String, Hashable, Sendable, CaseIterable {
    /// Where something happens: a commune, a school, a room. Not a self-introduction, not a meeting's name.
    case place
    /// What will show something was done: a document, a photo record. Not a person.
    case evidence
    /// How many or how much, said in words: «ninguna todavía» is 0, not blank.
    case amount
}
