import Testing
import GoldenModel
@testable import SerranoVerify
import SerranoSupport

/// The case generator: reproducible per (seed, index), and covering what the regression promises.
@Suite struct RegressionGeneratorTests {
    @Test func randomSourceIsSplitMix64() {
        // The published first outputs of SplitMix64 seeded with 0.
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func boundedDrawsStayInRange() {
        var random = SplitMix64(seed: 99)
        var seen = Set<Int>()
        for _ in 0..<2000 {
            let value = random.int(in: -3...4)
            #expect((-3...4).contains(value))
            seen.insert(value)
        }
        #expect(seen.count == 8)
        #expect((0..<100).allSatisfy { _ in (0...Int32.max).contains(random.int32(in: 0...Int32.max)) })
    }

    @Test func caseRegeneratesIdenticallyOnItsOwn() throws {
        let seed: UInt64 = 20261125
        let inOrder = try (0..<60).map { try RegressionCaseGenerator(seed: seed).makeCase($0) }
        // Alone, backwards, from a fresh generator each time: the same cases.
        for index in (0..<60).reversed() {
            let alone = try RegressionCaseGenerator(seed: seed).makeCase(index)
            #expect(alone == inOrder[index], "case \(index)")
        }
        let otherSeed = try (0..<60).map { try RegressionCaseGenerator(seed: seed + 1).makeCase($0) }
        #expect(otherSeed.map(\.summary) != inOrder.map(\.summary))
        #expect(Set(inOrder.map(\.summary)).count > 55, "cases of one seed must differ from each other")
    }

    @Test func casesCoverEveryLayerOutputAndConfiguration() throws {
        let cases = try (0..<400).map { try RegressionCaseGenerator(seed: 7).makeCase($0) }
        let summaries = cases.map(\.summary)
        let names = Set(cases.map { $0.configuration.name.hasPrefix("random ") ? "random" : $0.configuration.name })
        #expect(names == Set(RegressionConfiguration.fixed.map(\.name) + ["random"]))
        #expect(Set(cases.map(\.layer.kind)) == ["gemm", "fc", "conv2d"])
        for feature in ["→ int32", "per-tensor", "per-channel", "relu6", "relu ", "no clamp", "single rounding",
                        "double rounding", "+bias", "extremes"] {
            #expect(summaries.contains { $0.contains(feature) }, "no case has \(feature)")
        }
        #expect(summaries.contains { $0.hasPrefix("gemm") && !$0.contains("+bias") })
        var strided = false, dilated = false, padded = false, weightZeroPoint = false
        var overflowsScratchpad = 0
        for testCase in cases {
            switch testCase.layer {
            case .conv2d(let layer):
                let g = layer.geometry
                strided = strided || g.strideHeight > 1 || g.strideWidth > 1
                dilated = dilated || g.dilationHeight > 1 || g.dilationWidth > 1
                padded = padded || g.padTop + g.padBottom + g.padLeft + g.padRight > 0
                weightZeroPoint = weightZeroPoint || layer.weightZeroPoint != 0
            case .gemm(let problem):
                weightZeroPoint = weightZeroPoint || problem.weightZeroPoint != 0
                if problem.m * problem.k + problem.k * problem.n > testCase.configuration.config.scratchpadBytes {
                    overflowsScratchpad += 1
                }
            case .fullyConnected: break
            }
        }
        #expect(strided && dilated && padded && weightZeroPoint)
        #expect(overflowsScratchpad >= 40, "GEMMs must often exceed the scratchpad, found \(overflowsScratchpad)")
        for testCase in cases {
            let plan = try testCase.layer.compile(for: testCase.configuration.config).plan
            #expect(plan.steps <= RegressionCaseGenerator(seed: 7).maxSteps)
        }
    }

    @Test func drawnConfigurationsAreValidWithQueuesOfAtLeastTwo() throws {
        var random = SplitMix64(seed: 3)
        for _ in 0..<200 {
            let drawn = RegressionConfiguration.random(using: &random)
            try drawn.config.validate()
            #expect(drawn.config.tokenQueueDepth >= 2 && drawn.config.instructionQueueDepth >= 2)
            _ = try Tiler.plan(m: 5, n: 5, k: 5, perChannel: true, config: drawn.config)
        }
    }
}
