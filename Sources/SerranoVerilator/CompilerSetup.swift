import Foundation
import SerranoVerilog
import SerranoSim
import SerranoSupport

/// The resolved C++ compiler and the flags every model and runtime object is compiled with.
package struct CompilerSetup {
    package let toolchain: VerilatorToolchain
    package let path: String
    package let identity: String
    package let optimization: String
    package let slots: CompileSlots
    /// A compiler launcher such as `ccache` (nil: run the compiler itself).
    package var launcher: String? = CompilerSetup.ccache

    package init(toolchain: VerilatorToolchain, path: String, identity: String, optimization: String, slots: CompileSlots) {
        self.toolchain = toolchain
        self.path = path
        self.identity = identity
        self.optimization = optimization
        self.slots = slots
    }

    /// verilated.mk's flags that silence warnings in generated code, plus hidden visibility so
    /// nothing but the C ABI leaves the shared library.
    package var commonFlags: [String] {
        let include = toolchain.root.appendingPathComponent("include").path
        return [
            "-std=c++17", "-fPIC", "-fvisibility=hidden", "-fvisibility-inlines-hidden",
            "-I\(include)", "-I\(include)/vltstd",
            "-DVM_COVERAGE=0", "-DVM_SC=0",
            "-faligned-new", "-fcf-protection=none", "-Wno-bool-operation", "-Wno-sign-compare",
            "-Wno-uninitialized", "-Wno-unused-but-set-variable", "-Wno-unused-parameter",
            "-Wno-unused-variable", "-Wno-shadow",
        ]
    }

    /// `ccache` when it is on the `PATH` and `SERRANO_CCACHE` is not `0`: compiles go through it,
    /// so a model rebuilt from the same C++ in the same cache folder (models removed, a damaged
    /// entry) takes seconds. It changes no output, so it is not part of any cache key.
    package static let ccache: String? = {
        if ProcessInfo.processInfo.environment["SERRANO_CCACHE"] == "0" { return nil }
        return ToolProcess.find("ccache")
    }()

    /// Compiles one C++ file while holding a compile slot; a failure carries the tool output.
    package func compile(_ source: URL, to object: URL, extraFlags: [String], optimization: String) throws {
        let arguments: [String] = commonFlags + extraFlags + [optimization, "-c", source.path, "-o", object.path]
        let (program, launched): (String, [String]) = launcher.map { ($0, [path] + arguments) } ?? (path, arguments)
        let result = try slots.withSlot { try ToolProcess.run(program, launched) }
        if result.status != 0 {
            throw VerilatorBuildError.toolFailed(ToolFailure(
                stage: "compile", command: ([path] + arguments).joined(separator: " "), output: result.output))
        }
    }

    /// Compiles `jobs` in parallel (at most one per compile slot); throws the first failure.
    package func compileAll(_ jobs: [(source: URL, object: URL, optimization: String)], extraFlags: [String]) throws {
        _ = try parallelMap(count: jobs.count) { index in
            try compile(jobs[index].source, to: jobs[index].object, extraFlags: extraFlags, optimization: jobs[index].optimization)
        }
    }
}
