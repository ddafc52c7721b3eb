import ArgumentParser

/// `minga` or `minga chat` followed only by the chat's own options, each once, as `--name value`
/// (or `--json`): read here without the argument library. Its first parse reflects over every
/// command's properties, a scan of all the binary's protocol conformances per type, which was
/// ~20 M instructions (a third) of the chat's start-up. Anything else (help, `--name=value`, an
/// unknown or repeated option, a value starting with «-», a value the options refuse) is left to
/// the library, which parses it as always and says what's wrong.
enum PlainChatArguments {
    static let valued: Set<String> = ["--store", "--now", "--tz", "--dialogs", "--network", "--user", "--record"]

    static func chat(_ arguments: [String]) -> Chat? {
        var rest = arguments[...]
        if rest.first == "chat" { rest = rest.dropFirst() }
        var values: [String: String] = [:]
        var json = false
        while let name = rest.popFirst() {
            if name == "--json" {
                if json { return nil }
                json = true
                continue
            }
            guard valued.contains(name), values[name] == nil, let value = rest.popFirst(), !value.hasPrefix("-") else { return nil }
            values[name] = value
        }
        // Every property is set before any is read (the library's wrappers refuse to be read unset).
        var store = StoreOptions()
        store.store = values["--store"]
        store.now = values["--now"]
        store.tz = values["--tz"] ?? StoreOptions.defaultTimeZone
        guard (try? store.validate()) != nil else { return nil }
        var dialogs = DialogOptions()
        dialogs.dialogs = values["--dialogs"]
        var chat = Chat()
        chat.options = store
        chat.dialogOptions = dialogs
        chat.network = values["--network"]
        chat.user = values["--user"]
        chat.record = values["--record"]
        chat.json = json
        return chat
    }
}
