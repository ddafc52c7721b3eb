import CivilTime
import Domain
import FileStore
import Foundation

/// A network in its fifth month, written through the real file store: members, a purpose half
/// made their own, a monthly series with actas (one suspended, one without acta), a coming
/// jornada, agreements in every state, two diagnoses and an open poll. The report and status
/// tests read it at `now` (Wednesday 14 April 2027, 10:00 in Santiago).
enum ReportFixture {
    static let zone = TimeZone(identifier: "America/Santiago")!
    static let today = LocalDate(year: 2027, month: 4, day: 14)
    static let now = LocalDateTime(date: today, time: LocalTime(hour: 10))
    static let network = "red-valdivia-norte"
    /// An agreement text that tries to be markup.
    static let hostileText = "Revisar <script>alert(\"x\")</script> & «comillas» &amp; más"

    static func date(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d) }
    static func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int = 0) -> LocalDateTime {
        LocalDateTime(date: date(y, m, d), time: LocalTime(hour: h, minute: min))
    }
    static func stamp(_ y: Int, _ m: Int, _ d: Int) -> String { at(y, m, d, 18).rfc3339(in: zone) }

    /// A new store in a temporary folder, filled; the caller removes it.
    static func makeStore() throws -> (FileStore, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("minga-report-\(UUID().uuidString)")
        let store = try FileStore(root: root)
        try fill(store)
        return (store, root)
    }

    static func fill(_ store: FileStore) throws {
        let n = try store.createNetwork(Network(id: "", name: "Red Valdivia Norte", kind: .rme, territory: "Valdivia",
                                                region: "Los Ríos", created: date(2026, 11, 25)), key: nil)
        precondition(n.id == network)
        let members = [("Ana Pérez", "directora", "Escuela Los Aromos"), ("Luis Soto", "jefe UTP", "Liceo Austral"),
                       ("Marta Rojas", "supervisora DEPROV", "Deprov Valdivia"), ("Marcela Díaz", "directora", "Escuela Rural Pishuinco"),
                       ("Jorge Vera", "jefe UTP", "Colegio Los Robles")]
        for (name, role, school) in members {
            try store.saveMember(Member(id: "", name: name, role: role, school: school, since: date(2026, 11, 25)), network: network)
        }
        try store.savePurpose(Purpose(
            statement: "Que todos nuestros estudiantes lean comprensivamente al terminar segundo básico.",
            objectives: ["Compartir estrategias de lectura temprana", "Acompañar el aula entre escuelas"],
            date: date(2026, 12, 2), participants: ["Ana Pérez", "Luis Soto", "Marta Rojas"],
            appropriations: [
                .init(member: "Ana Pérez", text: "Que los cursos combinados lean todos los días 20 minutos.", commitment: "Abrir mi aula a una visita", date: date(2026, 12, 3)),
                .init(member: "Luis Soto", text: "Ordenar el plan lector del liceo con el de las escuelas.", date: date(2026, 12, 9)),
                .init(member: "Marta Rojas", text: "Acompañar a las escuelas rurales en la lectura temprana.", date: date(2027, 3, 4)),
            ]), network: network)

        let series = at(2026, 12, 2, 16)
        var e1 = try store.addMeeting(Meeting(id: "", title: "Reunión mensual de la red", kind: .regular, start: series,
                                              durationMinutes: 120, place: "Escuela Los Aromos", rrule: "FREQ=MONTHLY;BYDAY=1WE",
                                              agenda: ["Avances del plan lector", "Acuerdos pendientes"],
                                              participants: members.map(\.0)), network: network, key: nil)
        e1.record(Occurrence(date: date(2026, 12, 2), start: series, ledBy: "Marta Rojas",
                             attendees: ["Ana Pérez", "Luis Soto", "Marta Rojas", "Marcela Díaz"], agreements: ["A-1", "A-2"], status: .realizada))
        e1.record(Occurrence(date: date(2027, 1, 6), start: at(2027, 1, 6, 16), notes: "Vacaciones", status: .suspendida))
        e1.record(Occurrence(date: date(2027, 3, 3), start: at(2027, 3, 3, 16), ledBy: "Ana Pérez",
                             attendees: members.map(\.0), agreements: ["A-5", "A-6"], status: .realizada))
        e1.record(Occurrence(date: date(2027, 4, 7), start: at(2027, 4, 7, 16), ledBy: "Luis Soto",
                             attendees: ["Ana Pérez", "Luis Soto", "Jorge Vera"], agreements: ["A-7"], status: .realizada))
        try store.updateMeeting(e1, network: network)
        _ = try store.addMeeting(Meeting(id: "", title: "Jornada de evaluación del semestre", kind: .jornada, start: at(2027, 4, 23, 9),
                                         durationMinutes: 240, place: "Liceo Austral", agenda: ["Balance del plan lector", "Planificación del segundo semestre"]),
                                 network: network, key: nil)

        func agreement(_ text: String, _ who: [String], due: LocalDate, registered: LocalDate, status: Agreement.Status = .pendiente,
                       history: [Agreement.Change] = [], delivered: String? = nil) throws {
            _ = try store.addAgreement(Agreement(id: "", text: text, responsables: who, deadline: due, evidence: "acta", status: status,
                                                 registered: stamp(registered.year, registered.month, registered.day),
                                                 evidenceDelivered: delivered, history: history), network: network, key: nil)
        }
        try agreement("Compartir la planificación de lectura", ["Ana Pérez"], due: date(2026, 12, 16), registered: date(2026, 12, 2),
                      status: .cumplido, history: [.init(at: stamp(2026, 12, 15), status: .cumplido, note: "evidencia: planificación")],
                      delivered: "planificación")
        try agreement("Aplicar la prueba de fluidez lectora", ["Luis Soto", "Marcela Díaz"], due: date(2027, 3, 20), registered: date(2026, 12, 2),
                      status: .cumplido, history: [.init(at: stamp(2027, 3, 18), status: .cumplido, note: "evidencia: resultados")],
                      delivered: "resultados")
        try agreement(hostileText, ["Jorge Vera"], due: date(2027, 3, 31), registered: date(2027, 1, 8))
        try agreement("Visitar el aula de Pishuinco", ["Marta Rojas"], due: date(2027, 5, 14), registered: date(2027, 1, 8),
                      status: .reprogramado, history: [.init(at: stamp(2027, 3, 25), status: .reprogramado, note: "lluvias", deadline: date(2027, 5, 14))])
        try agreement("Preparar la pauta de observación", ["Ana Pérez", "Marta Rojas"], due: date(2027, 4, 16), registered: date(2027, 3, 3),
                      status: .enProceso, history: [.init(at: stamp(2027, 4, 1), status: .enProceso, note: "borrador listo")])
        try agreement("Enviar los resultados del diagnóstico", ["Marcela Díaz"], due: date(2027, 4, 9), registered: date(2027, 3, 3))
        try agreement("Organizar la pasantía a Los Robles", ["Jorge Vera"], due: date(2027, 4, 30), registered: date(2027, 4, 7))
        try agreement("Conseguir la sala de computación", ["Luis Soto"], due: date(2027, 2, 26), registered: date(2026, 12, 2),
                      status: .noCumplido, history: [.init(at: stamp(2027, 3, 3), status: .noCumplido, note: "sin sala")])

        _ = try store.addDiagnosis(Diagnosis(id: "", date: date(2026, 12, 2), level: .intercambio,
                                             scores: ["confianza": 2.4, "proposito_compartido": 1.8, "colaboracion": 1.6,
                                                      "gestion_conocimiento": 1.5, "liderazgo_distribuido": 1.4, "vinculo_territorio": 2.0],
                                             indicators: ["reflexiones_registradas": 0]), network: network, key: nil)
        _ = try store.addDiagnosis(Diagnosis(id: "", date: date(2027, 4, 7), level: .coordinacion,
                                             scores: ["confianza": 3.2, "proposito_compartido": 2.9, "colaboracion": 2.5,
                                                      "gestion_conocimiento": 2.2, "liderazgo_distribuido": 2.0, "vinculo_territorio": 2.3],
                                             indicators: ["acuerdos_cumplidos_a_tiempo": 0.5], reasons: ["Promedio de las respuestas: 2,5 de 4."]),
                                   network: network, key: nil)
        _ = try store.addPoll(Poll(id: "", title: "Jornada de cierre de semestre", options: [at(2027, 7, 7, 15), at(2027, 7, 8, 9)],
                                   answers: [.init(member: "Ana Pérez", canAttend: [at(2027, 7, 7, 15)]),
                                             .init(member: "Luis Soto", canAttend: [at(2027, 7, 7, 15), at(2027, 7, 8, 9)])],
                                   createdBy: "Marta Rojas"), network: network, key: nil)
    }
}
