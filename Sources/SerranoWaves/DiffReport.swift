/// The text `serrano wave diff` prints.
///
/// ```
/// compared 1 signal on 40 cycles (rising edges of top.clk)
/// first divergence: cycle 17 (time 175 ns)
///   top.count   expected 0x11   actual 0x12   (bits 0, 1)
/// 2 more differing cycles: 18, 19
///   cycle 18 (time 185 ns)   top.count   expected 0x12   actual 0x13   (bit 0)
/// ```
public enum DiffReport {
    public static func text(_ result: DiffResult, htmlPath: String? = nil) -> String {
        var lines: [String] = [summary(result)]
        lines += missingNotes(result)
        if let countNote = countNote(result) { lines.append(countNote) }
        guard let first = result.divergences.first else {
            lines.append("no divergence")
            return lines.joined(separator: "\n") + "\n"
        }
        let unit = result.alignment == .timestamp ? "timestamp" : result.alignment.unit
        lines.append("first divergence: \(heading(first, result.alignment))")
        lines += bounded(mismatchLines(first, result: result), to: 8).map { "  " + $0 }
        let more = result.divergingSampleCount - 1
        if more > 0 {
            let listed = result.divergences.dropFirst()
            let indices = listed.map { shortLabel($0, result.alignment) }.joined(separator: ", ")
            let plural = more == 1 ? "" : "s"
            let suffix = more > listed.count ? (listed.isEmpty ? "" : ", …") : ""
            lines.append("\(groupedDigits(more)) more differing \(unit)\(plural)\(indices.isEmpty ? "" : ": ")\(indices)\(suffix)")
            for divergence in listed {
                let head = "  " + heading(divergence, result.alignment)
                let details = mismatchLines(divergence, result: result)
                lines.append(details.count == 1 ? head + "   " + details[0] : head)
                if details.count > 1 { lines += bounded(details, to: 3).map { "    " + $0 } }
            }
            if more > listed.count {
                lines.append("  … \(groupedDigits(more - listed.count)) more not listed (--max \(listed.count))")
            }
        }
        if let htmlPath { lines.append("report: \(htmlPath)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// At most `limit` lines, then a count of the rest (a broad failure touches every signal).
    private static func bounded(_ lines: [String], to limit: Int) -> [String] {
        guard lines.count > limit else { return lines }
        return Array(lines.prefix(limit)) + ["… \(lines.count - limit) more signals differ here"]
    }

    private static func summary(_ result: DiffResult) -> String {
        let missing = result.onlyInActual.count + result.onlyInExpected.count
        let compared = result.signals.count == 1 ? "1 signal" : "\(groupedDigits(result.signals.count)) signals"
        let signals = compared + (missing == 0 ? "" : " (\(groupedDigits(missing)) more in one file only)")
        let samples = groupedDigits(result.comparedSampleCount)
        switch result.alignment {
        case .timestamp:
            return "compared \(signals) at \(samples) timestamps"
        case .cycle:
            return "compared \(signals) on \(samples) cycles (rising edges of \(result.clockName ?? "?"))"
        case .transaction:
            return "compared \(signals) on \(samples) transactions (\(result.handshakeNames.joined(separator: " && ")) at rising edges of \(result.clockName ?? "?"))"
        }
    }

    /// How many names a note lists before it only counts.
    static let listedMissing = 10

    /// `note: 19 signals only in a.vcd, not compared: top.x, top.y, … (10 of 19 listed)`.
    private static func missingNotes(_ result: DiffResult) -> [String] {
        [(result.onlyInActual, result.actualSource), (result.onlyInExpected, result.expectedSource)].compactMap { names, file in
            guard !names.isEmpty else { return nil }
            let count = names.count == 1 ? "1 signal" : "\(groupedDigits(names.count)) signals"
            let listed = names.prefix(listedMissing).joined(separator: ", ")
            let rest = names.count > listedMissing ? ", … (\(listedMissing) of \(groupedDigits(names.count)) listed)" : ""
            return "note: \(count) only in \(file), not compared: \(listed)\(rest)"
        }
    }

    /// A value as the reports print it: signed decimal for signals known to be signed, hex otherwise.
    static func format(_ value: WaveValue, signal: ComparedSignal, result: DiffResult) -> String {
        if result.signedSignals.contains(signal.actualName), case .logic(let logic) = value, logic.width > 1,
           let decimal = logic.signedDecimal {
            return decimal
        }
        return value.description
    }

    private static func countNote(_ result: DiffResult) -> String? {
        guard result.alignment != .timestamp, result.actualSampleCount != result.expectedSampleCount else { return nil }
        let unit = result.alignment.unit
        return "note: actual has \(groupedDigits(result.actualSampleCount)) \(unit)s, expected \(groupedDigits(result.expectedSampleCount))"
    }

    /// `cycle 18 (time 185 ns)`, `transaction 2 (cycle 7, time 75 ns)`, or for timestamp
    /// alignment simply `time 15 ns`.
    private static func heading(_ divergence: Divergence, _ alignment: Alignment) -> String {
        if alignment == .timestamp { return place(divergence, alignment) }
        return "\(alignment.unit) \(groupedDigits(divergence.index)) (\(place(divergence, alignment)))"
    }

    /// The index, or the time for timestamp alignment.
    private static func shortLabel(_ divergence: Divergence, _ alignment: Alignment) -> String {
        guard alignment == .timestamp, let point = divergence.actual ?? divergence.expected else { return groupedDigits(divergence.index) }
        return Timescale(femtoseconds: 1).format(ticks: point.femtoseconds)
    }

    /// `cycle 2,904, time 29,045 ns` or both sides when they differ.
    private static func place(_ divergence: Divergence, _ alignment: Alignment) -> String {
        func describe(_ point: SamplePoint) -> String {
            let time = "time " + Timescale(femtoseconds: 1).format(ticks: point.femtoseconds)
            if alignment == .transaction, let cycle = point.cycle { return "cycle \(groupedDigits(cycle)), \(time)" }
            return time
        }
        switch (divergence.actual, divergence.expected) {
        case let (actual?, expected?) where actual == expected || alignment == .timestamp:
            return describe(actual)
        case let (actual?, expected?):
            return "actual \(describe(actual)); expected \(describe(expected))"
        case let (actual?, nil):
            return "actual \(describe(actual)); expected has no such \(alignment.unit)"
        case let (nil, expected?):
            return "expected \(describe(expected)); actual has no such \(alignment.unit)"
        case (nil, nil):
            return "outside both files"
        }
    }

    private static func mismatchLines(_ divergence: Divergence, result: DiffResult) -> [String] {
        let names = divergence.mismatches.map { displayName($0.signal) }
        let nameWidth = names.map(\.count).max() ?? 0
        return zip(divergence.mismatches, names).map { mismatch, name in
            let padded = name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let expected = format(mismatch.expected, signal: mismatch.signal, result: result)
            let actual = format(mismatch.actual, signal: mismatch.signal, result: result)
            let valueWidth = max(expected.count, actual.count)
            return "\(padded)   expected \(expected.padding(toLength: valueWidth, withPad: " ", startingAt: 0))   actual \(actual)\(bits(mismatch))"
        }
    }

    private static func displayName(_ signal: ComparedSignal) -> String {
        signal.actualName == signal.expectedName ? signal.actualName : "\(signal.actualName) (expected: \(signal.expectedName))"
    }

    private static func bits(_ mismatch: SignalMismatch) -> String {
        if case .real = mismatch.expected { return "" }
        if mismatch.signal.actualName.isEmpty || mismatch.differingBitCount == 0 { return "" }
        if case .logic(let value) = mismatch.actual, value.width == 1 { return "" }
        let listed = mismatch.differingBits.map(String.init).joined(separator: ", ")
        if mismatch.differingBitCount == 1 { return "   (bit \(listed))" }
        if mismatch.differingBitCount > mismatch.differingBits.count {
            return "   (\(mismatch.differingBitCount) bits: \(listed), …)"
        }
        return "   (bits \(listed))"
    }
}
