import Testing
import GoldenModel
@testable import SerranoVerify
import SerranoSupport

/// A backend with a known fault, so the runner's checking is itself checked.
private struct FaultyBackend: RegressionBackend {
    enum Fault: Sendable { case flipOutputOnOddRowCounts, clobberFirstInputByte, trap }
    let fault: Fault
    var name: String { "faulty" }

    static func corrupts(_ compiled: CompiledProgram) -> Bool { compiled.layout.output.rows % 2 == 1 }

    func execute(_ compiled: CompiledProgram, config: AcceleratorConfig) throws -> [UInt8] {
        var dram = try GoldenBackend().execute(compiled, config: config)
        switch fault {
        case .flipOutputOnOddRowCounts:
            if Self.corrupts(compiled) { dram[compiled.layout.output.offset] ^= 1 }
        case .clobberFirstInputByte:
            dram[compiled.layout.a.offset] &+= 1
        case .trap:
            throw FunctionalModelError.deadlock("injected")
        }
        return dram
    }
}

@Suite struct RegressionRunnerTests {
    static let seed: UInt64 = {
        let (_, seed) = SplitMix64.forTest("RegressionRunnerTests", fallback: 4242)
        return seed
    }()

    @Test func fiftyCasesPassOnTheGoldenBackend() {
        let report = RegressionRunner(seed: Self.seed).run(.cases(50, shard: .all), jobs: 2)
        #expect(report.results.map(\.index) == Array(0..<50))
        #expect(report.failures.isEmpty, "seed \(Self.seed): \(report.summaryLines().joined(separator: "\n"))")
        #expect(report.passedCount == 50)
        #expect(report.macs > 0 && report.results.allSatisfy { $0.seconds >= 0 && $0.macs > 0 })
        #expect(report.summaryLines().contains { $0.contains("50 passed, 0 failed (all passed)") })
    }

    @Test func aCorruptedOutputFailsExactlyTheCorruptedCasesWithTheirReplayCommand() throws {
        let runner = RegressionRunner(seed: Self.seed, backend: FaultyBackend(fault: .flipOutputOnOddRowCounts))
        let report = runner.run(.cases(30, shard: .all), jobs: 2)
        let corrupted = try (0..<30).filter { index in
            let testCase = try runner.generator.makeCase(index)
            return FaultyBackend.corrupts(try testCase.layer.compile(for: testCase.configuration.config))
        }
        #expect(!corrupted.isEmpty && corrupted.count < 30)
        #expect(report.failures.map(\.index) == corrupted)
        let lines = report.summaryLines()
        for index in corrupted {
            let replay = "serrano verify --seed \(Self.seed) --case \(index) --backend faulty"
            #expect(report.replayCommand(for: index) == replay)
            #expect(lines.contains { $0.hasPrefix("FAIL case \(index):") && $0.hasSuffix("replay: " + replay) })
        }
        #expect(lines.contains { $0.contains("\(corrupted.count) FAILED") })
    }

    @Test func mismatchNamesTheFirstWrongOutputWithBothValues() throws {
        let runner = RegressionRunner(seed: Self.seed, backend: FaultyBackend(fault: .flipOutputOnOddRowCounts))
        guard let index = try (0..<40).first(where: { index in
            let testCase = try runner.generator.makeCase(index)
            return FaultyBackend.corrupts(try testCase.layer.compile(for: testCase.configuration.config))
        }) else {
            Issue.record("no corrupted case among the first 40")
            return
        }
        let testCase = try runner.generator.makeCase(index)
        let first: Int32
        switch try testCase.layer.reference() {
        case .int8(let t): first = Int32(t.elements[0])
        case .int32(let t): first = t.elements[0]
        }
        // Flipping bit 0 of the first byte flips bit 0 of the first element (little-endian).
        let expected = "outputs differ; first at row 0, channel 0: expected \(first), got \(first ^ 1)"
        let result = runner.runCase(index)
        #expect(result.outcome == .mismatch(result.failureMessage ?? ""))
        #expect(result.failureMessage?.contains("1 of ") == true)
        #expect(result.failureMessage?.contains(expected) == true, "\(result.failureMessage ?? "")")
    }

    @Test func touchedInputsAndBackendErrorsAreFailuresToo() {
        let clobbered = RegressionRunner(seed: Self.seed, backend: FaultyBackend(fault: .clobberFirstInputByte)).runCase(3)
        #expect(clobbered.failureMessage?.contains("(input A) changed from") == true, "\(clobbered.outcome)")
        let trapped = RegressionRunner(seed: Self.seed, backend: FaultyBackend(fault: .trap)).runCase(3)
        #expect(trapped.outcome == .error("deadlock: injected"))
    }

    @Test func oneCaseReplaysWithTheSameResultAsInTheFullRun() throws {
        let runner = RegressionRunner(seed: Self.seed)
        let full = runner.run(.cases(12, shard: try RegressionShard(parsing: "2/3")), jobs: 1)
        #expect(full.results.map(\.index) == [1, 4, 7, 10])
        for result in full.results {
            let replayed = runner.run(.single(result.index)).results
            #expect(replayed.count == 1)
            #expect(replayed.first?.summary == result.summary)
            #expect(replayed.first?.outcome == result.outcome)
            #expect(replayed.first?.macs == result.macs)
        }
    }

    @Test func backendsAreLookedUpByName() {
        #expect((try? RegressionBackends.standard.named("golden").get())?.name == "golden")
        #expect(RegressionBackends.standard.names == ["golden", "rtl", "interpreter"])
        #expect(RegressionBackends.standard.entries.filter(\.runsTheChip).map(\.name) == ["rtl", "interpreter"])
        let goldenOnly = RegressionBackends([GoldenBackend.entry])
        for (name, message) in [("rtl", "unknown backend 'rtl'; known: golden"), ("verilator", "unknown backend 'verilator'")] {
            if case .failure(let error) = goldenOnly.named(name) {
                #expect(error.message.hasPrefix(message))
            } else {
                Issue.record("\(name) must not resolve")
            }
        }
        // The registry is open: a backend defined elsewhere joins it by name.
        var extended = goldenOnly
        extended.register(RegressionBackendEntry(name: "echo", runsTheChip: false) { _ in EchoBackend() })
        #expect((try? extended.named("echo").get())?.name == "echo")
        #expect(extended.names == ["golden", "echo"])
    }
}

/// A backend defined outside SerranoVerify: the golden model under another name.
private struct EchoBackend: RegressionBackend {
    var name: String { "echo" }
    func execute(_ compiled: CompiledProgram, config: AcceleratorConfig) throws -> [UInt8] {
        try GoldenBackend().execute(compiled, config: config)
    }
}
