import Yams

/// A YAML syntax problem, located: what Minga reports for a broken dialog or store file.
public struct YAMLProblem: Error, Hashable, Sendable {
    public var line: Int
    public var column: Int
    /// libyaml's English text, kept for logs; users read `spanish`.
    public var problem: String

    public init(line: Int, column: Int, problem: String) {
        self.line = line
        self.column = column
        self.problem = problem
    }

    /// Locates a Yams error; `lineOffset` shifts lines when the YAML started inside a larger file.
    public init(_ error: Error, lineOffset: Int = 0) {
        switch error {
        case YamlError.scanner(_, let problem, let mark, _),
             YamlError.parser(_, let problem, let mark, _),
             YamlError.composer(_, let problem, let mark, _):
            self.init(line: mark.line + lineOffset, column: mark.column, problem: problem)
        case YamlError.duplicatedKeysInMapping(let duplicates, let context):
            self.init(line: context.mark.line + lineOffset, column: context.mark.column,
                      problem: "duplicated keys \(duplicates.joined(separator: ", "))")
        default:
            self.init(line: 1 + lineOffset, column: 1, problem: String(describing: error))
        }
    }

    /// The problem said in Spanish, for people editing the file (libyaml's usual complaints,
    /// and a general hint for the rest).
    public var spanish: String {
        let known: [(String, String)] = [
            ("tab character", "hay un tabulador en la sangría; usa espacios"),
            ("mapping values are not allowed", "aquí no puede ir «clave: valor»; ¿falta sangría, o un texto con «:» necesita comillas?"),
            ("did not find expected key", "esperaba una clave; revisa la sangría de esta línea"),
            ("could not find expected ':'", "falta «:» después de la clave"),
            ("did not find expected '-' indicator", "esperaba un elemento de lista («- …»); revisa la sangría"),
            ("found character that cannot start any token", "hay un carácter que no puede empezar un valor (¿un tabulador? usa espacios)"),
            ("found unexpected end of stream", "el archivo terminó antes de tiempo; ¿quedaron comillas sin cerrar?"),
            ("found unknown escape character", "hay un «\\» que no se entiende dentro de comillas dobles"),
            ("did not find expected node content", "falta un valor"),
            ("duplicated keys", "hay una clave repetida"),
            ("found undefined alias", "usa un alias «*…» que no está definido"),
            ("block sequence entries are not allowed", "aquí no puede empezar una lista; revisa la sangría"),
        ]
        for (english, spanish) in known where problem.contains(english) { return spanish }
        return "revisa comillas, corchetes, dos puntos y sangría"
    }

    /// Parses `text` into a node tree, or a located problem.
    public static func compose(_ text: String, lineOffset: Int = 0, resolver: Resolver = .default) -> Result<Node?, YAMLProblem> {
        do {
            // UTF-8 said outright: Yams's default encoding reads the whole process environment
            // on every call (`Parser.Encoding.default`), 15M instructions over the dialogs' files.
            return .success(try Yams.compose(yaml: text, resolver, .default, .utf8))
        } catch {
            return .failure(YAMLProblem(error, lineOffset: lineOffset))
        }
    }
}

extension Node {
    /// The 1-based line where this node starts (1 when unknown).
    public var line: Int { mark?.line ?? 1 }
    public var column: Int { mark?.column ?? 1 }

    /// A mapping's value for `key`, with the key node (for error positions).
    public func entry(_ key: String) -> (key: Node, value: Node)? {
        guard let mapping else { return nil }
        // By index: Yams' iterator copies every pair into a new array first, and the flow files
        // are read with a few hundred of these lookups at each start-up.
        for i in mapping.indices where mapping[i].key.string == key { return mapping[i] }
        return nil
    }

    /// True for `null`, `~` or an empty plain scalar.
    public var isNull: Bool {
        guard let s = scalar else { return false }
        return s.style == .plain && ["", "null", "~", "Null", "NULL"].contains(s.string)
    }
}
