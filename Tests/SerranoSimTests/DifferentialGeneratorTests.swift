import SerranoIR
@testable import SerranoSim
@testable import SerranoVerify
import Testing

/// The random circuit generator: legal designs, deterministic, covering every construct.
@Suite struct DifferentialGeneratorTests {
    @Test func randomDesignsLegalizeAndInterpret() throws {
        for seed: UInt64 in [1, 2, 3] {
            let design: LegalDesign
            switch RandomCircuitGenerator.design(seed: seed, indices: 0..<20) {
            case .success(let legal): design = legal
            case .failure(let error):
                Issue.record("seed \(seed): \(error)")
                continue
            }
            let sim = try IRInterpreter(design: design)
            try sim.runReset(cycles: 1)
            // Random assertions fail on some edges: each stops its step, the run goes on.
            var failingEdges = 0
            for _ in 0..<50 {
                do { try sim.run(cycles: 1) } catch SimulationError.checkFailed { failingEdges += 1 }
            }
            #expect(sim.cycle == 51)
            #expect(failingEdges > 0, "seed \(seed): no assertion failed in 50 cycles of 20 circuits")
        }
    }
}

/// Determinism and coverage of the generator.
@Suite struct DifferentialGeneratorCoverageTests {
    @Test func sameSeedSameDesign() throws {
        let first = try RandomCircuitGenerator.design(seed: 42, indices: 3..<6).get()
        let second = try RandomCircuitGenerator.design(seed: 42, indices: 3..<6).get()
        #expect(first == second)
        let other = try RandomCircuitGenerator.design(seed: 43, indices: 3..<6).get()
        #expect(first != other)
        // A circuit depends on the seed and its index only, not on the batch around it.
        let alone = try RandomCircuitGenerator.design(seed: 42, indices: 4..<5).get()
        #expect(alone.module(named: "circuit_4") == first.module(named: "circuit_4"))
    }

    @Test func fiftyCircuitsUseEveryConstruct() throws {
        let design = try RandomCircuitGenerator.design(seed: 7, indices: 0..<50).get()
        var seen = Set<String>()
        var widest = 0
        for module in design.modules {
            for node in module.nodes {
                widest = max(widest, node.type.width)
                switch node.operation {
                case .unary(let op, _): seen.insert("unary.\(op.rawValue)")
                case .binary(let op, let a, let b):
                    seen.insert("binary.\(op.rawValue)")
                    if module[a].type.width != module[b].type.width { seen.insert("mixed widths") }
                    if module[a].type.isSigned { seen.insert("signed \(op.rawValue)") }
                    if case .constant = module[b].operation, op == .shiftLeft || op == .shiftRight { seen.insert("constant shift") }
                    if op == .shiftRight || op == .shiftLeft, module[b].type.width > 64 { seen.insert("wide shift amount") }
                case .mux: seen.insert("mux")
                case .slice: seen.insert("slice")
                case .concat: seen.insert("concat")
                case .resize(let a): seen.insert(module[a].type.width > node.type.width ? "truncate" : "extend")
                case .reinterpret: seen.insert("reinterpret")
                case .wire: seen.insert("wire")
                default: break
                }
            }
            if module.blocks.contains(where: { $0.isOtherwise }) { seen.insert("otherwise") }
            if module.blocks.contains(where: { ($0.parent ?? 0) != 0 }) { seen.insert("nested when") }
            for register in module.registers {
                seen.insert(register.resetValue == nil ? "register without reset" : "register with reset")
                if register.enable != nil { seen.insert("register with enable") }
            }
            for memory in module.memories {
                seen.insert("memory \(memory.kind.rawValue)\(memory.maskGranularity == nil ? "" : " masked")")
                if memory.readDuringWrite == .newData { seen.insert("memory \(memory.kind.rawValue) new data") }
            }
            for check in module.checks { seen.insert("check \(check.kind.rawValue)") }
            if module.name.hasPrefix("circuit_") && !module.instances.isEmpty { seen.insert("two-level hierarchy") }
        }
        let expected: [String] = ["unary.not", "unary.andReduce", "unary.orReduce", "unary.xorReduce"]
            + ["add", "sub", "mul", "and", "or", "xor", "equal", "notEqual", "less", "lessOrEqual", "greater",
               "greaterOrEqual", "shiftLeft", "shiftRight"].map { "binary.\($0)" }
            + ["signed mul", "signed shiftRight", "signed less", "mixed widths", "constant shift", "wide shift amount",
               "mux", "slice", "concat", "truncate", "extend", "reinterpret", "wire", "otherwise", "nested when",
               "register without reset", "register with reset", "register with enable", "memory oneReadOneWrite",
               "memory oneReadOneWrite masked", "memory singlePort", "memory singlePort masked", "two-level hierarchy"]
            + Memory.Kind.allCases.flatMap { ["memory \($0.rawValue)", "memory \($0.rawValue) masked", "memory \($0.rawValue) new data"] }
            + ["check assert", "check assume", "check cover"]
        for construct in expected { #expect(seen.contains(construct), "no \(construct) in 50 circuits") }
        #expect(widest >= 129)
    }
}
