import Foundation

/// Finds transcript files: given files as they are, folders expanded to their `*.txt`, sorted.
public enum TranscriptFiles {
    public static func expand(_ paths: [String]) throws -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else {
                throw TranscriptError(file: p, line: 0, message: "no existe")
            }
            if isDir.boolValue {
                out += try fm.contentsOfDirectory(atPath: p).filter { $0.hasSuffix(".txt") }.sorted()
                    .map { (p as NSString).appendingPathComponent($0) }
            } else {
                out.append(p)
            }
        }
        return out
    }
}
