@testable import FileStore
import Foundation
import Testing

/// The session file's writer copies plain runs of a string eight bytes at a time and spells
/// integers itself: it must write the bytes it wrote before (escaping quote, backslash and
/// control characters, nothing else), which `JSONDecoder` reads back as the same values.
@Suite struct JSONWriterTests {
    /// Strings with something to escape at every offset around the 8-byte steps, UTF-8 of every
    /// length, and each control character.
    static var strings: [String] {
        var all = ["", "a", "ñ", "😀", "acta del consejo de profesores", "¿Qué evidencia mostrará que se cumplió?"]
        for special in ["\"", "\\", "\n", "\r", "\t", "\u{8}", "\u{c}", "\u{1}", "\u{1f}", "\u{0}", "\u{7f}", "/"] {
            for before in 0..<18 {
                for after in [0, 1, 7, 8, 9] {
                    all.append(String(repeating: "x", count: before) + special + String(repeating: "é", count: after))
                }
            }
        }
        for c in 0..<0x80 { all.append("ab\(Character(Unicode.Scalar(UInt8(c))))cdefghijklmnop") }
        // Bytes just above and below the ones escaped, in every lane of a word.
        for lane in 0..<8 {
            for c in [0x1f, 0x20, 0x21, 0x22, 0x23, 0x5b, 0x5c, 0x5d] {
                var s = Array(repeating: UInt8(ascii: "k"), count: 16)
                s[lane] = UInt8(c)
                s[lane + 8] = UInt8(c)
                all.append(String(decoding: s, as: UTF8.self))
            }
        }
        return all
    }

    /// The escaping the writer did byte by byte before it copied plain runs whole.
    static func reference(_ s: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out += Array(#"\""#.utf8)
            case UInt8(ascii: "\\"): out += Array(#"\\"#.utf8)
            case 0x0A: out += Array(#"\n"#.utf8)
            case 0x0D: out += Array(#"\r"#.utf8)
            case 0x09: out += Array(#"\t"#.utf8)
            case 0x08: out += Array(#"\b"#.utf8)
            case 0x0C: out += Array(#"\f"#.utf8)
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array(#"\u00"#.utf8) + [hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    @Test func stringsEscapedAsBefore() throws {
        for s in Self.strings {
            var json = JSONWriter()
            json.string(s)
            #expect(json.bytes == Self.reference(s), "\(s.debugDescription)")
            let inArray = Data([UInt8(ascii: "[")] + json.bytes + [UInt8(ascii: "]")])
            #expect(try JSONDecoder().decode([String].self, from: inArray) == [s])
            #expect(json.data == Data(json.bytes))
        }
    }

    @Test func integers() throws {
        for n in [0, 1, -1, 9, 10, 99, 100, -100, 2026, 1 << 40, Int.max, Int.min, Int.max - 1, Int.min + 1] {
            var json = JSONWriter()
            json.int(n)
            #expect(String(decoding: json.bytes, as: UTF8.self) == String(n))
        }
    }

    @Test func containersPutTheirCommas() throws {
        var json = JSONWriter()
        json.beginObject()
        json.member("a", 1)
        json.member("b", true)
        json.member("c", false)
        json.member("d", ["x", "y"])
        json.key("e")
        json.beginArray()
        json.beginObject()
        json.endObject()
        json.beginArray()
        json.endArray()
        json.int(3)
        let half = json.double(0.5)
        #expect(half)
        json.endArray()
        json.member("f", nil as String?)
        json.member("g", "h")
        let nan = json.double(.nan)
        #expect(!nan)
        json.endObject()
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"{"a":1,"b":true,"c":false,"d":["x","y"],"e":[{},[],3,0.5],"g":"h"}"#)
    }

    /// Deeper than the 64 levels kept as bits: the commas stay right on the way down and back up.
    @Test func deepNesting() throws {
        var json = JSONWriter()
        var expected = ""
        for depth in 0..<150 {
            json.beginArray()
            json.int(depth)
            expected += "[\(depth),"
        }
        json.beginObject()
        json.endObject()
        expected += "{}"
        for depth in (0..<150).reversed() {
            json.int(depth)
            json.endArray()
            expected += ",\(depth)]"
        }
        #expect(String(decoding: json.bytes, as: UTF8.self) == expected)
        #expect(try JSONSerialization.jsonObject(with: json.data) is [Any])
    }

    /// Past the first buffer's size: the buffer grows and keeps what was written.
    @Test func longDocuments() throws {
        var json = JSONWriter()
        json.beginArray()
        var expected: [String] = []
        for i in 0..<3000 {
            let s = "elemento \(i) \(String(repeating: "ñ", count: i % 50))\(i % 7 == 0 ? "\"" : "")"
            json.string(s)
            expected.append(s)
        }
        json.string(String(repeating: "z", count: 100_000))
        expected.append(String(repeating: "z", count: 100_000))
        json.endArray()
        #expect(try JSONDecoder().decode([String].self, from: json.data) == expected)
    }
}
