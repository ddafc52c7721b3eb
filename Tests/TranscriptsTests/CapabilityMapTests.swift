import Foundation
import Testing

/// docs/capacidades.md maps every ability of issue 12 (point 3) to the flows and transcripts that
/// prove it. These checks keep the map true: a renamed transcript or flow, or an ability left with
/// fewer than three flows, fails here.
@Suite struct CapabilityMapTests {
    /// One `##` section of the map: its title, and per table row the flow and the files named.
    struct Ability {
        var title: String
        var rows: [(flow: String, files: [String])] = []
    }

    /// The abilities of `text`: each `## ` heading, with the table rows (`| `flujo` | … |`) under it.
    static func abilities(_ text: String) -> [Ability] {
        var out: [Ability] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("## ") {
                out.append(Ability(title: String(line.dropFirst(3))))
            } else if line.hasPrefix("| `"), !out.isEmpty {
                let quoted = line.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                    .filter { $0.offset % 2 == 1 }.map { String($0.element) }
                guard let flow = quoted.first else { continue }
                out[out.count - 1].rows.append((flow, quoted.dropFirst().filter { $0.hasSuffix(".txt") }))
            }
        }
        return out
    }

    static func map() throws -> [Ability] {
        abilities(try String(contentsOf: repositoryRoot.appendingPathComponent("docs/capacidades.md"), encoding: .utf8))
    }

    /// The map covers the abilities of point 3 (split into single abilities), not a shortened list.
    @Test func mapHasEveryAbility() throws {
        let map = try Self.map()
        #expect(map.count >= 36, "docs/capacidades.md lists \(map.count) abilities")
        #expect(Set(map.map(\.title)).count == map.count, "an ability is listed twice")
    }

    /// Every ability is proven in at least three different flows, each row naming a transcript.
    @Test func everyAbilityHasThreeFlows() throws {
        for ability in try Self.map() {
            let flows = Set(ability.rows.map(\.flow))
            #expect(flows.count >= 3, "«\(ability.title)» has \(flows.count) flows: \(flows.sorted())")
            for row in ability.rows {
                #expect(!row.files.isEmpty, "«\(ability.title)», flow \(row.flow): no transcript named")
            }
        }
    }

    /// Every transcript and every flow the map names exists.
    @Test func namedFilesAndFlowsExist() throws {
        let fm = FileManager.default
        for ability in try Self.map() {
            for row in ability.rows {
                let dialog = repositoryRoot.appendingPathComponent("dialogs/\(row.flow).yaml").path
                #expect(fm.fileExists(atPath: dialog), "«\(ability.title)»: no flow dialogs/\(row.flow).yaml")
                for file in row.files {
                    let path = repositoryRoot.appendingPathComponent("transcripts/\(file)").path
                    #expect(fm.fileExists(atPath: path), "«\(ability.title)»: no transcripts/\(file)")
                }
            }
        }
    }

    /// The reader finds rows and flows, so the checks above can fail (an empty parse would pass them).
    @Test func readerFindsRowsAndFlows() {
        let text = """
        ## Algo
        | flujo | qué | transcripciones |
        |---|---|---|
        | `acuerdo` | «hola» | `a.txt`, `b.txt` |
        | `encuentro` | x | `c.txt` |
        ## Otra
        | `red` | y | `d.txt` |
        """
        let a = Self.abilities(text)
        #expect(a.map(\.title) == ["Algo", "Otra"])
        #expect(a[0].rows.map(\.flow) == ["acuerdo", "encuentro"])
        #expect(a[0].rows[0].files == ["a.txt", "b.txt"])
        #expect(a[1].rows.first?.files == ["d.txt"])
    }
}
