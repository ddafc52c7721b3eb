/// The id a record is encoded under before the store's lock decides its number: `<prefix>-` and a
/// random 18-digit number, replaced by the real id under the lock. No text of the record can be
/// expected to hold that number (it is drawn per save, after the person wrote the text); an
/// encoding that does not hold it at all is encoded again under the lock.
struct StandIn {
    let id: String

    init(prefix: String) {
        id = prefix + "-" + String(UInt64.random(in: 100_000_000_000_000_000...999_999_999_999_999_999))
    }

    /// `bytes` (an encoded record) with every stand-in replaced by `realID`, or nil when it holds none.
    /// A byte search (the id is ASCII, so no byte of it is inside a longer character):
    /// `String.range(of:)` went through Foundation's string search on every save.
    func splice(_ realID: String, into bytes: [UInt8]) -> [UInt8]? {
        let needle = Array(id.utf8)
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var out: [UInt8] = []
        var found = false
        var copied = 0
        var i = 0
        let last = bytes.count - needle.count
        while i <= last {
            if bytes[i] == first, bytes[i ..< i + needle.count].elementsEqual(needle) {
                if !found {
                    out.reserveCapacity(bytes.count)
                    found = true
                }
                out.append(contentsOf: bytes[copied ..< i])
                out.append(contentsOf: realID.utf8)
                i += needle.count
                copied = i
            } else {
                i += 1
            }
        }
        guard found else { return nil }
        out.append(contentsOf: bytes[copied...])
        return out
    }
}
