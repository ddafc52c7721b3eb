@testable import DialogEngine
import Testing
import Understanding

/// A phrase's word bits must say exactly what asking each list word by word said: the readers
/// that test bits instead behave the same only if every bit is its list.
@Suite struct WordClassTests {
    /// Every word of every list, every word a rule decides, and words close to them.
    static var words: [String] {
        var all = Set<String>()
        for (_, set) in WordClassTable.lists { all.formUnion(set) }
        all.formUnion(["hola", "holaa", "holaaa", "holab", "hol", "holi", "jaja", "jajaja", "jeje", "jiji", "jaj", "jojo", "xd", "xdd",
                       "ja", "jajaj", "hey", "heyy", "wena", "wenaa", "", "responsabilidades", "institucionalizacion", "a", "q",
                       "15:30", "15/12", "quiero", "quieroo", "chao", "chaoo", "reunion", "acuerdo", "planificacion"])
        for w in Array(all) where !w.isEmpty {
            all.insert(w + "s")
            all.insert(String(w.dropLast()))
            all.insert("x" + w)
        }
        return all.sorted()
    }

    @Test func bitsAreTheLists() {
        let table = WordClassTable.shared
        for w in Self.words where !w.contains(" ") {
            var w = w
            let got = w.withUTF8 { table.classes($0) }
            // Greeting is its list and a rule («holaa»): checked against the rule's function below.
            for (c, set) in WordClassTable.lists where c != .greeting {
                #expect(got.contains(c) == set.contains(w), "\(w) in \(c.rawValue)")
            }
            #expect(got.contains(.greeting) == DialogEngine.isGreetingWord(w), "\(w) greeting")
            #expect(got.contains(.laugh) == DialogEngine.isLaugh(w), "\(w) laugh")
        }
    }

    /// The phrase's union and intersection are those of its words.
    @Test(arguments: ["chao gracias", "hola minga", "ya, gracias, mañana sigo", "", "el plazo es el viernes", "jajaja hola"])
    func phraseBits(text: String) {
        let p = Phrase(text)
        #expect(p.classes.count == p.tokens.count)
        #expect(p.every(.closing) == p.tokens.allSatisfy(DialogEngine.closingWords.contains))
        #expect(p.some(.greeting) == p.tokens.contains(where: DialogEngine.isGreetingWord))
        #expect(p.every([.greeting, .greetingFiller, .laugh])
                == p.tokens.allSatisfy { DialogEngine.isGreetingWord($0) || DialogEngine.greetingFiller.contains($0) || DialogEngine.isLaugh($0) })
        #expect(p.stems == p.tokens.compactMap { Phrase.stopWords.contains($0) ? nil : Phrase.stem($0) })
    }
}
