import Foundation
import Testing

/// Issue 9, "Traps" and "Misleading messages": numbers from flags are range-checked before any
/// arithmetic, and negative values reach the range check instead of "Missing value".
@Suite("CLI: numeric flags")
struct NumericFlagTests {
    /// Each of these trapped (exit 132) or said "Missing value for '--X'" before.
    @Test("out-of-range and negative numbers are exit 2 with a sentence naming the flag", arguments: [
        (["fuzz", "--from", "9223372036854775807", "--count", "1"], "--from"),
        (["fuzz", "--count", "9223372036854775807"], "--count"),
        (["fuzz", "--from", "9007199254740992", "--count", "5"], "--from + --count"),
        (["fuzz", "--count", "-3"], "--count"),
        (["fuzz", "--from", "-1"], "--from"),
        (["fuzz", "--cycles", "-5"], "--cycles"),
        (["fuzz", "--per-build", "-1"], "--per-build"),
        (["fuzz", "--max-seconds", "inf"], "--max-seconds"),
        (["fuzz", "--max-seconds", "nan"], "--max-seconds"),
        (["fuzz", "--max-seconds", "-1"], "--max-seconds"),
        (["fuzz", "--seed", "-1"], "--seed"),
        (["verify", "--cases", "-1"], "--cases"),
        (["verify", "--cases", "9223372036854775807"], "--cases"),
        (["verify", "--jobs", "-4"], "--jobs"),
        (["verify", "--case", "-2", "--seed", "1"], "--case"),
        (["verify", "--shard", "-1/4"], "shard"),
        (["demo", "--vectors", "-1"], "--vectors"),
        (["demo", "--vectors", "9223372036854775807"], "--vectors"),
        (["gemm", "--a", "A.npy", "--b", "B.npy", "--out", "C.npy", "--multiplier", "-1", "--shift", "0"], "multiplier"),
        (["gemm", "--a", "A.npy", "--b", "B.npy", "--out", "C.npy", "--scale", "-0.5"], "-0.5"),
        (["gemm", "--a", "A.npy", "--b", "B.npy", "--out", "C.npy", "--scale", "nan"], "nan"),
        (["gemm", "--a", "A.npy", "--b", "B.npy", "--out", "C.npy", "--multiplier", "9223372036854775807", "--shift", "0"], "int32"),
    ])
    func rejected(_ arguments: [String], _ flag: String) throws {
        let folder = try CLI.scratch("numbers")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLI.run(arguments, in: folder)
        CLI.expectUsageError(run, mentions: [flag])
    }

    /// `--shard 1/9223372036854775807` trapped in RegressionShard.caseCount.
    @Test("verify --shard 1/Int.max runs its one case")
    func hugeShard() throws {
        let folder = try CLI.scratch("shard")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLI.run(["verify", "--shard", "1/9223372036854775807", "--cases", "5", "--jobs", "1", "--seed", "3"], in: folder)
        #expect(!run.signaled && run.status == 0, "\(run)")
        #expect(run.stdout.contains("1 case") || run.stdout.contains("1/1"), "\(run)")
    }

    @Test("wave diff --max -1 is a range error, not \"Missing value\"")
    func waveMaxNegative() throws {
        let folder = try CLI.scratch("wave-max")
        defer { try? FileManager.default.removeItem(at: folder) }
        let vcd = try Samples.vcd(in: folder)
        let run = try CLI.run(["wave", "diff", vcd, vcd, "--max", "-1"], in: folder)
        CLI.expectUsageError(run, mentions: ["--max"])
    }
}

/// `--verilator-flag`: a value that starts with a dash is the flag's value, and a flag Verilator
/// rejects is the user's error, not the printer's.
@Suite("CLI: fuzz --verilator-flag")
struct VerilatorFlagTests {
    /// Shares the package's compiled Verilator runtime, so this builds one small model only.
    var environment: [String: String] {
        ["SERRANO_SIM_CACHE": CLI.packageRoot.appendingPathComponent(".build/serrano-sim-cache").path]
    }

    @Test("the help's own example, --verilator-flag -fno-dfg, runs")
    func dashValueIsAccepted() throws {
        let folder = try CLI.scratch("vflag")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLI.run(["fuzz", "--verilator-flag", "-fno-dfg", "--count", "1", "--cycles", "20", "--per-build", "1",
                               "--seed", "5", "--out", folder.appendingPathComponent("fuzz").path], in: folder, environment: environment)
        #expect(!run.signaled && run.status == 0, "\(run)")
        #expect(run.stdout.contains("agree"), "\(run)")
    }

    @Test("a flag Verilator rejects is blamed on the flag (exit 2), not on the printed Verilog")
    func rejectedFlagBlamesTheFlag() throws {
        let folder = try CLI.scratch("vflag-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLI.run(["fuzz", "--verilator-flag=-Wbogus-opt", "--count", "1", "--cycles", "5", "--per-build", "1",
                               "--seed", "5", "--out", folder.appendingPathComponent("fuzz").path], in: folder, environment: environment)
        CLI.expectUsageError(run, mentions: ["-Wbogus-opt"])
        #expect(!run.output.contains("printed Verilog") && !run.output.contains("FAILED"), "\(run)")
    }
}
