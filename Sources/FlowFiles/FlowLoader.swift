import DialogEngine
import Foundation
import YAMLSupport
import Yams

/// Reads `dialogs/*.yaml` into flow definitions and validates them, reporting every problem
/// with its file, line and column, and a "¿quisiste decir …?" when a name is close to a valid one.
public enum FlowLoader {
    /// Loads and validates every `*.yaml` / `*.yml` file in `directory`, in name order; with
    /// `cache`, unchanged files are taken compiled from there (`CompiledFlows`).
    public static func load(directory: URL, cache: URL? = nil) throws(FlowFileErrors) -> [FlowDefinition] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        } catch {
            throw FlowFileErrors(errors: [FlowFileError(file: directory.path, line: 1, column: 1,
                                                        message: "no pude leer la carpeta de diálogos")])
        }
        var sources: [(String, String)] = []
        var unreadable: [FlowFileError] = []
        for name in names {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path),
                  let text = String(data: data, encoding: .utf8) else {
                // Reported with the others: one bad file should not hide the rest's errors.
                unreadable.append(FlowFileError(file: url.path, line: 1, column: 1, message: "no es texto UTF-8 válido"))
                continue
            }
            sources.append((url.path, text))
        }
        let flows: [FlowDefinition]
        do throws(FlowFileErrors) {
            flows = try CompiledFlows.load(sources: sources, cache: unreadable.isEmpty ? cache : nil)
        } catch {
            throw FlowFileErrors(errors: unreadable + error.errors)
        }
        guard unreadable.isEmpty else { throw FlowFileErrors(errors: unreadable) }
        return flows
    }

    /// Loads flows from (file name, YAML text) pairs; all problems are collected before throwing.
    public static func load(sources: [(file: String, text: String)]) throws(FlowFileErrors) -> [FlowDefinition] {
        var flows: [FlowDefinition] = []
        var errors: [FlowFileError] = []
        var firstFile: [String: String] = [:]
        var triggerOwner: [String: String] = [:]
        for (file, text) in sources {
            var parser = FlowFileParser(file: file)
            // CR LF endings and a BOM (a file saved on Windows) keep their lines and columns.
            if let flow = parser.parse(HandEditedText.normalized(text)) {
                if let other = firstFile[flow.id] {
                    errors.append(parser.error(at: parser.idMark, "el id «\(flow.id)» ya está usado en \(other)"))
                } else {
                    firstFile[flow.id] = file
                }
                for (trigger, mark) in zip(flow.triggers, parser.triggerMarks) {
                    let key = DialogEngine.normalizedTrigger(trigger)
                    if let owner = triggerOwner[key], owner != flow.id {
                        errors.append(parser.error(at: mark, "el disparador «\(trigger)» ya lo usa el flujo «\(owner)»"))
                    } else if triggerOwner[key] == flow.id {
                        errors.append(parser.error(at: mark, "el disparador «\(trigger)» está repetido"))
                    }
                    triggerOwner[key] = flow.id
                }
                flows.append(flow)
            }
            errors += parser.errors
        }
        guard errors.isEmpty else { throw FlowFileErrors(errors: errors) }
        return flows
    }
}

extension DialogEngine {
    /// How two triggers are compared for duplicates: folded and stemmed.
    public static func normalizedTrigger(_ text: String) -> String {
        Phrase(text).stems.joined(separator: " ")
    }
}

/// What a flow's Swift extension expects of its dialog file.
public struct ExtensionExpectation: Sendable {
    /// The Swift file that holds the extension, for messages ("Flows/Acuerdo.swift").
    public var file: String
    public var save: String?
    public var slots: [String]

    public init(file: String, save: String?, slots: [String]) {
        self.file = file
        self.save = save
        self.slots = slots
    }
}

extension FlowLoader {
    /// Dialog files whose `save:` or slot names do not match their flow's extension, located at
    /// the key concerned; a flow that saves a record needs an extension to save it.
    public static func extensionErrors(sources: [(file: String, text: String)],
                                       expected: [String: ExtensionExpectation]) -> [FlowFileError] {
        var errors: [FlowFileError] = []
        for (file, text) in sources {
            guard case .success(let root?) = YAMLProblem.compose(HandEditedText.normalized(text), resolver: .basic),
                  let id = root.entry("id")?.value.string else { continue }
            let parser = FlowFileParser(file: file)
            let saveNode = root.entry("save")?.value
            let save = saveNode?.string
            guard let ext = expected[id] else {
                if let save {
                    errors.append(parser.error(at: saveNode, "el flujo «\(id)» guarda «\(save)», pero no tiene extensión en Sources/Assistant/Flows que sepa guardarlo"))
                }
                continue
            }
            if save != ext.save {
                let what = ext.save.map { "«\($0)»" } ?? "nada"
                errors.append(parser.error(at: saveNode ?? root, "«save» es «\(save ?? "")», pero \(ext.file) guarda \(what)"))
            }
            let slotsNode = root.entry("slots")?.value
            let names = (slotsNode?.sequence.map { Array($0) } ?? []).compactMap { $0.entry("name")?.value.string }
            for name in ext.slots where !names.contains(name) {
                errors.append(parser.error(at: slotsNode ?? root,
                                           "\(ext.file) usa el slot «\(name)», que este archivo no declara.\(FlowFileParser.suggestion(name, names))"))
            }
        }
        return errors
    }
}
