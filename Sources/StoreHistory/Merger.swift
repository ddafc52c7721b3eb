import Foundation

/// A merge of two histories of a store, computed from git objects only (the store's files are
/// not touched): record ids created on both sides are renumbered on ours, references follow,
/// records are merged field by field, and a field both sides changed keeps the remote's value
/// in the record and ours in a conflict file. Nothing is ever dropped.
struct Merger {
    let git: Git
    let now: Date

    enum Version: Equatable {
        case blob(String)
        case text(Data)
    }

    struct Renumbering: Equatable, Sendable {
        var network: String
        var from: String
        var to: String
    }

    struct Outcome {
        var commit: String
        var renumbered: [Renumbering]
        var conflicts: [ConflictFile]
        var changedPaths: Int
    }

    /// Blob contents, read with one `git cat-file --batch` per call.
    final class Blobs {
        let git: Git
        var cache: [String: Data] = [:]
        init(git: Git) { self.git = git }

        func load(_ shas: [String]) throws {
            let missing = Array(Set(shas.filter { cache[$0] == nil }))
            guard !missing.isEmpty else { return }
            let out = try git.run(["cat-file", "--batch"], input: Data(missing.map { $0 + "\n" }.joined().utf8))
            var i = out.startIndex
            while i < out.endIndex {
                guard let nl = out[i...].firstIndex(of: 0x0A) else { break }
                let header = String(decoding: out[i..<nl], as: UTF8.self).split(separator: " ")
                i = out.index(after: nl)
                guard header.count == 3, let size = Int(header[2]) else { continue }
                let end = out.index(i, offsetBy: size)
                cache[String(header[0])] = Data(out[i..<end])
                i = out.index(after: end)
            }
        }

        func data(_ v: Version) throws -> Data {
            switch v {
            case .text(let d): return d
            case .blob(let sha):
                if cache[sha] == nil { try load([sha]) }
                return cache[sha] ?? Data()
            }
        }
    }

    /// path → blob sha of every file in `commit` (empty for nil).
    static func tree(_ git: Git, _ commit: String?) throws -> [String: String] {
        guard let commit else { return [:] }
        let out = try git.run(["ls-tree", "-r", "-z", "--full-tree", commit])
        var files: [String: String] = [:]
        for entry in out.split(separator: 0) {
            let s = String(decoding: entry, as: UTF8.self)
            guard let tab = s.firstIndex(of: "\t") else { continue }
            let meta = s[..<tab].split(separator: " ")
            if meta.count == 3, meta[1] == "blob" { files[String(s[s.index(after: tab)...])] = String(meta[2]) }
        }
        return files
    }

    func merge(base: String?, ours: String, theirs: String, remoteName: String) throws -> Outcome {
        let B = try Self.tree(git, base), O = try Self.tree(git, ours), T = try Self.tree(git, theirs)
        let blobs = Blobs(git: git)

        // 1. Numbered records created on both sides under one id: ours move to the next free number.
        var highest: [String: Int] = [:]  // "red/acuerdos" → highest number on either side
        for p in Array(O.keys) + Array(T.keys) {
            if let r = RecordPath(p), let n = RecordPath.number(r.id), RecordPath.folders[n.prefix] == r.folder {
                highest[r.network + "/" + r.folder] = max(highest[r.network + "/" + r.folder] ?? 0, n.number)
            }
        }
        var renames: [String: String] = [:]
        var idMaps: [String: [String: String]] = [:]
        var renumbered: [Renumbering] = []
        func numberOf(_ p: String) -> Int { RecordPath(p).flatMap { RecordPath.number($0.id)?.number } ?? 0 }
        let collisions = O.keys.filter { B[$0] == nil && T[$0] != nil && T[$0] != O[$0] }
            .sorted { (numberOf($0), $0) < (numberOf($1), $1) }
        for p in collisions {
            guard let r = RecordPath(p), let n = RecordPath.number(r.id), RecordPath.folders[n.prefix] == r.folder else { continue }
            let slot = r.network + "/" + r.folder
            let next = (highest[slot] ?? 0) + 1
            highest[slot] = next
            let newID = "\(n.prefix)-\(next)"
            renames[p] = RecordPath(network: r.network, folder: r.folder, id: newID).path
            idMaps[r.network, default: [:]][r.id] = newID
            renumbered.append(Renumbering(network: r.network, from: r.id, to: newID))
        }

        // 2. Ours as merged: renamed, and with references to renamed records rewritten (only in
        // files changed on our side: nothing else can point at a record created here).
        var oursEffective: [String: Version] = [:]
        let toRewrite = O.filter { p, sha in
            B[p] != sha && RecordPath(p).map { idMaps[$0.network] != nil } == true
        }
        try blobs.load(Array(toRewrite.values))
        for (p, sha) in O {
            let target = renames[p] ?? p
            if toRewrite[p] != nil, let r = RecordPath(p), let map = idMaps[r.network] {
                let text = String(decoding: try blobs.data(.blob(sha)), as: UTF8.self)
                oursEffective[target] = .text(Data(Self.renumber(text, map).utf8))
            } else {
                oursEffective[target] = .blob(sha)
            }
        }

        // 3. Three-way, file by file; a file both sides changed, field by field.
        func same(_ a: Version?, _ b: Version?) throws -> Bool {
            switch (a, b) {
            case (nil, nil): return true
            case (nil, _), (_, nil): return false
            case (.blob(let x)?, .blob(let y)?): return x == y
            case (let x?, let y?): return try blobs.data(x) == blobs.data(y)
            }
        }
        var result: [String: Version] = [:]
        var conflicts: [ConflictFile] = []
        let paths = Set(B.keys).union(oursEffective.keys).union(T.keys)
        let both = paths.filter { p in
            let o = oursEffective[p], t = T[p].map(Version.blob), b = B[p].map(Version.blob)
            return o != nil && t != nil && o != t && o != b && t != b
        }
        try blobs.load(both.compactMap { B[$0] } + both.compactMap { T[$0] } + both.compactMap { p -> String? in
            if case .blob(let s)? = oursEffective[p] { return s } else { return nil }
        })
        for p in paths.sorted() {
            let b = B[p].map(Version.blob), o = oursEffective[p], t = T[p].map(Version.blob)
            if try same(o, t) { result[p] = o; continue }
            if try same(o, b) { result[p] = t; continue }
            if try same(t, b) { result[p] = o; continue }
            guard let o else { result[p] = t; continue }  // deleted here, changed there: kept
            guard let t else { result[p] = o; continue }  // and the other way round
            let text = { (v: Version?) throws -> String? in try v.map { String(decoding: try blobs.data($0), as: UTF8.self) } }
            let merged = FieldMerge.merge(path: p, base: try text(b), ours: try text(o)!, theirs: try text(t)!)
            result[p] = .text(Data(merged.text.utf8))
            conflicts += merged.conflicts
        }
        for i in conflicts.indices {
            var name = conflicts[i].path
            var k = 2
            while result[name] != nil {
                name = conflicts[i].path.replacingOccurrences(of: ".md", with: "-\(k).md")
                k += 1
            }
            conflicts[i].path = name
            conflicts[i].detected = now
            result[name] = .text(Data(conflicts[i].text.utf8))
        }

        // 4. The merge commit: ours as first parent, theirs as second, with what changed from ours.
        var changes = Data()
        var changed = 0
        for p in result.keys.sorted() where result[p] != O[p].map(Version.blob) {
            changed += 1
            switch result[p]! {
            case .blob(let sha): changes.append(Data("M 100644 \(sha) \(p)\n".utf8))
            case .text(let d):
                changes.append(Data("M 100644 inline \(p)\ndata \(d.count)\n".utf8))
                changes.append(d)
                changes.append(0x0A)
            }
        }
        for p in O.keys.sorted() where result[p] == nil {
            changed += 1
            changes.append(Data("D \(p)\n".utf8))
        }
        var message = "Sincronización con \(remoteName)"
        var details: [String] = []
        for r in renumbered { details.append("\(r.from) de \(r.network) pasó a ser \(r.to): el otro lugar ya usaba ese número") }
        for c in conflicts { details.append("conflicto en \(ChangeDescription.labels[c.field] ?? c.field) de \(c.record)") }
        if !details.isEmpty { message += "\n\n" + details.joined(separator: "\n") }
        if !renumbered.isEmpty {
            message += "\n\n" + renumbered.map {
                "Renumerado: \(RecordPath(network: $0.network, folder: folder(of: $0.from), id: $0.from).path) -> \(RecordPath(network: $0.network, folder: folder(of: $0.to), id: $0.to).path)"
            }.joined(separator: "\n")
        }
        var stream = GitHistory.commitHeader(ref: "refs/minga/sincronizacion", author: .minga, time: now, message: message,
                                             from: ours, merge: theirs)
        stream.append(changes)
        stream.append(0x0A)
        try git.run(["fast-import", "--quiet", "--force", "--date-format=raw"], input: stream)
        let commit = try git.text(["rev-parse", "refs/minga/sincronizacion"])
        return Outcome(commit: commit, renumbered: renumbered, conflicts: conflicts, changedPaths: changed)
    }

    private func folder(of id: String) -> String {
        RecordPath.number(id).flatMap { RecordPath.folders[$0.prefix] } ?? ""
    }

    /// Rewrites the ids in `map` wherever a value is exactly an id (`id: A-3`, `acuerdo: A-3`,
    /// `- A-3` in a meeting's `acuerdos`), and as whole words in the body; user text in the
    /// front matter («revisar A-3») is left as written.
    static func renumber(_ text: String, _ map: [String: String]) -> String {
        let ids = try! NSRegularExpression(pattern: #"(?<![A-Za-z0-9-])([AESRD]-[0-9]+)(?![0-9])"#)
        let value = try! NSRegularExpression(pattern: #"^(\s*-\s+|\s*[A-Za-z_]+:\s+)("?)([AESRD]-[0-9]+)("?)\s*$"#)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fences = 0
        for i in lines.indices {
            let line = lines[i]
            if line.trimmingCharacters(in: .whitespaces) == "---", fences < 2 { fences += 1; continue }
            let ns = line as NSString
            if fences == 1 {
                if let m = value.firstMatch(in: line, range: NSRange(location: 0, length: ns.length)),
                   let new = map[ns.substring(with: m.range(at: 3))] {
                    lines[i] = ns.replacingCharacters(in: m.range(at: 3), with: new)
                }
            } else if fences >= 2 {
                var out = line
                for m in ids.matches(in: line, range: NSRange(location: 0, length: ns.length)).reversed() {
                    if let new = map[ns.substring(with: m.range(at: 1))] {
                        out = (out as NSString).replacingCharacters(in: m.range(at: 1), with: new)
                    }
                }
                lines[i] = out
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// Field-by-field merge of one record both sides changed.
enum FieldMerge {
    struct Result {
        var text: String
        var conflicts: [ConflictFile]
    }

    static func merge(path: String, base: String?, ours: String, theirs: String) -> Result {
        let where_ = RecordPath(path)
        let record = where_?.id ?? path
        guard let o = RecordText(ours), let t = RecordText(theirs) else {
            // Not a record both can read: the remote's stays, ours is kept whole in the conflict.
            return Result(text: theirs, conflicts: [ConflictFile(network: where_?.network ?? "", record: record, file: path,
                                                                 field: "archivo", kept: [theirs], other: [ours])])
        }
        let b = base.flatMap(RecordText.init) ?? RecordText(blocks: [], body: "")
        var keys = t.blocks.map(\.key)
        for k in o.blocks.map(\.key) where !keys.contains(k) { keys.append(k) }
        var blocks: [RecordText.Block] = []
        var conflicts: [ConflictFile] = []
        for k in keys {
            let bv = b.block(k), ov = o.block(k), tv = t.block(k)
            let chosen: RecordText.Block?
            if ov == tv { chosen = ov } else if ov == bv { chosen = tv } else if tv == bv { chosen = ov } else if k == "historial", let ov, let tv {
                chosen = unionList(base: bv, ours: ov, theirs: tv)
            } else {
                chosen = tv ?? ov
                conflicts.append(ConflictFile(network: where_?.network ?? "", record: record, file: path, field: k,
                                              kept: tv?.lines ?? [], other: ov?.lines ?? []))
            }
            if let chosen { blocks.append(chosen) }
        }
        let body = blocks == o.blocks ? o.body : t.body
        return Result(text: RecordText(blocks: blocks, body: body).text, conflicts: conflicts)
    }

    /// A list both sides appended to (an agreement's status history): the base's items, then
    /// ours' new ones, then theirs' new ones.
    static func unionList(base: RecordText.Block?, ours: RecordText.Block, theirs: RecordText.Block) -> RecordText.Block {
        func items(_ b: RecordText.Block?) -> [[String]] {
            guard let b else { return [] }
            var out: [[String]] = []
            for line in b.lines.dropFirst() {
                if line.hasPrefix("- ") { out.append([line]) } else if !out.isEmpty { out[out.count - 1].append(line) }
            }
            return out
        }
        var merged = items(base)
        for item in items(ours) + items(theirs) where !merged.contains(item) { merged.append(item) }
        return RecordText.Block(key: ours.key, lines: merged.isEmpty ? ["\(ours.key): []"] : ["\(ours.key):"] + merged.flatMap { $0 })
    }
}
