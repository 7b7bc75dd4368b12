import Dispatch
import Foundation
import GoldenModel

/// Runs regression cases on a backend and checks each against the reference kernels.
///
/// A case passes when the backend's final DRAM image equals, bit for bit, the initial image with
/// the reference output written into the output region. Cases are independent, so `jobs`
/// workers share them; results come back in case order whatever the interleaving.
public struct RegressionRunner: Sendable {
    public var generator: RegressionCaseGenerator
    public var backend: any RegressionBackend

    public init(seed: UInt64, backend: any RegressionBackend = GoldenBackend()) {
        self.generator = RegressionCaseGenerator(seed: seed)
        self.backend = backend
    }

    /// A runner over cases of `generator` (its seed, limits and configurations).
    public init(generator: RegressionCaseGenerator, backend: any RegressionBackend) {
        self.generator = generator
        self.backend = backend
    }

    /// Progress after each finished case.
    public struct Progress: Sendable {
        public var done: Int
        public var total: Int
        public var failed: Int
        public var seconds: Double
        /// The case that just finished.
        public var latest: RegressionCaseResult
    }

    /// Draws, runs and checks case `index`.
    public func runCase(_ index: Int) -> RegressionCaseResult {
        let start = ContinuousClock.now
        let testCase: RegressionCase
        do { testCase = try generator.makeCase(index) } catch {
            return RegressionCaseResult(index: index, kind: "generator", configuration: "-", summary: "case \(index) could not be drawn",
                                        macs: 0, seconds: seconds(since: start), outcome: .error("\(error)"))
        }
        let outcome: RegressionCaseResult.Outcome
        do {
            let config = testCase.configuration.config
            let compiled = try testCase.layer.compile(for: config)
            let expected = DRAMComparison.expectedImage(compiled, output: try testCase.layer.reference())
            let actual = try backend.execute(compiled, config: config)
            if let difference = DRAMComparison.difference(expected: expected, actual: actual, layout: compiled.layout) {
                outcome = .mismatch(difference)
            } else {
                outcome = .passed
            }
        } catch {
            outcome = .error("\(error)")
        }
        return RegressionCaseResult(
            index: index, kind: testCase.layer.kind, configuration: testCase.configuration.name, summary: testCase.summary,
            macs: testCase.layer.macs, seconds: seconds(since: start), outcome: outcome)
    }

    /// Runs `selection` with `jobs` workers, calling `progress` (serialized) after each case.
    public func run(_ selection: RegressionSelection, jobs: Int = 1,
                    progress: @escaping @Sendable (Progress) -> Void = { _ in }) -> RegressionReport {
        let indices = selection.indices
        let start = ContinuousClock.now
        let state = SharedState(count: indices.count)
        let workers = max(1, min(jobs, indices.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let position = state.claim() {
                let result = runCase(indices[position])
                state.finish(position, result, elapsed: seconds(since: start), progress: progress)
            }
        }
        return RegressionReport(seed: generator.seed, backend: backend.name, selection: selection,
                                results: state.collected(), seconds: seconds(since: start))
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}

/// The work list and results the workers share, behind one lock.
private final class SharedState: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var done = 0
    private var failed = 0
    private var results: [RegressionCaseResult?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < results.count else { return nil }
        next += 1
        return next - 1
    }

    func finish(_ position: Int, _ result: RegressionCaseResult, elapsed: Double,
                progress: (RegressionRunner.Progress) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        results[position] = result
        done += 1
        if !result.passed { failed += 1 }
        progress(RegressionRunner.Progress(done: done, total: results.count, failed: failed, seconds: elapsed, latest: result))
    }

    func collected() -> [RegressionCaseResult] {
        lock.lock()
        defer { lock.unlock() }
        return results.compactMap { $0 }
    }
}
