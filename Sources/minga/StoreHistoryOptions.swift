import Domain
import FileStore
import Foundation
import StoreHistory

extension StoreOptions {
    /// The store's history when it is under git (`minga init --git`), else nil: plain stores keep
    /// working as before. Opening it finishes a sync that was cut off and commits what a run
    /// that died left queued.
    func openHistory(interval: Duration? = .milliseconds(300)) throws -> GitHistory? {
        guard GitHistory.isRepository(storeURL) else { return nil }
        do {
            return try GitHistory(root: storeURL, interval: interval, timeZone: timeZone)
        } catch {
            throw CLIError("No pude abrir el historial del almacén \(storeURL.path): \(error)")
        }
    }

    /// The history, required (`historial`, `sync`, `conflictos`).
    func requireHistory() throws -> GitHistory {
        let path = StorePath(url: storeURL, origin: storeOrigin)
        if let problem = path.problemForReading() { throw CLIError(problem) }
        guard let h = try openHistory(interval: nil) else {
            throw CLIError("El almacén \(storeURL.path) no lleva historial. Actívalo con «minga init --git --store \(storeURL.path)»: "
                + "tus registros se quedan como están y desde ahí cada cambio queda anotado con quién lo hizo.")
        }
        return h
    }

    /// The network a command is about: the one named, else the only one in the store.
    func network(_ named: String?) throws -> String {
        if let named { return Slug.make(named) }
        let ids = ((try? FileManager.default.contentsOfDirectory(atPath: storeURL.appendingPathComponent("redes").path)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
        guard ids.count == 1 else {
            throw CLIError(ids.isEmpty ? "El almacén no tiene redes todavía."
                : "El almacén tiene varias redes (\(ids.joined(separator: ", "))); elige una con --red.")
        }
        return ids[0]
    }
}
