import GoldenModel

/// One of N slices of a regression (`--shard K/N`, K counted from 1): case `i` belongs to
/// shard K when `i % N == K − 1`, so N jobs of a CI matrix or cluster array cover every case
/// exactly once and each shard mixes every kind of case.
public struct RegressionShard: Equatable, Sendable, CustomStringConvertible {
    /// 1-based shard number.
    public let index: Int
    /// Number of shards.
    public let count: Int

    /// The whole regression.
    public static let all = RegressionShard(uncheckedIndex: 1, count: 1)

    /// Validates `1 ≤ index ≤ count`.
    public init(index: Int, count: Int) throws {
        guard count >= 1 else { throw RegressionShardError("shard count must be ≥ 1, found \(count)") }
        guard (1...count).contains(index) else {
            throw RegressionShardError("shard must be in 1...\(count) (counted from 1), found \(index)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `K/N`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw RegressionShardError("--shard takes K/N (e.g. 2/8), found '\(text)'")
        }
        try self.init(index: index, count: count)
    }

    private init(uncheckedIndex: Int, count: Int) {
        self.index = uncheckedIndex
        self.count = count
    }

    /// Whether case `caseIndex` is this shard's.
    public func contains(_ caseIndex: Int) -> Bool { caseIndex % count == index - 1 }

    /// This shard's cases among `0..<cases`, in order.
    public func cases(of cases: Int) -> StrideTo<Int> { stride(from: index - 1, to: max(0, cases), by: count) }

    /// How many of `0..<cases` are this shard's.
    /// Exact for every `Int`: no intermediate sum can overflow (`--shard 1/9223372036854775807`).
    public func caseCount(of cases: Int) -> Int { cases < index ? 0 : (cases - index) / count + 1 }

    public var description: String { "\(index)/\(count)" }
}

/// A `--shard` value that names no shard.
public struct RegressionShardError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
