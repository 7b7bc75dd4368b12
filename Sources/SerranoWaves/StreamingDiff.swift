/// `wave diff` over two streams read in parallel: each file's reader thread parses it into
/// chunks of value changes; this consumes both in lock step, comparing only the signals that
/// changed since the last sample and keeping, besides the current values, only the few samples
/// the picture around the first divergence needs. The result is the one `WaveDiff.compare` gives
/// on the whole files.
struct StreamingDiff {
    private let plan: DiffPlan
    private let options: DiffOptions
    private let alignment: Alignment
    private let actual: StreamSide
    private let expected: StreamSide
    /// Per compared signal: its trace on each side (nil when a name is not declared).
    private let actualTraces: [Int?]
    private let expectedTraces: [Int?]
    /// Which compared signals differ now.
    private let current: CurrentDifferences

    private var dirty: DirtySignals
    private var total = 0
    private var divergences: [Divergence] = []
    private var focus: Int?
    /// Points of the last nine samples, for the picture's left half: (index, actual, expected),
    /// a ring written at `recentNext`.
    private var recent: [(index: Int, actual: SamplePoint?, expected: SamplePoint?)] = Array(repeating: (-1, nil, nil), count: 9)
    private var recentNext = 0
    /// The picture's columns captured so far.
    private var columns: [Int: Column] = [:]

    private struct Column {
        let actual: SamplePoint?
        let expected: SamplePoint?
        let actualValues: [WaveValue?]
        let expectedValues: [WaveValue?]
    }

    /// Opens nothing: `actual` and `expected` are open streams whose headers `plan` was made from.
    static func run(actual: VCDStream, expected: VCDStream, plan: DiffPlan, options: DiffOptions) throws -> DiffResult {
        var diff = StreamingDiff(actual: actual, expected: expected, plan: plan, options: options)
        defer {
            diff.actual.cancel()
            diff.expected.cancel()
        }
        return try diff.run()
    }

    private init(actual actualStream: VCDStream, expected expectedStream: VCDStream, plan: DiffPlan, options: DiffOptions) {
        self.plan = plan
        self.options = options
        alignment = plan.valid != nil ? .transaction : (plan.clock != nil ? .cycle : .timestamp)
        actualTraces = plan.signals.map { actualStream.header.variable(named: $0.actualName)?.traceIndex }
        expectedTraces = plan.signals.map { expectedStream.header.variable(named: $0.expectedName)?.traceIndex }
        actual = StreamSide(stream: actualStream, names: plan.actualNames, watchedBy: actualTraces)
        expected = StreamSide(stream: expectedStream, names: plan.expectedNames, watchedBy: expectedTraces)
        current = CurrentDifferences(actual: actual, expected: expected, actualTraces: actualTraces, expectedTraces: expectedTraces,
                                     strict: options.strictX)
        for (side, header, names) in [(actual, actualStream.header, [plan.clock?.actual, plan.valid?.actual, plan.ready?.actual]),
                                      (expected, expectedStream.header, [plan.clock?.expected, plan.valid?.expected, plan.ready?.expected])] {
            side.clock = names[0].flatMap { header.variable(named: $0)?.traceIndex }
            side.handshake = names.dropFirst().compactMap { $0 }.compactMap { header.variable(named: $0)?.traceIndex }
        }
        dirty = DirtySignals(count: plan.signals.count)
        // Every signal starts unknown on both sides: compare them all at the first sample.
        for signal in plan.signals.indices { dirty.mark(signal) }
    }

    /// Errors in the order the whole-file diff meets them: reading either file, the window,
    /// then each side's sampling.
    private struct Failures {
        var window: Error?
        var actualSampling: Error?
        var expectedSampling: Error?
        var any: Bool { window != nil || actualSampling != nil || expectedSampling != nil }
    }

    private mutating func run() throws -> DiffResult {
        var failures = Failures()
        var window: ClosedRange<UInt64> = 0...UInt64.max
        do { window = try options.window(in: actual.stream.header.timescale) } catch { failures.window = error }
        let lower = SampleSide.femtoseconds(window.lowerBound, actual.stream.header.timescale)
        let upper = SampleSide.femtoseconds(window.upperBound, actual.stream.header.timescale)
        if alignment != .timestamp {
            failures.actualSampling = StreamingDiff.samplingError(actual.stream.header, plan.clock?.actual, plan.valid?.actual, plan.ready?.actual)
            failures.expectedSampling = StreamingDiff.samplingError(expected.stream.header, plan.clock?.expected, plan.valid?.expected, plan.ready?.expected)
        }
        var counts: (actualStart: Int, actualEnd: Int, expectedStart: Int, expectedEnd: Int) = (0, 0, 0, 0)
        if !failures.any {
            counts = alignment == .timestamp
                ? timestamps(lower: lower, upper: upper, failures: &failures)
                : cycles(lower: lower, upper: upper, failures: &failures)
        }
        actual.drain()
        expected.drain()
        if let error = actual.parseError { throw error }
        if let error = expected.parseError { throw error }
        if let error = failures.window ?? failures.actualSampling ?? failures.expectedSampling { throw error }
        return try result(counts)
    }

    // MARK: sampling

    /// Every timestamp of either file inside the window, on a common femtosecond axis.
    private mutating func timestamps(lower: UInt64, upper: UInt64, failures: inout Failures) -> (Int, Int, Int, Int) {
        var index = 0
        var actualFailed = false
        var expectedFailed = false
        while true {
            let actualTime = actualFailed ? nil : nextTime(actual, failed: &actualFailed, error: &failures.actualSampling)
            let expectedTime = expectedFailed ? nil : nextTime(expected, failed: &expectedFailed, error: &failures.expectedSampling)
            guard actualTime != nil || expectedTime != nil else { break }
            let time = min(actualTime ?? .max, expectedTime ?? .max)
            if actualTime == time { actual.apply(&dirty) }
            if expectedTime == time { expected.apply(&dirty) }
            guard !actualFailed && !expectedFailed, time >= lower && time <= upper else { continue }
            let point = SamplePoint(femtoseconds: time, cycle: nil)
            sample(index, actual: point, expected: point)
            actual.samplesTaken += 1
            expected.samplesTaken += 1
            index += 1
        }
        return (0, index, 0, index)
    }

    private func nextTime(_ side: StreamSide, failed: inout Bool, error: inout Error?) -> UInt64? {
        guard side.loadGroup() else { return nil }
        do {
            return try SampleSide.femtoseconds(side.groupTicks, in: side.stream.header)
        } catch let failure {
            error = failure
            failed = true
            return nil
        }
    }

    /// The k-th rising edge (with its handshake) of one file against the k-th of the other; the
    /// window picks the actual file's samples and the expected side follows by ordinal.
    private mutating func cycles(lower: UInt64, upper: UInt64, failures: inout Failures) -> (Int, Int, Int, Int) {
        var index = 0
        var first: Int?
        var upperAt: Int?
        var actualCount: Int?
        var expectedCount: Int?
        while true {
            let actualPoint = actualCount != nil ? nil : nextEdge(actual, error: &failures.actualSampling)
            let expectedPoint = expectedCount != nil ? nil : nextEdge(expected, error: &failures.expectedSampling)
            if actualPoint == nil && actualCount == nil { actualCount = index }
            if expectedPoint == nil && expectedCount == nil { expectedCount = index }
            if first == nil && (actualPoint.map { $0.femtoseconds >= lower } ?? true) { first = index }
            guard actualPoint != nil || expectedPoint != nil else { break }
            if let actualPoint, first != nil, upperAt == nil, actualPoint.femtoseconds > upper { upperAt = index }
            let inWindow = first.map { index >= $0 } ?? false
            let actualIn = inWindow && upperAt == nil ? actualPoint : nil
            let expectedIn = inWindow && (upperAt.map { index < $0 } ?? true) ? expectedPoint : nil
            if failures.actualSampling == nil && failures.expectedSampling == nil {
                if actualIn != nil || expectedIn != nil {
                    sample(index, actual: actualIn, expected: expectedIn)
                } else {
                    remember(index, actual: nil, expected: nil)
                }
            }
            index += 1
        }
        let actualFull = actualCount ?? index
        let expectedFull = expectedCount ?? index
        let start = min(first ?? 0, actualFull)
        let actualEnd = max(start, upperAt ?? actualFull)
        let expectedStart = min(first ?? 0, expectedFull)
        let expectedEnd = upperAt.map { max(expectedStart, min($0, expectedFull)) } ?? max(expectedStart, expectedFull)
        return (start, actualEnd, expectedStart, expectedEnd)
    }

    /// Moves a side to its next sample: a rising edge of the clock (a known 0 followed by a
    /// known 1) where the handshake reads 1, stopping just before the edge's changes, as a
    /// flip-flop samples. Nil at the end of the file or at an error (kept in `error`).
    private mutating func nextEdge(_ side: StreamSide, error: inout Error?) -> SamplePoint? {
        guard error == nil, let clock = side.clock else { return nil }
        let handshakeTraces = side.handshake
        while side.loadGroup() {
            if !side.edgeChecked {
                side.edgeChecked = true
                if side.bit(clock).isLow && side.groupSetsHigh(clock) {
                    let cycle = side.edges
                    side.edges += 1
                    if handshakeTraces.allSatisfy({ side.bit($0).isHigh }) {
                        do {
                            let time = try SampleSide.femtoseconds(side.groupTicks, in: side.stream.header)
                            side.samplesTaken += 1
                            return SamplePoint(femtoseconds: time, cycle: cycle)
                        } catch let failure {
                            error = failure
                            return nil
                        }
                    }
                }
            }
            side.apply(&dirty)
        }
        return nil
    }

    // MARK: comparing

    private mutating func sample(_ index: Int, actual actualPoint: SamplePoint?, expected expectedPoint: SamplePoint?) {
        remember(index, actual: actualPoint, expected: expectedPoint)
        let diverges: Bool
        if actualPoint != nil && expectedPoint != nil {
            current.update(dirty.list)
            dirty.clear()
            diverges = current.differingCount > 0
        } else {
            // A transaction one side lacks; extra cycles are not divergences.
            diverges = alignment == .transaction
        }
        if diverges {
            total += 1
            if divergences.count <= options.maxListed {
                divergences.append(divergence(at: index, actual: actualPoint, expected: expectedPoint))
            }
            if focus == nil {
                focus = index
                for entry in recent where entry.index >= 0 && entry.index < index { capture(entry.index, entry.actual, entry.expected) }
            }
        }
        if let focus, index >= focus && index <= focus + 8 { capture(index, actualPoint, expectedPoint) }
    }

    private mutating func remember(_ index: Int, actual: SamplePoint?, expected: SamplePoint?) {
        guard focus == nil else { return }
        recent[recentNext] = (index, actual, expected)
        recentNext = recentNext == recent.count - 1 ? 0 : recentNext + 1
    }

    private func values(at index: Int, _ signal: Int, actual actualPresent: Bool, expected expectedPresent: Bool) -> (WaveValue?, WaveValue?) {
        let actualValue = actualPresent ? actualTraces[signal].map { actual.value($0, at: index) } : nil
        let expectedValue = expectedPresent ? expectedTraces[signal].map { expected.value($0, at: index) } : nil
        return (actualValue, expectedValue)
    }

    private func divergence(at index: Int, actual actualPoint: SamplePoint?, expected expectedPoint: SamplePoint?) -> Divergence {
        var mismatches: [SignalMismatch] = []
        for (signalIndex, signal) in plan.signals.enumerated() {
            let (actualValue, expectedValue) = values(at: index, signalIndex, actual: actualPoint != nil, expected: expectedPoint != nil)
            guard let actualValue, let expectedValue else { continue }
            let bits = ValueComparison.differingBits(actual: actualValue, expected: expectedValue, strict: options.strictX)
            if bits.count > 0 {
                mismatches.append(SignalMismatch(signal: signal, expected: expectedValue, actual: actualValue,
                                                 differingBits: bits.first, differingBitCount: bits.count))
            }
        }
        return Divergence(index: index, actual: actualPoint, expected: expectedPoint, mismatches: mismatches)
    }

    private mutating func capture(_ index: Int, _ actualPoint: SamplePoint?, _ expectedPoint: SamplePoint?) {
        var actualValues: [WaveValue?] = []
        var expectedValues: [WaveValue?] = []
        for signal in plan.signals.indices {
            let (actualValue, expectedValue) = values(at: index, signal, actual: actualPoint != nil, expected: expectedPoint != nil)
            actualValues.append(actualValue)
            expectedValues.append(expectedValue)
        }
        columns[index] = Column(actual: actualPoint, expected: expectedPoint, actualValues: actualValues, expectedValues: expectedValues)
    }

    // MARK: the result

    private func result(_ counts: (actualStart: Int, actualEnd: Int, expectedStart: Int, expectedEnd: Int)) throws -> DiffResult {
        let actualCount = counts.actualEnd - counts.actualStart
        let expectedCount = counts.expectedEnd - counts.expectedStart
        let actualHeader = actual.stream.header
        let expectedHeader = expected.stream.header
        let windowed = options.from != nil || options.to != nil
        switch alignment {
        case .timestamp where actualCount == 0:
            throw WaveError.badOption("no timestamps to compare (empty files, or a window outside them)")
        case .transaction where actualCount == 0 && expectedCount == 0:
            let handshake = [plan.valid?.actual, plan.ready?.actual].compactMap { $0 }.joined(separator: " && ")
            throw WaveError.badOption("\(handshake) is never 1 at a rising edge of \(plan.clock?.actual ?? "the clock") in \(actualHeader.source)\(windowed ? " inside the window" : "") (nor in \(expectedHeader.source)): no transactions to compare")
        case .cycle where actualCount == 0 || expectedCount == 0:
            let (file, clock) = actualCount == 0 ? (actualHeader.source, plan.clock?.actual) : (expectedHeader.source, plan.clock?.expected)
            throw WaveError.badOption("\(clock ?? "the clock") has no rising edge in \(file)\(windowed ? " inside the window" : "")")
        default:
            break
        }
        let compared = max(counts.actualStart, min(counts.actualEnd, counts.expectedEnd)) - counts.actualStart
        var result = DiffResult(
            actualSource: actualHeader.source, expectedSource: expectedHeader.source, alignment: alignment,
            signals: plan.signals, clockName: plan.clock?.actual,
            handshakeNames: [plan.valid?.actual, plan.ready?.actual].compactMap { $0 },
            actualSampleCount: actualCount, expectedSampleCount: expectedCount,
            comparedSampleCount: compared, divergingSampleCount: total,
            divergences: divergences, window: focus.map { picture(around: $0, counts) }, strictX: options.strictX)
        result.onlyInActual = plan.onlyInActual
        result.onlyInExpected = plan.onlyInExpected
        result.signedSignals = Set(plan.signals.map(\.actualName).filter { name in
            options.signed.contains { SignalNames.glob($0, matches: name) }
        })
        return result
    }

    private func picture(around focus: Int, _ counts: (actualStart: Int, actualEnd: Int, expectedStart: Int, expectedEnd: Int)) -> DiffWindow {
        let lower = max(min(counts.actualStart, counts.expectedStart), focus - 8)
        let upper = min(max(counts.actualEnd, counts.expectedEnd), focus + 9)
        let header = actual.stream.header
        return WaveDiff.window(around: focus, columns: lower..<upper, plan: plan, alignment: alignment, strict: options.strictX,
                               width: { header.variable(named: $0.actualName)?.width ?? 1 },
                               values: { index, signal in
                                   (columns[index]?.actualValues[signal] ?? nil, columns[index]?.expectedValues[signal] ?? nil)
                               },
                               femtoseconds: { index in
                                   columns[index]?.actual?.femtoseconds ?? columns[index]?.expected?.femtoseconds ?? 0
                               })
    }

    // MARK: checks the whole-file diff makes while sampling

    /// A clock or handshake signal that is a real cannot be sampled as a bit.
    private static func samplingError(_ header: Waveform, _ clock: String?, _ valid: String?, _ ready: String?) -> Error? {
        guard let clock, let variable = header.variable(named: clock) else { return nil }
        if header.trace(of: variable).isReal { return WaveError.badOption("--clock \(clock) is a real, not a bit") }
        for (flag, name) in [("--valid", valid), ("--ready", ready)] {
            guard let name, let variable = header.variable(named: name) else { continue }
            if header.trace(of: variable).isReal {
                return WaveError.badOption("\(flag) \(name) is a real in \(header.source), not a bit")
            }
        }
        return nil
    }
}
