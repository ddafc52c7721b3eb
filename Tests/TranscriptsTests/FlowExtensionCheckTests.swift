import Assistant
import EmbeddedDialogs
import FlowFiles
import Testing

/// `minga check`: each dialog file against its flow's Swift extension.
struct FlowExtensionCheckTests {
    var sources: [(file: String, text: String)] { EmbeddedDialogs.files.map { (file: $0.name, text: $0.text) } }

    /// Every built-in dialog has the save kind and slots its extension uses.
    @Test func builtInDialogsMatchTheirExtensions() {
        #expect(FlowLoader.extensionErrors(sources: sources, expected: FlowRegistry.expectations).isEmpty)
    }

    /// A renamed slot and another save kind are reported at the dialog's own line and column.
    @Test func mismatchesAreLocated() throws {
        let acuerdo = try #require(sources.first { $0.file.hasPrefix("acuerdo") })
        let edited = acuerdo.text.replacingOccurrences(of: "- name: plazo", with: "- name: fecha_limite")
            .replacingOccurrences(of: "save: agreement\n", with: "save: meeting\n")
        let errors = FlowLoader.extensionErrors(sources: [(acuerdo.file, edited)], expected: FlowRegistry.expectations)
        #expect(errors.contains { $0.message.contains("usa el slot «plazo»") && $0.line > 1 })
        #expect(errors.contains { $0.message.contains("«save» es «meeting»") && $0.description.hasPrefix("\(acuerdo.file):") })
    }

    /// A dialog that saves a record with no extension to save it is reported.
    @Test func aSavingFlowNeedsAnExtension() {
        let text = "id: nuevo\ntitle: Nuevo\ntriggers: [algo nuevo]\nslots:\n  - name: x\n    type: text\n    ask: ¿x?\nsave: agreement\ndone: Listo.\n"
        let errors = FlowLoader.extensionErrors(sources: [("nuevo.yaml", text)], expected: FlowRegistry.expectations)
        #expect(errors.map(\.line) == [8])
    }
}
