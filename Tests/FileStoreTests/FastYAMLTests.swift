import CivilTime
import Domain
@testable import FileStore
import Foundation
import Testing
import Yams
import YAMLSupport

/// The fast reader of Minga's own YAML gives exactly the full parser's data, for every kind of
/// record and any text a person may type; anything outside its subset falls back to Yams.
@Suite struct FastYAMLTests {
    static let texts = ["simple", "con: dos puntos", "comillas \"dobles\" y 'simples'", "línea uno\nlínea dos", "- guion",
                        "# no es comentario", "null", "sí", "123", "tab\taquí", "emoji 🎉 y ñandú", "  espacios  ", "\\barra\\",
                        "[corchetes]", "{llaves}", "&ancla *alias", "---", "a\u{85}b\u{2028}c", "control\u{7}"]

    func same(_ a: Node, _ b: Node) -> Bool {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)): return x.string == y.string && (x.style == .plain) == (y.style == .plain)
        case (.sequence(let x), .sequence(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.mapping(let x), .mapping(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
        default: return false
        }
    }

    /// Property: every file a store writes, with every tricky text, reads the same both ways.
    @Test func sameNodesAsYams() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red «Norte»: 2", kind: .rme, territory: "Valdivia", region: "Los Ríos"))
        let day = LocalDate(year: 2026, month: 11, day: 25)
        let start = LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 2), time: LocalTime(hour: 15))
        var purpose = Purpose(statement: Self.texts[3], objectives: Self.texts, date: day, participants: ["Ana Pérez"])
        purpose.appropriations = [.init(member: "Ana", text: Self.texts[1], commitment: Self.texts[2], date: day)]
        try store.savePurpose(purpose, network: n.id)
        for (i, text) in Self.texts.enumerated() {
            var a = Agreement(id: "", text: text, responsables: [text, "Ana Pérez"], deadline: i % 2 == 0 ? day : nil,
                              evidence: i % 3 == 0 ? nil : text)
            a.history = [.init(at: "2026-11-26T10:00:00-03:00", status: .reprogramado, note: text, deadline: day)]
            _ = try store.addAgreement(a, network: n.id)
            try store.saveMember(Member(id: "", name: "Persona \(i)", role: text, school: text, strengths: text), network: n.id)
            _ = try store.addReflection(Reflection(id: "", date: day, author: text, practice: text, whatHappened: text, tags: [text]),
                                        network: n.id)
        }
        _ = try store.addMeeting(Meeting(id: "", title: Self.texts[1], kind: .regular, start: start, durationMinutes: 120,
                                         place: Self.texts[4], rrule: "FREQ=MONTHLY;BYDAY=1WE", agenda: Self.texts), network: n.id)
        _ = try store.addPoll(Poll(id: "", title: "¿Cuándo?", options: [start]), network: n.id)
        _ = try store.addDiagnosis(Diagnosis(id: "", date: day, level: .coordinacion, scores: ["confianza": 3], indicators: [:]), network: n.id)
        var files = 0
        for case let path as String in FileManager.default.enumerator(atPath: dir.path + "/redes")! where path.hasSuffix(".md") {
            let text = try String(contentsOfFile: dir.path + "/redes/" + path, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let close = try #require(lines.indices.dropFirst().first { lines[$0] == "---" })
            let fast = try #require(FastYAML.parse(lines[1..<close]), "\(path) fell back to Yams")
            let full = try #require(try YAMLProblem.compose(lines[1..<close].joined(separator: "\n"), lineOffset: 1).get())
            #expect(same(fast, full), "\(path)")
            files += 1
        }
        #expect(files >= 3 * Self.texts.count + 4)
    }

    /// Hand-edited shapes it doesn't follow are left to Yams (nil), never misread.
    @Test(arguments: ["id: A-1\n# comentario", "texto: 'simple'", "lista: [a, b]", "texto: |\n  bloque", "texto: dos\n  líneas",
                      "\ttexto: tab", "texto: a: b", "texto: \"sin cerrar", "mapa: {a: 1}", "x: &a uno"])
    func fallsBackOutsideItsSubset(yaml: String) {
        #expect(FastYAML.parse(yaml.split(separator: "\n", omittingEmptySubsequences: false)[...]) == nil)
    }
}
