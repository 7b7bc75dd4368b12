/// A VCD variable type (`wire`, `reg`, `real`, …). Any type a file names is kept, so SystemVerilog
/// types written by Verilator (`logic`, `bit`, `int`) round-trip too.
public struct VariableKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let wire = VariableKind(rawValue: "wire")
    public static let reg = VariableKind(rawValue: "reg")
    public static let integer = VariableKind(rawValue: "integer")
    public static let parameter = VariableKind(rawValue: "parameter")
    public static let real = VariableKind(rawValue: "real")
    public static let realtime = VariableKind(rawValue: "realtime")
    public static let event = VariableKind(rawValue: "event")
    public static let time = VariableKind(rawValue: "time")

    /// Variables whose values are `r<number>` rather than bits.
    public var isReal: Bool { self == .real || self == .realtime || rawValue == "shortreal" }
    public var description: String { rawValue }
}

/// One declared name in a waveform. Several variables may share one trace (VCD aliases: several
/// `$var`s with one identifier code).
public struct WaveVariable: Hashable, Sendable {
    /// Full hierarchical name, dot-separated: `top.core.valid`.
    public let name: String
    public let width: Int
    public let kind: VariableKind
    /// Index into `Waveform.traces`.
    public let traceIndex: Int
}

/// The value changes of one VCD identifier, stored compactly: a time index per change and, per
/// change, `wordsPerPlane` value words followed by `wordsPerPlane` unknown words (the
/// `LogicValue` layout). Reals store their bit pattern in the value word.
public struct SignalTrace: Sendable {
    public let width: Int
    public let isReal: Bool
    public let wordsPerPlane: Int
    /// Index into `Waveform.times` of each change, non-decreasing.
    public internal(set) var timeIndices: [UInt32] = []
    /// `2 * wordsPerPlane` words per change.
    public internal(set) var words: [UInt64] = []

    public init(width: Int, isReal: Bool) {
        self.width = max(1, width)
        self.isReal = isReal
        self.wordsPerPlane = isReal ? 1 : LogicValue.wordCount(width)
    }

    public var changeCount: Int { timeIndices.count }

    /// The change in effect at time index `timeIndex`: the last change at or before it.
    /// Returns nil before the first change.
    @inlinable public func changeIndex(atOrBefore timeIndex: Int) -> Int? {
        var low = 0
        var high = timeIndices.count
        while low < high {
            let middle = (low + high) >> 1
            if Int(timeIndices[middle]) <= timeIndex { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : low - 1
    }

    /// The value of change `index`.
    public func value(ofChange index: Int) -> WaveValue {
        let base = index * 2 * wordsPerPlane
        if isReal { return .real(Double(bitPattern: words[base])) }
        let value = Array(words[base..<base + wordsPerPlane])
        let unknown = Array(words[base + wordsPerPlane..<base + 2 * wordsPerPlane])
        return .logic(LogicValue(width: width, value: value, unknown: unknown))
    }

    /// The value in effect at a time index; all-x (or NaN for reals) before the first change.
    public func value(atTimeIndex timeIndex: Int) -> WaveValue {
        guard let change = changeIndex(atOrBefore: timeIndex) else {
            return isReal ? .real(.nan) : .logic(.allX(width: width))
        }
        return value(ofChange: change)
    }

    /// `append(timeIndex:planes:)` for a one-word trace, without a buffer.
    mutating func append(timeIndex: UInt32, value: UInt64, unknown: UInt64) {
        let count = timeIndices.count
        if count > 0 {
            let last = (count - 1) &* 2
            if words[last] == value && words[last &+ 1] == unknown { return }
            if timeIndices[count - 1] == timeIndex {
                if count > 1 && words[last &- 2] == value && words[last &- 1] == unknown {
                    timeIndices.removeLast()
                    words.removeLast(2)
                } else {
                    words[last] = value
                    words[last &+ 1] = unknown
                }
                return
            }
        }
        timeIndices.append(timeIndex)
        words.append(value)
        words.append(unknown)
    }

    /// Appends a change, replacing a change at the same time (the last one written wins) and
    /// dropping one that repeats the value in effect, so consecutive changes always differ.
    mutating func append(timeIndex: UInt32, planes: UnsafeBufferPointer<UInt64>) {
        let stride = 2 * wordsPerPlane
        let count = timeIndices.count
        if count > 0 {
            let last = (count - 1) * stride
            var same = true
            for offset in 0..<stride where words[last + offset] != planes[offset] { same = false; break }
            if same { return }
            if timeIndices[count - 1] == timeIndex {
                // Replaced: if the value now equals the one before, the change disappears.
                if count > 1 {
                    let previous = (count - 2) * stride
                    var equalsPrevious = true
                    for offset in 0..<stride where words[previous + offset] != planes[offset] {
                        equalsPrevious = false
                        break
                    }
                    if equalsPrevious {
                        timeIndices.removeLast()
                        words.removeLast(stride)
                        return
                    }
                }
                for offset in 0..<stride { words[last + offset] = planes[offset] }
                return
            }
        }
        timeIndices.append(timeIndex)
        words.append(contentsOf: planes)
    }
}

/// A waveform held in memory: the declared variables, the distinct timestamps, and one compact
/// trace per identifier code.
public struct Waveform: Sendable {
    /// Where it was read from, for messages.
    public var source: String
    public var timescale: Timescale
    /// Every timestamp that appears in the file (`#t`), strictly increasing, in ticks.
    public internal(set) var times: [UInt64]
    public internal(set) var variables: [WaveVariable]
    public internal(set) var traces: [SignalTrace]
    /// Whether a trace was kept; traces not selected when reading have no changes.
    public internal(set) var isLoaded: [Bool]
    private var variableByName: [String: Int]

    init(source: String, timescale: Timescale, times: [UInt64], variables: [WaveVariable],
         traces: [SignalTrace], isLoaded: [Bool]) {
        self.source = source
        self.timescale = timescale
        self.times = times
        self.variables = variables
        self.traces = traces
        self.isLoaded = isLoaded
        var byName: [String: Int] = [:]
        for (index, variable) in variables.enumerated() where byName[variable.name] == nil {
            byName[variable.name] = index
        }
        self.variableByName = byName
    }

    /// The variable with this full name, if declared.
    public func variable(named name: String) -> WaveVariable? {
        variableByName[name].map { variables[$0] }
    }

    /// The trace of a variable.
    public func trace(of variable: WaveVariable) -> SignalTrace { traces[variable.traceIndex] }

    /// The index of the last timestamp at or before `ticks`, or nil if `ticks` precedes them all.
    public func timeIndex(atOrBefore ticks: UInt64) -> Int? {
        var low = 0
        var high = times.count
        while low < high {
            let middle = (low + high) >> 1
            if times[middle] <= ticks { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : low - 1
    }

    /// The value of a variable at a time in ticks.
    public func value(of variable: WaveVariable, at ticks: UInt64) -> WaveValue {
        let trace = traces[variable.traceIndex]
        guard let index = timeIndex(atOrBefore: ticks) else { return trace.value(atTimeIndex: -1) }
        return trace.value(atTimeIndex: index)
    }

    /// Value changes stored, summed over traces.
    public var valueChangeCount: Int { traces.reduce(0) { $0 + $1.changeCount } }

    /// The last timestamp, in ticks (0 for an empty file).
    public var endTime: UInt64 { times.last ?? 0 }
}
