import GoldenModel

/// Which cases a run covers: a shard of `0..<cases`, or one case replayed on its own.
public enum RegressionSelection: Equatable, Sendable, CustomStringConvertible {
    case cases(Int, shard: RegressionShard)
    case single(Int)

    /// The case indices, in order.
    public var indices: [Int] {
        switch self {
        case .cases(let count, let shard): return Array(shard.cases(of: count))
        case .single(let index): return [index]
        }
    }

    public var description: String {
        switch self {
        case .cases(let count, let shard) where shard == .all: return "\(count) cases"
        case .cases(let count, let shard): return "shard \(shard) of \(count) cases"
        case .single(let index): return "case \(index)"
        }
    }
}
