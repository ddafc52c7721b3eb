import Foundation
/// Yes/no answers the way Chilean teachers write them.
///
/// Yes: sí, si, sipo, ya, ya po, yapo, dale, bueno, ok, oki, okis, obvio, claro, de todas
/// maneras, al tiro, de acuerdo, por supuesto, 👍… No: no, nop, no po, para nada, ni ahí,
/// nunca, tampoco, 👎… Hedges ("ahí vemos", "no sé", "no se", "puede ser", "tal vez") are
/// neither: nil, and the dialog asks again.
public enum YesNo {
    public static func parse(_ text: String) -> Bool? {
        recent.value(for: text, reading)
    }

    /// A turn asks about the same answer from several readers (the people slot, the review, the
    /// flow's own reading): the first pays.
    private static let recent = RecentResults<Bool?>(capacity: 8)

    private static func reading(_ text: String) -> Bool? {
        // «acuerdo: Tamara revisa…» names what follows; «acuerdo» agrees only said alone.
        if labelled(text) { return nil }
        var hasThumbUp = false, hasThumbDown = false
        // The emoji below are all three or four bytes long: text without such bytes has none.
        let wide = text.utf8.withContiguousStorageIfAvailable { $0.contains { $0 >= 0xE0 } } ?? true
        for s in text.unicodeScalars where wide {
            switch s.value {
            case 0x1F44D, 0x1F44C, 0x2705, 0x2714, 0x1F197, 0x1F64C: hasThumbUp = true
            case 0x1F44E, 0x274C, 0x2716, 0x1F6AB: hasThumbDown = true
            default: break
            }
        }
        // Every rule below needs the first word to open some yes, no or hedge: most answers
        // ("Ana Pérez", "el 15") stop at their first word with what the emoji say, before the
        // other words are read.
        var words: [String] = []
        // The folded words one by one, in place: most answers stop at the first.
        TextFold.withFolded(text) { f in
            func separator(_ b: UInt8) -> Bool { b == 0x20 || b == 0x2D || b == 0x2F || b == 0x3A }
            var i = 0
            while i < f.count {
                if separator(f[i]) { i += 1; continue }
                var j = i
                while j < f.count, !separator(f[j]) { j += 1 }
                let word = collapse(UnsafeBufferPointer(rebasing: f[i..<j]))
                i = j
                if fillers.contains(word) { continue }
                if words.isEmpty, !firstWords.contains(word) { break }
                words.append(word)
            }
        }
        if words.isEmpty { return hasThumbUp != hasThumbDown ? hasThumbUp : nil }
        let phrase = words.joined(separator: " ")
        if hedges.contains(phrase) { return nil }
        if yes.contains(phrase) { return true }
        if no.contains(phrase) { return false }
        // Folded words are ASCII: prefixes are compared on bytes.
        let bytes = Array(phrase.utf8)
        for h in hedgePrefixBytes where bytes.count >= h.count && bytes[..<h.count].elementsEqual(h)
            && (bytes.count == h.count || (bytes.count > h.count && bytes[h.count] == 0x20)) { return nil }
        // Longer answers: judge by how they start ("sí, el martes", "no, no puedo").
        for n in stride(from: 3, through: 1, by: -1) where words.count > n {
            let head = words.prefix(n).joined(separator: " ")
            let answer: Bool? = no.contains(head) ? false : yes.contains(head) ? true : nil
            // «ya pero que empiece en abril»: a yes with a «but» is a change, not a plain yes.
            if answer != nil, words[n] == "pero" { return nil }
            if let answer { return answer }
        }
        if hasThumbUp != hasThumbDown { return hasThumbUp }
        return nil
    }

    /// «ah sí, la convivencia escolar», «no, el 12»: the yes or no an answer opens with, before a
    /// comma (or period, colon, semicolon), and the original text after it. Nil when the part
    /// before the mark is not a plain yes or no, or nothing follows it.
    public static func lead(_ text: String) -> (yes: Bool, rest: String)? {
        // Most answers have no punctuation at all: a look at the bytes settles them.
        guard TextFold.containsByte(text, where: { $0 == 0x2C || $0 == 0x3B || $0 == 0x3A || $0 == 0x2E }),
              let cut = text.firstIndex(where: { $0 == "," || $0 == ";" || $0 == ":" || $0 == "." }) else { return nil }
        let head = text[..<cut]
        guard head.count <= 24, !labelled(text) else { return nil }
        let words = TextFold.foldedBytes(String(head)).split(whereSeparator: { $0 == 0x20 || $0 == 0x2D || $0 == 0x21 || $0 == 0xA1 })
            .map(collapse).filter { !fillers.contains($0) }
        let phrase = words.joined(separator: " ")
        guard !words.isEmpty else { return nil }
        let answer: Bool
        if yes.contains(phrase) { answer = true } else if no.contains(phrase) { answer = false } else { return nil }
        let rest = text[text.index(after: cut)...].trimmingCharacters(in: .whitespaces)
        guard rest.contains(where: { $0.isLetter || $0.isNumber }) else { return nil }
        return (answer, rest)
    }

    /// «acuerdo: …», «acuerdos:»: the word that agrees when said alone («acuerdo», short for «de
    /// acuerdo») is a label when a colon follows it: what comes after is an agreement, not a yes.
    static func labelled(_ text: String) -> Bool {
        // Only a message with a colon in its first words can be one: a look at the bytes first.
        guard let colon = text.utf8.prefix(16).firstIndex(of: 0x3A) else { return false }
        let head = TextFold.fold(String(text[..<colon])).split(separator: " ")
        // «de acuerdo: el martes» still agrees.
        guard let last = head.last, last == "acuerdo" || last == "acuerdos" else { return false }
        return head.count < 2 || head[head.count - 2] != "de"
    }

    /// "siii" → "si", "nooo" → "no", "yaaa" → "ya", "okk" → "ok".
    private static func collapse(_ w: some Collection<UInt8>) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(1, w.count)) { out in
            var n = 0
            for b in w where n == 0 || out[n - 1] != b || b < 0x61 {
                out[n] = b
                n += 1
            }
            return String(decoding: UnsafeBufferPointer(rebasing: out[..<n]), as: UTF8.self)
        }
    }

    private static let fillers: WordSet = ["po", "pos", "poh", "gracias", "grs", "porfa", "oye", "eh", "ah", "mm", "mmm", "pues", "jaja", "jajaja", "ja"]

    private static let yes: WordSet = [
        "si", "sip", "sipo", "sii", "ya", "yap", "yapo", "dale", "bueno", "buena", "ok", "oka", "okay", "okey", "oki", "okis",
        "okidoki", "obvio", "claro", "claro que si", "si claro", "por supuesto", "de todas maneras", "de todas formas",
        "al tiro", "altiro", "de una", "de acuerdo", "acuerdo", "perfecto", "listo", "seguro", "correcto", "exacto",
        "afirmativo", "confirmo", "confirmado", "vale", "va", "si si", "ya ya", "ya dale", "si dale", "obvio que si",
        "sale", "yes", "s", "bacan", "sipi", "sisi", "buenisimo", "excelente", "me parece", "me parece bien", "esta bien",
        "todo bien", "hagamoslo", "si obvio", "si por favor", "por favor", "sin problema", "sin problemas", "ningun problema",
        "dale nomas", "ya nomas", "bueno ya", "ya bueno", "demas", "de mas", "si se puede", "cuenta conmigo", "voy",
        "si voy", "guardalo", "guardar", "si guardalo", "confirmar",
        // «¿cómo no?», «¿por qué no?»: a yes said as a question (it was «Sigo sin entender»).
        "como no", "por que no",
    ]

    private static let no: WordSet = [
        "no", "nop", "nopo", "nope", "para nada", "ni ahi", "ni a palo", "nunca", "jamas", "negativo", "tampoco",
        "mejor no", "no gracias", "no puedo", "no se puede", "nada", "nones", "n", "no no", "cancelar", "cancela",
        "olvidalo", "no quiero", "no voy", "ni cagando", "ni loco", "ni loca", "no mejor no", "todavia no", "aun no",
        "aun no", "ahora no", "no todavia", "no es", "incorrecto", "no era", "error",
        "por ahora no", "de momento no", "no por ahora", "no de momento", "por el momento no", "no por el momento",
        "no por ahora no", "por ahora no po", "no todavia no", "no aun", "todavia no po",
    ]

    private static let hedges: WordSet = [
        "no se", "nose", "no lo se", "ahi vemos", "ahi veamos", "puede ser", "tal vez", "talvez", "quizas", "quiza",
        "a lo mejor", "capaz", "depende", "no estoy seguro", "no estoy segura", "no sabria decir", "mmm", "veamos",
        "no se si", "igual", "mas o menos", "si y no", "tal vez si", "tal vez no", "quizas si", "quizas no",
        "no se todavia", "no se aun", "lo veo", "lo pienso", "despues veo", "despues te digo", "te aviso", "ahi te aviso",
        "ahi te digo", "veremos", "no estoy seguro todavia", "puede", "no lo tengo claro", "ni idea",
    ]

    private static let hedgePrefixBytes = hedgePrefixes.map { Array($0.utf8) }

    /// The first word of every yes, no, hedge and hedge prefix.
    private static let firstWords = WordSet((yes.union(no).union(hedges).union(hedgePrefixes)).map { String($0.split(separator: " ")[0]) })

    private static let hedgePrefixes = ["no se", "nose", "ahi vemos", "puede ser", "tal vez", "quizas", "a lo mejor", "capaz que", "no estoy segur", "ni idea"]
}
