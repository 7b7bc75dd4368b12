/// Pictures of a diff: the window around the first divergence as SVG, and a self-contained HTML
/// report (inline SVG and CSS, no scripts, nothing fetched from a network).
public enum DiffPicture {
    /// The window as a chart: one column per sample, actual and expected lanes per signal,
    /// mismatching columns in red, the first divergence shaded.
    public static func chart(_ window: DiffWindow, result: DiffResult) -> WaveChart {
        let unit = window.alignment.unit
        var groups: [WaveChart.Group] = []
        for row in window.rows {
            let highlights = spans(of: row.mismatch)
            let title = row.signal.actualName == row.signal.expectedName
                ? row.signal.actualName : "\(row.signal.actualName)  ↔  \(row.signal.expectedName)"
            let isSigned = result.signedSignals.contains(row.signal.actualName)
            groups.append(WaveChart.Group(title: title, lanes: [
                WaveChart.Lane(label: "actual", bitWidth: row.width, segments: segments(row.actual), highlights: highlights, isSigned: isSigned),
                WaveChart.Lane(label: "expected", bitWidth: row.width, segments: segments(row.expected), highlights: highlights, isSigned: isSigned),
            ]))
        }
        let step = max(1, window.indices.count / 12)
        let ticks = stride(from: 0, to: window.indices.count, by: step).map { (Double($0), window.labels[$0]) }
        let focusIndex = window.indices[window.focusColumn]
        let title = "first divergence at \(unit) \(groupedDigits(focusIndex)) — columns are \(unit == "time" ? "timestamps" : unit + "s")"
        return WaveChart(title: title, axisStart: 0, axisEnd: Double(window.indices.count), ticks: ticks, groups: groups,
                         focus: Double(window.focusColumn)...Double(window.focusColumn + 1))
    }

    /// Consecutive equal values merged into one segment per run.
    static func segments(_ values: [WaveValue?]) -> [WaveChart.Segment] {
        var segments: [WaveChart.Segment] = []
        guard !values.isEmpty else { return segments }
        var start = 0
        for index in 1...values.count where index == values.count || values[index] != values[start] {
            segments.append(WaveChart.Segment(start: Double(start), end: Double(index), value: values[start]))
            start = index
        }
        return segments
    }

    /// Runs of `true` as column spans.
    static func spans(of flags: [Bool]) -> [ClosedRange<Double>] {
        var spans: [ClosedRange<Double>] = []
        var start: Int?
        for index in 0...flags.count {
            let isSet = index < flags.count && flags[index]
            if isSet && start == nil { start = index }
            if !isSet, let open = start {
                spans.append(Double(open)...Double(index))
                start = nil
            }
        }
        return spans
    }

    /// The HTML report: the text report, then the picture.
    public static func html(_ result: DiffResult, reportText: String) -> String {
        let picture = result.window.map { chart($0, result: result).svg() } ?? "<p>No divergence: nothing to draw.</p>"
        let verdict = result.isSame ? "same" : "\(groupedDigits(result.divergingSampleCount)) differing \(result.alignment.unit)\(result.divergingSampleCount == 1 ? "" : "s")"
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>serrano wave diff — \(escapeXML(verdict))</title>
        <style>
        body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 24px; color: #222; }
        h1 { font-size: 18px; margin: 0 0 4px 0; }
        .files { color: #555; margin-bottom: 12px; }
        pre { background: #f6f8fa; padding: 12px; border-radius: 6px; overflow-x: auto; }
        .legend span { display: inline-block; margin-right: 18px; }
        .swatch { display: inline-block; width: 14px; height: 10px; margin-right: 4px; vertical-align: middle; }
        .picture { overflow-x: auto; border: 1px solid #ddd; border-radius: 6px; }
        </style>
        </head>
        <body>
        <h1>serrano wave diff: \(escapeXML(verdict))</h1>
        <div class="files">actual <code>\(escapeXML(result.actualSource))</code> · expected <code>\(escapeXML(result.expectedSource))</code>\(result.strictX ? " · --strict-x" : " · x/z expected = don't care")</div>
        <pre>\(escapeXML(reportText))</pre>
        <div class="legend"><span><i class="swatch" style="background:#f8b4b4"></i>mismatch</span><span><i class="swatch" style="background:#fff3c4"></i>first divergence</span><span><i class="swatch" style="background:#fde2e2;border:1px solid #d33"></i>x</span><span><i class="swatch" style="border-top:2px dashed #d98e04"></i>z</span></div>
        <div class="picture">
        \(picture)
        </div>
        </body>
        </html>

        """
    }
}
