import Domain
import Foundation
import Yams

/// Numbered records of a network's work: encuentros/E-n.md, sondeos/S-n.md,
/// reflexiones/R-n.md, diagnosticos/D-n.md; and the purpose inside red.md.
extension FileStore {
    /// A folder of records: how each is written, read, numbered, and where it sits in a snapshot.
    struct Kind<T> {
        let folder: String
        /// "A" for A-12.md; empty for members, named by slug.
        let prefix: String
        let encode: (T) -> FrontMatter
        let decode: @Sendable (Node, String) throws -> T
        let id: (T) -> String
        let setID: (inout T, String) -> Void
        let records: WritableKeyPath<NetworkSnapshot, RecordList<T>>
        /// The snapshot's order: by number, members by name.
        let ordered: (T, T) -> Bool
    }

    private static func byNumber<T>(_ id: @escaping (T) -> String) -> (T, T) -> Bool {
        { (RecordNumber.of(id($0)) ?? 0) < (RecordNumber.of(id($1)) ?? 0) }
    }

    static var agreements: Kind<Agreement> {
        Kind(folder: "acuerdos", prefix: "A", encode: RecordCodec.encode, decode: RecordCodec.decodeAgreement, id: \.id,
             setID: { $0.id = $1 }, records: \.agreements, ordered: byNumber(\.id))
    }
    static var members: Kind<Member> {
        Kind(folder: "miembros", prefix: "", encode: RecordCodec.encode, decode: RecordCodec.decodeMember, id: \.id,
             setID: { $0.id = $1 }, records: \.members, ordered: { $0.name < $1.name })
    }
    static var meetings: Kind<Meeting> {
        Kind(folder: "encuentros", prefix: "E", encode: RecordCodec.encode, decode: RecordCodec.decodeMeeting, id: \.id,
             setID: { $0.id = $1 }, records: \.meetings, ordered: byNumber(\.id))
    }
    static var polls: Kind<Poll> {
        Kind(folder: "sondeos", prefix: "S", encode: RecordCodec.encode, decode: RecordCodec.decodePoll, id: \.id,
             setID: { $0.id = $1 }, records: \.polls, ordered: byNumber(\.id))
    }
    static var reflections: Kind<Reflection> {
        Kind(folder: "reflexiones", prefix: "R", encode: RecordCodec.encode, decode: RecordCodec.decodeReflection, id: \.id,
             setID: { $0.id = $1 }, records: \.reflections, ordered: byNumber(\.id))
    }
    static var diagnoses: Kind<Diagnosis> {
        Kind(folder: "diagnosticos", prefix: "D", encode: RecordCodec.encode, decode: RecordCodec.decodeDiagnosis, id: \.id,
             setID: { $0.id = $1 }, records: \.diagnoses, ordered: byNumber(\.id))
    }

    func dir<T>(_ kind: Kind<T>, _ network: String) -> URL { networkDir(network).appendingPathComponent(kind.folder, isDirectory: false) }

    func add<T: Sendable>(_ draft: T, kind: Kind<T>, network: String, key: SaveKey?) throws -> T {
        // What does not depend on the lock is done before it is taken, so the lock covers only
        // numbering the record and naming its file (every other save of the process waits for it):
        // - the new record's file is created (see `AtomicFile.prepare`: creating a file is the
        //   slow part of a save); unused (a retry finds its record), it is removed;
        // - the record is encoded under a stand-in id that only the lock decides, spliced in
        //   under it (a random number no text of the record holds: see `StandIn`).
        // Paths as strings: `URL` building showed in profiles of every save.
        let folder = folderPath(network, kind.folder)
        var prepared = AtomicFile.prepare(in: folder)
        defer { if let prepared { AtomicFile.discard(prepared) } }
        func taking() -> AtomicFile.Prepared? {
            defer { prepared = nil }
            return prepared
        }
        let standIn = StandIn(prefix: kind.prefix)
        var sketch = draft
        kind.setID(&sketch, standIn.id)
        let encoded = try? kind.encode(sketch).renderBytes()
        /// The record's text with its real id, or nil to encode it under the lock after all.
        func text(for id: String) -> [UInt8]? {
            guard let encoded, !kind.prefix.isEmpty else { return nil }
            return standIn.splice(id, into: encoded)
        }
        return try lock.withLock {
            // Ids count every file, readable or not, so a hand-broken file is never overwritten;
            // under the lock the cache has seen every other writer's file (inotify reports a
            // rename before the writer lets the lock go). Throws when the network doesn't exist.
            let used = try highestNumber(folder: kind.folder, prefix: kind.prefix, network: network)
            // Exactly once: a save repeated with the same key finds the id its first attempt got.
            // The marker names the network too: a retry that lands in another network is a new save.
            if let key, let marker = savedID(key), marker.hasPrefix(network + "/"),
               case let reserved = String(marker.dropFirst(network.count + 1)), reserved.hasPrefix(kind.prefix + "-"),
               Int(reserved.dropFirst(kind.prefix.count + 1)) != nil {
                let path = folder + "/" + reserved + ".md"
                if FileManager.default.fileExists(atPath: path) {
                    // Its reply confirms it: it waits for the round of the first attempt's write.
                    durability.dependOnPending()
                    let url = URL(fileURLWithPath: path, isDirectory: false)
                    return try kind.decode(try readFrontMatter(url), relative(url))
                }
                var r = draft
                kind.setID(&r, reserved)
                try write(text(for: reserved), record: kind.encode(r), toPath: path, network: network, values: [r], prepared: taking())
                return r
            }
            // A marker is also the reservation of its id until the record exists: a save that a
            // kill stopped in between keeps its number, and no other save takes it.
            let reserved = reservedNumbers(network: network, prefix: kind.prefix)
            var r = draft
            kind.setID(&r, "\(kind.prefix)-\(max(used, reserved) + 1)")
            if let key {
                try remember(key, id: network + "/" + kind.id(r))
                noteReserved(network: network, prefix: kind.prefix, number: max(used, reserved) + 1)
                if faults.stopAfterReserving || faults.stopAfterReservingKey?.digest == key.digest { throw StoreError.io(path: kind.id(r), message: "guardado interrumpido (prueba)") }
            }
            // A prepared file means the folder was there a moment ago (and folders are not removed).
            if prepared == nil { try ensureDirectory(URL(fileURLWithPath: folder, isDirectory: true)) }
            try write(text(for: kind.id(r)), record: kind.encode(r), toPath: folder + "/" + kind.id(r) + ".md",
                      network: network, values: [r], prepared: taking())
            if let key { settledMarkers.withLock { $0.formUnion(key.digests) } }
            return r
        }
    }

    func update<T: Sendable>(_ record: T, kind: Kind<T>, network: String) throws {
        let id = kind.id(record)
        guard id.hasPrefix(kind.prefix + "-"), Int(id.dropFirst(kind.prefix.count + 1)) != nil else {
            throw StoreError.notFound("el registro «\(id)»")
        }
        try lock.withLock {
            let path = folderPath(network, kind.folder) + "/" + id + ".md"
            // Re-read under the lock: a file broken by hand is reported, never replaced.
            _ = try kind.decode(try readFrontMatter(path: path), relative(path: path))
            try write(nil, record: kind.encode(record), toPath: path, network: network, values: [record])
        }
    }

    /// The record as it is on disk now, changed by `change` and written back, all under the
    /// cross-process lock: another process's write in between is kept (see `MingaStore.modifyPoll`).
    func modify<T: Sendable>(id: String, kind: Kind<T>, network: String, _ change: (inout T) throws -> Void) throws -> T {
        guard id.hasPrefix(kind.prefix + "-"), Int(id.dropFirst(kind.prefix.count + 1)) != nil else {
            throw StoreError.notFound("el registro «\(id)»")
        }
        return try lock.withLock {
            let path = folderPath(network, kind.folder) + "/" + id + ".md"
            // From the file, not the cache: the cache may not have seen a write that just landed.
            var record = try kind.decode(try readFrontMatter(path: path), relative(path: path))
            try change(&record)
            kind.setID(&record, id)
            try write(nil, record: kind.encode(record), toPath: path, network: network, values: [record])
            return record
        }
    }

    public func savePurpose(_ purpose: Purpose, network: String) throws {
        try lock.withLock {
            let url = networkDir(network).appendingPathComponent("red.md", isDirectory: false)
            let node = try readFrontMatter(url)
            let n = try RecordCodec.decodeNetwork(node, path: relative(url))
            try write(RecordCodec.encode(n, purpose: purpose), to: url, network: network, values: [n, purpose])
        }
    }

    public func updateNetwork(_ network: Network) throws {
        try lock.withLock {
            let url = networkDir(network.id).appendingPathComponent("red.md", isDirectory: false)
            let node = try readFrontMatter(url)
            let purpose = try RecordCodec.decodePurpose(node, path: relative(url))
            try write(RecordCodec.encode(network, purpose: purpose), to: url, network: network.id, values: [network] + (purpose.map { [$0] } ?? []))
        }
    }

    public func addMeeting(_ draft: Meeting, network: String, key: SaveKey?) throws -> Meeting {
        try add(draft, kind: Self.meetings, network: network, key: key)
    }
    public func updateMeeting(_ meeting: Meeting, network: String) throws { try update(meeting, kind: Self.meetings, network: network) }
    public func addPoll(_ draft: Poll, network: String, key: SaveKey?) throws -> Poll {
        try add(draft, kind: Self.polls, network: network, key: key)
    }
    public func updatePoll(_ poll: Poll, network: String) throws { try update(poll, kind: Self.polls, network: network) }
    public func modifyPoll(id: String, network: String, _ change: (inout Poll) throws -> Void) throws -> Poll {
        try modify(id: id, kind: Self.polls, network: network, change)
    }
    public func modifyMeeting(id: String, network: String, _ change: (inout Meeting) throws -> Void) throws -> Meeting {
        try modify(id: id, kind: Self.meetings, network: network, change)
    }
    public func modifyDiagnosis(id: String, network: String, _ change: (inout Diagnosis) throws -> Void) throws -> Diagnosis {
        try modify(id: id, kind: Self.diagnoses, network: network, change)
    }
    public func modifyAgreement(id: String, network: String, _ change: (inout Agreement) throws -> Void) throws -> Agreement {
        try modify(id: id, kind: Self.agreements, network: network, change)
    }
    public func addReflection(_ draft: Reflection, network: String, key: SaveKey?) throws -> Reflection {
        try add(draft, kind: Self.reflections, network: network, key: key)
    }
    public func updateReflection(_ reflection: Reflection, network: String) throws {
        try update(reflection, kind: Self.reflections, network: network)
    }
    public func addDiagnosis(_ draft: Diagnosis, network: String, key: SaveKey?) throws -> Diagnosis {
        try add(draft, kind: Self.diagnoses, network: network, key: key)
    }
    public func updateDiagnosis(_ diagnosis: Diagnosis, network: String) throws {
        try update(diagnosis, kind: Self.diagnoses, network: network)
    }
}
