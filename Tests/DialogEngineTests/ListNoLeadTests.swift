@testable import DialogEngine
import Testing

/// «no, …» to a list's «¿Otro …?», and numbers said with a request that are days, not records.
@Suite struct ListNoLeadTests {
    @Test func pointerAtTheLastItemReplacesIt() {
        #expect(DialogEngine.noLeadOnLastItem("esa no. celular del luis en silencio")?.0 == .replace)
        #expect(DialogEngine.noLeadOnLastItem("esa no. celular del luis en silencio")?.1 == "celular del luis en silencio")
        #expect(DialogEngine.noLeadOnLastItem("la ultima no, mejor: cuidar el tiempo")?.1 == "cuidar el tiempo")
        #expect(DialogEngine.noLeadOnLastItem("esa no")?.1 == "")
    }

    @Test func moreWordsAdd() {
        #expect(DialogEngine.noLeadOnLastItem("y también avisar si no vienes")?.0 == .add)
        #expect(DialogEngine.noLeadOnLastItem("y también avisar si no vienes")?.1 == "avisar si no vienes")
    }

    @Test func anythingElseIsNoSuchLead() {
        #expect(DialogEngine.noLeadOnLastItem("eso es todo") == nil)
        #expect(DialogEngine.noLeadOnLastItem("gracias") == nil)
    }

    @Test func aWeekdayWithANumberIsADay() {
        #expect(DialogEngine.recordNumbers(in: "suspender la reunion del jueves 12") == [])
        #expect(DialogEngine.recordNumbers(in: "la reunion del 12 de diciembre") == [])
        #expect(DialogEngine.recordNumbers(in: "suspender el encuentro 3") == [3])
    }
}
