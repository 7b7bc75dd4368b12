/// The waveform comparison behind `serrano wave diff`.
public enum WaveDiff {
    /// Opens both files (VCD or FST), resolves the signals from their headers, then streams
    /// both at once (a reader thread per file) and compares as the changes arrive: memory
    /// follows the signals compared, not the files' length.
    public static func run(actual actualPath: String, expected expectedPath: String, options: DiffOptions) throws -> DiffResult {
        let actual = try VCDStream(path: actualPath)
        let expected = try VCDStream(path: expectedPath)
        let plan = try DiffPlan(actual: actual.header, expected: expected.header, options: options)
        return try StreamingDiff.run(actual: actual, expected: expected, plan: plan, options: options)
    }

    /// Compares two loaded waveforms.
    public static func compare(actual: Waveform, expected: Waveform, options: DiffOptions) throws -> DiffResult {
        try compare(actual: actual, expected: expected,
                    plan: DiffPlan(actual: actual, expected: expected, options: options), options: options)
    }

    static func compare(actual: Waveform, expected: Waveform, plan: DiffPlan, options: DiffOptions) throws -> DiffResult {
        let window = try options.window(in: actual.timescale)
        let alignment: Alignment = plan.valid != nil ? .transaction : (plan.clock != nil ? .cycle : .timestamp)
        var actualSamples: SampleSide
        var expectedSamples: SampleSide
        switch alignment {
        case .timestamp:
            (actualSamples, expectedSamples) = try SampleSide.timestamps(actual, expected, window: window)
        case .cycle, .transaction:
            actualSamples = try SampleSide.edges(in: actual, clock: plan.clock?.actual ?? "",
                                                 valid: plan.valid?.actual, ready: plan.ready?.actual)
            expectedSamples = try SampleSide.edges(in: expected, clock: plan.clock?.expected ?? "",
                                                   valid: plan.valid?.expected, ready: plan.ready?.expected)
            // The window selects the actual file's samples; the expected side follows by ordinal.
            let lower = window.lowerBound.multipliedReportingOverflow(by: actual.timescale.femtoseconds)
            let upper = window.upperBound.multipliedReportingOverflow(by: actual.timescale.femtoseconds)
            let lowerFS = lower.overflow ? UInt64.max : lower.partialValue
            let upperFS = upper.overflow ? UInt64.max : upper.partialValue
            let first = actualSamples.femtoseconds.firstIndex { $0 >= lowerFS } ?? actualSamples.count
            let last = actualSamples.femtoseconds.lastIndex { $0 <= upperFS }.map { $0 + 1 } ?? 0
            let range = first..<max(first, last)
            actualSamples.restrict(to: range)
            if range.upperBound == actualSamples.fullCount {
                // An open-ended window keeps every later expected sample, so extra ones show.
                expectedSamples.restrict(to: range.lowerBound..<max(range.lowerBound, expectedSamples.fullCount))
            } else {
                expectedSamples.restrict(to: range)
            }
        }

        // Comparing nothing must not pass as "same".
        switch alignment {
        case .timestamp where actualSamples.count == 0:
            throw WaveError.badOption("no timestamps to compare (empty files, or a window outside them)")
        case .transaction where actualSamples.count == 0 && expectedSamples.count == 0:
            let handshake = [plan.valid?.actual, plan.ready?.actual].compactMap { $0 }.joined(separator: " && ")
            throw WaveError.badOption("\(handshake) is never 1 at a rising edge of \(plan.clock?.actual ?? "the clock") in \(actual.source)\(options.from != nil || options.to != nil ? " inside the window" : "") (nor in \(expected.source)): no transactions to compare")
        case .cycle where actualSamples.count == 0 || expectedSamples.count == 0:
            let (file, clock) = actualSamples.count == 0 ? (actual.source, plan.clock?.actual) : (expected.source, plan.clock?.expected)
            throw WaveError.badOption("\(clock ?? "the clock") has no rising edge in \(file)\(options.from != nil || options.to != nil ? " inside the window" : "")")
        default:
            break
        }
        let start = actualSamples.start
        let comparedEnd = max(start, min(actualSamples.end, expectedSamples.end))
        let compared = start..<comparedEnd
        var marks = [Bool](repeating: false, count: compared.count)
        for signal in plan.signals {
            guard let actualVariable = actual.variable(named: signal.actualName),
                  let expectedVariable = expected.variable(named: signal.expectedName) else { continue }
            TraceComparison.mark(actual: actual.trace(of: actualVariable), expected: expected.trace(of: expectedVariable),
                                 actualBounds: actualSamples.bounds, expectedBounds: expectedSamples.bounds,
                                 range: compared, strict: options.strictX, marks: &marks)
        }
        // Transactions one side has and the other lacks diverge too; extra cycles do not (the
        // files simply end at different times).
        let unpaired = alignment == .transaction ? comparedEnd..<max(actualSamples.end, expectedSamples.end) : comparedEnd..<comparedEnd
        var divergent: [Int] = []
        var total = 0
        for (offset, isMarked) in marks.enumerated() where isMarked {
            total += 1
            if divergent.count <= options.maxListed { divergent.append(compared.lowerBound + offset) }
        }
        for index in unpaired {
            total += 1
            if divergent.count <= options.maxListed { divergent.append(index) }
        }
        let context = Context(actual: actual, expected: expected, plan: plan, strict: options.strictX,
                              actualSamples: actualSamples, expectedSamples: expectedSamples)
        let divergences = divergent.map { context.divergence(at: $0) }
        let diffWindow = divergent.first.map { context.window(around: $0, alignment: alignment) }
        var result = DiffResult(
            actualSource: actual.source, expectedSource: expected.source, alignment: alignment,
            signals: plan.signals, clockName: plan.clock?.actual,
            handshakeNames: [plan.valid?.actual, plan.ready?.actual].compactMap { $0 },
            actualSampleCount: actualSamples.end - actualSamples.start,
            expectedSampleCount: expectedSamples.end - expectedSamples.start,
            comparedSampleCount: compared.count, divergingSampleCount: total,
            divergences: divergences, window: diffWindow, strictX: options.strictX)
        result.onlyInActual = plan.onlyInActual
        result.onlyInExpected = plan.onlyInExpected
        result.signedSignals = Set(plan.signals.map(\.actualName).filter { name in
            options.signed.contains { SignalNames.glob($0, matches: name) }
        })
        return result
    }

    /// Everything needed to describe a sample after the fast comparison.
    private struct Context {
        let actual: Waveform
        let expected: Waveform
        let plan: DiffPlan
        let strict: Bool
        let actualSamples: SampleSide
        let expectedSamples: SampleSide

        func values(at index: Int, _ signal: ComparedSignal) -> (actual: WaveValue?, expected: WaveValue?) {
            (actualSamples.value(of: signal.actualName, in: actual, at: index),
             expectedSamples.value(of: signal.expectedName, in: expected, at: index))
        }

        func divergence(at index: Int) -> Divergence {
            var mismatches: [SignalMismatch] = []
            for signal in plan.signals {
                let (actualValue, expectedValue) = values(at: index, signal)
                guard let actualValue, let expectedValue else { continue }
                let bits = ValueComparison.differingBits(actual: actualValue, expected: expectedValue, strict: strict)
                if bits.count > 0 {
                    mismatches.append(SignalMismatch(signal: signal, expected: expectedValue, actual: actualValue,
                                                     differingBits: bits.first, differingBitCount: bits.count))
                }
            }
            return Divergence(index: index, actual: actualSamples.point(at: index),
                              expected: expectedSamples.point(at: index), mismatches: mismatches)
        }

        func window(around focus: Int, alignment: Alignment) -> DiffWindow {
            let lower = max(min(actualSamples.start, expectedSamples.start), focus - 8)
            let upper = min(max(actualSamples.end, expectedSamples.end), focus + 9)
            return WaveDiff.window(around: focus, columns: lower..<upper, plan: plan, alignment: alignment, strict: strict,
                                   width: { actual.variable(named: $0.actualName)?.width ?? 1 },
                                   values: { index, signal in values(at: index, plan.signals[signal]) },
                                   femtoseconds: { index in
                                       actualSamples.point(at: index)?.femtoseconds ?? expectedSamples.point(at: index)?.femtoseconds ?? 0
                                   })
        }
    }

    /// The picture around the first divergence: a row per compared signal over `columns` (at
    /// least one), with `values(index, signal)` giving each side's value at a sample (nil where
    /// that file has none).
    static func window(around focus: Int, columns: Range<Int>, plan: DiffPlan, alignment: Alignment, strict: Bool,
                       width: (ComparedSignal) -> Int, values: (Int, Int) -> (WaveValue?, WaveValue?),
                       femtoseconds: (Int) -> UInt64) -> DiffWindow {
        let lower = columns.lowerBound
        let indices = Array(lower..<max(lower + 1, columns.upperBound))
        var rows: [WindowRow] = []
        for (signalIndex, signal) in plan.signals.enumerated() {
            var actualValues: [WaveValue?] = []
            var expectedValues: [WaveValue?] = []
            var mismatch: [Bool] = []
            for index in indices {
                let (actualValue, expectedValue) = values(index, signalIndex)
                actualValues.append(actualValue)
                expectedValues.append(expectedValue)
                if let actualValue, let expectedValue {
                    mismatch.append(ValueComparison.differingBits(actual: actualValue, expected: expectedValue, strict: strict).count > 0)
                } else {
                    mismatch.append(alignment == .transaction && (actualValue == nil) != (expectedValue == nil))
                }
            }
            rows.append(WindowRow(signal: signal, width: width(signal), actual: actualValues, expected: expectedValues, mismatch: mismatch))
        }
        // Rows that differ in the window first, then the rest; at most 16. The sampling clock
        // reads 0 at every sample (values are taken just before its edges): drawn only if it differs.
        let clockName = plan.clock?.actual
        let ordered = rows.filter { $0.mismatch.contains(true) }
            + rows.filter { !$0.mismatch.contains(true) && $0.signal.actualName != clockName }
        let labels = indices.map { index -> String in
            switch alignment {
            case .timestamp:
                return Timescale(femtoseconds: 1).format(ticks: femtoseconds(index))
            case .cycle, .transaction:
                return groupedDigits(index)
            }
        }
        return DiffWindow(alignment: alignment, indices: indices, focusColumn: focus - lower,
                          rows: Array(ordered.prefix(16)), labels: labels)
    }
}
