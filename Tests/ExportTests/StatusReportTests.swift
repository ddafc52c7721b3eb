import CivilTime
import Domain
import Export
import FileStore
import Foundation
import Testing

/// `minga status`: what a facilitator checks before a meeting, from the fixture store.
@Suite struct StatusReportTests {
    func snapshot() throws -> NetworkSnapshot {
        let (store, root) = try ReportFixture.makeStore()
        defer { try? FileManager.default.removeItem(at: root) }
        return try store.snapshot(network: ReportFixture.network).value
    }

    func status(limit: Int = 5) throws -> String {
        StatusReport.text(try snapshot(), now: ReportFixture.now, limit: limit)
    }

    /// The heading names the network and the moment, in words.
    @Test func heading() throws {
        #expect(try status().hasPrefix("Red Valdivia Norte: estado al miércoles 14 de abril de 2027, 10:00.\n\n"))
    }

    /// The next meetings within 30 days, moved and suspended dates included as recorded.
    @Test func nextMeetings() throws {
        #expect(try status().contains("""
        Próximos encuentros
        - viernes 23 de abril a las 09:00: «Jornada de evaluación del semestre» (E-2), en el Liceo Austral. Tabla: Balance del plan lector; Planificación del segundo semestre.
        - miércoles 5 de mayo a las 16:00: «Reunión mensual de la red» (E-1), en la Escuela Los Aromos. Tabla: Avances del plan lector; Acuerdos pendientes.

        """))
    }

    /// Overdue agreements come first, then the open ones by plazo.
    @Test func overdueThenNextDue() throws {
        let text = try status()
        #expect(text.contains("""
        Acuerdos vencidos (2)
        - Acuerdo 3: \(ReportFixture.hostileText) (Jorge Vera; venció el miércoles 31 de marzo).
        - Acuerdo 6: Enviar los resultados del diagnóstico (Marcela Díaz; venció el viernes 9 de abril).

        Próximos plazos (3 acuerdos abiertos)
        - Acuerdo 5: Preparar la pauta de observación (Ana Pérez y Marta Rojas; vence el viernes 16 de abril; en proceso).
        - Acuerdo 7: Organizar la pasantía a Los Robles (Jorge Vera; vence el viernes 30 de abril).
        - Acuerdo 4: Visitar el aula de Pishuinco (Marta Rojas; vence el viernes 14 de mayo; reprogramado).
        """))
        #expect(text.range(of: "Acuerdos vencidos")!.lowerBound < text.range(of: "Próximos plazos")!.lowerBound)
    }

    /// Long lists stop at the limit and say how many more there are.
    @Test func boundedLists() throws {
        let text = try status(limit: 1)
        #expect(text.contains("- Acuerdo 3: "))
        #expect(!text.contains("- Acuerdo 6: "))
        #expect(text.contains("(Marcela Díaz; venció el viernes 9 de abril).") == false)
        #expect(text.contains("\n  y 1 más.\n"))
        #expect(text.contains("\n  y 2 más.\n"))
        #expect(text.contains("\n  y 1 más en los próximos 30 días.\n"))
    }

    /// Open polls say who has not answered yet: as every other summary does (`Poll.waiting`),
    /// without the poll's creator (Marta Rojas), who proposed the options.
    @Test func pendingPolls() throws {
        #expect(try status().contains("""
        Sondeos abiertos (1)
        - Sondeo 1, «Jornada de cierre de semestre»: respondieron 2 personas de 5 miembros. Falta que respondan: Jorge Vera y Marcela Díaz. Por ahora la mejor opción es el miércoles 7 de julio a las 15:00.
        """))
    }

    /// Members who have not made the purpose their own are named.
    @Test func appropriation() throws {
        #expect(try status().hasSuffix("""
        Propósito común
        - Falta que lo hagan suyo: Jorge Vera y Marcela Díaz (3 de 5 ya escribieron qué significa para su escuela).

        """))
    }

    /// A new network hears what to do first, and no poll section appears without polls.
    @Test func emptyNetwork() {
        let text = StatusReport.text(NetworkSnapshot(network: Network(id: "r", name: "Microcentro Los Copihues", kind: .microcentro)),
                                     now: ReportFixture.now)
        #expect(text == """
        Microcentro Los Copihues: estado al miércoles 14 de abril de 2027, 10:00.

        Próximos encuentros
        - No hay encuentros agendados. Escribe «agendar un encuentro» en el chat para agendar uno.

        Acuerdos
        - Todavía no hay acuerdos registrados.

        Propósito común
        - Todavía no está escrito. Escribe «escribir el propósito» en el chat para acordarlo.

        """)
    }
}
