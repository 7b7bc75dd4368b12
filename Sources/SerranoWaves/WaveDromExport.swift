import SerranoSupport

/// `serrano wave export --wavedrom`: a window of a file as WaveDrom JSON, for documentation.
///
/// With a clock, one WaveDrom period per clock cycle, showing the values held during the cycle
/// (just after its rising edge) and the clock drawn as `p`. Without one, one period per
/// timestamp of the file.
public enum WaveDromExport {
    /// More periods than this make an unreadable diagram; narrow the window instead.
    public static let maxPeriods = 512

    public static func json(_ waveform: Waveform, variables: [WaveVariable], clock: String?,
                            window: ClosedRange<UInt64>) throws -> String {
        var sampleTimeIndices: [Int] = []
        var clockVariable: WaveVariable?
        if let clock {
            guard let variable = waveform.variable(named: clock) else {
                throw WaveError.unknownSignal(name: clock, file: waveform.source,
                                              suggestions: SignalNames.suggestions(for: clock, among: waveform.variables.map(\.name)))
            }
            clockVariable = variable
            let edges = try SampleSide.edges(in: waveform, clock: clock, valid: nil, ready: nil)
            for index in 0..<edges.fullCount {
                let timeIndex = Int(edges.bounds[index]) + 1
                if window.contains(waveform.times[timeIndex]) { sampleTimeIndices.append(timeIndex) }
            }
        } else {
            sampleTimeIndices = waveform.times.indices.filter { window.contains(waveform.times[$0]) }
        }
        guard !sampleTimeIndices.isEmpty else {
            throw WaveError.badOption(clock == nil ? "no timestamps in the window" : "no rising edge of \(clock ?? "") in the window")
        }
        guard sampleTimeIndices.count <= maxPeriods else {
            throw WaveError.badOption("the window has \(groupedDigits(sampleTimeIndices.count)) periods; WaveDrom diagrams stay readable up to \(maxPeriods): narrow it with --from/--to")
        }
        var entries: [String] = []
        for variable in variables {
            if let clockVariable, variable.traceIndex == clockVariable.traceIndex {
                entries.append("{\"name\": \(JSONText.quoted(variable.name)), \"wave\": \(JSONText.quoted("p" + String(repeating: ".", count: sampleTimeIndices.count - 1)))}")
                continue
            }
            let trace = waveform.trace(of: variable)
            var wave = ""
            var data: [String] = []
            var previous: WaveValue?
            for timeIndex in sampleTimeIndices {
                let value = trace.value(atTimeIndex: timeIndex)
                defer { previous = value }
                if value == previous { wave.append("."); continue }
                wave.append(symbol(value, width: variable.width, data: &data))
            }
            let dataField = data.isEmpty ? "" : ", \"data\": [\(data.map(JSONText.quoted).joined(separator: ", "))]"
            entries.append("{\"name\": \(JSONText.quoted(variable.name)), \"wave\": \(JSONText.quoted(wave))\(dataField)}")
        }
        let first = waveform.timescale.format(ticks: waveform.times[sampleTimeIndices[0]])
        let caption = clock.map { "cycles of \($0) from \(first)" } ?? "timestamps from \(first)"
        return "{\"signal\": [\n  " + entries.joined(separator: ",\n  ") + "\n],\n \"foot\": {\"text\": \(JSONText.quoted(caption))}}\n"
    }

    private static func symbol(_ value: WaveValue, width: Int, data: inout [String]) -> Character {
        switch value {
        case .real(let number):
            data.append("\(number)")
            return "="
        case .logic(let logic):
            if width == 1 { return logic.bit(0).rawValue }
            if logic.unknown.allSatisfy({ $0 == 0 }) == false {
                let allUnknown = (0..<logic.width).allSatisfy { logic.bit($0) == .x }
                let allHighImpedance = (0..<logic.width).allSatisfy { logic.bit($0) == .z }
                if allUnknown { return "x" }
                if allHighImpedance { return "z" }
            }
            data.append(logic.description)
            return "="
        }
    }

}
