import Foundation
import Testing

/// Issue 9, "Exit 1 with a raw NSError instead of exit 2 with a sentence", the `.npy` shape
/// checks before reading, and concurrent `generate` into one folder.
@Suite("CLI: inputs and folders")
struct InputAndFolderTests {
    @Test("a folder or /dev/null given as an input file is one sentence naming it")
    func foldersAndDevicesAsInputs() throws {
        let folder = try CLI.scratch("inputs")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (a, b) = try Samples.operands(in: folder)
        let cases: [([String], [String])] = [
            (["gemm", "--a", folder.path, "--b", b, "--out", "C.npy"], [folder.path, "folder"]),
            (["gemm", "--a", a, "--b", "/dev/null", "--out", "C.npy"], ["/dev/null", "not a .npy file"]),
            (["wave", "show", folder.path], [folder.path, "folder"]),
            (["wave", "show", "/dev/null"], ["/dev/null", "not a regular file"]),
            (["wave", "diff", "/dev/null", folder.path], ["/dev/null"]),
            (["wave", "convert", folder.path, "x.vcd"], [folder.path, "folder"]),
        ]
        for (arguments, words) in cases {
            let run = try CLI.run(arguments, in: folder)
            CLI.expectUsageError(run, mentions: words)
            #expect(!run.output.contains("permission"), "\(arguments): \(run)")
        }
    }

    @Test("lint of a folder whose Top.f is binary names the file")
    func binaryFileList() throws {
        let folder = try CLI.scratch("lint-binary")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0xFF, 0xFE, 0x00, 0x01]).write(to: folder.appendingPathComponent("Top.f"))
        let run = try CLI.run(["lint", folder.path], in: folder)
        CLI.expectUsageError(run, mentions: ["Top.f"])
    }

    /// Runs `serrano` as an unprivileged user when the tests run as root (root may write a
    /// read-only folder).
    static func asUser(_ arguments: [String]) -> [String]? {
        guard geteuid() == 0 else { return arguments }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return nil }
        return ["--reuid=65534", "--regid=65534", "--clear-groups", CLI.binary] + arguments
    }

    @Test("generate --out under a file, under /proc or in a read-only folder: exit 2, one sentence naming the path")
    func unwritableGenerateTargets() throws {
        let folder = try CLI.scratch("generate-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        for (out, word) in [(file.appendingPathComponent("rtl").path, "not a folder"), ("/proc/serrano-rtl", "/proc/serrano-rtl")] {
            let run = try CLI.run(["generate", "--example", "counter", "--out", out], in: folder)
            CLI.expectUsageError(run, mentions: [out, word])
        }
        let readOnly = folder.appendingPathComponent("read-only")
        try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: true)
        chmod(readOnly.path, 0o555)
        chmod(folder.path, 0o755)
        defer { chmod(readOnly.path, 0o755) }
        let arguments = ["generate", "--example", "counter", "--out", readOnly.appendingPathComponent("rtl").path]
        let command = try #require(Self.asUser(arguments), "no way to drop root for the read-only case")
        let run = geteuid() == 0 ? try Self.runTool("/usr/bin/setpriv", command, in: folder) : try CLI.run(command, in: folder)
        CLI.expectUsageError(run, mentions: [readOnly.path, "Permission denied"])
    }

    @Test("a model cache folder that is a file is exit 2 with one sentence (fuzz)")
    func cacheIsAFile() throws {
        let folder = try CLI.scratch("cache-file")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("cache")
        try Data("x".utf8).write(to: file)
        let run = try CLI.run(["fuzz", "--count", "1", "--cycles", "5", "--seed", "1", "--out", folder.appendingPathComponent("f").path],
                              in: folder, environment: ["SERRANO_SIM_CACHE": file.path])
        CLI.expectUsageError(run, mentions: [file.path, "SERRANO_SIM_CACHE"])
    }

    @Test("gemm checks every header and shape before reading data: a 2 GiB A against a 3×5 B fails within a 1 GiB address space")
    func shapesBeforeData() throws {
        let folder = try CLI.scratch("gemm-shapes")
        defer { try? FileManager.default.removeItem(at: folder) }
        let side = 46_340  // 46340² = 2,147,395,600 bytes of int8, just under Int32.max elements
        let header = "{'descr': '|i1', 'fortran_order': False, 'shape': (\(side), \(side)), }"
        let padded = header + String(repeating: " ", count: 117 - header.count) + "\n"
        let a = folder.appendingPathComponent("huge.npy")
        try Data([0x93] + Array("NUMPY".utf8) + [1, 0, 118, 0] + Array(padded.utf8)).write(to: a)
        let handle = try FileHandle(forWritingTo: a)
        try handle.truncate(atOffset: 128 + UInt64(side * side))  // sparse
        try handle.close()
        let b = folder.appendingPathComponent("B.npy").path
        try Samples.matrix(rows: 3, columns: 5, to: b)
        // Under a 1 GiB address-space limit: reading the 2 GiB operand is impossible.
        let run = try Self.runTool("/bin/sh", ["-c", "ulimit -v 1048576; exec \"$0\" \"$@\"", CLI.binary,
                                               "gemm", "--a", a.path, "--b", b, "--out", "C.npy"], in: folder)
        CLI.expectUsageError(run, mentions: ["A's columns must equal B's rows"])
    }

    @Test("30 concurrent generate runs into one folder (6 at a time) all succeed and leave a complete design")
    func concurrentGenerate() throws {
        let folder = try CLI.scratch("generate-race")
        defer { try? FileManager.default.removeItem(at: folder) }
        let rtl = folder.appendingPathComponent("rtl").path
        let failures = Failures()
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 6
        for _ in 0..<30 {
            queue.addOperation {
                do {
                    let run = try CLI.run(["generate", "--example", "fifo", "--example", "counter", "--out", rtl], in: folder)
                    if run.status != 0 { failures.add("\(run)") }
                } catch { failures.add("\(error)") }
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        #expect(failures.all.isEmpty, "\(failures.all.count) of 30 failed; first: \(failures.all.first ?? "")")
        let names = try FileManager.default.contentsOfDirectory(atPath: rtl + "/counter")
        #expect(names.contains("Counter.v") && names.contains("Counter.f"), "\(names)")
        #expect(!names.contains { $0.contains(".serrano-") }, "no temporary file left: \(names)")
    }

    @Test("fst2vcd killed by a signal is reported as the signal, not as an exit status")
    func converterKilledBySignal() throws {
        let folder = try CLI.scratch("fst-signal")
        defer { try? FileManager.default.removeItem(at: folder) }
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let tool = bin.appendingPathComponent("fst2vcd")
        try Data("#!/bin/sh\nkill -SEGV $$\n".utf8).write(to: tool)
        chmod(tool.path, 0o755)
        // A real FST (made with the real vcd2fst), read with a converter that crashes.
        let fst = folder.appendingPathComponent("trace.fst")
        let made = try CLI.run(["wave", "convert", try Samples.vcd(in: folder), fst.path], in: folder)
        try #require(made.status == 0, "\(made)")
        let run = try CLI.run(["wave", "show", fst.path], in: folder, environment: ["SERRANO_GTKWAVE_BIN": bin.path])
        CLI.expectUsageError(run, mentions: ["fst2vcd", "signal 11", "SIGSEGV"])
        #expect(!run.output.contains("exit 11"), "\(run)")
    }

    @Test("every command's --help says where output goes and names SERRANO_SIM_CACHE and SERRANO_TRACE_DIR")
    func helpDocumentsTheEnvironment() throws {
        for command in [[], ["demo"], ["generate"], ["lint"], ["gemm"], ["wave"], ["wave", "diff"], ["wave", "show"],
                        ["wave", "export"], ["wave", "convert"], ["fuzz"], ["verify"]] {
            let run = try CLI.run(command + ["--help"])
            #expect(run.status == 0, "\(command): \(run)")
            for word in ["SERRANO_SIM_CACHE", "SERRANO_TRACE_DIR", ".build/serrano-traces"] {
                #expect(run.output.contains(word), "serrano \(command.joined(separator: " ")) --help should mention \(word)")
            }
        }
    }

    /// Runs any program (the shell, setpriv) with the CLI's collection of output.
    static func runTool(_ executable: String, _ arguments: [String], in directory: URL) throws -> CLI.Run {
        try CLI.run(arguments, in: directory, executable: executable)
    }

    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func add(_ text: String) { lock.lock(); list.append(text); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
    }
}

