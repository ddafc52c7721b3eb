import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A field two places changed at once, kept as a file of its own beside the network's records
/// (`redes/<red>/conflictos/A-3-plazo.md`, which Minga's reader never opens): the record keeps one
/// value and stays readable, the file keeps the other, until a person chooses.
public struct ConflictFile: Sendable, Equatable {
    public var network: String
    /// `A-3`, or a member's id.
    public var record: String
    /// The record's file, relative to the store.
    public var file: String
    public var field: String
    /// The field's lines as they stand in the record, and the other side's.
    public var kept: [String]
    public var other: [String]
    public var detected: Date = Date(timeIntervalSince1970: 0)
    /// This conflict's own file, relative to the store.
    public var path: String

    init(network: String, record: String, file: String, field: String, kept: [String], other: [String]) {
        self.network = network
        self.record = record
        self.file = file
        self.field = field
        self.kept = kept
        self.other = other
        path = "redes/\(network)/conflictos/\(record)-\(field).md"
    }

    var text: String {
        func q(_ s: String) -> String {
            let e = JSONEncoder()
            e.outputFormatting = .withoutEscapingSlashes
            return String(decoding: (try? e.encode(s)) ?? Data("\"\"".utf8), as: UTF8.self)
        }
        let label = ChangeDescription.labels[field] ?? "«\(field)»"
        return """
        ---
        registro: \(record)
        archivo: \(file)
        campo: \(field)
        en_el_registro: \(q(kept.joined(separator: "\n")))
        otro_valor: \(q(other.joined(separator: "\n")))
        detectado: \(ISO8601DateFormatter().string(from: detected))
        ---
        # Conflicto en \(label) de \(record)

        Dos lugares cambiaron \(label) de \(record) antes de sincronizar. El registro quedó con
        «\(Self.show(kept, field: field))»; el otro valor es «\(Self.show(other, field: field))».
        Elige con «minga conflictos resolver».

        """
    }

    init?(path: String, text: String) {
        guard let r = RecordText(text), let record = r.scalar("registro"), let file = r.scalar("archivo"),
              let field = r.scalar("campo"), let where_ = RecordPath(path) else { return nil }
        network = where_.network
        self.record = record
        self.file = file
        self.field = field
        kept = (r.scalar("en_el_registro") ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        other = (r.scalar("otro_valor") ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        detected = r.scalar("detectado").flatMap { ISO8601DateFormatter().date(from: $0) } ?? Date(timeIntervalSince1970: 0)
        self.path = path
    }

    /// A field's lines as a person reads them: «20 de diciembre», «cumplido», «Ana, Luis».
    static func show(_ lines: [String], field: String) -> String {
        guard let first = lines.first, !first.isEmpty else { return "(vacío)" }
        let text = RecordText(blocks: [.init(key: field, lines: lines)], body: "")
        if lines.count == 1 {
            guard let v = text.scalar(field) else { return "(vacío)" }
            if let d = ChangeDescription.isoDate(v) { return "\(d.day) de \(ChangeDescription.months[d.month - 1]) de \(d.year)" }
            if field == "estado" { return ChangeDescription.statusLabels[v] ?? v }
            return v
        }
        let items = text.list(field)
        return items.isEmpty ? lines.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") : items.joined(separator: ", ")
    }

    /// «el plazo de A-3 (red-norte): quedó «20 de diciembre»; el otro valor es «22 de diciembre»».
    public var summary: String {
        let label = ChangeDescription.labels[field] ?? "«\(field)»"
        return "\(label) de \(record) (\(network)): quedó «\(Self.show(kept, field: field))»; el otro valor es «\(Self.show(other, field: field))»"
    }
}

extension GitHistory {
    /// The conflicts waiting for a person, oldest first.
    public func conflicts() -> [ConflictFile] {
        let fm = FileManager.default
        let networks = ((try? fm.contentsOfDirectory(atPath: root.appendingPathComponent("redes").path)) ?? []).sorted()
        var out: [ConflictFile] = []
        for n in networks where !n.hasPrefix(".") {
            let dir = "redes/\(n)/conflictos"
            for name in ((try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(dir).path)) ?? []).sorted()
            where name.hasSuffix(".md") && !name.hasPrefix(".") {
                let path = dir + "/" + name
                if let data = fm.contents(atPath: root.appendingPathComponent(path).path),
                   let c = ConflictFile(path: path, text: String(decoding: data, as: UTF8.self)) {
                    out.append(c)
                }
            }
        }
        return out.sorted { ($0.detected, $0.path) < ($1.detected, $1.path) }
    }

    /// Settles a conflict: `useOther` puts the other value in the record; either way the
    /// conflict's file goes, and both changes are one commit by `author`.
    public func resolve(_ conflict: ConflictFile, useOther: Bool, author: ChangeAuthor) throws {
        try Flock.with(root.appendingPathComponent(".lock").path) {
            let url = root.appendingPathComponent(conflict.file)
            let before = FileManager.default.contents(atPath: url.path)
            if useOther {
                guard let data = before, var record = RecordText(String(decoding: data, as: UTF8.self)) else {
                    throw HistoryError("No pude leer \(conflict.file) para resolver el conflicto.")
                }
                if conflict.field == "archivo" {
                    try StoreFiles.write(Data(conflict.other.joined(separator: "\n").utf8), to: url)
                } else {
                    let replacement = RecordText.Block(key: conflict.field, lines: conflict.other)
                    if let i = record.blocks.firstIndex(where: { $0.key == conflict.field }) {
                        if conflict.other.isEmpty { record.blocks.remove(at: i) } else { record.blocks[i] = replacement }
                    } else if !conflict.other.isEmpty {
                        record.blocks.append(replacement)
                    }
                    try StoreFiles.write(Data(record.text.utf8), to: url)
                }
            }
            let conflictURL = root.appendingPathComponent(conflict.path)
            let conflictBefore = FileManager.default.contents(atPath: conflictURL.path)
            unlink(conflictURL.path)
            let label = ChangeDescription.labels[conflict.field] ?? conflict.field
            let note = ChangeNote(author: author, message: "Conflicto en \(label) de \(conflict.record) resuelto"
                                  + (useOther ? " con el otro valor" : " dejando el valor del registro"))
            if useOther { recorded(path: conflict.file, before: before, note: note, group: 0) }
            recorded(path: conflict.path, before: conflictBefore, note: note, group: 0)
        }
        try flush()
    }
}

/// Writes into the store's folder the way the store does: temporary file, fsync, rename, fsync
/// of the folder (a sync applies many files; each is whole, old or new).
enum StoreFiles {
    static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tmp = dir.appendingPathComponent(".tmp-\(getpid())-sinc-\(url.lastPathComponent)")
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw HistoryError("No pude escribir \(url.path): \(String(cString: strerror(errno))).") }
        let ok = data.withUnsafeBytes { raw -> Bool in
            var off = 0
            while off < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 { if errno == EINTR { continue }; return false }
                off += n
            }
            return fsync(fd) == 0
        }
        close(fd)
        guard ok, rename(tmp.path, url.path) == 0 else {
            unlink(tmp.path)
            throw HistoryError("No pude escribir \(url.path): \(String(cString: strerror(errno))).")
        }
        syncFolder(dir)
    }

    static func remove(_ url: URL) {
        unlink(url.path)
        syncFolder(url.deletingLastPathComponent())
    }

    static func syncFolder(_ dir: URL) {
        let fd = open(dir.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}
