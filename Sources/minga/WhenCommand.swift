import ArgumentParser
import CivilTime
import Foundation
import Understanding

/// `minga when [--now ISO8601] [--tz ZONE] [--region REGION] [TEXT]`: shows how Minga reads a date or time.
/// All the logic lives in `Understanding.WhenService`; this command only does I/O.
struct When: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "when",
        abstract: "Interpreta fechas, horas, rangos y recurrencias escritas en español (salida JSON).",
        discussion: """
        Con TEXTO imprime un objeto JSON. Sin TEXTO lee líneas JSON {"id":…, "text":…, "now":…} \
        de la entrada estándar y escribe una línea JSON por cada una, en el mismo orden.
        """
    )

    @Option(name: .long, help: ArgumentHelp("Congela el reloj en este instante (2026-11-25T10:00[:00], hora local de --tz, o con zona).",
                                            valueName: "fecha-hora"))
    var now: String?

    @Option(name: .long, help: ArgumentHelp("Zona horaria.", valueName: "zona"))
    var tz: String = "America/Santiago"

    @Option(name: .long, help: ArgumentHelp("La región de la red, para las vacaciones de invierno y de verano (por omisión, las fechas de la mayoría de las regiones).",
                                            valueName: "región"))
    var region: String?

    @Argument(help: ArgumentHelp("El texto a interpretar; sin él se leen líneas JSON de la entrada estándar.", valueName: "texto"))
    var text: [String] = []

    func validate() throws {
        guard let zone = TimeZone(identifier: tz) else {
            throw ValidationError("No conozco la zona horaria «\(tz)». Prueba con America/Santiago.")
        }
        if let region, ChileanCalendar.region(named: region) == nil {
            throw ValidationError("No conozco la región «\(region)». Prueba con «Los Ríos» o «Magallanes».")
        }
        if let now, Clock.parseNow(now, timeZone: zone) == nil {
            throw ValidationError("No entendí --now «\(now)». Usa el formato 2026-11-25T10:00.")
        }
    }

    func run() throws {
        let zone = TimeZone(identifier: tz) ?? .santiago
        let instant = now.flatMap { Clock.parseNow($0, timeZone: zone) } ?? Date()
        let service = WhenService(timeZone: zone, now: instant, region: region.flatMap { ChileanCalendar.region(named: $0) })
        if !text.isEmpty {
            let reply = service.respond(text: text.joined(separator: " "))
            print(reply)
            if reply.hasPrefix("{\"error\"") { throw ExitCode(1) }
            return
        }
        while let line = readLine(strippingNewline: true) {
            if let reply = service.respond(line: line) {
                print(reply)
                fflush(nil)
            }
        }
    }
}
