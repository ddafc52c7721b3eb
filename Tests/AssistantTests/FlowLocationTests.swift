import Assistant
import Foundation
import Testing

/// Where `minga` takes its dialogs from (FlowSource.locate).
struct FlowLocationTests {
    /// A temporary folder with a `dialogs/acuerdo.yaml` inside `sub` (or none when nil).
    func tree(dialogsIn sub: String?) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("minga-loc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if let sub {
            let dir = root.appendingPathComponent(sub).appendingPathComponent("dialogs")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try "id: acuerdo\n".write(to: dir.appendingPathComponent("acuerdo.yaml"), atomically: true, encoding: .utf8)
        }
        return root
    }

    /// `--dialogs` wins over `$MINGA_DIALOGS`, which wins over `./dialogs`.
    @Test func optionThenEnvironmentThenWorkingDirectory() throws {
        let root = try tree(dialogsIn: ".")
        defer { try? FileManager.default.removeItem(at: root) }
        let env = ["MINGA_DIALOGS": "/env/dialogs"]
        #expect(FlowSource.locate(option: "/opt/d", environment: env, currentDirectory: root.path, executable: "/usr/bin/minga")
            == .folder(URL(fileURLWithPath: "/opt/d"), .option))
        #expect(FlowSource.locate(option: nil, environment: env, currentDirectory: root.path, executable: "/usr/bin/minga")
            == .folder(URL(fileURLWithPath: "/env/dialogs"), .environment))
        #expect(FlowSource.locate(option: nil, environment: [:], currentDirectory: root.path, executable: "/usr/bin/minga")
            == .folder(root.appendingPathComponent("dialogs"), .workingDirectory))
    }

    /// A binary inside `.build` finds its checkout's dialogs; an installed one never looks above itself.
    @Test func onlyABuildFolderBinaryLooksForItsCheckout() throws {
        let root = try tree(dialogsIn: "checkout")
        defer { try? FileManager.default.removeItem(at: root) }
        let elsewhere = FileManager.default.temporaryDirectory.path
        let built = root.appendingPathComponent("checkout/.build/debug/minga").path
        #expect(FlowSource.locate(option: nil, environment: [:], currentDirectory: elsewhere, executable: built)
            == .folder(root.appendingPathComponent("checkout/dialogs"), .checkout))
        let installed = root.appendingPathComponent("checkout/bin/minga").path
        #expect(FlowSource.locate(option: nil, environment: [:], currentDirectory: elsewhere, executable: installed) == .builtIn)
    }
}
