import Foundation
import SerranoIR
import SerranoVerilog
import SerranoSim
import SerranoVerilator
import SerranoSupport

/// Runs random circuits on the IR interpreter and on Verilator (through the Verilog printer)
/// with the same random stimulus, comparing every output on every cycle.
///
/// Many independent circuits share one design (and so one Verilator build): a batch of 50
/// costs one build, cached by the Verilog's hash. Stimulus: reset for two cycles, then each
/// cycle new random inputs (biased towards 0, all ones and small values) and, rarely, reset
/// again; outputs are compared after the inputs settle, then the clock ticks.
public struct DifferentialBatch {
    public var seed: UInt64
    public var circuits: Range<Int>
    public var cycles: Int
    /// Where the Verilog is written; kept only when a mismatch is found.
    public var workDirectory: URL
    public var cache: ModelCache
    /// How the Verilator model is built (`DifferentialBatch.options` unless changed).
    public var options = DifferentialBatch.options

    /// The outcome of one batch.
    public struct Outcome: Sendable {
        public var mismatches: [DifferentialMismatch]
        public var cyclesRun: Int
        public var buildSeconds: Double
        public var runSeconds: Double
        public var cacheHit: Bool
        /// Instructions per combinational evaluation of the interpreter (a size figure).
        public var instructions: Int
    }

    public init(seed: UInt64, circuits: Range<Int>, cycles: Int, workDirectory: URL, cache: ModelCache = .standard) {
        self.seed = seed
        self.circuits = circuits
        self.cycles = cycles
        self.workDirectory = workDirectory
        self.cache = cache
    }

    /// Verilator options for fuzzing: no trace, no C++ optimisation (the runs are short, so
    /// compile time dominates), and three of Verilator 5.006's optimisations off because they
    /// are wrong on some random circuits (none of these are Serrano bugs: each circuit agrees
    /// with the interpreter once the pass is off). With seed 2026: DFG miscompiles circuit 7230
    /// and crashes on 2733; expansion crashes on XOR reductions of extended bits (3686, 7430:
    /// "Internal Error: Reduction over single bit value should have been folded"); gate
    /// optimisation gets a 121-bit subtraction off by one (5078) and a 4-bit output wrong after
    /// some cycles (8452). (`-O0` would turn everything off but writes thousands of C++ files.)
    public static let options = VerilatorOptions(trace: .none, optimization: "-O0",
                                                 verilatorFlags: VerilatorOptions.conservativeOptimizationFlags)

    public func run() throws -> Outcome {
        let design: LegalDesign
        switch RandomCircuitGenerator.design(seed: seed, indices: circuits) {
        case .success(let legal): design = legal
        case .failure(let error):
            throw DifferentialError.illegalDesign(seed: seed, circuits: circuits, diagnostics: error.description)
        }
        let directory = workDirectory.appendingPathComponent("seed\(seed)-circuits\(circuits.lowerBound)-\(circuits.upperBound - 1)")
        return try DifferentialBatch.run(design, seed: seed, stimulus: DifferentialBatch.stimulusSeed(seed: seed, firstCircuit: circuits.lowerBound),
                                         cycles: cycles, directory: directory, cache: cache, options: options)
    }

    /// The seed of a batch's random inputs: `serrano fuzz --seed S --from C` drives its first
    /// batch with these.
    public static func stimulusSeed(seed: UInt64, firstCircuit: Int) -> UInt64 {
        seed ^ 0x5EED_0F_57_1A_11 ^ UInt64(truncatingIfNeeded: firstCircuit)
    }

    /// Runs any legalized design on both backends (its Verilog printed into `directory`, which
    /// is removed when they agree); `seed` is reported with mismatches, `stimulus` seeds inputs.
    public static func run(_ design: LegalDesign, seed: UInt64, stimulus: UInt64, cycles: Int, directory: URL,
                           cache: ModelCache = .standard, options: VerilatorOptions = DifferentialBatch.options) throws -> Outcome {
        let files = try VerilogPrinter.print(design)
        try files.write(to: directory)
        let verilog = files.filter { $0.name.hasSuffix(".v") }.map { directory.appendingPathComponent($0.name) }

        let buildStart = Date()
        let model = try cache.model(VerilogSources(top: design.topName, files: verilog), options: options)
        let build = model.build
        let buildSeconds = Date().timeIntervalSince(buildStart)

        let runStart = Date()
        let verilator = try model.makeSimulator()
        let interpreter = try IRInterpreter(design: design)
        var comparison = Comparison(seed: seed, cycles: cycles, directory: directory, random: SplitMix64(seed: stimulus))
        let mismatches = try comparison.compare(interpreter, coverPaths: interpreter.coverPaths, verilator)
        let outcome = Outcome(mismatches: mismatches, cyclesRun: cycles, buildSeconds: buildSeconds,
                              runSeconds: Date().timeIntervalSince(runStart), cacheHit: build.cacheHit,
                              instructions: interpreter.instructionCount)
        if mismatches.isEmpty { try? FileManager.default.removeItem(at: directory) }
        return outcome
    }
}

extension DifferentialBatch {
    /// Runs Verilog that exists only as text (no IR) on two Verilator builds, `options` against
    /// `reference` (typically `-O0`, every Verilator optimisation off), with the fuzzer's random
    /// stimulus: how a Verilator optimiser bug found by fuzzing stays a regression test after
    /// the generator that found it has changed.
    public static func run(_ sources: VerilogSources, reference: VerilatorOptions, options: VerilatorOptions = DifferentialBatch.options,
                           seed: UInt64, stimulus: UInt64, cycles: Int, cache: ModelCache = .standard) throws -> Outcome {
        let buildStart = Date()
        let referenceModel = try cache.model(sources, options: reference)
        let model = try cache.model(sources, options: options)
        let buildSeconds = Date().timeIntervalSince(buildStart)
        let runStart = Date()
        let directory = sources.files.first?.deletingLastPathComponent() ?? URL(fileURLWithPath: ".")
        var comparison = Comparison(seed: seed, cycles: cycles, directory: directory, random: SplitMix64(seed: stimulus))
        comparison.sides = ("Verilator (\(reference.verilatorFlags.joined(separator: " ")))",
                            "Verilator (\(options.verilatorFlags.joined(separator: " ")))")
        let mismatches = try comparison.compare(try referenceModel.makeSimulator(), coverPaths: [], try model.makeSimulator())
        return Outcome(mismatches: mismatches, cyclesRun: cycles, buildSeconds: buildSeconds,
                       runSeconds: Date().timeIntervalSince(runStart), cacheHit: model.build.cacheHit, instructions: 0)
    }
}

/// The cycle-by-cycle comparison of two simulators of one design.
private struct Comparison {
    var seed: UInt64
    var cycles: Int
    var directory: URL
    var random: SplitMix64
    /// What each mismatch calls the two sides.
    var sides: (reference: String, subject: String) = ("interpreter", "Verilator")

    /// A port's handle on each backend.
    private struct PortPair {
        var name: String
        var width: Int
        var interpreter: PortHandle
        var verilator: PortHandle
    }

    /// Compares `verilator` with `interpreter`, the reference (any two simulators of one design:
    /// the names say which is which in the fuzzer's own use).
    mutating func compare<Reference: Simulator, Subject: Simulator>(
        _ interpreter: Reference, coverPaths: [String], _ verilator: Subject
    ) throws -> [DifferentialMismatch] {
        let names = interpreter.ports.map(\.description).sorted()
        guard names == verilator.ports.map(\.description).sorted() else {
            throw DifferentialError.portsDiffer(interpreter: names, verilator: verilator.ports.map(\.description).sorted())
        }
        var inputs: [PortPair] = []
        var outputs: [PortPair] = []
        var resetPair: PortPair? = nil
        let clocked = interpreter.ports.contains { $0.name == "clock" && $0.direction == .input }
        for port in interpreter.ports {
            let pair = PortPair(name: port.name, width: port.width, interpreter: try interpreter.port(port.name),
                                verilator: try verilator.port(port.name))
            switch (port.direction, port.name) {
            case (.input, "clock"): continue
            case (.input, "reset"): resetPair = pair
            case (.input, _): inputs.append(pair)
            default: outputs.append(pair)
            }
        }
        if resetPair != nil {
            try interpreter.reset(cycles: 2)
            try verilator.reset(cycles: 2)
        }
        var interpreterValue = BitVector(width: 1)
        var verilatorValue = BitVector(width: 1)
        for cycle in 0..<cycles {
            for input in inputs {
                let words = DifferentialBatch.stimulus(width: input.width, &random)
                if input.width <= 64 {
                    try interpreter.poke(input.interpreter, words[0])
                    try verilator.poke(input.verilator, words[0])
                } else {
                    let value = try BitVector.checked(width: input.width, words: words)
                    try interpreter.poke(input.interpreter, value)
                    try verilator.poke(input.verilator, value)
                }
            }
            if let resetPair {
                let value: UInt64 = random.chance(2) ? 1 : 0
                try interpreter.poke(resetPair.interpreter, value)
                try verilator.poke(resetPair.verilator, value)
            }
            interpreter.eval()
            verilator.eval()
            var found: [DifferentialMismatch] = []
            for output in outputs {
                if output.width <= 64 {
                    let mine = try interpreter.peek(output.interpreter)
                    let theirs = try verilator.peek(output.verilator)
                    if mine != theirs {
                        found.append(mismatch(output, cycle: cycle, "\(output.width)'h" + String(mine, radix: 16),
                                              "\(output.width)'h" + String(theirs, radix: 16)))
                    }
                } else {
                    try interpreter.peek(output.interpreter, into: &interpreterValue)
                    try verilator.peek(output.verilator, into: &verilatorValue)
                    if interpreterValue != verilatorValue {
                        found.append(mismatch(output, cycle: cycle, interpreterValue.description, verilatorValue.description))
                    }
                }
            }
            if !found.isEmpty { return found }
            guard clocked else { continue }  // a purely combinational design: new inputs only
            let mineFailed = try Self.stepCatchingCheck(interpreter)
            let theirsFailed = try Self.stepCatchingCheck(verilator)
            if mineFailed != theirsFailed {
                return [DifferentialMismatch(seed: seed, circuit: nil, cycle: cycle, port: "(assertion)",
                                             interpreter: mineFailed?.description ?? "no failure",
                                             verilator: theirsFailed?.description ?? "no failure", verilogDirectory: directory.path,
                                             referenceName: sides.reference, subjectName: sides.subject)]
            }
        }
        var covers: [DifferentialMismatch] = []
        for path in coverPaths {
            let mine = try interpreter.coverCount(path)
            let theirs = try verilator.coverCount(path)
            if mine != theirs {
                covers.append(DifferentialMismatch(seed: seed, circuit: nil, cycle: cycles, port: "cover \(path)",
                                                   interpreter: String(mine), verilator: String(theirs), verilogDirectory: directory.path,
                                                   referenceName: sides.reference, subjectName: sides.subject))
            }
        }
        return covers
    }

    /// One step; a failed assertion is returned (both backends must fail alike), not thrown.
    private static func stepCatchingCheck(_ simulator: any Simulator) throws -> CheckFailure? {
        do {
            try simulator.step(1)
            return nil
        } catch SimulationError.checkFailed(let failure) {
            return failure
        }
    }

    private func mismatch(_ port: PortPair, cycle: Int, _ mine: String, _ theirs: String) -> DifferentialMismatch {
        DifferentialMismatch(seed: seed, circuit: DifferentialBatch.circuit(ofPort: port.name), cycle: cycle, port: port.name,
                             interpreter: mine, verilator: theirs, verilogDirectory: directory.path,
                             referenceName: sides.reference, subjectName: sides.subject)
    }
}

extension DifferentialBatch {
    /// The circuit index in a top-level port name `c12_out0`.
    static func circuit(ofPort name: String) -> Int? {
        guard name.hasPrefix("c"), let underscore = name.firstIndex(of: "_") else { return nil }
        return Int(name[name.index(after: name.startIndex)..<underscore])
    }

    /// A random input value: uniform bits mostly, with zeros, all ones, small numbers and
    /// single bits often enough to reach comparisons' and shifts' edge cases.
    static func stimulus(width: Int, _ random: inout SplitMix64) -> [UInt64] {
        let count = (width + 63) / 64
        var words: [UInt64]
        switch random.int(in: 0..<100) {
        case 0..<10: words = Array(repeating: 0, count: count)
        case 10..<18: words = Array(repeating: ~0, count: count)
        case 18..<35:
            words = Array(repeating: 0, count: count)
            words[0] = UInt64(random.int(in: 0...9))
        case 35..<42:
            words = Array(repeating: 0, count: count)
            let bit = random.int(in: 0..<width)
            words[bit / 64] = UInt64(1) << UInt64(bit % 64)
        default: words = random.bits(width)
        }
        if width % 64 != 0 { words[count - 1] &= (UInt64(1) << UInt64(width % 64)) - 1 }
        return words
    }
}
