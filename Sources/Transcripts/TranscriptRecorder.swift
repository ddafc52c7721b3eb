import Assistant

/// Writes a live conversation in transcript format (`minga chat --record FILE`), so a real
/// conversation becomes a test in one step.
public struct TranscriptRecorder {
    public private(set) var text: String

    public init(title: String, now: String, timeZone: String, user: String, network: [String]?) {
        text = "# \(title)\n@now \(now) \(timeZone)\n@user \(user)\n"
        if let network { text += "@network " + network.joined(separator: " | ") + "\n" }
    }

    public mutating func record(input: String?, reply: Reply) {
        if let input { text += "> \(input)\n" }
        for line in reply.plainLines { text += line.isEmpty ? "<\n" : "< \(line)\n" }
    }
}
