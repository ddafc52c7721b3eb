import MingaProtocol
import PlainJSON
import Testing

@Suite struct ProtocolHardeningTests {
    func send(_ c: inout ProtocolConnection, _ line: String) -> [String] {
        c.handle(line: Array(line.utf8)).lines
    }

    func code(_ line: String?) -> String? {
        line.flatMap { JSONValue.parse($0)?["code"]?.stringValue }
    }

    /// Once welcomed, a hello is bad_request, with a wrong or the right token, and never welcome; on a server without token too.
    @Test func oneHelloPerConnection() {
        var c = ProtocolConnection(hub: makeHub(), token: "s3cret")
        #expect(send(&c, #"{"type":"hello","token":"s3cret"}"#) == [#"{"type":"welcome"}"#])
        for second in [#"{"type":"hello","token":"nope"}"#, #"{"type":"hello","token":"s3cret","notices":true}"#, #"{"type":"hello"}"#] {
            let out = c.handle(line: Array(second.utf8))
            #expect(code(out.lines.first) == "bad_request", "\(second)")
            #expect(!out.lines.contains(#"{"type":"welcome"}"#))
            #expect(!out.close)
        }
        #expect(!c.wantsNotices)
        var open = ProtocolConnection(hub: makeHub(), token: nil)
        #expect(send(&open, #"{"type":"hello","notices":true}"#) == [#"{"type":"welcome"}"#])
        #expect(code(send(&open, #"{"type":"hello"}"#).first) == "bad_request")
        #expect(open.wantsNotices)
    }

    /// Users per connection are capped; the least recently seen is forgotten first, and a user seen again keeps the name they gave.
    @Test func usersCapped() {
        var c = ProtocolConnection(hub: makeHub(), token: nil, maxUsers: 3)
        func say(_ user: String, name: String? = nil) {
            let nameField = name.map { #","name":"\#($0)""# } ?? ""
            guard case .turn = c.prepare(line: Array(#"{"user":"\#(user)","text":"hola"\#(nameField)}"#.utf8)) else {
                Issue.record("no turn for \(user)")
                return
            }
        }
        say("a", name: "Ana Pérez")
        say("b")
        say("c")
        say("a")         // a is now the most recent; b is the least recent
        say("d")
        #expect(c.users == ["a", "c", "d"])
        #expect(c.userRefs["a"]?.name == "Ana Pérez")
        #expect(c.forgottenUsers == 1)
    }

    /// Ten thousand distinct users through a cap of 100: exactly the last 100 stay.
    @Test func usersCappedUnderChurn() {
        var c = ProtocolConnection(hub: makeHub(), token: nil, maxUsers: 100)
        for i in 0..<10_000 {
            _ = c.prepare(line: Array(#"{"user":"u\#(i)","text":"hola"}"#.utf8))
        }
        #expect(c.userRefs.count == 100)
        #expect(c.users == Set((9_900..<10_000).map { "u\($0)" }))
        #expect(c.forgottenUsers == 9_900)
    }

    /// The default cap is 10,000 users.
    @Test func defaultCap() {
        #expect(ProtocolConnection.defaultMaxUsers == 10_000)
    }

    /// network and name must be text of bounded length (or null); anything else is bad_request naming the field.
    @Test func fieldValidation() {
        var c = ProtocolConnection(hub: makeHub(), token: nil)
        let long = String(repeating: "x", count: ProtocolConnection.maxNetworkBytes + 1)
        for (line, field) in [(#"{"user":"u","text":"hola","network":"\#(long)"}"#, "network"),
                              (#"{"user":"u","text":"hola","network":7}"#, "network"),
                              (#"{"user":"u","text":"hola","network":""}"#, "network"),
                              (#"{"user":"u","text":"hola","name":["Ana"]}"#, "name"),
                              (#"{"user":"u","text":"hola","name":"\#(String(repeating: "n", count: 300))"}"#, "name"),
                              (#"{"user":"\#(String(repeating: "u", count: 300))","text":"hola"}"#, "user")] {
            let reply = JSONValue.parse(send(&c, line).first ?? "")
            #expect(reply?["code"] == .string("bad_request"), "\(line.prefix(60))")
            #expect(reply?["message"]?.stringValue?.contains("«\(field)»") == true, "\(line.prefix(60))")
        }
        // null is the same as absent.
        guard case .turn(let turn) = c.prepare(line: Array(#"{"user":"u","text":"hola","name":null,"network":null}"#.utf8)) else {
            Issue.record("null name and network should be accepted")
            return
        }
        #expect(turn.user.name == nil)
    }

    /// Parse failures get invalid_json with a Spanish reason and the byte position, never the line's own text.
    @Test func parseErrorMessages() {
        var c = ProtocolConnection(hub: makeHub(), token: nil)
        let cases: [(String, String)] = [
            (#"{"user":"secreto","user":"x"}"#, "se repite"),
            (#"{"id":+1}"#, "número"),
            (#"{"id":.5}"#, "número"),
            (#"{"user":"secreto" "text":"x"}"#, "byte 19"),
            (String(repeating: "[", count: 80), "niveles"),
        ]
        for (line, words) in cases {
            let reply = JSONValue.parse(send(&c, line).first ?? "")
            #expect(reply?["code"] == .string("invalid_json"), "\(line)")
            let message = reply?["message"]?.stringValue ?? ""
            #expect(message.contains(words), "\(line): \(message)")
            #expect(!message.contains("secreto"))
        }
        let badUTF8 = c.handle(line: Array(#"{"text":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8)).lines
        #expect(JSONValue.parse(badUTF8.first ?? "")?["message"]?.stringValue?.contains("UTF-8 válido") == true)
        let outsideString = c.handle(line: [0x7B, 0xFF, 0x7D]).lines
        #expect(JSONValue.parse(outsideString.first ?? "")?["message"]?.stringValue?.contains("UTF-8 válido") == true)
    }
}
