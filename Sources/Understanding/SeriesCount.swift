/// «son 4 sesiones nomas», «serán 6 reuniones», «solo tres talleres»: how many dates a series
/// has, said apart from the series (at another question, at the review).
public enum SeriesCount {
    static let nouns: Set<String> = ["sesion", "sesiones", "reuniones", "encuentros", "clases", "talleres", "fechas", "jornadas", "veces"]

    /// The number of dates said, 1…500; nil when none is.
    public static func count(in text: String) -> Int? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map { TextFold.fold(String($0)).filter { $0.isLetter || $0.isNumber } }
        for i in words.indices.dropFirst() where nouns.contains(words[i]) {
            if let n = NumberParser.parse(words[i - 1]), (1...500).contains(n) { return n }
        }
        return nil
    }
}
