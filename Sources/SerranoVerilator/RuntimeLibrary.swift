import Foundation
import SerranoVerilog
import SerranoSim
import SerranoSupport

/// The Verilator runtime (verilated*.cpp) compiled once per Verilator version, compiler and
/// flags into a static archive that every model links: it is half of a small design's build.
enum RuntimeLibrary {
    /// The runtime sources every model may need (trace writers are dropped by the linker when
    /// a model does not use them).
    static let sources: [String] = [
        "verilated.cpp", "verilated_dpi.cpp", "verilated_threads.cpp", "verilated_vcd_c.cpp", "verilated_fst_c.cpp",
    ]

    /// Routes the runtime's printing through `serrano_vl_printf` (testbench/serrano_hooks.h).
    static func hookFlags(_ header: URL) -> [String] {
        ["-DVL_PRINTF=serrano_vl_printf", "-include", header.path]
    }

    /// The archive's path, building it first when the cache lacks it. `built` is true when
    /// this call compiled it.
    static func archive(in folder: URL, setup: CompilerSetup) throws -> (path: URL, built: Bool) {
        var hash = ContentHash()
        hash.update(field: "runtime-v2")
        let hooks = PackageLocation.testbench
        let hookSource = hooks.appendingPathComponent("serrano_hooks.cpp")
        let hookHeader = hooks.appendingPathComponent("serrano_hooks.h")
        for file in [hookSource, hookHeader] {
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw VerilatorBuildError.io("the C++ harness \(file.path) is missing; set SERRANO_TESTBENCH to the package's testbench/ folder")
            }
            hash.update(field: String(decoding: data, as: UTF8.self))
        }
        hash.update(field: setup.toolchain.versionLine)
        hash.update(field: setup.identity)
        hash.update(field: setup.path)
        hash.update(field: setup.optimization)
        hash.update(field: setup.commonFlags.joined(separator: " "))
        let key = String(hash.finalize().prefix(24))
        let directory = folder.appendingPathComponent(key)
        let archive = directory.appendingPathComponent("libverilated.a")
        let done = directory.appendingPathComponent("done")
        let files = FileManager.default
        if files.fileExists(atPath: done.path) { return (archive, false) }

        let lock = try FileLock.acquire(folder.appendingPathComponent("\(key).lock"))
        defer { lock.unlock() }
        if files.fileExists(atPath: done.path) { return (archive, false) }  // built while we waited
        try? files.removeItem(at: directory)
        try files.createDirectory(at: directory, withIntermediateDirectories: true)
        let include = setup.toolchain.root.appendingPathComponent("include")
        var jobs = sources.map { name in
            (source: include.appendingPathComponent(name),
             object: directory.appendingPathComponent(name.replacingOccurrences(of: ".cpp", with: ".o")),
             optimization: setup.optimization)
        }
        jobs.append((source: hookSource, object: directory.appendingPathComponent("serrano_hooks.o"), optimization: setup.optimization))
        try setup.compileAll(jobs, extraFlags: ["-DVM_TRACE=1"] + hookFlags(hookHeader))
        let ar: String = ToolProcess.find("ar") ?? "/usr/bin/ar"
        let result = try ToolProcess.run(ar, ["rcs", archive.path] + jobs.map(\.object.path))
        if result.status != 0 {
            throw VerilatorBuildError.toolFailed(ToolFailure(stage: "archive", command: "ar rcs \(archive.path)", output: result.output))
        }
        try Data(setup.toolchain.versionLine.utf8).write(to: done)
        return (archive, true)
    }
}
