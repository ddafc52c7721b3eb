import Foundation
import Testing

/// The tracking conversations (metas and checks of the objectives, learning results, indicator
/// targets) in the binary: typed in a piped terminal chat and spoken over `chat --json`, both
/// ending in the JSON export.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(".build/debug/minga").path)))
struct TrackingChatTests {
    func tempStore() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("minga-track-\(UUID().uuidString)").path
    }

    func exportedNetwork(_ store: String) throws -> [String: Any] {
        let export = try runMinga(["export", "--store", store, "--now", "2027-03-30T12:00:00", "--format", "json"])
        #expect(export.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(export.out.utf8)) as? [String: Any])
        return try #require((json["redes"] as? [[String: Any]])?.first)
    }

    static let network = ["Red Valdivia Norte", "rme", "Valdivia", "Los Ríos", "sí"]
    static let purpose = ["definir el propósito", "Mejorar juntos la lectura en primer ciclo", "que los niños de 2° básico lean fluido", "no",
                          "yo", "sí"]

    @Test func pipedTerminalChat() throws {
        let store = tempStore()
        defer { try? FileManager.default.removeItem(atPath: store) }
        let input = (Self.network + Self.purpose + [
            "pongámosle metas a los objetivos", "% de estudiantes de 2° básico que leen fluido", "40%", "60%", "el 1 de diciembre", "sí",
            "revisar el objetivo 1", "lectura en parejas tres veces por semana", "planillas de marzo", "en camino", "45%", "sí",
            "comprensión lectora 4° básico: 58% en nivel adecuado, SIMCE 2026", "toda la red", "saltar", "sí",
            "queremos que el 80% de los acuerdos se cumplan a tiempo", "sí",
            "¿cómo vamos con los objetivos?", "¿cómo van los resultados de lectura?", "¿cómo vamos con los indicadores?", "",
        ]).joined(separator: "\n")
        let chat = try runMinga(["chat", "--store", store, "--now", "2027-03-30T10:00:00", "--user", "Ana Pérez"], input: input)
        #expect(chat.status == 0)
        for line in ["Y si quieren, le ponemos metas medibles a los objetivos", "tiene meta: % de estudiantes de 2° básico que leen fluido: de 40% a 60%",
                     "va en camino (45%)", "Quedó anotado como el resultado 1 (L-1).", "la meta de «acuerdos cumplidos a tiempo» es 80%",
                     "Así vamos con los objetivos:", "Última revisión (martes 30 de marzo): en camino, 45%.", "Toda la red, 4° básico:",
                     "- Acuerdos cumplidos a tiempo: sin datos todavía (meta: 80%)"] {
            #expect(chat.out.contains(line), "falta «\(line)»")
        }
        let red = try exportedNetwork(store)
        let detail = try #require(((red["proposito"] as? [String: Any])?["objetivos_detalle"] as? [[String: Any]])?.first)
        #expect((detail["metas"] as? [[String: Any]])?.first?["meta"] as? String == "60%")
        #expect((detail["seguimiento"] as? [[String: Any]])?.first?["valor"] as? String == "45%")
        let l = try #require((red["resultados"] as? [[String: Any]])?.first)
        #expect(l["medicion"] as? String == "SIMCE 2026")
        #expect(l["establecimiento"] is NSNull)
        #expect((red["indicadores_metas"] as? [String: Any])?["acuerdos_cumplidos_a_tiempo"] as? Double == 0.8)
    }

    @Test func overJSONProtocol() throws {
        let store = tempStore()
        defer { try? FileManager.default.removeItem(atPath: store) }
        _ = try runMinga(["chat", "--store", store, "--now", "2027-03-30T10:00:00", "--user", "Ana Pérez"],
                         input: (Self.network + Self.purpose + [""]).joined(separator: "\n"))
        let texts = ["revisar los objetivos", "hicimos lectura en parejas", "nada todavía", "ahí vamos", "sí",
                     "anotar un resultado", "prueba de velocidad lectora de marzo", "lenguaje", "2° básico", "toda la red", "el 70% lee fluido", "saltar", "sí",
                     "nuestra meta es que venga el 90% a los encuentros", "sí",
                     "¿cómo vamos con los objetivos?", "¿cómo van los resultados de lectura?"]
        let input = texts.enumerated().map { i, t in
            #"{"type":"message","id":"m\#(i)","user":"t:1","name":"Ana Pérez","text":"\#(t)"}"#
        }.joined(separator: "\n")
        let r = try runMinga(["chat", "--json", "--store", store, "--now", "2027-03-30T10:00:00"], input: input)
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.count == texts.count)
        guard lines.count == texts.count else { return }
        #expect(lines[0].contains(#""expects":{"flow":"avance-objetivo","slot":"hecho","type":"longtext"}"#))
        #expect(lines[3].contains(#""expects":{"flow":"avance-objetivo","slot":"confirmar","type":"confirm"}"#))
        #expect(lines[4].contains("va en camino."))
        #expect(lines[12].contains("Quedó anotado como el resultado 1 (L-1)."))
        #expect(lines[13].contains(#""expects":{"flow":"meta-indicador","slot":"confirmar","type":"confirm"}"#))
        #expect(lines[14].contains("la meta de «asistencia promedio» es 90%"))
        #expect(lines[15].contains("Última revisión (martes 30 de marzo): en camino."))
        #expect(lines[16].contains("70% lee fluido"))
        let red = try exportedNetwork(store)
        let detail = try #require(((red["proposito"] as? [String: Any])?["objetivos_detalle"] as? [[String: Any]])?.first)
        #expect((detail["seguimiento"] as? [[String: Any]])?.first?["avance"] as? String == "en_camino")
        #expect((detail["seguimiento"] as? [[String: Any]])?.first?["evidencia"] is NSNull)
        let l = try #require((red["resultados"] as? [[String: Any]])?.first)
        #expect(l["valor"] as? String == "70% lee fluido")
        #expect(l["nivel"] as? String == "2° básico")
        #expect((red["indicadores_metas"] as? [String: Any])?["asistencia_promedio"] as? Double == 0.9)
    }
}
