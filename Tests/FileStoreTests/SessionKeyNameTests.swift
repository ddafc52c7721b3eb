@testable import FileStore
import Testing

/// Session file names are the FNV-1a hash of the key in 16 lowercase hex digits: the byte writer
/// gives the names earlier versions gave (existing session files must still be found).
@Suite struct SessionKeyNameTests {
    func reference(_ key: String) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        for b in key.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100000001b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex + ".json"
    }

    @Test func sameNamesAsBefore() {
        var keys = ["", "ana", "Ana Pérez", SessionKey.make(network: "red-1", user: "+56 9 1234 5678"),
                    SessionKey.make(network: nil, user: "telegram:42"), "😀", String(repeating: "x", count: 500)]
        for i in 0..<2000 { keys.append(SessionKey.make(network: "red-\(i % 37)", user: "usuaria \(i)")) }
        for key in keys { #expect(SessionKey.fileName(key) == reference(key)) }
        // The whole path in one string: the same name after the folder.
        for key in keys.prefix(50) {
            #expect(SessionKey.fileName(key, after: "/tmp/almacén/sesiones/") == "/tmp/almacén/sesiones/" + reference(key))
        }
        // Known values: a name never changes between versions.
        #expect(SessionKey.fileName("") == "cbf29ce484222325.json")
        #expect(SessionKey.fileName("ana").count == 21)
        // Some hash starts with a zero digit, so the padding is exercised.
        #expect(keys.contains { SessionKey.fileName($0).hasPrefix("0") })
    }
}
