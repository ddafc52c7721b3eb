@testable import DialogEngine
import Testing

/// «ya te conté todo arriba»: a pointer to what was said before, never an answer itself.
@Suite struct RefersBackTests {
    @Test(arguments: ["ya te conte todo arriba po", "lo dije arriba", "ya te lo dije", "como te dije", "esta arriba po", "lo puse arriba",
                      "te lo acabo de decir", "ya lo conte"])
    func pointers(_ text: String) {
        #expect(DialogEngine.refersBack(Phrase(text)))
    }

    /// A message with its answer in it, or one that only shares a word, is the answer.
    @Test(arguments: ["fotos po, ya te dije", "eh, el liceo de curarrehue po, ya le dije jaja", "ya", "los de arriba se aburrieron",
                      "ya les conte a los apoderados del taller", "arriba en la sala de computacion"])
    func answers(_ text: String) {
        #expect(!DialogEngine.refersBack(Phrase(text)))
    }
}
