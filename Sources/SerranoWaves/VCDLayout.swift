/// The declarations of a VCD header laid out as traces: one per identifier code (aliases share
/// one), with the names each variable is known by and which traces a reader keeps.
struct VCDLayout {
    let timescale: Timescale
    let variables: [WaveVariable]
    /// Empty traces: width, realness and words per plane of each identifier code.
    let traces: [SignalTrace]
    let isLoaded: [Bool]
    /// Each trace's first name, for messages.
    let traceNames: [String]
    let table: IdentifierTable
    let declarations: [Declaration]

    init(declarations: [Declaration], timescale: Timescale, selecting: ((String) -> Bool)?) {
        var traceByCode: [String: Int] = [:]
        var variables: [WaveVariable] = []
        var traces: [SignalTrace] = []
        var isLoaded: [Bool] = []
        var traceNames: [String] = []
        for declaration in declarations {
            let traceIndex: Int
            if let existing = traceByCode[declaration.code] {
                traceIndex = existing
            } else {
                traceIndex = traces.count
                traceByCode[declaration.code] = traceIndex
                traces.append(SignalTrace(width: declaration.width, isReal: declaration.kind.isReal))
                traceNames.append(declaration.name)
                isLoaded.append(false)
            }
            if selecting?(declaration.name) ?? true { isLoaded[traceIndex] = true }
            variables.append(WaveVariable(name: declaration.name, width: traces[traceIndex].width,
                                          kind: declaration.kind, traceIndex: traceIndex))
        }
        self.timescale = timescale
        self.variables = variables
        self.traces = traces
        self.isLoaded = isLoaded
        self.traceNames = traceNames
        table = IdentifierTable(traceByCode: traceByCode, isLoaded: isLoaded)
        self.declarations = declarations
    }

    /// The same declarations with another selection.
    func selecting(_ selecting: ((String) -> Bool)?) -> VCDLayout {
        VCDLayout(declarations: declarations, timescale: timescale, selecting: selecting)
    }
}

/// Where `VCDParser.changes` delivers what it reads: every new timestamp (strictly increasing),
/// then the changes of loaded traces at it, in file order. `position` is the byte offset the
/// parser has reached.
protocol VCDChangeSink {
    mutating func time(_ ticks: UInt64, position: Int) throws
    /// A change to a trace of one word per plane.
    mutating func change(trace: Int, value: UInt64, unknown: UInt64)
    /// A change given as both planes; returns the words it newly stored (charged against the
    /// wide-vector budget).
    mutating func change(trace: Int, planes: UnsafeBufferPointer<UInt64>) -> Int
    mutating func finish(position: Int) throws
}

/// The whole-file sink: every change stored into compact traces.
struct WaveformBuilder: VCDChangeSink {
    private(set) var times: [UInt64] = []
    private(set) var traces: [SignalTrace]
    private var current: UInt32 = 0

    init(traces: [SignalTrace]) { self.traces = traces }

    mutating func time(_ ticks: UInt64, position: Int) throws {
        // The parser refuses more than Int32.max timestamps, so the index fits.
        current = UInt32(truncatingIfNeeded: times.count)
        times.append(ticks)
    }

    @inline(__always) mutating func change(trace: Int, value: UInt64, unknown: UInt64) {
        traces[trace].append(timeIndex: current, value: value, unknown: unknown)
    }

    mutating func change(trace: Int, planes: UnsafeBufferPointer<UInt64>) -> Int {
        let before = traces[trace].words.count
        traces[trace].append(timeIndex: current, planes: planes)
        return max(0, traces[trace].words.count - before)
    }

    mutating func finish(position: Int) throws {}
}
