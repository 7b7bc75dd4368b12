import Foundation
import SerranoExamples
import SerranoIR
import SerranoSim
import SerranoVerify
import SerranoSupport

/// `make bench`: the IR interpreter's speed in clock cycles per second on the 16×16
/// weight-stationary systolic array example (256 int8 MAC cells) and on a batch of 50 random
/// fuzz circuits, with random inputs poked every cycle.
func runInterpreterBench() throws {
    guard let example = Examples.named("systolic16x16") else { throw BenchFailure("no systolic16x16 example") }
    let compileStart = Date()
    let array = try example.elaborate().get()
    let arraySim = try IRInterpreter(design: array)
    let compileSeconds = Date().timeIntervalSince(compileStart)
    let arrayRate = try cyclesPerSecond(arraySim, seconds: 3)
    print(String(format: "interpreter: systolic16x16 example: %.0f cycles/s (%d instructions per cycle; elaborate + compile %.2f s, no build step)",
                 arrayRate, arraySim.instructionCount, compileSeconds))

    // Without assertions: a failing one would stop the timed run.
    let fuzz = try legalize(RandomCircuitGenerator.design(seed: 1, indices: 0..<50, checks: false))
    let fuzzSim = try IRInterpreter(design: fuzz)
    let fuzzRate = try cyclesPerSecond(fuzzSim, seconds: 1)
    print(String(format: "interpreter: 50 random fuzz circuits: %.0f cycles/s (%d instructions per cycle)", fuzzRate, fuzzSim.instructionCount))
}

private func legalize(_ result: Result<LegalDesign, DiagnosticError>) throws -> LegalDesign { try result.get() }

/// The bench could not set up its design.
private struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs the design with random inputs poked every cycle for about `seconds`.
private func cyclesPerSecond(_ sim: IRInterpreter, seconds: Double) throws -> Double {
    var random = SplitMix64(seed: 7)
    let inputs = try sim.ports.filter { $0.direction == .input && $0.name != "clock" && $0.name != "reset" }
        .map { try sim.port($0.name) }
    try sim.reset(cycles: 1)
    var cycles = 0
    let start = Date()
    var elapsed = 0.0
    while elapsed < seconds {
        for _ in 0..<100 {
            for input in inputs where input.width <= 64 {
                try sim.poke(input, random.next() & (input.width == 64 ? ~0 : (UInt64(1) << UInt64(input.width)) - 1))
            }
            try sim.step(1)
        }
        cycles += 100
        elapsed = Date().timeIntervalSince(start)
    }
    return Double(cycles) / elapsed
}
