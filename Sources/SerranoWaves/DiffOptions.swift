/// A signal named on the command line for both sides: `top.valid` (the expected side's name is
/// derived through `--map`) or `actual_name=expected_name` when the two spell it differently.
public struct SignalPairName: Sendable, Equatable {
    public let actual: String
    public let expected: String

    public init(actual: String, expected: String) {
        self.actual = actual
        self.expected = expected
    }

    /// Parses `NAME` or `ACTUAL=EXPECTED`.
    public init(parsing text: String, flag: String, map: NameMap) throws {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.allSatisfy({ !$0.isEmpty }) else {
            throw WaveError.badOption("\(flag) '\(text)' must be NAME or ACTUAL_NAME=EXPECTED_NAME")
        }
        self.init(actual: parts[0], expected: parts.count == 2 ? parts[1] : map.expectedName(for: parts[0]))
    }
}

/// How `wave diff` lines up the two files. Built from the command line by `init(parsing…)`,
/// which rejects combinations that cannot work.
public struct DiffOptions: Sendable {
    /// Sample on rising edges of this clock (cycle alignment); nil compares at every timestamp.
    public var clock: SignalPairName?
    /// Compare only on cycles where this is 1 (transaction alignment); needs `clock`.
    public var valid: SignalPairName?
    /// With `valid`: a transaction needs valid && ready.
    public var ready: SignalPairName?
    /// Globs over actual-side names; empty means every signal the expected file has.
    public var signals: [String]
    public var map: NameMap
    /// Window bounds as typed (`250ns`, `1.5us`, or ticks of the actual file).
    public var from: String?
    public var to: String?
    /// x/z on the expected side must match exactly instead of meaning "don't care".
    public var strictX: Bool
    /// How many divergences after the first to list.
    public var maxListed: Int
    /// Globs over actual-side names of signals that hold two's complement numbers: reports show
    /// their values in decimal (hex otherwise). A design's name map knows which these are.
    public var signed: [String] = []

    public init(clock: SignalPairName? = nil, valid: SignalPairName? = nil, ready: SignalPairName? = nil,
                signals: [String] = [], map: NameMap = NameMap(), from: String? = nil, to: String? = nil,
                strictX: Bool = false, maxListed: Int = 10) {
        self.clock = clock
        self.valid = valid
        self.ready = ready
        self.signals = signals
        self.map = map
        self.from = from
        self.to = to
        self.strictX = strictX
        self.maxListed = maxListed
    }

    /// Validates command-line values.
    public init(parsingClock clock: String?, valid: String?, ready: String?, signals: [String], map: [String],
                from: String?, to: String?, strictX: Bool, maxListed: Int, signed: [String] = []) throws {
        let nameMap = try NameMap(parsing: map)
        if ready != nil && valid == nil {
            throw WaveError.badOption("--ready needs --valid (a transaction is a cycle with valid && ready)")
        }
        if valid != nil && clock == nil {
            throw WaveError.badOption("--valid needs --clock: transactions are sampled on rising clock edges")
        }
        guard maxListed >= 0 else { throw WaveError.badOption("--max must be 0 or more, not \(maxListed)") }
        if let empty = signals.first(where: { $0.isEmpty }) {
            throw WaveError.badOption("--signals '\(empty)' is empty")
        }
        self.init(
            clock: try clock.map { try SignalPairName(parsing: $0, flag: "--clock", map: nameMap) },
            valid: try valid.map { try SignalPairName(parsing: $0, flag: "--valid", map: nameMap) },
            ready: try ready.map { try SignalPairName(parsing: $0, flag: "--ready", map: nameMap) },
            signals: signals, map: nameMap, from: from, to: to, strictX: strictX, maxListed: maxListed)
        if let empty = signed.first(where: { $0.isEmpty }) {
            throw WaveError.badOption("--signed '\(empty)' is empty")
        }
        self.signed = signed
    }

    /// The `--from`/`--to` window in ticks of a timescale (both ends included).
    func window(in timescale: Timescale) throws -> ClosedRange<UInt64> {
        var lower: UInt64 = 0
        var upper = UInt64.max
        if let from {
            guard let ticks = timescale.ticks(parsing: from) else {
                throw WaveError.badOption("--from '\(from)' is not a time (like 250ns, 1.5us, or a tick count)")
            }
            lower = ticks
        }
        if let to {
            guard let ticks = timescale.ticks(parsing: to) else {
                throw WaveError.badOption("--to '\(to)' is not a time (like 250ns, 1.5us, or a tick count)")
            }
            upper = ticks
        }
        guard lower <= upper else { throw WaveError.badOption("--from \(from ?? "") is after --to \(to ?? "")") }
        return lower...upper
    }
}
