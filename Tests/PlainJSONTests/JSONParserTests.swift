import Foundation
import PlainJSON
import Testing

/// The reason `text` fails to parse, or nil when it parses.
func failure(_ text: String) -> JSONParseError.Reason? {
    failure(Array(text.utf8))
}

func failure(_ bytes: [UInt8]) -> JSONParseError.Reason? {
    do {
        _ = try JSONValue.parseOrThrow(Data(bytes))
        return nil
    } catch {
        return error.reason
    }
}

/// `{"k0":0,"k1":1,…}` with `count` keys, every key `name(i)`.
func bigObject(_ count: Int, name: (Int) -> String = { "k\($0)" }) -> String {
    "{" + (0..<count).map { "\"\(name($0))\":\($0)" }.joined(separator: ",") + "}"
}

@Suite struct JSONParserTests {
    /// An object of 7,000 distinct keys parses, keeping every key in order.
    @Test func sevenThousandKeys() throws {
        let value = try #require(JSONValue.parse(bigObject(7_000)))
        guard case .object(let pairs) = value else { Issue.record("not an object"); return }
        #expect(pairs.count == 7_000)
        #expect(pairs.first?.0 == "k0")
        #expect(pairs.last?.0 == "k6999")
        #expect(value["k4321"] == .number(4321))
    }

    /// 7,000 copies of one key are rejected as a duplicate, and so is one repeat at the end of 7,000 distinct keys.
    @Test func duplicateKeysRejected() {
        #expect(failure(bigObject(7_000) { _ in "k" }) == .duplicateKey)
        let lateRepeat = String(bigObject(7_000).dropLast()) + #","k17":1}"#
        #expect(failure(lateRepeat) == .duplicateKey)
        #expect(failure(#"{"type":"hello","token":"a","token":"b"}"#) == .duplicateKey)
        #expect(failure(#"{"a":{"x":1,"x":2}}"#) == .duplicateKey)
        // The same key in sibling objects is not a duplicate.
        #expect(failure(#"[{"x":1},{"x":2}]"#) == nil)
    }

    /// Duplicate checks stay linear: 60,000 keys (~1 MB; ~1.8 billion comparisons if quadratic) parse well within a generous bound.
    @Test func manyKeysStayLinear() throws {
        let text = bigObject(60_000)
        let start = ContinuousClock.now
        let value = JSONValue.parse(text)
        let elapsed = ContinuousClock.now - start
        #expect(value != nil)
        #expect(elapsed < .seconds(5), "parsing 60,000 keys took \(elapsed)")
    }

    /// Numbers follow RFC 8259 exactly: each malformed number is rejected as invalidNumber, alone and inside an object.
    @Test(arguments: ["01", "00", "-01", "+1", ".5", "-.5", "1.", "1.e5", "1e", "1E", "1e+", "1e-", "-", "--1", "- 1",
                      "0x10", "1.2.3", "1e5.0", "1x", "1-2", "1e400", "-1e400", String(repeating: "9", count: 65)])
    func strictNumbersRejected(_ number: String) {
        #expect(failure(number) == .invalidNumber, "\(number)")
        #expect(failure(#"{"id":\#(number)}"#) == .invalidNumber, "{id: \(number)}")
        #expect(failure("[\(number)]") == .invalidNumber, "[\(number)]")
    }

    /// Numbers in RFC 8259's grammar parse to their value.
    @Test func strictNumbersAccepted() throws {
        let table: [(String, Double)] = [
            ("0", 0), ("-0", 0), ("1", 1), ("-1", -1), ("10", 10), ("1.5", 1.5), ("0.5", 0.5), ("-0.5", -0.5),
            ("1e5", 1e5), ("1E+5", 1e5), ("1e-5", 1e-5), ("123.456e-7", 123.456e-7), ("0e0", 0), ("-0.0E-0", 0),
            ("9007199254740993", 9007199254740992),
        ]
        for (text, expected) in table {
            #expect(JSONValue.parse(text) == .number(expected), "\(text)")
            #expect(JSONValue.parse(#"{"n": \#(text) }"#)?["n"] == .number(expected), "\(text) in an object")
        }
    }

    /// Words that are not JSON are syntax errors, not numbers: NaN, Infinity, true with a capital.
    @Test func nonJSONWords() {
        for text in ["NaN", "Infinity", "True", "nul", "{\"a\":tru}", "[1,]", "{\"a\":1,}", "{,}", "1 2", "\"a\" x"] {
            #expect(failure(text) == .syntax, "\(text)")
        }
    }

    /// Nesting deeper than maxDepth is rejected as tooDeep (even 100,000 brackets, without exhausting the stack); maxDepth itself parses.
    @Test func depthBounded() {
        let ok = String(repeating: "[", count: JSONValue.maxDepth) + String(repeating: "]", count: JSONValue.maxDepth)
        #expect(JSONValue.parse(ok) != nil)
        let deep = String(repeating: "[", count: JSONValue.maxDepth + 1) + String(repeating: "]", count: JSONValue.maxDepth + 1)
        #expect(failure(deep) == .tooDeep)
        #expect(failure(String(repeating: "[", count: 100_000)) == .tooDeep)
        #expect(failure(String(repeating: #"{"a":"#, count: 100_000)) == .tooDeep)
    }

    /// Invalid UTF-8 in a string and lone surrogate escapes are invalidUTF8; valid UTF-8 and surrogate pairs decode.
    @Test func utf8() {
        #expect(failure(Array(#"{"text":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)) == .invalidUTF8)
        #expect(failure(Array(#"{"text":""#.utf8) + [0xC3] + Array(#""}"#.utf8)) == .invalidUTF8)
        #expect(failure(#"["\ud800"]"#) == .invalidUTF8)
        #expect(failure(#"["\udc00"]"#) == .invalidUTF8)
        #expect(failure(#"["\ud800\u0041"]"#) == .invalidUTF8)
        #expect(JSONValue.parse(#"["\ud83c\udf31 ñandú"]"#) == .array([.string("🌱 ñandú")]))
    }

    /// Strings with and without escapes decode the same whichever way the parser reads them: a
    /// run with no escape is taken straight from the input, a string with one goes byte by byte
    /// from the escape on. Invalid UTF-8 before, after or between escapes is refused at the
    /// string's opening quote; encoded surrogates (ED A0 80) and overlong forms are invalid too.
    @Test func stringsWithAndWithoutEscapes() throws {
        let table: [(String, String)] = [
            (#""""#, ""), (#""hola""#, "hola"), (#""ñandú 🌱""#, "ñandú 🌱"), (#""a\"b""#, "a\"b"),
            (#""\n al inicio""#, "\n al inicio"), (#""al final\t""#, "al final\t"), (#""ñ\u00e9ñ""#, "ñéñ"),
            (#""x\\y\/z""#, "x\\y/z"), (#""\ud83c\udf31 ñandú""#, "🌱 ñandú"),
        ]
        for (json, expected) in table {
            #expect(JSONValue.parse(json) == .string(expected), "\(json)")
            #expect(JSONValue.parse(#"{"k":\#(json)}"#)?["k"] == .string(expected), "\(json) in an object")
        }
        for bad: [UInt8] in [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80]] {
            for (before, after) in [("", ""), ("a\\n", ""), ("", "\\nb"), ("ñ", "ñ")] {
                let bytes = Array(#"["ok",""#.utf8) + Array(before.utf8) + bad + Array(after.utf8) + Array(#""]"#.utf8)
                do {
                    _ = try JSONValue.parseOrThrow(Data(bytes))
                    Issue.record("parsed \(bytes)")
                } catch {
                    #expect(error.reason == .invalidUTF8 && error.offset == 6, "\(bytes): \(error)")
                }
            }
        }
        // A control byte in a string is a syntax error where it stands, with or without escapes before it.
        #expect(failure(Array(#"["ab"#.utf8) + [0x0A] + Array(#""]"#.utf8)) == .syntax)
        #expect(failure(Array(#"["a\nb"#.utf8) + [0x01] + Array(#""]"#.utf8)) == .syntax)
        #expect(failure(#"["sin cierre"#) == .syntax)
        #expect(failure(#"["sin cierre\n"#) == .syntax)
    }

    /// A rendered value parses back to itself (the exporter and the parser agree).
    @Test func roundTrip() {
        let v = JSONValue.object([("a", .number(1.5)), ("b", .strings(["x\n\"y\"", "ñ"])), ("c", .null),
                                  ("d", .object([("e", .bool(false)), ("f", .number(-1e-7))]))])
        #expect(JSONValue.parse(v.rendered()) == v)
        #expect(JSONValue.parse(v.rendered(pretty: true)) == v)
    }
}
