import Foundation
import Testing

/// Runs the built `serrano` binary (it sits beside the test bundle in `.build/debug`).
enum CLI {
    struct Run: CustomStringConvertible {
        let status: Int32
        /// True when a signal ended the process (a trap is SIGILL, exit 132 in a shell).
        let signaled: Bool
        let stdout: String
        let stderr: String
        var description: String { "status \(status)\(signaled ? " (signal)" : "")\nstdout: \(stdout)\nstderr: \(stderr)" }
        /// Standard output and error together.
        var output: String { stdout + stderr }
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary: `SERRANO_CLI_BINARY` (to run these tests against another build), next to
    /// this test executable, or in the package's `.build/debug`.
    static var binary: String {
        if let chosen = ProcessInfo.processInfo.environment["SERRANO_CLI_BINARY"], !chosen.isEmpty { return chosen }
        var candidates: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var folder = URL(fileURLWithPath: exe).deletingLastPathComponent()
            // Inside SerranoPackageTests.xctest/Contents/MacOS on Darwin, beside it on Linux.
            for _ in 0..<4 {
                candidates.append(folder.appendingPathComponent("serrano").path)
                folder = folder.deletingLastPathComponent()
            }
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/serrano").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }

    /// Runs `serrano ARGUMENTS` in `directory` with extra environment variables.
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
                    stdout: String? = nil, executable: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? binary)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var variables = ProcessInfo.processInfo.environment
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        let out = Pipe(), err = Pipe()
        if let stdout {
            process.standardOutput = FileHandle(forWritingAtPath: stdout)
        } else {
            process.standardOutput = out
        }
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let collector = Collector()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            collector.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = stdout == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        group.wait()
        return Run(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                   stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: collector.data, as: UTF8.self))
    }

    private final class Collector: @unchecked Sendable { var data = Data() }

    /// A fresh folder for one test.
    static func scratch(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-cli-tests")
            .appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Expects a bad-input exit: status 2, no signal, one line on stderr containing `words`.
    static func expectUsageError(_ run: Run, mentions words: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!run.signaled, "the process died of a signal: \(run)", sourceLocation: sourceLocation)
        #expect(run.status == 2, "expected exit 2: \(run)", sourceLocation: sourceLocation)
        for word in words {
            #expect(run.output.contains(word), "the message should mention '\(word)': \(run)", sourceLocation: sourceLocation)
        }
        #expect(!run.output.contains("NSCocoaErrorDomain") && !run.output.contains("The operation could not be completed")
                && !run.output.contains("Missing value"), "a raw or misleading message: \(run)", sourceLocation: sourceLocation)
    }
}
