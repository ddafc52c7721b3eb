/// The id a record is encoded under before the store's lock decides its number: `<prefix>-` and a
/// random 18-digit number, replaced by the real id under the lock. No text of the record can be
/// expected to hold that number (it is drawn per save, after the person wrote the text); an
/// encoding that does not hold it at all is encoded again under the lock.
struct StandIn {
    let id: String

    init(prefix: String) {
        id = prefix + "-" + String(UInt64.random(in: 100_000_000_000_000_000...999_999_999_999_999_999))
    }

    /// `encoded` with every stand-in replaced by `realID`, or nil when it holds none.
    func splice(_ realID: String, into encoded: String) -> String? {
        var out = ""
        out.reserveCapacity(encoded.utf8.count)
        var rest = encoded[...]
        var found = false
        while let r = rest.range(of: id) {
            out += rest[..<r.lowerBound]
            out += realID
            rest = rest[r.upperBound...]
            found = true
        }
        guard found else { return nil }
        out += rest
        return out
    }
}
