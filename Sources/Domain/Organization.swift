import CivilTime

/// An organisation of the territory the network works with (vinculación con el territorio): a
/// CESFAM, an OPD, a university, a municipal programme, a neighbourhood council.
public struct Organization: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case salud, proteccion, universidad, municipal, comunitaria, otra

        public var label: String {
            switch self {
            case .salud: "salud"
            case .proteccion: "protección de derechos"
            case .universidad: "universidad o centro de formación"
            case .municipal: "programa municipal"
            case .comunitaria: "organización comunitaria"
            case .otra: "otra"
            }
        }

        /// The kind a name makes obvious («CESFAM Los Lagos» → salud, «OPD Valdivia» →
        /// protección); nil when the name says nothing. Words are compared folded (no accents,
        /// lower case), whole.
        public static func inferred(fromFoldedWords words: [String]) -> Kind? {
            // The first kind of `table` that has one of the words: the word of lowest rank.
            var best = Int.max
            for w in words { if let r = rank[w], r < best { best = r } }
            let kind = best == .max ? nil : table[best].0
            assert(kind == table.first(where: { $0.1.contains(where: Set(words).contains) })?.0, "inferred read \(words) otherwise")
            return kind
        }

        /// In this order: «centro de salud familiar» is salud before anything else.
        static let table: [(Kind, [String])] = [
            (.salud, ["cesfam", "cecosf", "consultorio", "hospital", "sapu", "cosam", "salud", "posta"]),
            (.proteccion, ["opd", "proteccion", "ninez", "derechos", "sename"]),
            (.universidad, ["universidad", "uach", "ufro", "instituto", "cft", "facultad"]),
            (.municipal, ["municipalidad", "municipal", "muni", "daem", "dideco", "slep", "senda", "previene", "oficina"]),
            (.comunitaria, ["junta", "vecinos", "vecinal", "club", "agrupacion", "fundacion", "parroquia", "bomberos", "comunidad"]),
        ]

        /// Each word of `table` → the position of the first kind that lists it: one look-up per
        /// word (the table was built and every list searched on each call, ~15k instructions).
        static let rank: [String: Int] = {
            var rank: [String: Int] = [:]
            for (i, entry) in table.enumerated() { for w in entry.1 where rank[w] == nil { rank[w] = i } }
            return rank
        }()

        /// False when no word of `table` is a run of the letters of `folded` (a folded text, its
        /// bytes other than a–z dropped): no word of that text, folded with its letters alone,
        /// can then be one `inferred(fromFoldedWords:)` knows. One pass over the bytes in place,
        /// for readers that would otherwise split and fold every word of a message to find none.
        public static func mayBeNamed(inFolded folded: String) -> Bool {
            var text = folded
            return text.withUTF8 { input in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(1, input.count)) { out in
                    var k = 0
                    for b in input where b >= 0x61 && b <= 0x7A {
                        out[k] = b
                        k += 1
                    }
                    let words = wordsByFirstByte
                    for i in 0..<k {
                        for w in words[Int(out[i])] where w.count <= k - i {
                            var j = 1
                            while j < w.count, out[i + j] == w[j] { j += 1 }
                            if j == w.count { return true }
                        }
                    }
                    return false
                }
            }
        }

        /// The words of `table` as bytes, by their first byte.
        static let wordsByFirstByte: [[[UInt8]]] = {
            let words = rank.keys.map { Array($0.utf8) }
            return (0..<256).map { b in words.filter { $0.first == UInt8(b) } }
        }()
    }

    /// "O-1".
    public var id: String
    public var name: String
    public var kind: Kind
    public var contact: String?
    public var since: LocalDate?
    /// What the network and the organisation do together.
    public var collaboration: String?
    public var projects: [String]
    /// Set when the network stopped working with it (or it was registered by mistake): when, by
    /// whom and why. The file keeps it; lists and answers leave it out.
    public var deleted: String?
    /// Who registered it (the session's user name at save time); nil in files from before.
    public var registeredBy: String? = nil
    /// Each time it was taken out and put back (its `deleted` note then, and who restored it
    /// when): restoring clears `deleted`, so the file keeps the trace here. Not exported (the
    /// export's `organizaciones` has no such key); the file's «historial».
    public var trail: [String] = []

    public init(id: String, name: String, kind: Kind = .otra, contact: String? = nil, since: LocalDate? = nil,
                collaboration: String? = nil, projects: [String] = []) {
        self.id = id
        self.name = name
        self.kind = kind
        self.contact = contact
        self.since = since
        self.collaboration = collaboration
        self.projects = projects
    }

    public var number: Int? { RecordNumber.of(id) }
}
