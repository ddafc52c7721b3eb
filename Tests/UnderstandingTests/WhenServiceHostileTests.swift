import CivilTime
import Foundation
import Testing
@testable import Understanding

/// `minga when` in JSON-lines mode answers every line with one valid JSON line, whatever comes in.
@Suite struct WhenServiceHostileTests {
    let service = WhenService(timeZone: .santiago, now: LocalDateTime(iso: "2026-11-25T10:00")!.instant(in: .santiago))

    /// Parses a response line strictly with Foundation; nil when it is not one valid JSON object on one line.
    func parsed(_ line: String) -> [String: Any]? {
        guard !line.contains("\n"), !line.contains("\r") else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }

    static let hostile: [String] = [
        #"{"id":01,"text":"mañana"}"#, #"{"id":+1,"text":"mañana"}"#, #"{"id":.5,"text":"mañana"}"#,
        #"{"id":1.,"text":"mañana"}"#, #"{"id":0x10,"text":"mañana"}"#, #"{"id":-nan,"text":"mañana"}"#,
        #"{"id":-inf,"text":"mañana"}"#, #"{"id":-infinity,"text":"mañana"}"#, #"{"id":NaN,"text":"mañana"}"#,
        #"{"id":1e,"text":"mañana"}"#, #"{"id":1e+,"text":"mañana"}"#, #"{"id":--1,"text":"mañana"}"#,
        #"{"id":1.2.3,"text":"mañana"}"#, #"{"id":1x,"text":"mañana"}"#, #"{"id":tru,"text":"mañana"}"#,
        #"{"id":truex,"text":"mañana"}"#, #"{"id":nul,"text":"mañana"}"#, #"{"id":1e999,"text":"mañana"}"#,
        #"{"id":-1e999,"text":"mañana"}"#, "{\"id\":" + String(repeating: "9", count: 400) + ",\"text\":\"mañana\"}",
        #"{"id":"\ud800","text":"mañana"}"#, #"{"id":"\udc00x","text":"mañana"}"#, #"{"id":"\ud800\u0041","text":"mañana"}"#,
        #"{"id":"\x","text":"mañana"}"#, #"{"id":"\u12","text":"mañana"}"#, "{\"id\":\"a\u{01}b\",\"text\":\"mañana\"}",
        "{\"id\":\"tab\there\",\"text\":\"mañana\"}", "{\"id\":\"\u{7F}\u{2028}\u{2029}\",\"text\":\"mañana\"}",
        #"{"id":[1,{"a":[true,false,null,"x"]}],"text":"mañana"}"#, "{\"id\":[1,\r\n\t2] ,\"text\":\"mañana\"}\r",
        #"{"id":[1,2,],"text":"mañana"}"#, #"{"id":{"a":},"text":"mañana"}"#, #"{"id":{1:2},"text":"mañana"}"#,
        #"{"id":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],"text":"x"}"#,
        String(repeating: "[", count: 10_000), #"{"id":2.50,"text":"15/12"}"#, #"{"id":-0.0e-0,"text":"hoy"}"#,
        #"{"id":1E+2,"text":"hoy"}"#, #"{"id":"ok","text":"a\u0000b"}"#, #"{"id":"ok","text":"\ud83c\udf31 mañana"}"#,
        #"{"id":"ok","text":"\ud83c"}"#, #"{"id":"ok"}"#, #"{"id":"ok","text":5}"#, #"{"id":"ok","text":"hoy","now":5}"#,
        #"{"id":"ok","text":"hoy"} basura"#, "{\"id\":\"ok\",\"text\":\"hoy\"", "[1,2]", "\"solo\"", "{", "}", "{}", ",",
        "\u{FEFF}{\"id\":1,\"text\":\"hoy\"}", "{\"id\":\"\u{FFFD}\u{FFFD}\",\"text\":\"hoy\"}", "{\"id\":1,\"text\":\"hoy\",\"id\":2}",
    ]

    /// Every hostile line gets one response that Foundation's JSONSerialization reads as an object with an id.
    @Test(arguments: hostile) func everyResponseIsValidJSON(line: String) throws {
        let reply = try #require(service.respond(line: line))
        let object = try #require(parsed(reply), "respuesta no válida: \(reply)")
        #expect(object.keys.contains("id"), "\(reply)")
        #expect(object["error"] != nil || object["kind"] != nil, "\(reply)")
    }

    /// Ids that are not strict JSON are not echoed: the reply says so, with a null id.
    @Test(arguments: ["01", "+1", ".5", "1.", "0x10", "-nan", "-inf", "NaN", "1e999", "tru", #""\ud800""#, "[1,2,]"])
    func invalidIdsAreNotEchoed(id: String) {
        #expect(service.respond(line: #"{"id":\#(id),"text":"mañana"}"#)
                == #"{"id":null,"error":"El campo \"id\" no es un valor JSON válido (usa un texto entre comillas o un número)."}"#)
    }

    /// Valid ids are echoed exactly as written (only the spaces between a nested id's tokens go).
    @Test func validIdsEchoExactly() {
        #expect(service.respond(line: #"{"id":2.50,"text":"15/12"}"#)?.hasPrefix(#"{"id":2.50,"#) == true)
        #expect(service.respond(line: #"{"id":-0.0e-0,"text":"hoy"}"#)?.hasPrefix(#"{"id":-0.0e-0,"#) == true)
        #expect(service.respond(line: #"{"id":1E+2,"text":"hoy"}"#)?.hasPrefix(#"{"id":1E+2,"#) == true)
        #expect(service.respond(line: "{\"id\" : [1,\r\n\t{\"a b\": \"c d\"}] ,\"text\":\"hoy\"}\r")?.hasPrefix(#"{"id":[1,{"a b":"c d"}],"#) == true)
        #expect(service.respond(line: #"{"id":"\u00e9\"\\","text":"hoy"}"#)?.hasPrefix(#"{"id":"\u00e9\"\\","#) == true)
        #expect(service.respond(line: "{\"id\":123456789012345678901234567890,\"text\":\"hoy\"}")?.hasPrefix("{\"id\":123456789012345678901234567890,") == true)
    }

    /// Strict numbers in the reader itself: JSON's grammar, nothing more.
    @Test(arguments: [("0", true), ("-0", true), ("10", true), ("1.5e-3", true), ("1E9", true), ("01", false), ("+1", false),
                      (".5", false), ("1.", false), ("-", false), ("1e", false), ("0x1", false), ("Infinity", false)])
    func strictNumbers(c: (String, Bool)) {
        var p = MiniJSON("{\"id\":\(c.0)}")
        #expect((p.object() != nil) == c.1, "\(c.0)")
    }
}
