import Foundation
import Serrano
import SerranoExamples
import SerranoSupport
import SerranoVerilog

/// Elaboration (DSL → legalized IR) and emission (IR → Verilog text) of N×N systolic arrays:
/// seconds and the peak resident memory of a fresh process per size.
func runElaborationBench() throws {
    if let size = ProcessInfo.processInfo.environment["SERRANO_BENCH_ONE_SIZE"].flatMap(Int.init) {
        try measureOne(size)
        return
    }
    print("  size      elaborate     emit    total   top nodes   Verilog lines   peak RSS")
    for size in [8, 16, 32, 64, 128, 256] {
        // One child process per size, so each peak-memory figure is that size's own.
        let environment = ProcessInfo.processInfo.environment.merging(["SERRANO_BENCH_ONE_SIZE": "\(size)"]) { $1 }
        let child = try ToolProcess.capture(CommandLine.arguments[0], ["elaboration"], environment: environment)
        let output = String(decoding: child.standardOutput, as: UTF8.self)
        if let line = output.split(separator: "\n").last(where: { $0.hasPrefix("  ") }) { print(line) }
    }
}

private func measureOne(_ size: Int) throws {
    let start = DispatchTime.now()
    let design = try Elaboration.elaborate(SystolicArray(rows: size, columns: size)).get()
    let elaborated = DispatchTime.now()
    let files = try VerilogPrinter.print(design)
    let emitted = DispatchTime.now()
    let lines = files.filter { $0.name.hasSuffix(".v") }.reduce(0) { $0 + $1.contents.utf8.lazy.filter { $0 == 10 }.count }
    let elaborateSeconds = Double(elaborated.uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    let emitSeconds = Double(emitted.uptimeNanoseconds - elaborated.uptimeNanoseconds) / 1e9
    let row = String(format: "  %3d×%-3d  %8.3f s  %6.3f s  %6.3f s  %10d  %14d  %7.1f MiB",
                     size, size, elaborateSeconds, emitSeconds, elaborateSeconds + emitSeconds,
                     design.top?.nodes.count ?? 0, lines, Double(peakResidentBytes()) / 1_048_576)
    print(row)
}

/// The process's peak resident set size (VmHWM), in bytes.
func peakResidentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let digits = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return digits * 1024
    }
    return 0
}
