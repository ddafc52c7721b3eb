import CivilTime
import Foundation
import Testing
@testable import Understanding

// Maintainer tool: `DUMP=phrases.txt DUMPNOW=2026-11-25T10:00 swift test --filter dump` writes
// phrases.txt.out with what the parser reads for each line, to review and paste into the tables.

/// Dumps parser output for review (only when DUMP is set).
@Test func dump() throws {
    guard let path = ProcessInfo.processInfo.environment["DUMP"], let now = ProcessInfo.processInfo.environment["DUMPNOW"] else { return }
    let ctx = TemporalContext(localNow: LocalDateTime(iso: now)!, timeZone: .santiago)
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    var out = ""
    for l in lines {
        let m = TemporalParser.parse(String(l), context: ctx)
        out += "\(l)\t\(render(m))\t[\(m?.text ?? "")]\n"
    }
    try out.write(toFile: path + ".out", atomically: true, encoding: .utf8)
}
