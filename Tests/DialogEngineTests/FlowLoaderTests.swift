import DialogEngine
import FlowFiles
import Foundation
import Testing

@Suite struct FlowLoaderTests {
    func errors(_ yaml: String, file: String = "f.yaml") -> [String] {
        do {
            _ = try FlowLoader.load(sources: [(file, yaml)])
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    let valid = """
    id: x
    title: X
    triggers: [hacer algo]
    slots:
      - name: fecha
        type: date
        ask: ¿Cuándo?
    done: Listo {fecha}.
    """

    /// A valid file loads with its slots and rules.
    @Test func validLoads() throws {
        let flows = try FlowLoader.load(sources: [("x.yaml", valid)])
        #expect(flows.first?.slots.first?.type == .date)
    }

    /// Unknown slot types are located and get a suggestion.
    @Test func unknownType() {
        #expect(errors(valid.replacingOccurrences(of: "type: date", with: "type: dat"))
            == ["f.yaml:6:11: tipo de slot desconocido «dat». ¿Quisiste decir «date»?"])
    }

    /// A template naming a missing slot is an error.
    @Test func templateUnknownSlot() {
        let e = errors(valid.replacingOccurrences(of: "Listo {fecha}.", with: "Listo {fehca}."))
        #expect(e.count == 1)
        #expect(e.first?.contains("«{fehca}»") == true)
        #expect(e.first?.contains("¿Quisiste decir «fecha»?") == true)
    }

    /// Unknown rules, keys and conditions are reported.
    @Test func unknownRuleKeyAndCondition() {
        let yaml = valid.replacingOccurrences(of: "    ask: ¿Cuándo?", with: "    ask: ¿Cuándo?\n    rules: [not_pasd]\n    whne: otra\n    when: nada")
        let e = errors(yaml)
        #expect(e.contains { $0.contains("regla desconocida «not_pasd». ¿Quisiste decir «not_past»?") })
        #expect(e.contains { $0.contains("clave de slot desconocida «whne». ¿Quisiste decir «when»?") })
        #expect(e.contains { $0.contains("la condición nombra «nada»") })
    }

    /// Duplicate flow ids and triggers across files are reported.
    @Test func duplicates() {
        do {
            _ = try FlowLoader.load(sources: [("a.yaml", valid), ("b.yaml", valid)])
            Issue.record("expected errors")
        } catch {
            let text = error.description
            #expect(text.contains("b.yaml:1:5: el id «x» ya está usado en a.yaml"))
        }
    }

    /// Broken YAML is reported with its position.
    @Test func brokenYAML() {
        let e = errors("id: [x\ntitle: y")
        #expect(e.first?.hasPrefix("f.yaml:") == true)
        #expect(e.first?.contains("YAML inválido") == true)
    }

    /// A file that is not UTF-8 is reported along with the other files' errors, not instead of them.
    @Test func unreadableFileDoesNotHideTheRest() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-flows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data([0x69, 0x64, 0x3A, 0x20, 0xFF, 0x0A]).write(to: dir.appendingPathComponent("a.yaml"))
        try "id: b\ntitle: B\ntriggers: [hacer algo]\nslots:\n  - name: n\n    type: fecha\n    ask: ¿?\ndone: ok\n"
            .write(to: dir.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try FlowLoader.load(directory: dir)
            Issue.record("se esperaban errores")
        } catch {
            let text = error.errors.map(\.description)
            #expect(text.count == 2)
            #expect(text.first?.hasSuffix("a.yaml:1:1: no es texto UTF-8 válido") == true)
            #expect(text.last?.contains("b.yaml:6:11: tipo de slot desconocido «fecha»") == true)
        }
    }

    /// libyaml's usual complaints reach the author in Spanish.
    @Test(arguments: [
        ("id: x\ntitle: a: b", "aquí no puede ir «clave: valor»"),
        ("id: x\n\ttitle: y", "usa espacios"),
        ("id: \"x\ntitle: y", "comillas sin cerrar"),
    ])
    func brokenYAMLInSpanish(yaml: String, words: String) {
        let e = errors(yaml)
        #expect(e.first?.contains(words) == true, "\(e)")
        #expect(e.allSatisfy { !$0.contains("not allowed") && !$0.contains("found ") })
    }
}
