import CivilTime
import Domain
import Export
import PlainJSON
import Testing

@Suite struct JSONExportTests {
    let snapshot = NetworkSnapshot(
        network: Network(id: "rme-norte", name: "Red Norte", kind: .rme, territory: "Valdivia"),
        members: [Member(id: "ana-perez", name: "Ana Pérez")],
        agreements: [
            Agreement(id: "A-1", text: "leer", responsables: ["Ana Pérez"], deadline: LocalDate(year: 2026, month: 11, day: 20), evidence: "acta"),
            Agreement(id: "A-2", text: "escribir", responsables: [], deadline: nil, evidence: nil, status: .cumplido),
        ])

    /// Every contract key is present, with null or [] where absent.
    @Test func everyKeyPresent() throws {
        let doc = JSONExport.document([snapshot], today: LocalDate(year: 2026, month: 11, day: 25))
        let red = try #require(doc["redes"]?.arrayValue?.first)
        for key in ["id", "nombre", "tipo", "territorio", "region", "sostenedor", "proposito", "miembros", "encuentros",
                    "sondeos", "acuerdos", "reflexiones", "diagnosticos"] {
            #expect(red[key] != nil, "falta \(key)")
        }
        #expect(red["region"] == .null)
        let a2 = try #require(red["acuerdos"]?.arrayValue?.last)
        for key in ["id", "texto", "responsables", "plazo", "evidencia", "estado", "encuentro", "registrado", "evidencia_entregada", "historial"] {
            #expect(a2[key] != nil, "falta \(key)")
        }
        #expect(a2["plazo"] == .null)
        #expect(a2["historial"] == .array([]))
    }

    /// `estado` is derived at the export's date: a pending agreement past its plazo is vencido.
    @Test func derivedStatus() throws {
        let doc = JSONExport.document([snapshot], today: LocalDate(year: 2026, month: 11, day: 25))
        let acuerdos = try #require(doc["redes"]?.arrayValue?.first?["acuerdos"]?.arrayValue)
        #expect(acuerdos[0]["estado"] == .string("vencido"))
        #expect(acuerdos[1]["estado"] == .string("cumplido"))
        let before = JSONExport.document([snapshot], today: LocalDate(year: 2026, month: 11, day: 19))
        #expect(before["redes"]?.arrayValue?.first?["acuerdos"]?.arrayValue?[0]["estado"] == .string("pendiente"))
    }

    /// JSON rendering escapes control characters and keeps key order.
    @Test func rendering() {
        let v = JSONValue.object([("b", .string("línea\n\"x\"\u{1}")), ("a", .number(1))])
        #expect(v.rendered() == #"{"b":"línea\n\"x\"\u0001","a":1}"#)
        #expect(JSONValue.parse(v.rendered()) == v)
    }
    /// A round exports its members' answers and who has not answered yet.
    @Test func diagnosisRound() throws {
        var round = Diagnosis(id: "D-1", date: LocalDate(year: 2027, month: 3, day: 30), level: .coordinacion, scores: [:], indicators: [:],
                              round: "2027-1")
        round.record(.init(member: "Ana Pérez", date: LocalDate(year: 2027, month: 3, day: 30), scores: ["confianza": 3]))
        round.scores = round.meanScores
        var s = snapshot
        s.members.append(Member(id: "luis-soto", name: "Luis Soto"))
        s.diagnoses = [round]
        let doc = JSONExport.document([s], today: LocalDate(year: 2027, month: 4, day: 1))
        let d = try #require(doc["redes"]?.arrayValue?.first?["diagnosticos"]?.arrayValue?.first)
        #expect(d["ronda"]?.stringValue == "2027-1")
        #expect(d["faltan"] == .strings(["Luis Soto"]))
        let r = try #require(d["respuestas"]?.arrayValue?.first)
        #expect(r["miembro"]?.stringValue == "Ana Pérez")
        #expect(r["fecha"]?.stringValue == "2027-03-30")
        #expect(r["puntajes"]?["confianza"] == .number(3))
    }
}


/// The report says "Región Metropolitana", never "región de Metropolitana".
@Test func regionClause() {
    #expect(Network(id: "r", name: "R", kind: .rme, territory: "Maipú", region: "Metropolitana").regionClause == ", Región Metropolitana")
    #expect(Network(id: "r", name: "R", kind: .rme, territory: "Valdivia", region: "Los Ríos").regionClause == ", región de Los Ríos")
    #expect(Network(id: "r", name: "R", kind: .rme).regionClause == "")
}
