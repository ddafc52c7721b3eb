import FileStore
import Testing

/// Save keys name records across restarts: building one piece by piece must give the digest the
/// joined parts always gave.
@Suite struct SaveKeyTests {
    /// The digest as it was first written (parts hashed whole, hex padded by strings).
    static func reference(_ parts: [String]) -> String {
        var a: UInt64 = 0xcbf29ce484222325
        var b: UInt64 = 0x84222325cbf29ce4
        for part in parts {
            for byte in part.utf8 {
                a = (a ^ UInt64(byte)) &* 0x100000001b3
                b = (b ^ UInt64(byte)) &* 0x100000001b3
                b = b &+ (b >> 29)
            }
            a = (a ^ 0x1F) &* 0x100000001b3
            b = ((b ^ 0x1F) &* 0x100000001b3) &+ 0x9e3779b97f4a7c15
        }
        func hex(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return hex(a) + hex(b)
    }

    @Test func wholePartsKeepTheirDigest() {
        for parts in [[], [""], ["k"], ["red|ana|0"], ["ana", "red-norte", "normas", "turno 3"], ["ñandú", "día 5", "\u{1E}x=y"]] {
            #expect(SaveKey.hash(parts) == Self.reference(parts))
            #expect(SaveKey(parts).digest == Self.reference(parts))
        }
    }

    @Test func piecesHashAsTheirJoinedParts() {
        let content = "evidencia=t:acta\u{1E}responsables=l:Ana Pérez\u{1F}Luis Soto\u{1E}plazo=d:2026-12-15"
        var h = SaveKey.Hashing()
        h.add("red/u1")
        h.endPart()
        h.add("agreement")
        h.endPart()
        h.add("evidencia=t:")
        h.add("acta")
        h.add(byte: 0x1E)
        h.add(Substring("responsables=l:Ana Pérez"))
        h.add(byte: 0x1F)
        h.add("Luis Soto")
        h.add(byte: 0x1E)
        h.add("plazo=d:2026-12-15")
        h.endPart()
        let base = h
        h.add("flujo")
        h.endPart()
        h.add("3f2a")
        h.endPart()
        h.add("7")
        h.endPart()
        let own = Self.reference(["red/u1", "agreement", content, "flujo", "3f2a", "7"])
        #expect(h.digest == own)
        var asked = base
        asked.add("pedido")
        asked.endPart()
        asked.add("r-1")
        asked.endPart()
        #expect(h.key.or(asked).digests == [own, Self.reference(["red/u1", "agreement", content, "pedido", "r-1"])])
    }
}
