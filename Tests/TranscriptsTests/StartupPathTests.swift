import Foundation
import Testing

/// The chat's start-up shortcuts, seen from the binary: the plain reading of `minga chat`'s
/// options answers as the argument library does, and the compiled-dialogs cache is written once
/// and then used without changing a word.
@Suite struct StartupPathTests {
    let built = repositoryRoot.appendingPathComponent(".build/debug/minga")

    func tempDir() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("minga-startup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `--name value` (read without the library) and `--name=value` (read by it) start the same chat.
    @Test func plainOptionsMatchTheLibrary() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = "Red Valdivia Norte\n1\nValdivia\nLos Ríos\nsí\n"
        let plain = try runIsolated(built, ["chat", "--store", dir.appendingPathComponent("a").path, "--now", "2026-11-25T10:00",
                                            "--user", "Ana Pérez"], in: dir, input: input)
        let library = try runIsolated(built, ["chat", "--store=" + dir.appendingPathComponent("b").path, "--now=2026-11-25T10:00",
                                              "--user=Ana Pérez"], in: dir, input: input)
        #expect(plain.status == 0 && library.status == 0, "\(plain.err) \(library.err)")
        #expect(plain.out == library.out)
        #expect(plain.out.contains("¡Hola, Ana!") && plain.out.contains("Listo, creé la red «Red Valdivia Norte»."))
        // Without a subcommand, too.
        let bare = try runIsolated(built, ["--store", dir.appendingPathComponent("a").path, "--now", "2026-11-25T10:00",
                                           "--user", "Ana Pérez"], in: dir, input: "hola\n")
        #expect(bare.status == 0 && bare.out.contains("Estamos en «Red Valdivia Norte»"), "\(bare.err)")
    }

    /// A value the options refuse, or an option the chat doesn't have, still gets the library's
    /// Spanish usage error (exit 64).
    @Test func refusedOptionsStillExplained() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let zone = try runIsolated(built, ["chat", "--store", dir.path, "--tz", "Marte/Olympus"], in: dir)
        #expect(zone.status == 64 && zone.err.contains("No conozco la zona horaria «Marte/Olympus»"), "\(zone.err)")
        let now = try runIsolated(built, ["chat", "--store", dir.path, "--now", "mañana"], in: dir)
        #expect(now.status == 64 && now.err.contains("No entendí --now «mañana»"), "\(now.err)")
        let unknown = try runIsolated(built, ["chat", "--store", dir.path, "--color"], in: dir)
        #expect(unknown.status == 64 && unknown.err.contains("No conozco la opción «--color»"), "\(unknown.err)")
    }

    /// The first run writes the compiled dialogs under $XDG_CACHE_HOME/minga; the next uses
    /// them and says exactly the same.
    @Test func compiledDialogsCache() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent("cache")
        // Two stores: the second run must not resume the first one's conversation.
        func args(_ store: String) -> [String] {
            ["chat", "--store", dir.appendingPathComponent(store).path, "--now", "2026-11-25T10:00", "--user", "Ana"]
        }
        let first = try runIsolated(built, args("a"), in: dir, input: "hola\n", environment: ["XDG_CACHE_HOME": cache.path])
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("minga").path)
        #expect(entries.count == 1 && entries[0].hasPrefix("dialogos-"), "\(entries)")
        let second = try runIsolated(built, args("b"), in: dir, input: "hola\n", environment: ["XDG_CACHE_HOME": cache.path])
        #expect(first.status == 0 && first.out == second.out, "\(first.err) \(second.err)")
        #expect(first.out.contains("¿Cómo se llama la red?"))
    }
}
