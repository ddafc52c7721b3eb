import Foundation
import Testing

/// `minga status` / `minga estado` run as a person runs them, with the clock given by `--now`.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(".build/debug/minga").path)))
struct StatusBinaryTests {
    func tempStore() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("minga-status-\(UUID().uuidString)").path
    }

    /// A store made through the chat: a network and one agreement due on Friday 27 November 2026.
    func storeWithAgreement() throws -> String {
        let store = tempStore()
        let input = ["Red Norte", "rme", "Valdivia", "saltar", "sí", "anota que Marcela manda la planificación el viernes", "acta", "sí", ""]
        let r = try runMinga(["chat", "--store", store, "--now", "2026-11-25T10:00", "--user", "Ana"], input: input.joined(separator: "\n"))
        #expect(r.status == 0, "\(r.err)")
        return store
    }

    /// A store that is not there is an error naming its path, and status does not create it.
    @Test func missingStoreIsAnError() throws {
        let store = tempStore()
        let r = try runMinga(["status", "--store", store, "--now", "2026-11-25T10:00"])
        #expect(r.status == 1)
        #expect(r.err.contains("No hay un almacén en \(store): la carpeta no existe."), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    /// `estado` is the same command; the agreement is listed by plazo until it is overdue.
    @Test func aliasAndClock() throws {
        let store = try storeWithAgreement()
        defer { try? FileManager.default.removeItem(atPath: store) }
        let before = try runMinga(["status", "--store", store, "--now", "2026-11-25T10:00"])
        let alias = try runMinga(["estado", "--store", store, "--now", "2026-11-25T10:00"])
        #expect(before.status == 0, "\(before.err)")
        #expect(before.out == alias.out)
        #expect(before.out.hasPrefix("Red Norte: estado al miércoles 25 de noviembre de 2026, 10:00.\n"))
        #expect(before.out.contains("Próximos plazos (1 acuerdo abierto)\n- Acuerdo 1: Marcela manda la planificación (Marcela; vence el viernes 27 de noviembre)."))
        let after = try runMinga(["estado", "--store", store, "--now", "2026-11-30T09:00"])
        #expect(after.out.contains("Acuerdos vencidos (1)\n- Acuerdo 1: Marcela manda la planificación (Marcela; venció el viernes 27 de noviembre)."))
        #expect(!after.out.contains("Próximos plazos"))
    }

    /// An unknown network is an error that lists the ones the store has.
    @Test func unknownNetwork() throws {
        let store = try storeWithAgreement()
        defer { try? FileManager.default.removeItem(atPath: store) }
        let r = try runMinga(["status", "--store", store, "--network", "red-sur", "--now", "2026-11-25T10:00"])
        #expect(r.status == 1)
        #expect(r.err.contains("No encontré la red «red-sur» en \(store). Redes del almacén: red-norte."), "\(r.err)")
    }

    /// A network whose red.md was broken by hand is reported with its file and line, not as unknown.
    @Test func brokenNetworkFile() throws {
        let store = try storeWithAgreement()
        defer { try? FileManager.default.removeItem(atPath: store) }
        try "---\nid: red-norte\nnombre: [roto\n---\n".write(toFile: store + "/redes/red-norte/red.md", atomically: true, encoding: .utf8)
        let r = try runMinga(["status", "--store", store, "--network", "red-norte", "--now", "2026-11-25T10:00"])
        #expect(r.status == 1)
        #expect(r.err.contains("El archivo redes/red-norte/red.md tiene un problema en la línea"), "\(r.err)")
    }

    /// `export --format html` writes one page from the same store, with the agreement in it.
    @Test func exportHTML() throws {
        let store = try storeWithAgreement()
        defer { try? FileManager.default.removeItem(atPath: store) }
        let r = try runMinga(["export", "--store", store, "--now", "2026-11-25T10:00", "--format", "html"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("<!DOCTYPE html>"))
        #expect(r.out.contains("Marcela manda la planificación"))
        #expect(r.out.contains("Informe al miércoles 25 de noviembre de 2026."))
    }
}
