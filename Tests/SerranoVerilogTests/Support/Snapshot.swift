import Foundation
import SerranoVerilog
import Testing

/// Expect tests for printed files: each file is compared with the copy kept under
/// `Tests/SerranoVerilogTests/Snapshots/<name>/`. Run with `SERRANO_UPDATE_SNAPSHOTS=1` to
/// rewrite the copies after an intended change (and review the diff).
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Snapshots")

    static var updating: Bool { ProcessInfo.processInfo.environment["SERRANO_UPDATE_SNAPSHOTS"] == "1" }

    /// Compares every file with its snapshot; records an issue per difference or missing file.
    static func check(_ files: [GeneratedFile], name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = directory.appendingPathComponent(name)
        if updating {
            try? FileManager.default.removeItem(at: folder)
            try files.write(to: folder)
            return
        }
        let kept = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        #expect(kept.sorted() == files.map(\.name).sorted(),
                "files differ from the snapshot in \(folder.path); SERRANO_UPDATE_SNAPSHOTS=1 rewrites it",
                sourceLocation: sourceLocation)
        for file in files {
            let expected = try? String(contentsOf: folder.appendingPathComponent(file.name), encoding: .utf8)
            #expect(file.contents == expected, "\(file.name) differs from \(folder.path)/\(file.name)\n\(firstDifference(file.contents, expected ?? ""))",
                    sourceLocation: sourceLocation)
        }
    }

    /// The first line that differs, for a readable failure.
    static func firstDifference(_ actual: String, _ expected: String) -> String {
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, e.count) {
            let left = index < a.count ? String(a[index]) : "<end>"
            let right = index < e.count ? String(e[index]) : "<end>"
            if left != right { return "line \(index + 1):\n  printed:  \(left)\n  snapshot: \(right)" }
        }
        return "identical"
    }
}
