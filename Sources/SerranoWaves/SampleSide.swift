/// The sample points of one file: for each sample ordinal, the time index whose value applies
/// (`-1` before the file's first timestamp) and the sample's time. Samples outside
/// `start..<end` are outside the `--from/--to` window.
struct SampleSide {
    private(set) var bounds: [Int32]
    private(set) var femtoseconds: [UInt64]
    /// Rising-edge ordinal of each sample (cycle and transaction alignment).
    private(set) var cycles: [Int]?
    private(set) var start = 0
    private(set) var end: Int

    init(bounds: [Int32], femtoseconds: [UInt64], cycles: [Int]?) {
        self.bounds = bounds
        self.femtoseconds = femtoseconds
        self.cycles = cycles
        self.end = bounds.count
    }

    var fullCount: Int { bounds.count }
    var count: Int { end - start }

    mutating func restrict(to range: Range<Int>) {
        start = min(range.lowerBound, fullCount)
        end = max(start, min(range.upperBound, fullCount))
    }

    func point(at index: Int) -> SamplePoint? {
        guard index >= start && index < end else { return nil }
        return SamplePoint(femtoseconds: femtoseconds[index], cycle: cycles?[index])
    }

    func value(of name: String, in waveform: Waveform, at index: Int) -> WaveValue? {
        guard index >= start && index < end, let variable = waveform.variable(named: name) else { return nil }
        return waveform.trace(of: variable).value(atTimeIndex: Int(bounds[index]))
    }

    /// A window bound in femtoseconds, saturating (an open end is UInt64.max); the whole-file
    /// and the streamed diff both place their `--from/--to` with it.
    static func femtoseconds(_ ticks: UInt64, _ timescale: Timescale) -> UInt64 {
        let (product, overflow) = ticks.multipliedReportingOverflow(by: timescale.femtoseconds)
        return overflow ? UInt64.max : product
    }

    /// A file's time on the common femtosecond axis; one past it (about 5.1 hours) cannot be
    /// lined up with another file, so it is refused rather than clamped onto its neighbours.
    static func femtoseconds(_ ticks: UInt64, in waveform: Waveform) throws -> UInt64 {
        let (product, overflow) = ticks.multipliedReportingOverflow(by: waveform.timescale.femtoseconds)
        guard !overflow else {
            throw WaveError.badOption("\(waveform.source): time \(groupedDigits(ticks)) × \(waveform.timescale) is past 18,446 s, beyond the 64-bit femtosecond axis samples are placed on")
        }
        return product
    }

    /// Every timestamp of either file inside the window, on a common femtosecond axis.
    static func timestamps(_ actual: Waveform, _ expected: Waveform, window: ClosedRange<UInt64>) throws -> (SampleSide, SampleSide) {
        let lower = femtoseconds(window.lowerBound, actual.timescale)
        let upper = femtoseconds(window.upperBound, actual.timescale)
        let actualTimes = try actual.times.map { try femtoseconds($0, in: actual) }
        let expectedTimes = try expected.times.map { try femtoseconds($0, in: expected) }
        var union: [UInt64] = []
        union.reserveCapacity(max(actualTimes.count, expectedTimes.count))
        var i = 0
        var j = 0
        while i < actualTimes.count || j < expectedTimes.count {
            let next: UInt64
            if j >= expectedTimes.count || (i < actualTimes.count && actualTimes[i] <= expectedTimes[j]) {
                next = actualTimes[i]
            } else {
                next = expectedTimes[j]
            }
            while i < actualTimes.count && actualTimes[i] == next { i += 1 }
            while j < expectedTimes.count && expectedTimes[j] == next { j += 1 }
            if next >= lower && next <= upper { union.append(next) }
        }
        func bounds(_ times: [UInt64]) -> [Int32] {
            var result: [Int32] = []
            result.reserveCapacity(union.count)
            var cursor = -1
            for time in union {
                while cursor + 1 < times.count && times[cursor + 1] <= time { cursor += 1 }
                result.append(Int32(cursor))
            }
            return result
        }
        return (SampleSide(bounds: bounds(actualTimes), femtoseconds: union, cycles: nil),
                SampleSide(bounds: bounds(expectedTimes), femtoseconds: union, cycles: nil))
    }

    /// Rising edges of `clock` (a known 0 followed by a known 1), sampling the values just
    /// before each edge as a flip-flop would. With `valid` (and `ready`), only edges where they
    /// read 1 are kept: the transactions.
    static func edges(in waveform: Waveform, clock: String, valid: String?, ready: String?) throws -> SampleSide {
        guard let clockVariable = waveform.variable(named: clock) else {
            throw WaveError.unknownSignal(name: clock, file: waveform.source, suggestions: [])
        }
        let trace = waveform.trace(of: clockVariable)
        guard !trace.isReal else { throw WaveError.badOption("--clock \(clock) is a real, not a bit") }
        let stride = 2 * trace.wordsPerPlane
        var bounds: [Int32] = []
        var times: [UInt64] = []
        var cycles: [Int] = []
        let handshake = try [("--valid", valid), ("--ready", ready)].compactMap { flag, name in name.map { (flag, $0) } }
            .map { flag, name -> SignalTrace in
                guard let variable = waveform.variable(named: name) else {
                    throw WaveError.unknownSignal(name: name, file: waveform.source, suggestions: [])
                }
                let trace = waveform.trace(of: variable)
                if trace.isReal { throw WaveError.badOption("\(flag) \(name) is a real in \(waveform.source), not a bit") }
                return trace
            }
        var previousIsLow = false
        var cycle = 0
        for change in 0..<trace.changeCount {
            let value = trace.words[change * stride] & 1
            let unknown = trace.words[change * stride + trace.wordsPerPlane] & 1
            let isHigh = unknown == 0 && value == 1
            defer { previousIsLow = unknown == 0 && value == 0 }
            guard previousIsLow && isHigh else { continue }
            let timeIndex = Int(trace.timeIndices[change])
            let bound = timeIndex - 1
            defer { cycle += 1 }
            if !handshake.allSatisfy({ SampleSide.isHigh($0, at: bound) }) { continue }
            bounds.append(Int32(bound))
            times.append(try femtoseconds(waveform.times[timeIndex], in: waveform))
            cycles.append(cycle)
        }
        return SampleSide(bounds: bounds, femtoseconds: times, cycles: cycles)
    }

    private static func isHigh(_ trace: SignalTrace, at timeIndex: Int) -> Bool {
        guard !trace.isReal, let change = trace.changeIndex(atOrBefore: timeIndex) else { return false }
        let base = change * 2 * trace.wordsPerPlane
        return trace.words[base] & 1 == 1 && trace.words[base + trace.wordsPerPlane] & 1 == 0
    }
}
