import Accelerator
import GoldenModel
import SerranoSim
import SerranoVerify
import Testing

/// The regression's random layers (GEMM with and without bias, fully connected, conv2d; raw
/// int32, per-tensor and per-channel requantization, every activation, both roundings) on the
/// Verilated chip, with random DRAM back-pressure, against the reference kernels.
@Suite struct RegressionOnChipTests {
    static let seed: UInt64 = 2026

    static func run(configuration name: String, cases: Int) throws {
        let config = try #require(AcceleratorConfig.named(name))
        let generator = RegressionCaseGenerator(seed: seed, maxSteps: 400, maxMACs: 400_000,
                                                configurations: [RegressionConfiguration(name: name, config: config)])
        let runner = RegressionRunner(generator: generator, backend: RTLBackend(randomBackPressure: true))
        let report = runner.run(.cases(cases, shard: .all), jobs: 2)
        for result in report.results where !result.passed {
            Issue.record("seed \(seed) \(result.summary): \(result.outcome) — replay: serrano verify --backend rtl --seed \(seed) --case \(result.index) --config \(name)")
        }
        print("\(name): \(report.results.filter(\.passed).count) of \(cases) cases passed in \(report.seconds) s")
    }

    @Test func tinyRandomLayers() throws { try Self.run(configuration: "tiny", cases: 500) }
    @Test func defaultRandomLayers() throws { try Self.run(configuration: "default", cases: 30) }
    @Test func wideRandomLayers() throws { try Self.run(configuration: "wide", cases: 30) }
}
