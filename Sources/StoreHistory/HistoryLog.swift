import Foundation

/// One change in the history, as `minga historial` shows it.
public struct HistoryEntry: Sendable, Equatable {
    public var commit: String
    public var date: Date
    public var author: String
    public var email: String
    /// What changed, in Spanish («cambió el plazo de A-3 del 15 al 20 de diciembre»).
    public var phrases: [String]
}

extension GitHistory {
    /// The history of a network (`record` nil) or of one of its records, oldest first, at most
    /// `limit` changes (the latest). A record renumbered by a sync keeps its earlier history.
    public func history(network: String, record: RecordPath? = nil, limit: Int = 50) throws -> [HistoryEntry] {
        try flush()
        let spec = record?.path ?? "redes/\(network)/"
        var entries = try log(["HEAD"], path: spec, only: record).reversed() as [HistoryEntry]
        if let record {
            // Renumbered at a sync: the record's commits under its old id, on our side of that merge.
            let merges = try git.text(["log", "--merges", "--format=%H%x1f%P%x1f%at%x1f%B%x1e", "--grep=Renumerado:", "HEAD"])
            for chunk in merges.split(separator: "\u{1e}") {
                let f = chunk.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\u{1f}", omittingEmptySubsequences: false).map(String.init)
                guard f.count >= 4 else { continue }
                let parents = f[1].split(separator: " ").map(String.init)
                for line in f[3].split(separator: "\n") where line.hasPrefix("Renumerado: ") {
                    let pair = line.dropFirst("Renumerado: ".count).components(separatedBy: " -> ")
                    guard pair.count == 2, pair[1] == record.path, parents.count == 2, let old = RecordPath(pair[0]) else { continue }
                    var before = try log([parents[0], "^" + parents[1]], path: old.path, only: old).reversed() as [HistoryEntry]
                    before.append(HistoryEntry(commit: f[0], date: Date(timeIntervalSince1970: Double(f[2]) ?? 0), author: "Minga",
                                               email: ChangeAuthor.minga.email,
                                               phrases: ["renumeró \(old.id) como \(record.id) al sincronizar (el otro lugar ya usaba \(old.id))"]))
                    entries += before
                }
            }
        }
        var seen = Set<String>()
        entries = entries.filter { seen.insert($0.commit + $0.phrases.joined()).inserted }
        entries.sort { $0.date < $1.date }
        return Array(entries.suffix(limit))
    }

    /// `git log` of `path` from `revisions`, each commit described from its files' diffs.
    private func log(_ revisions: [String], path: String, only: RecordPath?) throws -> [HistoryEntry] {
        let out = try git.text(["log", "--format=%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%at%x1f%s", "--raw", "--no-abbrev", "--no-renames"]
                               + revisions + ["--", path])
        struct Raw { var commit: String; var parents: Int; var author: String; var email: String; var time: Double; var subject: String
            var files: [(path: String, old: String?, new: String?)] }
        var raws: [Raw] = []
        for chunk in out.split(separator: "\u{1e}") {
            let lines = chunk.split(separator: "\n")
            guard let head = lines.first else { continue }
            let f = head.split(separator: "\u{1f}", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 6 else { continue }
            var raw = Raw(commit: f[0], parents: f[1].split(separator: " ").count, author: f[2], email: f[3], time: Double(f[4]) ?? 0,
                          subject: f[5], files: [])
            for line in lines.dropFirst() where line.hasPrefix(":") {
                let parts = line.split(separator: "\t", maxSplits: 1)
                let meta = parts[0].split(separator: " ")
                guard parts.count == 2, meta.count >= 4 else { continue }
                let zero = String(repeating: "0", count: meta[2].count)
                raw.files.append((String(parts[1]), meta[2] == zero ? nil : String(meta[2]), meta[3] == zero ? nil : String(meta[3])))
            }
            raws.append(raw)
        }
        let blobs = Merger.Blobs(git: git)
        try blobs.load(raws.flatMap { $0.files.flatMap { [$0.old, $0.new].compactMap { $0 } } })
        func text(_ sha: String?) throws -> String? { try sha.map { String(decoding: try blobs.data(.blob($0)), as: UTF8.self) } }
        var entries: [HistoryEntry] = []
        for r in raws {
            var phrases: [String] = []
            if r.parents > 1 {
                // A merge touching this path: what the sync did to it is in its message.
                guard r.subject.hasPrefix("Sincronización") else { continue }
                phrases = ["sincronizó con \(r.subject.dropFirst("Sincronización con ".count)) y juntó los cambios de ambos lados"]
            }
            for file in r.files {
                guard only == nil || file.path == only!.path else { continue }
                phrases += ChangeDescription.describe(path: file.path, before: try text(file.old), after: try text(file.new)).phrases
            }
            if phrases.isEmpty { continue }
            entries.append(HistoryEntry(commit: r.commit, date: Date(timeIntervalSince1970: r.time), author: r.author, email: r.email, phrases: phrases))
        }
        return entries
    }

    /// «12 nov · Ana Pérez · cambió el plazo de A-3 del 15 al 20 de diciembre».
    public func line(_ e: HistoryEntry) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.day, .month, .year], from: e.date)
        let thisYear = calendar.component(.year, from: now())
        let date = "\(c.day ?? 1) \(ChangeDescription.shortMonths[(c.month ?? 1) - 1])" + (c.year == thisYear ? "" : " \(c.year ?? 0)")
        return "\(date) · \(e.author) · \(e.phrases.joined(separator: "; "))"
    }

    /// «quién cambió…», «quién fue el último que modificó…», «quién actualizó…», «historial de…»
    /// (folded): compiled once, not at every turn that asks.
    static let asks = try! NSRegularExpression(pattern: #"\b(quien|quienes)\s+(\S+\s+){0,5}?(cambio|cambiaron|modifico|modificaron|edito|editaron|toco|tocaron|marco|marcaron|registro|anoto|actualizo|actualizaron|corrigio|corrigieron|movio|movieron)\b|historial|historia de|cambios (de|del)"#)
    /// A record named by its noun and number («acuerdo 3», «acuerdo n° 3») or its id («A-3»).
    static let named = try! NSRegularExpression(pattern: #"\b(acuerdo|encuentro|reunion|sondeo|reflexion|diagnostico|organizacion|norma|decision|practica|resultado)\s+(n[°º]?\s*|numero\s+)?(\d+)\b|\b(dc|[aesrdonpl])-(\d+)\b"#)
    static let months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]

    /// The chat's «¿quién cambió el acuerdo 3?» (also «historial del encuentro 2»), answered from
    /// the history; nil when the text asks something else.
    public func answer(question text: String, network: String) -> [String]? {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "es"))
        let ns = folded as NSString
        guard Self.asks.firstMatch(in: folded, range: NSRange(location: 0, length: ns.length)) != nil else { return nil }
        let kinds = ["acuerdo": "A", "encuentro": "E", "reunion": "E", "sondeo": "S", "reflexion": "R", "diagnostico": "D",
                     "organizacion": "O", "norma": "N", "decision": "DC", "practica": "P", "resultado": "L"]
        guard let m = Self.named.firstMatch(in: folded, range: NSRange(location: 0, length: ns.length)) else { return nil }
        let id: String
        if m.range(at: 1).location != NSNotFound {
            id = "\(kinds[ns.substring(with: m.range(at: 1))]!)-\(ns.substring(with: m.range(at: 3)))"
        } else {
            id = "\(ns.substring(with: m.range(at: 4)).uppercased())-\(ns.substring(with: m.range(at: 5)))"
        }
        let record = RecordPath(network: network, folder: RecordPath.folders[String(id.prefix { $0 != "-" })]!, id: id)
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(record.path).path) else {
            return ["No encuentro \(record.noun(nil)) en esta red."]
        }
        guard let entries = try? history(network: network, record: record, limit: 8), let last = entries.last else {
            return ["Todavía no tengo cambios anotados de \(record.noun(nil))."]
        }
        let noun = record.noun(nil)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.day, .month, .year], from: last.date)
        let year = c.year == calendar.component(.year, from: now()) ? "" : " de \(c.year ?? 0)"
        let when = "el \(c.day ?? 1) de \(Self.months[(c.month ?? 1) - 1])\(year)"
        var lines = ["La última modificación \(noun.hasPrefix("el ") ? "del " + noun.dropFirst(3) : "de " + noun) la hizo \(last.author) \(when): \(last.phrases.joined(separator: "; "))."]
        if entries.count > 1 {
            lines.append("Su historial:\n" + entries.map { "· " + line($0) }.joined(separator: "\n"))
        }
        return lines
    }
}
