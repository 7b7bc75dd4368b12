/// `serrano wave show`: a window of one file drawn on a time axis.
public enum WaveShow {
    /// Resolves globs against a file's names: each must match something, or the error names
    /// close matches. An empty list means every variable.
    public static func resolve(_ patterns: [String], in waveform: Waveform) throws -> [WaveVariable] {
        guard !patterns.isEmpty else { return waveform.variables }
        var chosen: [WaveVariable] = []
        var seen: Set<String> = []
        let names = waveform.variables.map(\.name)
        for pattern in patterns {
            let matched = waveform.variables.filter { SignalNames.glob(pattern, matches: $0.name) }
            guard !matched.isEmpty else {
                let literal = pattern.filter { !"*?[]".contains($0) }
                throw WaveError.unknownSignal(name: pattern, file: waveform.source,
                                              suggestions: SignalNames.suggestions(for: literal, among: names))
            }
            for variable in matched where seen.insert(variable.name).inserted { chosen.append(variable) }
        }
        return chosen
    }

    /// The `--from/--to` window in ticks, clamped to the file.
    public static func window(_ waveform: Waveform, from: String?, to: String?) throws -> ClosedRange<UInt64> {
        let requested = try DiffOptions(from: from, to: to).window(in: waveform.timescale)
        let upper = min(requested.upperBound, waveform.endTime)
        guard requested.lowerBound <= upper else {
            throw WaveError.badOption("the window starts after the file ends (\(waveform.timescale.format(ticks: waveform.endTime)))")
        }
        return requested.lowerBound...upper
    }

    /// The chart of `variables` over a window, one lane per variable.
    public static func chart(_ waveform: Waveform, variables: [WaveVariable], window: ClosedRange<UInt64>) -> WaveChart {
        // Times come from the file: up to UInt64.max, so nothing here may add to them unchecked.
        let endTick = window.upperBound > window.lowerBound
            ? window.upperBound : window.lowerBound.addingReportingOverflow(1).overflow ? window.lowerBound : window.lowerBound + 1
        let start = Double(window.lowerBound)
        let end = Double(endTick)
        var groups: [WaveChart.Group] = []
        for variable in variables {
            let trace = waveform.trace(of: variable)
            var segments: [WaveChart.Segment] = []
            var segmentStart = start
            var current = waveform.value(of: variable, at: window.lowerBound)
            let firstTime = waveform.timeIndex(atOrBefore: window.lowerBound).map { $0 + 1 } ?? 0
            var change = trace.changeIndex(atOrBefore: firstTime - 1).map { $0 + 1 } ?? 0
            while change < trace.changeCount {
                let time = waveform.times[Int(trace.timeIndices[change])]
                if time > window.upperBound { break }
                let value = trace.value(ofChange: change)
                if value != current {
                    segments.append(WaveChart.Segment(start: segmentStart, end: Double(time), value: current))
                    segmentStart = Double(time)
                    current = value
                }
                change += 1
            }
            segments.append(WaveChart.Segment(start: segmentStart, end: end, value: current))
            let width = variable.kind.isReal ? 64 : variable.width
            groups.append(WaveChart.Group(title: variable.name, lanes: [
                WaveChart.Lane(label: variable.width > 1 ? "[\(variable.width - 1):0]" : "", bitWidth: width, segments: segments, highlights: []),
            ]))
        }
        let ticks = niceTicks(from: window.lowerBound, to: endTick).map { (Double($0), waveform.timescale.format(ticks: $0)) }
        let title = "\(waveform.source): \(waveform.timescale.format(ticks: window.lowerBound)) – \(waveform.timescale.format(ticks: window.upperBound))"
        return WaveChart(title: title, axisStart: start, axisEnd: end, ticks: ticks, groups: groups)
    }

    /// About eight ticks at multiples of 1, 2 or 5 × 10^k. Safe up to `UInt64.max`.
    static func niceTicks(from start: UInt64, to end: UInt64) -> [UInt64] {
        let span = max(1, end >= start ? end - start : 0)
        var step: UInt64 = 1
        while span / step > 8 {
            let candidates = [UInt64(2), 5, 10].compactMap { factor -> UInt64? in
                let (next, overflow) = step.multipliedReportingOverflow(by: factor)
                return overflow ? nil : next
            }
            guard let next = candidates.first(where: { span / $0 <= 8 }) ?? candidates.last, next > step else { break }
            step = next
        }
        var ticks: [UInt64] = []
        let remainder = start % step
        var tick = start
        if remainder != 0 {
            let (rounded, overflow) = start.addingReportingOverflow(step - remainder)
            if overflow { return ticks }
            tick = rounded
        }
        while tick <= end {
            ticks.append(tick)
            let (next, overflow) = tick.addingReportingOverflow(step)
            if overflow { break }
            tick = next
        }
        return ticks
    }
}
