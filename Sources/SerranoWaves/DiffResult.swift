/// How `wave diff` paired the two files' samples.
public enum Alignment: String, Sendable, Equatable {
    /// Values at every timestamp of either file.
    case timestamp
    /// Values just before each rising clock edge, the k-th edge of one file against the k-th of the other.
    case cycle
    /// Values on the k-th handshake (valid, or valid && ready, at a rising edge) of each file.
    case transaction

    /// `cycle`, `transaction`, `time` — the word reports use for one sample.
    public var unit: String { self == .timestamp ? "time" : rawValue }
}

/// Where one sample sits in one file.
public struct SamplePoint: Sendable, Equatable {
    /// Femtoseconds from the start of the file.
    public let femtoseconds: UInt64
    /// Rising-edge ordinal (0-based) for cycle and transaction alignment.
    public let cycle: Int?
}

/// One signal's values at a divergent sample.
public struct SignalMismatch: Sendable, Equatable {
    public let signal: ComparedSignal
    public let expected: WaveValue
    public let actual: WaveValue
    /// Differing bit positions (cared-for bits only), lowest first, at most 8.
    public let differingBits: [Int]
    public let differingBitCount: Int
}

/// A sample index where the files disagree: different values, or (transactions) a transaction
/// one side has and the other does not.
public struct Divergence: Sendable, Equatable {
    /// Sample ordinal: cycle, transaction index, or timestamp ordinal.
    public let index: Int
    public let actual: SamplePoint?
    public let expected: SamplePoint?
    public let mismatches: [SignalMismatch]
}

/// One row of the picture around the first divergence.
public struct WindowRow: Sendable {
    public let signal: ComparedSignal
    public let width: Int
    /// Values per window column; nil where that file has no such sample.
    public let actual: [WaveValue?]
    public let expected: [WaveValue?]
    public let mismatch: [Bool]
}

/// The samples around the first divergence, ready to draw.
public struct DiffWindow: Sendable {
    public let alignment: Alignment
    /// Sample ordinals of the columns.
    public let indices: [Int]
    /// Column of the first divergence.
    public let focusColumn: Int
    public let rows: [WindowRow]
    /// Column labels: `cycle 17`, `#3 · 175 ns`, …
    public let labels: [String]
}

/// What `wave diff` found.
public struct DiffResult: Sendable {
    public let actualSource: String
    public let expectedSource: String
    public let alignment: Alignment
    public let signals: [ComparedSignal]
    /// The sampling signals, for the report: clock, valid, ready (actual-side names).
    public let clockName: String?
    public let handshakeNames: [String]
    public let actualSampleCount: Int
    public let expectedSampleCount: Int
    /// Samples compared value by value (present on both sides).
    public let comparedSampleCount: Int
    /// Every divergent sample, including transactions present on one side only.
    public let divergingSampleCount: Int
    /// The first divergence, then up to `--max` more, in order.
    public let divergences: [Divergence]
    public let window: DiffWindow?
    public let strictX: Bool
    /// Signals present in one file only (not compared), as `DiffPlan` found them.
    public var onlyInActual: [String] = []
    public var onlyInExpected: [String] = []
    /// Actual-side names whose values the reports print as signed decimals.
    public var signedSignals: Set<String> = []

    public var isSame: Bool { divergingSampleCount == 0 }
}
