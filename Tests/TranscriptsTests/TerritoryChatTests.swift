import Foundation
import Testing

/// The territory conversations (organisations, norms, decisions, practices for the PEI/PME) in
/// the binary: typed in a piped terminal chat and spoken over `chat --json`, both ending in the
/// JSON export.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(".build/debug/minga").path)))
struct TerritoryChatTests {
    func tempStore() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("minga-terr-\(UUID().uuidString)").path
    }

    func exportedNetwork(_ store: String) throws -> [String: Any] {
        let export = try runMinga(["export", "--store", store, "--now", "2026-11-25T12:00:00", "--format", "json"])
        #expect(export.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(export.out.utf8)) as? [String: Any])
        return try #require((json["redes"] as? [[String: Any]])?.first)
    }

    static let network = ["Red Valdivia Norte", "rme", "Valdivia", "Los Ríos"]

    @Test func pipedTerminalChat() throws {
        let store = tempStore()
        defer { try? FileManager.default.removeItem(atPath: store) }
        let input = (Self.network + [
            "registrar una organización", "CESFAM Los Lagos", "Paula Soto, psicóloga", "desde marzo", "talleres de autocuidado", "saltar", "sí",
            "acordar las normas de funcionamiento", "1) empezar a la hora 2) celulares en silencio", "no", "ya las acordamos", "todos", "sí",
            "registrar una decisión", "el taller se hace en El Maitén", "por votación", "no", "sí",
            "proponer una práctica para el PME", "lectura en parejas", "sí",
            "la práctica de lectura en parejas quedó aprobada por el consejo", "acta del consejo", "sí",
            "¿quién es el contacto del CESFAM?", "¿cuáles son nuestras normas?", "¿qué decidimos sobre el taller?",
            "¿qué prácticas vamos a institucionalizar?", "",
        ]).joined(separator: "\n")
        let chat = try runMinga(["chat", "--store", store, "--now", "2026-11-25T10:00:00", "--user", "Ana Pérez"], input: input)
        #expect(chat.status == 0)
        for line in ["Quedó registrada como la organización 1 (O-1).", "Quedaron acordadas por todos 2 normas:",
                     "Quedó anotada como la decisión 1 (DC-1).", "Quedó propuesta como la práctica 1 (P-1).",
                     "quedó aprobada por el consejo para el PME", "El contacto de CESFAM Los Lagos es Paula Soto, psicóloga.",
                     "- Norma 2: celulares en silencio (acordada el miércoles 25 de noviembre", "Sobre «taller» decidimos:",
                     "Hay una práctica en camino al PEI o el PME:"] {
            #expect(chat.out.contains(line), "falta «\(line)»")
        }
        let red = try exportedNetwork(store)
        #expect((red["organizaciones"] as? [[String: Any]])?.first?["tipo"] as? String == "salud")
        #expect((red["organizaciones"] as? [[String: Any]])?.first?["desde"] as? String == "2026-03-01")
        #expect((red["normas"] as? [[String: Any]])?.map { $0["estado"] as? String } == ["acordada", "acordada"])
        #expect((red["decisiones"] as? [[String: Any]])?.first?["modo"] as? String == "votacion")
        let p = try #require((red["institucionalizacion"] as? [[String: Any]])?.first)
        #expect(p["estado"] as? String == "aprobada")
        #expect(p["documento"] as? String == "PME")
        #expect(p["evidencia"] as? String == "acta del consejo")
    }

    @Test func overJSONProtocol() throws {
        let store = tempStore()
        defer { try? FileManager.default.removeItem(atPath: store) }
        _ = try runMinga(["chat", "--store", store, "--now", "2026-11-25T10:00:00", "--user", "Ana Pérez"],
                         input: (Self.network + [""]).joined(separator: "\n"))
        let texts = ["registrar una organización", "OPD Valdivia", "saltar", "saltar", "derivaciones", "saltar", "sí",
                     "proponer una norma", "avisar si no podemos venir; compartir la tabla antes", "no", "todavía no", "sí",
                     "la norma 1 ya no va", "sí",
                     "registrar una decisión", "usar la misma pauta de observación", "consenso", "no", "sí",
                     "¿con qué organizaciones trabajamos?", "¿cuáles son nuestras normas?", "¿qué decidimos sobre la pauta?"]
        let input = texts.enumerated().map { i, t in
            #"{"type":"message","id":"m\#(i)","user":"t:1","name":"Ana Pérez","text":"\#(t)"}"#
        }.joined(separator: "\n")
        let r = try runMinga(["chat", "--json", "--store", store, "--now", "2026-11-25T10:00:00"], input: input)
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.count == texts.count)
        guard lines.count == texts.count else { return }
        #expect(lines[1].contains(#""expects":{"flow":"organizacion","slot":"contacto","type":"text"}"#))
        #expect(lines[6].contains("Quedó registrada como la organización 1 (O-1)."))
        #expect(lines[9].contains(#""expects":{"flow":"normas","slot":"estado","type":"choice"}"#))
        #expect(lines[11].contains("Quedaron anotadas como propuesta 2 normas"))
        #expect(lines[13].contains("quedó derogada"))
        #expect(lines[18].contains("Quedó anotada como la decisión 1 (DC-1)."))
        #expect(lines[19].contains("OPD Valdivia (protección de derechos): derivaciones."))
        #expect(lines[20].contains("Norma 2: compartir la tabla antes"))
        #expect(lines[20].contains("Y una derogada"))
        #expect(lines[21].contains("Sobre «pauta» decidimos"))
        let red = try exportedNetwork(store)
        #expect((red["organizaciones"] as? [[String: Any]])?.first?["tipo"] as? String == "proteccion")
        #expect((red["normas"] as? [[String: Any]])?.map { $0["estado"] as? String } == ["derogada", "propuesta"])
        #expect((red["decisiones"] as? [[String: Any]])?.first?["desacuerdo"] is NSNull)
    }
}
