import EmbeddedDialogs
import Foundation
import Testing

/// Runs `binary` in `directory` with exactly `environment` (plus PATH and HOME), feeding `input`.
func runIsolated(_ binary: URL, _ arguments: [String], in directory: URL, input: String = "",
                 environment: [String: String] = [:]) throws -> (out: String, err: String, status: Int32) {
    let inherited = ProcessInfo.processInfo.environment
    let env = ["PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": directory.path].merging(environment) { $1 }
    return try runProcess(binary, arguments, environment: env, in: directory, input: input)
}

/// The files in `dialogs/`, as the generated EmbeddedDialogs.swift should hold them.
@Suite struct EmbeddedDialogsTests {
    /// The dialogs built into the binary are exactly dialogs/ (run `make dialogs` after editing one).
    @Test func embeddedDialogsMatchTheFolder() throws {
        let dir = repositoryRoot.appendingPathComponent("dialogs")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        #expect(EmbeddedDialogs.files.map(\.name) == names, "run `make dialogs`")
        for (name, text) in EmbeddedDialogs.files {
            let onDisk = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            #expect(text == onDisk, "\(name) differs from Sources/EmbeddedDialogs: run `make dialogs`")
        }
    }
}

@Suite(.enabled(if: FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(".build/debug/minga").path)))
struct CommandLineTests {
    let built = repositoryRoot.appendingPathComponent(".build/debug/minga")

    func tempDir() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("minga-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A binary copied out of the checkout chats with its built-in dialogs, no folder needed.
    @Test func copiedBinaryChatsWithBuiltInDialogs() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("minga")
        // Copied by `cp`, not in this process: a child another test forks meanwhile would inherit
        // our open write descriptor and the copy's exec would fail with «Text file busy».
        let cp = Process()
        cp.executableURL = URL(fileURLWithPath: "/bin/cp")
        cp.arguments = [built.path, copy.path]
        try cp.run()
        cp.waitUntilExit()
        #expect(cp.terminationStatus == 0)
        // `cp` creates the copy with the process's umask, and a server test running in parallel
        // in this process narrows it to 0177 while it binds its Unix socket (MingaServer): a copy
        // made in that window was 0600 and its launch failed with «Permission denied» (the CI
        // failure of the 21st session). The copy is made executable whatever the umask was.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.path)
        let r = try runFreshCopy(copy, ["chat", "--store", dir.appendingPathComponent("almacen").path, "--now", "2026-11-25T10:00"],
                                 in: dir, input: "hola\n")
        #expect(r.status == 0, "status \(r.status): \(r.err)")
        #expect(r.out.contains("¿Cómo se llama la red?"), "out: \(r.out)\nerr: \(r.err)")
        let check = try runFreshCopy(copy, ["check"], in: dir)
        #expect(check.status == 0 && check.out.contains("diálogos incluidos en minga"),
                "status \(check.status), out: \(check.out)\nerr: \(check.err)")
    }

    /// Runs a binary that was just written: a failed launch of the fresh copy (on Linux, «Text file
    /// busy» while any process still holds a write descriptor to it) is retried for a few seconds, and
    /// the expectations above print what the binary said.
    func runFreshCopy(_ binary: URL, _ arguments: [String], in directory: URL, input: String = "") throws
        -> (out: String, err: String, status: Int32) {
        for _ in 0..<30 {
            if let r = try? runIsolated(binary, arguments, in: directory, input: input) { return r }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try runIsolated(binary, arguments, in: directory, input: input)
    }

    /// `--dialogs` wins over the built-in dialogs, and a missing folder is named with where it came from.
    @Test func dialogsFolderOverridesAndIsExplained() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("almacen").path
        let missing = try runMinga(["chat", "--store", store, "--dialogs", dir.appendingPathComponent("nada").path], input: "hola\n")
        #expect(missing.status == 1)
        #expect(missing.err.contains("No encuentro la carpeta de diálogos") && missing.err.contains("--dialogs"))
        let env = try runIsolated(built, ["chat", "--store", store], in: dir, input: "hola\n",
                                  environment: ["MINGA_DIALOGS": dir.appendingPathComponent("otra").path])
        #expect(env.status == 1 && env.err.contains("$MINGA_DIALOGS"))
        let flows = dir.appendingPathComponent("flujos")
        try FileManager.default.createDirectory(at: flows, withIntermediateDirectories: true)
        try "id: saludo\ntitle: Saludo\ntriggers: [buenas tardes]\nslots: []\ndone: ¡Buenas tardes desde mi carpeta!\n"
            .write(to: flows.appendingPathComponent("saludo.yaml"), atomically: true, encoding: .utf8)
        let custom = try runMinga(["chat", "--store", store, "--dialogs", flows.path, "--now", "2026-11-25T10:00"],
                                  input: "buenas tardes\n")
        #expect(custom.out.contains("¡Buenas tardes desde mi carpeta!"), "\(custom.err)")
    }

    /// `--version` and `version` print the version and exit 0.
    @Test func versionIsPrinted() throws {
        for arguments in [["--version"], ["version"]] {
            let r = try runMinga(arguments)
            #expect(r.status == 0)
            #expect(r.out.hasPrefix("minga ") && r.out.contains("."), "\(arguments): \(r.out)")
        }
    }

    /// A mistyped subcommand is a usage error with a suggestion, not an argument of the chat.
    @Test func unknownSubcommandsAreRejected() throws {
        let typo = try runMinga(["exprot", "--format", "json"])
        #expect(typo.status == 64)
        #expect(typo.err.contains("No conozco el subcomando «exprot». ¿Quisiste decir «minga export»?"))
        let text = try runMinga(["hola"])
        #expect(text.status == 64 && text.err.contains("Los subcomandos son: chat,"))
        let help = try runMinga(["help", "nope"])
        #expect(help.status == 64 && help.err.contains("No hay ayuda para «nope»"))
        let good = try runMinga(["help", "export"])
        #expect(good.status == 0 && good.out.contains("--format <formato>"))
    }

    /// Help and errors use Spanish value names and wording, and the help lists the exit codes.
    @Test func helpIsSpanishThroughout() throws {
        let root = try runMinga(["--help"])
        #expect(root.out.contains("CÓDIGOS DE SALIDA:") && root.out.contains("  64  La orden está mal escrita"))
        for command in ["chat", "export", "serve", "replay", "check", "when", "status", "completions"] {
            let r = try runMinga([command, "--help"])
            #expect(r.status == 0)
            for english in ["(values:", "<store>", "<now>", "<tz>", "<network>", "<format>", "<paths>", "<directory>",
                            "<text>", "<tcp>", "<unix>", "<token-file>", "<log-level>", "USAGE", "(default"] {
                #expect(!r.out.contains(english), "«\(english)» en minga \(command) --help")
            }
        }
        let error = try runMinga(["export", "--format", "xml"])
        #expect(!error.err.contains("Error:"), "\(error.err)")
    }

    /// The man page comes from the command definitions: every subcommand, its options, the exit codes.
    @Test func manualCoversEveryCommand() throws {
        let r = try runMinga(["manual"])
        #expect(r.status == 0)
        for name in ["chat", "replay", "check", "export", "when", "serve", "status", "completions"] {
            #expect(r.out.contains(".SS \"minga \(name)\""), "falta minga \(name)")
        }
        #expect(r.out.hasPrefix(".TH MINGA 1"))
        #expect(r.out.contains(".SH C\\[u00D3]DIGOS DE SALIDA\n.TP\n.B 0\n"))
        #expect(r.out.contains("\\fB\\-\\-dialogs\\fR \\fI<carpeta>\\fR"))
        #expect(!r.out.contains("Show subcommand help"))
    }

    /// `completions` prints a script for each shell and rejects any other.
    @Test func completionScripts() throws {
        for shell in ["bash", "zsh", "fish"] {
            let r = try runMinga(["completions", shell])
            #expect(r.status == 0)
            #expect(r.out.contains("export") && r.out.contains("format") && r.out.contains("dialogs"), "\(shell)")
            #expect(!r.out.contains("Show help information"), "\(shell)")
        }
        #expect(try runMinga(["completions", "tcsh"]).status == 64)
    }

    /// Reading a store that does not exist is an error naming the path, and creates nothing.
    @Test func exportNeverCreatesAStore() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let typo = dir.appendingPathComponent("almacen-mal-escrito")
        let r = try runMinga(["export", "--store", typo.path, "--format", "json"])
        #expect(r.status == 1)
        #expect(r.err.contains("No hay un almacén en \(typo.path)") && r.err.contains("--store"))
        #expect(r.out.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: typo.path))
        let env = try runMinga(["export", "--format", "csv"], environment: ["MINGA_STORE": typo.path])
        #expect(env.status == 1 && env.err.contains("$MINGA_STORE"))
        let plain = try runMinga(["export", "--store", dir.path, "--format", "json"])
        #expect(plain.status == 1 && plain.err.contains("no es un almacén de Minga"))
    }

    /// A store whose folder cannot be written is exported without creating `.lock`; a wrong network lists the real ones.
    @Test func readOnlyStoreExportsAndNetworksAreListed() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("almacen")
        _ = try runMinga(["chat", "--store", store.path, "--now", "2026-11-25T10:00", "--user", "Ana"],
                         input: "Red Norte\nrme\nValdivia\nsaltar\nsí\n")
        try FileManager.default.removeItem(at: store.appendingPathComponent(".lock"))
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: store.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: store.path) }
        let r = try runMinga(["export", "--store", store.path, "--now", "2026-11-25T10:00", "--format", "json"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("\"id\": \"red-norte\""))
        #expect(!FileManager.default.fileExists(atPath: store.appendingPathComponent(".lock").path))
        let wrong = try runMinga(["export", "--store", store.path, "--format", "json", "--network", "red-nrte"])
        #expect(wrong.status == 1)
        #expect(wrong.err.contains("No hay una red «red-nrte»") && wrong.err.contains("¿Quisiste decir «red-norte»?"))
    }

    /// A store that cannot be created says why (a file where a folder should be).
    @Test func uncreatableStoreSaysWhy() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("archivo")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let r = try runMinga(["chat", "--store", file.appendingPathComponent("almacen").path], input: "hola\n")
        #expect(r.status == 1)
        #expect(r.err.contains("una parte de la ruta es un archivo, no una carpeta"), "\(r.err)")
        let onFile = try runMinga(["chat", "--store", file.path], input: "hola\n")
        #expect(onFile.status == 1 && onFile.err.contains("no es una carpeta"))
    }

    /// Under journald, `serve` writes one line per event with a syslog priority and no timestamp.
    @Test func serveLogsForJournald() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let socket = dir.appendingPathComponent("s.sock").path
        let p = Process()
        p.executableURL = built
        p.arguments = ["serve", "--store", dir.appendingPathComponent("almacen").path, "--unix", socket, "--log-format", "journal"]
        var env = ProcessInfo.processInfo.environment
        env["MINGA_DIALOGS"] = repositoryRoot.appendingPathComponent("dialogs").path
        p.environment = env
        let stderr = Pipe()
        p.standardError = stderr
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: socket) && Date() < deadline { usleep(20_000) }
        p.terminate()
        let err = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let lines = err.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("<6>minga.serve: escuchando ") }, "\(err)")
        #expect(lines.allSatisfy { $0.hasPrefix("<") }, "\(err)")
        #expect(!err.contains("+0000") && !err.contains("-0300"))
    }
}

/// The name the terminal chat asked once is remembered by the store (`quien-escribe`, 0600) and
/// used by later chats, piped ones included; `--user` still wins.
@Test func rememberedTerminalName() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-quien-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try Data("Carmen Soto\n".utf8).write(to: dir.appendingPathComponent("quien-escribe"))
    let remembered = try runMinga(["chat", "--store", dir.path, "--now", "2026-11-25T10:00"], input: "hola\n")
    #expect(remembered.out.contains("¡Hola, Carmen!"), "\(remembered.out)")
    let given = try runMinga(["chat", "--store", dir.path, "--now", "2026-11-25T10:00", "--user", "Luis Soto"], input: "hola\n")
    #expect(given.out.contains("¡Hola, Luis!"), "\(given.out)")
}
