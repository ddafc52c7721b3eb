import CivilTime
import Domain
import Export
import FileStore
import Foundation
import PlainJSON
import Testing

/// Export v1 contract additions for what the network tracks: `proposito.objetivos_detalle`,
/// `resultados` and `indicadores_metas`, written through the FileStore and read back by a fresh
/// store; the md and html reports show them.
@Suite struct TrackingExportTests {
    static let day = LocalDate(year: 2027, month: 3, day: 30)
    static let tricky = "Dijo: \"sí\" — 50%\n# dos puntos: y 🌱"

    func exported(_ fill: (FileStore, String) throws -> Void) throws -> JSONValue {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-track-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try FileStore(root: dir)
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme, region: "Los Ríos"))
        try fill(store, n.id)
        // A fresh store reads the files, not what the writer cached.
        let read = try FileStore(root: dir).snapshot(network: n.id)
        #expect(read.problems.isEmpty)
        return try #require(JSONExport.document([read.value], today: Self.day)["redes"]?.arrayValue?.first)
    }

    @Test func objectiveDetails() throws {
        let red = try exported { store, id in
            var p = Purpose(statement: "leer mejor", objectives: ["que lean fluido", "compartir prácticas"], date: Self.day)
            p.setDetail(ObjectiveDetail(objective: "que lean fluido",
                                        goals: [.init(indicator: "% que lee fluido", baseline: "40%", target: "60%",
                                                      date: LocalDate(year: 2027, month: 12, day: 1))],
                                        checks: [.init(date: LocalDate(year: 2027, month: 3, day: 10), progress: .enCamino, value: "45%",
                                                       evidence: Self.tricky, note: "lectura en parejas"),
                                                 .init(date: LocalDate(year: 2027, month: 4, day: 10), progress: .logrado)]))
            try store.savePurpose(p, network: id)
        }
        let details = try #require(red["proposito"]?["objetivos_detalle"]?.arrayValue)
        #expect(details.count == 1)
        let d = details[0]
        #expect(d["objetivo"] == .string("que lean fluido"))
        let meta = try #require(d["metas"]?.arrayValue?.first)
        #expect(meta["indicador"] == .string("% que lee fluido"))
        #expect(meta["linea_base"] == .string("40%"))
        #expect(meta["meta"] == .string("60%"))
        #expect(meta["fecha"] == .string("2027-12-01"))
        let checks = try #require(d["seguimiento"]?.arrayValue)
        #expect(checks.count == 2)
        #expect(checks[0]["fecha"] == .string("2027-03-10"))
        #expect(checks[0]["avance"] == .string("en_camino"))
        #expect(checks[0]["valor"] == .string("45%"))
        #expect(checks[0]["evidencia"] == .string(Self.tricky))
        #expect(checks[0]["nota"] == .string("lectura en parejas"))
        #expect(checks[1]["avance"] == .string("logrado"))
        #expect(checks[1]["valor"] == .null)
        #expect(checks[1]["evidencia"] == .null)
        #expect(checks[1]["nota"] == .null)
        #expect(red["proposito"]?["objetivos"] == .array([.string("que lean fluido"), .string("compartir prácticas")]))
    }

    /// A purpose rewritten keeps the details; indicator targets survive a purpose save and back.
    @Test func detailsAndTargetsSurviveEachOther() throws {
        let red = try exported { store, id in
            var p = Purpose(statement: "leer", objectives: ["a"], date: Self.day)
            p.setDetail(ObjectiveDetail(objective: "a", goals: [.init(indicator: "x", target: "1")]))
            try store.savePurpose(p, network: id)
            try store.saveIndicatorTargets(["acuerdos_cumplidos_a_tiempo": 0.8], network: id)
            p.statement = "leer más"
            try store.savePurpose(p, network: id)
        }
        #expect(red["proposito"]?["enunciado"] == .string("leer más"))
        #expect(red["proposito"]?["objetivos_detalle"]?.arrayValue?.count == 1)
        #expect(red["indicadores_metas"] == .object([("acuerdos_cumplidos_a_tiempo", .number(0.8))]))
    }

    @Test func results() throws {
        let red = try exported { store, id in
            let l = try store.addResult(LearningResult(id: "", date: Self.day, measure: "SIMCE 2026", subject: "Lenguaje", level: "4° básico",
                                                       value: "58% en nivel adecuado", objective: "que lean fluido", source: Self.tricky), network: id)
            #expect(l.id == "L-1")
            _ = try store.addResult(LearningResult(id: "", date: Self.day, measure: "prueba de velocidad lectora", school: "Escuela El Maitén",
                                                   value: "70% lee fluido"), network: id)
        }
        let rs = try #require(red["resultados"]?.arrayValue)
        #expect(rs.map { $0["id"] } == [.string("L-1"), .string("L-2")])
        #expect(rs[0]["fecha"] == .string("2027-03-30"))
        #expect(rs[0]["medicion"] == .string("SIMCE 2026"))
        #expect(rs[0]["asignatura"] == .string("Lenguaje"))
        #expect(rs[0]["nivel"] == .string("4° básico"))
        #expect(rs[0]["establecimiento"] == .null)
        #expect(rs[0]["valor"] == .string("58% en nivel adecuado"))
        #expect(rs[0]["objetivo"] == .string("que lean fluido"))
        #expect(rs[0]["fuente"] == .string(Self.tricky))
        #expect(rs[1]["establecimiento"] == .string("Escuela El Maitén"))
        #expect(rs[1]["asignatura"] == .null)
        #expect(rs[1]["nivel"] == .null)
        #expect(rs[1]["objetivo"] == .null)
        #expect(rs[1]["fuente"] == .null)
        // Every key of the contract, none missing.
        guard case .object(let pairs) = rs[1] else { Issue.record("not an object"); return }
        #expect(pairs.map(\.0) == ["id", "fecha", "medicion", "asignatura", "nivel", "establecimiento", "valor", "objetivo", "fuente", "registrado_por", "historial"])
    }

    @Test func indicatorTargets() throws {
        let red = try exported { store, id in
            try store.saveIndicatorTargets(["asistencia_promedio": 0.75, "acuerdos_cumplidos_a_tiempo": 0.8, "reflexiones_registradas": 6], network: id)
        }
        #expect(red["indicadores_metas"] == .object([("acuerdos_cumplidos_a_tiempo", .number(0.8)), ("asistencia_promedio", .number(0.75)),
                                                     ("reflexiones_registradas", .number(6))]))
    }

    /// The md report shows the objective tracking, the results and each indicator against its
    /// target; a network without them reads as before.
    @Test func markdownAndHTML() {
        var net = Network(id: "r", name: "Red Norte", kind: .rme)
        net.indicatorTargets = ["acuerdos_cumplidos_a_tiempo": 0.8, "reflexiones_registradas": 1]
        var p = Purpose(statement: "leer", objectives: ["que lean fluido"], date: Self.day)
        p.setDetail(ObjectiveDetail(objective: "que lean fluido",
                                    goals: [.init(indicator: "% que lee fluido", baseline: "40%", target: "60%", date: LocalDate(year: 2027, month: 12, day: 1))],
                                    checks: [.init(date: Self.day, progress: .enCamino, value: "52%", evidence: "planillas", note: "lectura en parejas")]))
        let late = Agreement(id: "A-1", text: "x", responsables: ["Ana"], deadline: LocalDate(year: 2027, month: 3, day: 1), evidence: nil)
        var s = NetworkSnapshot(network: net, agreements: [late], purpose: p,
                                reflections: [Reflection(id: "R-1", date: Self.day, author: "Ana", practice: "tutorías")])
        s.results = [LearningResult(id: "L-1", date: Self.day, measure: "SIMCE 2026", subject: "Lenguaje", level: "4° básico",
                                    value: "58% en nivel adecuado", source: "Agencia")]
        let now = LocalDateTime(date: Self.day, time: LocalTime(hour: 10, minute: 0))
        let md = MarkdownExport.document([s], today: Self.day, now: now)
        #expect(md.contains("### Seguimiento de objetivos\n\n- **que lean fluido**\n  - Meta: % que lee fluido, de 40% a 60% al 2027-12-01\n"
            + "  - 2027-03-30: en camino (52%). lectura en parejas. Evidencia: planillas\n"))
        #expect(md.contains("## Resultados de aprendizaje\n\n- **L-1** (2027-03-30) SIMCE 2026, Lenguaje, 4° básico, toda la red: 58% en nivel adecuado. Fuente: Agencia\n"))
        #expect(md.contains("## Indicadores y metas\n\n| Indicador | Hoy | Meta | |\n|---|---|---|---|\n"
            + "| acuerdos cumplidos a tiempo | 0% | 80% | por alcanzar |\n| reflexiones registradas | 1 | 1 | cumplida |\n"))
        let html = HTMLExport.document([s], today: Self.day, now: now)
        #expect(html.contains("Indicadores y metas"))
        #expect(html.contains("por alcanzar"))
        let bare = NetworkSnapshot(network: Network(id: "r", name: "Red Norte", kind: .rme))
        let plain = MarkdownExport.document([bare], today: Self.day, now: now)
        for section in ["Seguimiento de objetivos", "Resultados de aprendizaje", "Indicadores y metas"] { #expect(!plain.contains(section)) }
        #expect(!HTMLExport.document([bare], today: Self.day, now: now).contains("Indicadores y metas"))
    }
}
