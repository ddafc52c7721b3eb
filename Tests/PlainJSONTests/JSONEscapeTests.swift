import PlainJSON
import Testing

@Suite struct JSONEscapeTests {
    /// Strings render with the escapes they always had: quote, backslash, short forms for newline, return and tab, \u00xx (lowercase) for other controls, \u2028/\u2029; everything else, accents and emoji included, as it is.
    @Test func escapes() {
        let s = "a\"b\\c\nd\re\tf\u{1B}g\u{2028}h\u{2029}ñ😀\u{0}\u{1F}"
        #expect(JSONValue.string(s).rendered() == #""a\"b\\c\nd\re\tf\u001bg\u2028h\u2029ñ😀\u0000\u001f""#)
        #expect(JSONValue.string("").rendered() == #""""#)
        #expect(JSONValue.string("Quedó registrado como el acuerdo 1 (A-1).").rendered() == #""Quedó registrado como el acuerdo 1 (A-1).""#)
        // A lone E2 (the start of another three-byte character) is not taken for U+2028.
        #expect(JSONValue.string("→ sigue\u{2027}").rendered() == "\"→ sigue\u{2027}\"")
        #expect(JSONValue.object([("k\n", .string("v\"")), ("x", .strings(["1", "\\"]))]).rendered() == #"{"k\n":"v\"","x":["1","\\"]}"#)
        // The first escape anywhere: at the start, or after a long clean run of accents and emoji.
        #expect(JSONValue.string("\u{2028}al inicio").rendered() == #""\u2028al inicio""#)
        #expect(JSONValue.string("sin escapes hasta el final: ñandú → «sí» 😀\n").rendered() == #""sin escapes hasta el final: ñandú → «sí» 😀\n""#)
        #expect(JSONValue.string("ninguno: ñandú → «sí» 😀 \u{2027}").rendered() == "\"ninguno: ñandú → «sí» 😀 \u{2027}\"")
    }

    /// The byte writer (socket replies) writes exactly what `rendered()` writes: every control,
    /// quote, backslash, U+2028/U+2029 and a lone E2 byte, alone, at either end and between
    /// clean runs of accents and emoji.
    @Test func byteWriterMatchesRendering() {
        var samples = ["", "hola", "Quedó registrado como el acuerdo 1 (A-1).", "→ sigue\u{2027}", "\u{2028}", "x\u{2029}",
                       "a\"b\\c\nd\re\tf\u{1B}g\u{2028}h\u{2029}ñ😀\u{0}\u{1F}", "«sí» ñandú 😀\n\n", "\"\"", "\\"]
        for b in 0..<0x20 {
            let c = String(Character(Unicode.Scalar(UInt8(b))))
            samples += [c, "ñ" + c, c + "😀", "→" + c + "«x»"]
        }
        for s in samples {
            var bytes: [UInt8] = [0x41]
            JSONValue.appendString(s, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "A" + JSONValue.string(s).rendered(), "\(s.debugDescription)")
        }
    }

    /// Whatever is rendered parses back to the same string.
    @Test func roundTrip() {
        var scalars: [Unicode.Scalar] = (0..<0x80).compactMap(Unicode.Scalar.init)
        scalars += ["\u{A0}", "\u{2028}", "\u{2029}", "\u{FEFF}", "ñ", "😀"]
        let s = String(String.UnicodeScalarView(scalars))
        #expect(JSONValue.parse(JSONValue.string(s).rendered()) == .string(s))
    }
}
