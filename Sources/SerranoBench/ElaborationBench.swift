import Foundation
import Serrano
import SerranoExamples

/// Elaboration (DSL → legalized IR) time and peak memory for N×N systolic arrays.
func runElaborationBench() throws {
    print("size      elaborate   nodes(top)   peak RSS")
    for size in [8, 16, 32, 64, 128] {
        let start = DispatchTime.now()
        let design = try Elaboration.elaborate(SystolicArray(rows: size, columns: size)).get()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let nodes = design.top?.nodes.count ?? 0
        print(String(format: "%3d×%-3d  %8.3f s  %11d  %7.1f MiB", size, size, seconds, nodes, Double(peakResidentBytes()) / 1_048_576))
    }
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
