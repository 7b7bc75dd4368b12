import GoldenModel

/// One regression case: a layer and the configuration it is compiled for, reproducible from
/// (seed, index) alone.
public struct RegressionCase: Equatable, Sendable, CustomStringConvertible {
    /// The regression's seed and this case's index: together they regenerate the case.
    public var seed: UInt64
    public var index: Int
    public var configuration: RegressionConfiguration
    public var layer: RegressionLayer
    /// Shapes and parameters in one line, e.g. `conv2d 1×9×7×3 ⊛ 5×3×3 s2×1 … on 3x5`.
    public var summary: String

    public init(seed: UInt64, index: Int, configuration: RegressionConfiguration, layer: RegressionLayer, summary: String) {
        self.seed = seed
        self.index = index
        self.configuration = configuration
        self.layer = layer
        self.summary = summary
    }

    public var description: String { "case \(index): \(summary)" }

    /// The command that reruns only this case.
    public static func replayCommand(seed: UInt64, index: Int, backend: String) -> String {
        "serrano verify --seed \(seed) --case \(index)" + (backend == GoldenBackend.name ? "" : " --backend \(backend)")
    }
}
