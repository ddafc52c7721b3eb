import ArgumentParser
import Foundation

/// `minga manual`: the man page (roff), written from the command definitions themselves, so it
/// never drifts from `--help`. Hidden: `make install` runs it to install `minga.1`.
///
/// argument-parser's `generate-manual` plugin writes English headings (NAME, OPTIONS…); this
/// renders the same introspection (`_dumpHelp`) with Spanish ones.
struct Manual: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manual", abstract: "Imprime la página de manual (formato roff; «minga manual | man -l -»).",
        shouldDisplay: false)

    func run() throws {
        print(try ManualPage.render(), terminator: "")
    }
}

enum ManualPage {
    static func render() throws -> String {
        guard let json = try JSONSerialization.jsonObject(with: Data(Minga._dumpHelp().utf8)) as? [String: Any],
              let root = json["command"] as? [String: Any] else {
            throw CLIError("No pude leer la descripción de los comandos.")
        }
        var out = """
        .TH MINGA 1 "" "minga \(mingaVersion)" "Manual de minga"
        .nh
        .ad l
        .SH NOMBRE
        minga \\- \(text(root["abstract"] as? String ?? ""))
        .SH SINOPSIS
        .B minga
        [\\fIsubcomando\\fR] [\\fIopciones\\fR]\n
        """
        out += ".SH DESCRIPCI\\[u00D3]N\n"
        let discussion = (root["discussion"] as? String ?? "").components(separatedBy: "CÓDIGOS DE SALIDA:")[0]
        out += paragraphs(discussion)
        out += options(root)
        out += ".SH SUBCOMANDOS\n"
        for sub in root["subcommands"] as? [[String: Any]] ?? [] where sub["shouldDisplay"] as? Bool ?? true && sub["commandName"] as? String != "help" {
            let name = sub["commandName"] as? String ?? ""
            out += ".SS \"minga \(name)\"\n"
            out += ".B minga \(name)\n" + synopsis(sub) + "\n.PP\n"
            out += paragraphs(sub["abstract"] as? String ?? "")
            if let d = sub["discussion"] as? String, !d.isEmpty { out += ".PP\n" + paragraphs(d) }
            out += options(sub, heading: nil, common: false)
        }
        out += ".SH C\\[u00D3]DIGOS DE SALIDA\n"
        for (code, meaning) in Minga.exitCodes { out += ".TP\n.B \(code)\n\(text(meaning))\n" }
        out += """
        .SH ENTORNO
        .TP
        .B MINGA_STORE
        Carpeta del almac\\[u00E9]n si no se da \\fB\\-\\-store\\fR. Si falta, \\fI$XDG_DATA_HOME/minga\\fR o \\fI~/.local/share/minga\\fR.
        .TP
        .B MINGA_DIALOGS
        Carpeta de di\\[u00E1]logos si no se da \\fB\\-\\-dialogs\\fR. Sin ninguna de las dos, minga usa \\fI./dialogs\\fR si existe (al trabajar en el repositorio) y, si no, los di\\[u00E1]logos que trae incluidos.
        .TP
        .B JOURNAL_STREAM
        La pone systemd: con ella, \\fBminga serve\\fR escribe un evento por l\\[u00ED]nea con su prioridad (\\fI<6>\\fR) y sin fecha, como la lee journald.
        .SH ARCHIVOS
        .TP
        .I ~/.local/share/minga
        El almac\\[u00E9]n por omisi\\[u00F3]n: archivos Markdown y YAML que se pueden leer y corregir a mano.
        .TP
        .I ~/.local/state/minga/historial
        El historial de l\\[u00ED]neas del chat en la terminal.
        .SH LICENCIA
        GPL\\-3.0\\-or\\-later (minga usa GNU readline).\n
        """
        return out
    }

    /// Text escaped for roff: backslashes, and no line may start with a control character.
    static func text(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") || $0.hasPrefix("'") ? "\\&" + $0 : String($0) }
            .joined(separator: "\n")
    }

    private static func paragraphs(_ s: String) -> String {
        s.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\n\n")
            .filter { !$0.isEmpty }.map { text($0) + "\n" }.joined(separator: ".PP\n")
    }

    private static func arguments(_ command: [String: Any], common: Bool = false) -> [[String: Any]] {
        (command["arguments"] as? [[String: Any]] ?? []).filter {
            ($0["shouldDisplay"] as? Bool ?? true) && (common || !names($0).contains { $0 == "--help" || $0 == "--version" })
        }
    }

    private static func names(_ argument: [String: Any]) -> [String] {
        (argument["names"] as? [[String: Any]] ?? []).compactMap { n in
            guard let name = n["name"] as? String else { return nil }
            return (n["kind"] as? String == "short" ? "-" : "--") + name
        }
    }

    /// `[--store <carpeta>] --format <formato> <archivo>...`, in roff.
    private static func synopsis(_ command: [String: Any]) -> String {
        arguments(command).map { a -> String in
            let value = "\\fI<\(a["valueName"] as? String ?? "valor")>\\fR"
            var s = switch a["kind"] as? String {
            case "positional": value
            case "flag": "\\fB\(text(names(a).last ?? ""))\\fR"
            default: "\\fB\(text(names(a).last ?? ""))\\fR \(value)"
            }
            if a["isRepeating"] as? Bool == true { s += "..." }
            return a["isOptional"] as? Bool == true ? "[\(s)]" : s
        }.joined(separator: " ")
    }

    /// Each option as a tagged paragraph; `--help` and `--version` only where `common`.
    private static func options(_ command: [String: Any], heading: String? = "OPCIONES", common: Bool = true) -> String {
        var out = heading.map { ".SH \($0)\n" } ?? ""
        for a in arguments(command, common: common) {
            let value = a["kind"] as? String == "flag" ? "" : " \\fI<\(a["valueName"] as? String ?? "valor")>\\fR"
            let label = a["kind"] as? String == "positional"
                ? "\\fI<\(a["valueName"] as? String ?? "valor")>\\fR"
                : names(a).map { "\\fB\(text($0))\\fR" }.joined(separator: ", ") + value
            var help = SpanishMessages.translate(a["abstract"] as? String ?? "")
            if let d = a["defaultValue"] as? String, !d.isEmpty { help += " (por omisión: \(d))" }
            if let values = a["allValues"] as? [String], !values.isEmpty, a["kind"] as? String != "flag" {
                help += " Valores: \(values.joined(separator: ", "))."
            }
            out += ".TP\n\(label)\n\(text(help))\n"
        }
        return out
    }
}
