import CivilTime
import Domain
import Export
import FileStore
import Foundation
import Testing

/// The html report (`export --format html`): its numbers against the JSON export of the same
/// store, self-containment, escaping, and the agreement timeline behind its chart.
@Suite struct HTMLReportTests {
    /// The report and the JSON export (parsed as a script would) of the fixture store.
    func render() throws -> (html: String, red: [String: Any]) {
        let (store, root) = try ReportFixture.makeStore()
        defer { try? FileManager.default.removeItem(at: root) }
        let clock = CivilTime.Clock.fixed(ReportFixture.now.instant(in: ReportFixture.zone), timeZone: ReportFixture.zone)
        let html = try StoreExport.text("html", store: store, network: nil, clock: clock).value
        let json = try StoreExport.json(store, network: nil, today: ReportFixture.today, timeZone: ReportFixture.zone).value.rendered()
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let red = try #require((doc["redes"] as? [[String: Any]])?.first)
        return (html, red)
    }

    /// Every element marked `data-cifra`: its data attributes and its text.
    func figures(_ html: String) throws -> [(attributes: [String: String], text: String)] {
        let element = try Regex(#"<[a-z]+ [^>]*data-cifra="[^"]*"[^>]*>\s*([^<]*?)\s*<"#)
        let attribute = try Regex(#"data-([a-z]+)="([^"]*)""#)
        return html.matches(of: element).map { match in
            let tag = String(html[match.range])
            var attributes: [String: String] = [:]
            for a in tag.matches(of: attribute) {
                attributes[String(a.output[1].substring ?? "")] = String(a.output[2].substring ?? "")
            }
            return (attributes, String(match.output[1].substring ?? ""))
        }
    }

    /// The summary cards count the agreements by the state the JSON export gives them.
    @Test func summaryMatchesJSON() throws {
        let (html, red) = try render()
        let states = try #require(red["acuerdos"] as? [[String: Any]]).compactMap { $0["estado"] as? String }
        let shown = Dictionary(try figures(html).compactMap { f in f.attributes["cifra"].map { ($0, f.text) } }, uniquingKeysWith: { a, _ in a })
        let open = states.filter { ["pendiente", "en_proceso", "reprogramado", "vencido"].contains($0) }.count
        #expect(shown["acuerdos-abiertos"] == String(open))
        #expect(shown["acuerdos-vencidos"] == String(states.filter { $0 == "vencido" }.count))
        #expect(shown["acuerdos-cumplidos"] == String(states.filter { $0 == "cumplido" }.count))
        #expect(open == 5 && shown["acuerdos-vencidos"] == "2")
    }

    /// Each agreement's state label is the JSON export's `estado` for that id.
    @Test func agreementStatesMatchJSON() throws {
        let (html, red) = try render()
        let byID = Dictionary(uniqueKeysWithValues: try #require(red["acuerdos"] as? [[String: Any]]).map {
            ($0["id"] as? String ?? "", ($0["estado"] as? String ?? "").replacingOccurrences(of: "_", with: " "))
        })
        let shown = try figures(html).filter { $0.attributes["cifra"] == "estado" }
        #expect(shown.count == byID.count)
        for f in shown { #expect(byID[f.attributes["acuerdo"] ?? ""] == f.text, "\(f.attributes)") }
    }

    /// Attendance per meeting date is the number of `asistentes` of that occurrence in the JSON export.
    @Test func attendanceMatchesJSON() throws {
        let (html, red) = try render()
        var expected: [String: Int] = [:]
        for e in try #require(red["encuentros"] as? [[String: Any]]) {
            for o in e["ocurrencias"] as? [[String: Any]] ?? [] {
                guard let fecha = o["fecha"] as? String, fecha <= ReportFixture.today.iso else { continue }
                expected["\(e["id"] as? String ?? "")/\(fecha)"] = (o["asistentes"] as? [Any])?.count
            }
        }
        let shown = try figures(html).filter { $0.attributes["cifra"] == "asistentes" }
        let got = Dictionary(uniqueKeysWithValues: shown.map { ("\($0.attributes["encuentro"] ?? "")/\($0.attributes["fecha"] ?? "")", Int($0.text)) })
        #expect(got == expected.mapValues { Optional($0) })
        #expect(got["E-1/2027-03-03"] == 5 && got["E-1/2027-01-06"] == 0)
    }

    /// Diagnosis scores (Spanish decimal comma) and the level are the JSON export's.
    @Test func diagnosisMatchesJSON() throws {
        let (html, red) = try render()
        let diagnoses = try #require(red["diagnosticos"] as? [[String: Any]])
        let shown = try figures(html).filter { $0.attributes["cifra"] == "puntaje" }
        var count = 0
        for d in diagnoses {
            for (key, value) in d["puntajes"] as? [String: Double] ?? [:] {
                let cell = shown.first { $0.attributes["diagnostico"] == d["id"] as? String && $0.attributes["dimension"] == key }
                #expect(cell?.text == DiagnosisCalculator.decimal(value), "\(key)")
                count += 1
            }
        }
        #expect(shown.count == count && count == 12)
        let level = try figures(html).first { $0.attributes["cifra"] == "nivel" }
        #expect(level?.attributes["valor"] == diagnoses.last?["nivel"] as? String)
    }

    /// The purpose's appropriation count and member count are the JSON export's.
    @Test func appropriationMatchesJSON() throws {
        let (html, red) = try render()
        let shown = Dictionary(try figures(html).compactMap { f in f.attributes["cifra"].map { ($0, f.text) } }, uniquingKeysWith: { a, _ in a })
        let proposito = try #require(red["proposito"] as? [String: Any])
        #expect(shown["apropiaciones"] == String((proposito["apropiaciones"] as? [Any])?.count ?? -1))
        #expect(shown["miembros"] == String((red["miembros"] as? [Any])?.count ?? -1))
    }

    /// One file, nothing loaded from outside: no script, no external reference, a policy that forbids loading.
    @Test func selfContained() throws {
        let (html, _) = try render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src=") && !html.contains("<link") && !html.contains("url("))
        let external = html.components(separatedBy: "://").count - 1
        let svgNamespaces = html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1
        #expect(external == svgNamespaces && svgNamespaces >= 3)
        #expect(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"))
    }

    /// Text a person typed is shown as typed, never as markup (Plot does not escape `&`, nor attributes).
    @Test func userTextIsEscaped() throws {
        let (html, _) = try render()
        #expect(html.contains("Revisar &lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; «comillas» &amp;amp; más"))
        #expect(!html.contains("<script>alert"))
    }

    /// Dates are written in words, as the chat writes them.
    @Test func datesInSpanishWords() throws {
        let (html, _) = try render()
        #expect(html.contains("Informe al miércoles 14 de abril de 2027."))
        #expect(html.contains("Viernes 23 de abril a las 09:00"))
        #expect(html.contains("Miércoles 6 de enero"))  // the suspended date in the attendance table
        #expect(html.contains("Jornada de evaluación del semestre"))
    }

    /// An agreement's state on a past day comes from its registration and its history.
    @Test func timelineStates() {
        let a = Agreement(id: "A-1", text: "x", responsables: ["Ana"], deadline: LocalDate(year: 2027, month: 3, day: 20), evidence: nil,
                          status: .cumplido, registered: "2026-12-02T18:00:00-03:00",
                          history: [.init(at: "2027-03-25T09:00:00-03:00", status: .cumplido)])
        #expect(AgreementTimeline.status(of: a, on: LocalDate(year: 2026, month: 12, day: 1)) == nil)
        #expect(AgreementTimeline.status(of: a, on: LocalDate(year: 2027, month: 3, day: 1)) == .pendiente)
        #expect(AgreementTimeline.status(of: a, on: LocalDate(year: 2027, month: 3, day: 22)) == .vencido)
        #expect(AgreementTimeline.status(of: a, on: LocalDate(year: 2027, month: 3, day: 25)) == .cumplido)
        // Before a reprogramming the earlier plazo is unknown: never counted as overdue.
        let moved = Agreement(id: "A-2", text: "y", responsables: ["Ana"], deadline: LocalDate(year: 2027, month: 5, day: 1), evidence: nil,
                              status: .reprogramado, registered: "2027-01-08T18:00:00-03:00",
                              history: [.init(at: "2027-03-25T09:00:00-03:00", status: .reprogramado, deadline: LocalDate(year: 2027, month: 5, day: 1))])
        #expect(AgreementTimeline.status(of: moved, on: LocalDate(year: 2027, month: 3, day: 20)) == .pendiente)
    }

    /// The chart samples month ends when agreements span months, week ends when they span weeks, and ends today.
    @Test func sampleDays() {
        let a = Agreement(id: "A-1", text: "x", responsables: [], deadline: nil, evidence: nil, registered: "2026-12-02T18:00:00-03:00")
        let months = AgreementTimeline.sampleDays([a], today: ReportFixture.today)
        #expect(months.map(\.iso) == ["2026-12-31", "2027-01-31", "2027-02-28", "2027-03-31", "2027-04-14"])
        let b = Agreement(id: "A-2", text: "x", responsables: [], deadline: nil, evidence: nil, registered: "2027-03-30T18:00:00-03:00")
        #expect(AgreementTimeline.sampleDays([b], today: ReportFixture.today).map(\.iso) == ["2027-03-30", "2027-03-31", "2027-04-07", "2027-04-14"])
    }

    /// A network with nothing recorded yet gets a page that says so in each section.
    @Test func emptyNetwork() {
        let html = HTMLExport.document([NetworkSnapshot(network: Network(id: "r", name: "Red Nueva", kind: .microcentro))],
                                       today: ReportFixture.today, now: ReportFixture.now)
        #expect(html.contains("Todavía no hay acuerdos registrados."))
        #expect(html.contains("Todavía no hay encuentros realizados."))
        #expect(html.contains("Todavía no está escrito."))
        #expect(html.contains("No hay encuentros agendados en los próximos dos meses."))
    }
}
