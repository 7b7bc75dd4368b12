import GoldenModel

/// What happened to one case.
public struct RegressionCaseResult: Equatable, Sendable {
    /// Pass, a bit-level difference, or an error (compilation, execution, generation).
    public enum Outcome: Equatable, Sendable {
        case passed
        case mismatch(String)
        case error(String)
    }

    public var index: Int
    /// `gemm`, `fc`, `conv2d` (or `generator` when the case could not be drawn).
    public var kind: String
    /// The configuration's name.
    public var configuration: String
    /// The case's one-line description.
    public var summary: String
    /// Multiply-accumulates of the layer.
    public var macs: Int
    /// Wall time of the case: drawing, reference, compilation, execution and comparison.
    public var seconds: Double
    public var outcome: Outcome

    public init(index: Int, kind: String, configuration: String, summary: String, macs: Int, seconds: Double, outcome: Outcome) {
        self.index = index
        self.kind = kind
        self.configuration = configuration
        self.summary = summary
        self.macs = macs
        self.seconds = seconds
        self.outcome = outcome
    }

    public var passed: Bool { outcome == .passed }

    /// What went wrong, or nil for a pass.
    public var failureMessage: String? {
        switch outcome {
        case .passed: return nil
        case .mismatch(let why): return why
        case .error(let why): return "error: \(why)"
        }
    }
}
