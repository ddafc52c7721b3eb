import Assistant
import CivilTime
import FileStore
import Foundation
import Testing
import Transcripts

/// The repository root, found from this file (tests never depend on the working directory).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func transcriptFiles() -> [String] {
    (try? TranscriptFiles.expand([repositoryRoot.appendingPathComponent("transcripts").path])) ?? []
}

@Suite struct TranscriptReplayTests {
    let flows = try! FlowSource(directory: repositoryRoot.appendingPathComponent("dialogs"))

    /// Every golden conversation in transcripts/ replays with the same replies and store contents.
    @Test(arguments: transcriptFiles())
    func replays(file: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let result = TranscriptRunner(flows: flows).run(try Transcript.parse(text, file: file), file: file)
        #expect(result.passed, "\(result.failures.joined(separator: "\n"))")
    }

    /// There are transcripts to replay at all.
    @Test func thereAreTranscripts() {
        #expect(transcriptFiles().count >= 8)
    }

    /// A wrong reply is reported as a failure with a diff naming the expected and actual lines.
    @Test func mismatchIsReported() throws {
        let text = """
        @now 2026-11-25T10:00 America/Santiago
        @user Ana Pérez
        @network Red Norte | rme | Valdivia
        < Hola, Ana. Estamos en «Red Norte».
        < ¿En qué te ayudo? Por ejemplo: «registrar un acuerdo» o «¿qué acuerdos están vencidos?».
        > registrar un acuerdo
        < Algo que Minga no dice.
        """
        let result = TranscriptRunner(flows: flows).run(try Transcript.parse(text), file: "t.txt")
        #expect(!result.passed)
        #expect(result.failures[0].contains("- Algo que Minga no dice."))
        #expect(result.failures[0].contains("+ Vamos a registrar un acuerdo."))
    }

    /// A failed @expect names the field, what the store has and what was expected.
    @Test func failedExpectationIsReported() throws {
        let text = """
        @now 2026-11-25T10:00 America/Santiago
        @network Red Norte | rme | Valdivia
        @expect acuerdos count=1
        """
        let result = TranscriptRunner(flows: flows).run(try Transcript.parse(text), file: "t.txt")
        #expect(result.failures.contains { $0.contains("hay 0 registros, se esperaban 1") })
    }

    /// Lines without a known prefix are rejected with their line number.
    @Test func malformedTranscriptIsRejected() {
        #expect(throws: TranscriptError.self) { try Transcript.parse("@now 2026-11-25T10:00\nhola\n") }
        // A second clock mid-conversation would silently apply to the whole file: @advance moves it.
        #expect(throws: TranscriptError.self) { try Transcript.parse("@now 2026-11-25T10:00\n> hola\n@now 2026-11-26T10:00\n> hola\n") }
    }

    /// `minga replay --now/--tz` (design.md: replay accepts both): they stand in for a missing
    /// `@now` and its zone; a transcript's own `@now` wins.
    @Test func defaultClockForReplay() throws {
        let t = try Transcript.parse("> hola\n", defaultNow: "2026-12-01T09:00", defaultTimeZone: "America/Punta_Arenas")
        #expect(t.now == "2026-12-01T09:00")
        #expect(t.timeZone == "America/Punta_Arenas")
        let own = try Transcript.parse("@now 2026-11-25T10:00\n> hola\n", defaultNow: "2026-12-01T09:00",
                                       defaultTimeZone: "America/Punta_Arenas")
        #expect(own.now == "2026-11-25T10:00")
        #expect(own.timeZone == "America/Punta_Arenas")
        let zoned = try Transcript.parse("@now 2026-11-25T10:00 America/Santiago\n", defaultNow: nil, defaultTimeZone: "UTC")
        #expect(zoned.timeZone == "America/Santiago")
        #expect(throws: TranscriptError.self) { try Transcript.parse("> hola\n") }
    }

    /// A recorded conversation replays as a passing transcript.
    @Test func recordingReplays() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-rec-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try FileStore(root: dir)
        let now = try #require(CivilTime.Clock.parseNow("2026-11-25T10:00", timeZone: .santiago))
        let assistant = Assistant(store: store, flows: flows, clock: .fixed(now, timeZone: .santiago))
        let session = assistant.session(for: UserRef(id: "Ana Pérez", name: "Ana Pérez"))
        var recorder = TranscriptRecorder(title: "grabada", now: "2026-11-25T10:00", timeZone: "America/Santiago",
                                          user: "Ana Pérez", network: nil)
        recorder.record(input: nil, reply: session.open())
        for line in ["Red Sur", "microcentro", "Panguipulli", "Los Ríos", "sí", "registrar un acuerdo", "leer juntos",
                     "yo", "mañana", "registro", "sí"] {
            recorder.record(input: line, reply: session.handle(line))
        }
        let result = TranscriptRunner(flows: flows).run(try Transcript.parse(recorder.text), file: "rec.txt")
        #expect(result.passed, "\(result.failures)")
    }
}

/// The conversation the README shows under «Así se conversa» is what Minga says today: its lines
/// starting with «> » are typed, every other line is a reply (a README example that drifted from the
/// product misled new users before).
@Suite struct ReadmeExampleTests {
    @Test func readmeConversationReplays() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## Así se conversa"))
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```"))
        let lines = rest[open.upperBound..<close.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count > 20 && lines.contains { $0.hasPrefix("> ") })
        let body = lines.map { $0.hasPrefix("> ") ? String($0) : "< " + $0 }.joined(separator: "\n")
        let text = "@now 2026-11-25T10:00 America/Santiago\n@user Ana Pérez\n" + body + "\n@expect acuerdos count=1\n"
        let flows = try FlowSource(directory: repositoryRoot.appendingPathComponent("dialogs"))
        let result = TranscriptRunner(flows: flows).run(try Transcript.parse(text), file: "README.md")
        #expect(result.passed, "\(result.failures.joined(separator: "\n"))")
    }
}
