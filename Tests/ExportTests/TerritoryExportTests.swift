import CivilTime
import Domain
import Export
import FileStore
import Foundation
import PlainJSON
import Testing

/// Export v1 contract additions: organizaciones, normas, decisiones, institucionalizacion and the
/// member's organizacion, written through the FileStore and read back; the additions not built
/// yet are present and empty.
@Suite struct TerritoryExportTests {
    static let day = LocalDate(year: 2026, month: 11, day: 25)
    static let tricky = "Dijo: \"sí\" — 50%\n# dos puntos: y 🌱"

    /// A network written to a real store with one record of each new kind.
    func exported(_ fill: (FileStore, String) throws -> Void) throws -> JSONValue {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-terr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try FileStore(root: dir)
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme, region: "Los Ríos"))
        try fill(store, n.id)
        let read = try store.snapshot(network: n.id)
        #expect(read.problems.isEmpty)
        return try #require(JSONExport.document([read.value], today: Self.day)["redes"]?.arrayValue?.first)
    }

    @Test func emptyAdditionsArePresent() throws {
        let red = try exported { store, id in
            try store.savePurpose(Purpose(statement: "leer", objectives: ["x"], date: Self.day, participants: []), network: id)
            _ = try store.addDiagnosis(Diagnosis(id: "", date: Self.day, level: .intercambio, scores: ["confianza": 2], indicators: [:]), network: id)
            try store.saveMember(Member(id: "", name: "Ana Pérez", since: Self.day), network: id)
        }
        #expect(red["resultados"] == .array([]))
        #expect(red["organizaciones"] == .array([]))
        #expect(red["normas"] == .array([]))
        #expect(red["decisiones"] == .array([]))
        #expect(red["institucionalizacion"] == .array([]))
        #expect(red["indicadores_metas"] == .object([]))
        #expect(red["proposito"]?["objetivos_detalle"] == .array([]))
        let d = try #require(red["diagnosticos"]?.arrayValue?.first)
        // A diagnosis made the old way (scores, no answers) exports as its semester's round with
        // one answer, and the members who have not answered.
        #expect(d["ronda"] == .string(Diagnosis.round(of: Self.day)))
        #expect(d["respuestas"]?.arrayValue?.count == 1)
        #expect(d["respuestas"]?.arrayValue?.first?["miembro"] == .null)
        #expect(d["faltan"] == .strings(["Ana Pérez"]))
        #expect(red["miembros"]?.arrayValue?.first?["organizacion"] == .null)
    }

    @Test func organizationsAndMembers() throws {
        let red = try exported { store, id in
            let o = try store.addOrganization(Organization(id: "", name: "CESFAM Los Lagos", kind: .salud, contact: Self.tricky, since: Self.day,
                                                           collaboration: "talleres", projects: ["Escuelas que cuidan"]), network: id)
            #expect(o.id == "O-1")
            try store.saveMember(Member(id: "", name: "Paula Soto", role: "otro", since: Self.day, organization: o.id), network: id)
        }
        let o = try #require(red["organizaciones"]?.arrayValue?.first)
        #expect(o["id"] == .string("O-1"))
        #expect(o["nombre"] == .string("CESFAM Los Lagos"))
        #expect(o["tipo"] == .string("salud"))
        #expect(o["contacto"] == .string(Self.tricky))
        #expect(o["desde"] == .string("2026-11-25"))
        #expect(o["colaboracion"] == .string("talleres"))
        #expect(o["proyectos"] == .array([.string("Escuelas que cuidan")]))
        #expect(red["miembros"]?.arrayValue?.first?["organizacion"] == .string("O-1"))
    }

    @Test func normsWithTheirState() throws {
        let red = try exported { store, id in
            _ = try store.addNorm(Norm(id: "", text: Self.tricky, date: Self.day, agreedBy: ["Ana Pérez", "Luis Soto"], state: .acordada), network: id)
            var n2 = try store.addNorm(Norm(id: "", text: "celulares en silencio", date: Self.day), network: id)
            n2.state = .derogada
            try store.updateNorm(n2, network: id)
        }
        let normas = try #require(red["normas"]?.arrayValue)
        #expect(normas.count == 2)
        #expect(normas[0]["id"] == .string("N-1"))
        #expect(normas[0]["texto"] == .string(Self.tricky))
        #expect(normas[0]["fecha"] == .string("2026-11-25"))
        #expect(normas[0]["acordada_por"] == .array([.string("Ana Pérez"), .string("Luis Soto")]))
        #expect(normas[0]["estado"] == .string("acordada"))
        #expect(normas[1]["estado"] == .string("derogada"))
        #expect(normas[1]["acordada_por"] == .array([]))
    }

    @Test func decisions() throws {
        let red = try exported { store, id in
            _ = try store.addDecision(Decision(id: "", date: Self.day, text: "taller en El Maitén", mode: .votacion,
                                               disagreement: "Luis prefería Los Aromos", resolution: Self.tricky, meeting: "E-3"), network: id)
            _ = try store.addDecision(Decision(id: "", date: Self.day, text: "misma pauta"), network: id)
        }
        let ds = try #require(red["decisiones"]?.arrayValue)
        #expect(ds.map { $0["id"] } == [.string("DC-1"), .string("DC-2")])
        #expect(ds[0]["decision"] == .string("taller en El Maitén"))
        #expect(ds[0]["modo"] == .string("votacion"))
        #expect(ds[0]["desacuerdo"] == .string("Luis prefería Los Aromos"))
        #expect(ds[0]["como_se_resolvio"] == .string(Self.tricky))
        #expect(ds[0]["encuentro"] == .string("E-3"))
        #expect(ds[1]["modo"] == .string("consenso"))
        #expect(ds[1]["desacuerdo"] == .null)
        #expect(ds[1]["como_se_resolvio"] == .null)
        #expect(ds[1]["encuentro"] == .null)
    }

    /// Followed practices with their history, then reflections proposed and not followed yet.
    @Test func institutionalization() throws {
        let red = try exported { store, id in
            _ = try store.addReflection(Reflection(id: "", date: Self.day, author: "Ana", practice: "lectura en parejas", institutionalize: true), network: id)
            _ = try store.addReflection(Reflection(id: "", date: Self.day, author: "Ana", practice: "tutorías", institutionalize: true), network: id)
            _ = try store.addReflection(Reflection(id: "", date: Self.day, author: "Ana", practice: "otra", institutionalize: false), network: id)
            var p = try store.addPractice(Practice(id: "", practice: "lectura en parejas", reflection: "R-1", document: .PME,
                                                   history: [.init(date: Self.day, state: .propuesta)]), network: id)
            p.state = .aprobada
            p.evidence = "acta del consejo"
            p.history.append(.init(date: LocalDate(year: 2026, month: 12, day: 3), state: .aprobada, note: "aprobada por el consejo"))
            try store.updatePractice(p, network: id)
        }
        let ps = try #require(red["institucionalizacion"]?.arrayValue)
        #expect(ps.count == 2)
        #expect(ps[0]["practica"] == .string("lectura en parejas"))
        #expect(ps[0]["reflexion"] == .string("R-1"))
        #expect(ps[0]["estado"] == .string("aprobada"))
        #expect(ps[0]["documento"] == .string("PME"))
        #expect(ps[0]["evidencia"] == .string("acta del consejo"))
        let h = try #require(ps[0]["historial"]?.arrayValue)
        #expect(h.map { $0["estado"] } == [.string("propuesta"), .string("aprobada")])
        #expect(h[1]["fecha"] == .string("2026-12-03"))
        #expect(h[1]["nota"] == .string("aprobada por el consejo"))
        #expect(ps[1]["practica"] == .string("tutorías"))
        #expect(ps[1]["reflexion"] == .string("R-2"))
        #expect(ps[1]["estado"] == .string("propuesta"))
        #expect(ps[1]["documento"] == .null)
        #expect(ps[1]["evidencia"] == .null)
    }

    /// A norm file broken by hand is reported with its line and kept out; the others still export.
    @Test func brokenNormIsReported() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-terr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try FileStore(root: dir)
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        _ = try store.addNorm(Norm(id: "", text: "a la hora", date: Self.day), network: n.id)
        let url = dir.appendingPathComponent("redes/\(n.id)/normas/N-2.md")
        try "---\nid: N-2\ntexto: \"x\"\nestado: vigente\n---\n".write(to: url, atomically: true, encoding: .utf8)
        let fresh = try FileStore(root: dir)
        let read = try fresh.snapshot(network: n.id)
        #expect(read.value.norms.map(\.id) == ["N-1"])
        #expect(read.problems.count == 1)
        #expect(try fresh.addNorm(Norm(id: "", text: "otra", date: Self.day), network: n.id).id == "N-3")
    }

    /// The report has a section per kind that has records, and none for a network without them.
    @Test func markdownSections() {
        let net = Network(id: "r", name: "Red Norte", kind: .rme)
        var s = NetworkSnapshot(network: net, members: [Member(id: "paula-soto", name: "Paula Soto", organization: "O-1")],
                                reflections: [Reflection(id: "R-1", date: Self.day, author: "Ana", practice: "tutorías", institutionalize: true)])
        s.organizations = [Organization(id: "O-1", name: "CESFAM Los Lagos", kind: .salud, contact: "Paula Soto", since: Self.day, collaboration: "talleres")]
        s.norms = [Norm(id: "N-1", text: "empezar a la hora", date: Self.day, agreedBy: ["Ana Pérez"], state: .acordada)]
        s.decisions = [Decision(id: "DC-1", date: Self.day, text: "taller en El Maitén", mode: .votacion, disagreement: "Luis no", resolution: "transporte", meeting: "E-1")]
        let now = LocalDateTime(date: Self.day, time: LocalTime(hour: 10, minute: 0))
        let md = MarkdownExport.document([s], today: Self.day, now: now)
        #expect(md.contains("## Vinculación con el territorio\n\n- **CESFAM Los Lagos** (salud): talleres. Contacto: Paula Soto. En la red: Paula Soto. Desde el 2026-11-25.\n"))
        #expect(md.contains("## Normas de funcionamiento\n\n- **N-1** empezar a la hora — acordada el 2026-11-25 por Ana Pérez\n"))
        #expect(md.contains("## Decisiones\n\n- **DC-1** (2026-11-25) taller en El Maitén — por votación, encuentro E-1. Desacuerdo: Luis no. Se resolvió: transporte\n"))
        #expect(md.contains("## Institucionalización\n\n- **tutorías**: propuesta, de la reflexión R-1\n"))
        let bare = MarkdownExport.document([NetworkSnapshot(network: net)], today: Self.day, now: now)
        for section in ["Vinculación", "Normas", "Decisiones", "Institucionalización"] { #expect(!bare.contains("## \(section)")) }
        // The visual report lists the same records, escaped.
        s.organizations[0].collaboration = "talleres <b>&</b> charlas"
        let html = HTMLExport.document([s], today: Self.day, now: now)
        for section in ["Vinculación con el territorio", "Normas de funcionamiento", "Decisiones", "Institucionalización"] {
            #expect(html.contains("<h2>\(section)</h2>"), "\(section)")
        }
        #expect(html.contains("<strong>N-1</strong> empezar a la hora — acordada el 2026-11-25 por Ana Pérez"))
        #expect(html.contains("talleres &lt;b&gt;&amp;&lt;/b&gt; charlas"))
        #expect(!HTMLExport.document([NetworkSnapshot(network: net)], today: Self.day, now: now).contains("<h2>Normas de funcionamiento</h2>"))
    }
}
