import Foundation

/// Where a file sits in the store: `redes/<network>/<folder>/<id>.md`, or a network's `red.md`.
public struct RecordPath: Hashable, Sendable {
    public var network: String
    /// `acuerdos`, `encuentros`…; empty for `red.md`.
    public var folder: String
    /// `A-3`, `ana-perez`; the network's id for `red.md`.
    public var id: String

    public init?(_ path: String) {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 3, parts[0] == "redes", parts.last!.hasSuffix(".md") else { return nil }
        network = parts[1]
        if parts.count == 3 {
            guard parts[2] == "red.md" else { return nil }
            folder = ""
            id = parts[1]
        } else if parts.count == 4 {
            folder = parts[2]
            id = String(parts[3].dropLast(3))
        } else {
            return nil
        }
    }

    public init(network: String, folder: String, id: String) {
        self.network = network
        self.folder = folder
        self.id = id
    }

    public var path: String { folder.isEmpty ? "redes/\(network)/red.md" : "redes/\(network)/\(folder)/\(id).md" }

    /// The folder of a numbered id: `A` → acuerdos.
    static let folders: [String: String] = ["A": "acuerdos", "E": "encuentros", "S": "sondeos", "R": "reflexiones", "D": "diagnosticos",
                                                  "O": "organizaciones", "N": "normas", "DC": "decisiones", "P": "institucionalizacion"]
    static let prefixes: [String: String] = Dictionary(uniqueKeysWithValues: folders.map { ($1, $0) })

    /// `A-3` → (A, 3) for numbered records.
    static func number(_ id: String) -> (prefix: String, number: Int)? {
        let parts = id.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, folders[String(parts[0])] != nil, let n = Int(parts[1]), n > 0 else { return nil }
        return (String(parts[0]), n)
    }

    /// «Acuerdo A-3», «Reflexión R-2», «Ana Pérez»: how a commit message starts.
    func title(_ text: RecordText?) -> String {
        let n = noun(text)
        for article in ["el ", "la "] where n.hasPrefix(article) { return ChangeDescription.capitalized(String(n.dropFirst(3))) }
        return n
    }

    /// «el acuerdo A-3», «la reflexión R-2», «Ana Pérez».
    func noun(_ text: RecordText?) -> String {
        switch folder {
        case "": return "la red"
        case "acuerdos": return "el acuerdo \(id)"
        case "encuentros": return "el encuentro \(id)"
        case "sondeos": return "el sondeo \(id)"
        case "reflexiones": return "la reflexión \(id)"
        case "diagnosticos": return "el diagnóstico \(id)"
        case "miembros": return text?.scalar("nombre") ?? id
        case "conflictos": return "el conflicto \(id)"
        case "organizaciones": return "la organización \(id)"
        case "normas": return "la norma \(id)"
        case "decisiones": return "la decisión \(id)"
        case "institucionalizacion": return "la práctica \(id)"
        default: return "\(folder)/\(id)"
        }
    }
}

/// What changed in one file, in Spanish: phrases for `minga historial` («cambió el plazo de A-3
/// del 15 al 20 de diciembre») and a one-line commit message («Acuerdo A-3 marcado como cumplido»).
enum ChangeDescription {
    struct Result {
        var phrases: [String]
        var message: String
    }

    static func describe(path: String, before: String?, after: String?) -> Result {
        guard let where_ = RecordPath(path) else {
            let what = after == nil ? "quitó \(path)" : before == nil ? "agregó \(path)" : "cambió \(path)"
            return Result(phrases: [what], message: capitalized(what))
        }
        let old = before.flatMap(RecordText.init), new = after.flatMap(RecordText.init)
        let noun = where_.noun(new ?? old)
        let short = where_.folder == "" || where_.folder == "miembros" ? noun : where_.id
        if before == nil {
            let created: String
            switch where_.folder {
            case "": created = "creó la red «\(new?.scalar("nombre") ?? where_.network)»"
            case "acuerdos": created = "registró \(noun)" + (new?.scalar("texto").map { ": «\(clip($0))»" } ?? "")
            case "encuentros": created = "agendó \(noun)" + (new?.scalar("titulo").map { ": «\(clip($0))»" } ?? "")
            case "sondeos": created = "lanzó \(noun)"
            case "miembros": created = "agregó a \(noun) a la red"
            case "conflictos": created = "anotó un conflicto (\(new?.scalar("campo") ?? "?") de \(new?.scalar("registro") ?? "?"))"
            default: created = "registró \(noun)"
            }
            return Result(phrases: [created], message: capitalized(created))
        }
        if after == nil {
            let gone = where_.folder == "conflictos" ? "resolvió \(noun)" : "quitó \(noun)"
            return Result(phrases: [gone], message: capitalized(gone))
        }
        guard let old, let new else {
            return Result(phrases: ["cambió \(noun) (a mano)"], message: capitalized("cambió \(noun)"))
        }
        var phrases: [String] = []
        var statusMessage: String?
        let changedKeys = Set(new.blocks.map(\.key) + old.blocks.map(\.key)).filter { old.block($0) != new.block($0) }
        for key in (new.blocks.map(\.key) + old.blocks.map(\.key).filter { new.block($0) == nil }) where changedKeys.contains(key) {
            if skipped.contains(key) || (key == "historial" && changedKeys.contains("estado")) { continue }
            if key == "id", let to = new.scalar("id"), let from = old.scalar("id") {
                phrases.append("renumeró \(from) como \(to)")
                continue
            }
            if key == "estado", let s = new.scalar("estado") {
                let label = statusLabels[s] ?? s
                phrases.append("marcó \(short) como \(label)")
                statusMessage = "\(where_.title(new)) marcado como \(label)"
                continue
            }
            if key == "proposito" {
                phrases.append("cambió el propósito común")
                continue
            }
            let label = labels[key] ?? "«\(key.replacingOccurrences(of: "_", with: " "))»"
            let from = old.scalar(key), to = new.scalar(key)
            if let a = from.flatMap(isoDate), let b = to.flatMap(isoDate) {
                phrases.append("cambió \(label) de \(short) \(dateRange(a, b))")
            } else if let a = from, let b = to, a.count <= 40, b.count <= 40, (old.block(key)?.lines.count ?? 0) == 1 {
                phrases.append("cambió \(label) de \(short) de «\(a)» a «\(b)»")
            } else if from == nil, let b = to, b.count <= 40 {
                phrases.append("puso \(label) de \(short): «\(b)»")
            } else {
                phrases.append("cambió \(label) de \(short)")
            }
        }
        if phrases.isEmpty { phrases = ["volvió a escribir \(noun) sin cambiar sus datos"] }
        let message = statusMessage ?? (where_.title(new) + ": " + phrases.map { $0.replacingOccurrences(of: " de \(short)", with: "") }.joined(separator: "; "))
        return Result(phrases: phrases, message: message)
    }

    static let skipped: Set<String> = ["secuencia", "modificado", "registrado"]

    static let statusLabels = ["pendiente": "pendiente", "en_proceso": "en proceso", "cumplido": "cumplido",
                               "no_cumplido": "no cumplido", "reprogramado": "reprogramado"]

    static let labels = [
        "texto": "el texto", "responsables": "los responsables", "plazo": "el plazo", "evidencia": "la evidencia",
        "encuentro": "el encuentro", "evidencia_entregada": "la evidencia entregada", "historial": "el historial",
        "titulo": "el título", "tipo": "el tipo", "inicio": "la fecha", "duracion": "la duración", "lugar": "el lugar",
        "recurrencia": "la recurrencia", "tabla": "la tabla", "participantes": "los participantes", "ocurrencias": "el acta",
        "respuestas": "las respuestas", "elegida": "la opción elegida", "opciones": "las opciones",
        "nombre": "el nombre", "rol": "el rol", "establecimiento": "el establecimiento", "contacto": "el contacto",
        "fortalezas": "las fortalezas", "territorio": "el territorio", "region": "la región", "sostenedor": "el sostenedor",
        "practica": "la práctica", "aprendizajes": "los aprendizajes", "acuerdo": "el acuerdo",
    ]

    static let months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                         "octubre", "noviembre", "diciembre"]
    static let shortMonths = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"]

    /// `2026-12-15` → (2026, 12, 15).
    static func isoDate(_ s: String) -> (year: Int, month: Int, day: Int)? {
        let p = s.prefix(10).split(separator: "-")
        guard s.count == 10, p.count == 3, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]), (1...12).contains(m) else { return nil }
        return (y, m, d)
    }

    /// «del 15 al 20 de diciembre», «del 28 de diciembre al 3 de enero».
    static func dateRange(_ a: (year: Int, month: Int, day: Int), _ b: (year: Int, month: Int, day: Int)) -> String {
        if a.year == b.year && a.month == b.month { return "del \(a.day) al \(b.day) de \(months[b.month - 1])" }
        let yearA = a.year != b.year ? " de \(a.year)" : ""
        return "del \(a.day) de \(months[a.month - 1])\(yearA) al \(b.day) de \(months[b.month - 1])"
    }

    static func clip(_ s: String) -> String { s.count > 60 ? String(s.prefix(57)) + "…" : s }

    static func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
}
