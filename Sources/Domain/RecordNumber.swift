/// The number in a record id ("A-12" → 12): what people say ("el acuerdo 12").
/// Read on ASCII bytes: it is asked for every record on most turns.
public enum RecordNumber {
    public static func of(_ id: String) -> Int? {
        var value = 0
        var digits = 0
        for b in id.utf8 {
            if b >= 0x30 && b <= 0x39 {
                value = value &* 10 &+ Int(b - 0x30)
                digits += 1
                if digits > 18 { return nil }
            } else if digits > 0 {
                return nil   // "A-1x": not a record number
            }
        }
        return digits > 0 ? value : nil
    }
}
