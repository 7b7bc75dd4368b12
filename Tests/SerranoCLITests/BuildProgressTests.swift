import Foundation
import Testing

/// `scripts/build-progress` (what `make demo` shows while the release build runs).
@Suite struct BuildProgressTests {
    private static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/build-progress")

    /// Runs the script on `input` (not a terminal), returns what it printed and the log.
    private func run(_ input: String, thenAfter pause: Double = 0, _ more: String = "") throws -> (shown: String, log: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("build-progress-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.script.path, log.path, "build   "]
        process.environment = ProcessInfo.processInfo.environment.merging(["BUILD_PROGRESS_HEARTBEAT": "1"]) { $1 }
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        if pause > 0 {
            Thread.sleep(forTimeInterval: pause)
            stdin.fileHandleForWriting.write(Data(more.utf8))
        }
        try stdin.fileHandleForWriting.close()
        let shown = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return (shown, try String(contentsOf: log, encoding: .utf8))
    }

    @Test func showsCompilerStepsEveryTenthAndKeepsTheWholeLog() throws {
        var input = "Building for production...\n"
        for step in 1...100 { input += "[\(step)/100] Compiling Serrano File\(step).swift\n" }
        input += "warning: something\nBuild complete!\n"
        let (shown, log) = try run(input)
        let lines = shown.split(separator: "\n")
        // One line per decile (0 … 10), each with the step and the elapsed seconds.
        #expect(lines.count == 11)
        #expect(lines.first == "build    [1/100] Compiling Serrano File1.swift (0 s)")
        #expect(lines.last?.hasPrefix("build    [100/100] Compiling Serrano File100.swift (") == true)
        #expect(!shown.contains("warning"))
        #expect(log == input)
    }

    @Test func aLongStepSaysItIsStillCompiling() throws {
        let (shown, log) = try run("[1/2] Compiling Serrano Module.swift\n[2/2] Compiling Ser", thenAfter: 2.5, "rano Big.swift\n")
        #expect(shown.contains("build    [1/2] Compiling Serrano Module.swift, still compiling ("))
        // The line cut by the pause is whole in the log and in the progress.
        #expect(log == "[1/2] Compiling Serrano Module.swift\n[2/2] Compiling Serrano Big.swift\n")
        #expect(shown.contains("build    [2/2] Compiling Serrano Big.swift ("))
    }

    @Test func printsNothingForOutputWithoutSteps() throws {
        let (shown, log) = try run("error: no such product\n")
        #expect(shown.isEmpty)
        #expect(log == "error: no such product\n")
    }
}
