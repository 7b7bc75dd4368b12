import Foundation
import SerranoWaves

/// The report's plots as standalone SVG: horizontal (stacked) bars, a log-log roofline with
/// points, and lines over configurations. Fixed sizes and colours, numbers printed with fixed
/// precision, so the same report gives byte-identical SVG.
enum SVGChart {
    static let palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f", "#ff9da7", "#17becf",
                          "#8c564b", "#bcbd22"]
    static let width = 760.0

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    static func text(_ x: Double, _ y: Double, _ content: String, anchor: String = "start", size: Int = 12, weight: String = "normal",
                     vertical: Bool = false) -> String {
        let turn = vertical ? " transform=\"rotate(-90 \(number(x)) \(number(y)))\"" : ""
        return "<text x=\"\(number(x))\" y=\"\(number(y))\" font-size=\"\(size)\" font-weight=\"\(weight)\" text-anchor=\"\(anchor)\"\(turn)>"
            + "\(escapeXML(content))</text>"
    }

    static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ fill: String, title: String) -> String {
        "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(max(w, 0)))\" height=\"\(number(h))\" fill=\"\(fill)\"><title>\(escapeXML(title))</title></rect>"
    }

    static func document(height: Double, _ body: [String]) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(number(width))\" height=\"\(number(height))\" font-family=\"sans-serif\">\n"
            + body.joined(separator: "\n") + "\n</svg>"
    }

    /// One bar or one stack of segments per row; `segments[row][series]` in `unit`.
    static func bars(title: String, rows: [String], series: [String], segments: [[Double]], unit: String, format: String = "%.1f") -> String {
        let labelWidth = 300.0, barArea = width - labelWidth - 90, rowHeight = 22.0
        let totals = segments.map { $0.reduce(0, +) }
        let scale = barArea / max(totals.max() ?? 1, 1e-12)
        var body = [text(10, 18, title, size: 14, weight: "bold")]
        let legendY = 36.0
        if series.count > 1 {
            var x = 10.0
            for (index, name) in series.enumerated() {
                body.append(rect(x, legendY - 10, 10, 10, palette[index % palette.count], title: name))
                body.append(text(x + 14, legendY, name, size: 11))
                x += 24 + Double(name.count) * 6.5
            }
        }
        let top = series.count > 1 ? 50.0 : 32.0
        for (row, label) in rows.enumerated() {
            let y = top + Double(row) * rowHeight
            body.append(text(labelWidth - 6, y + 14, label, anchor: "end", size: 11))
            var x = labelWidth
            for (index, value) in segments[row].enumerated() {
                let w = value * scale
                body.append(rect(x, y + 3, w, rowHeight - 6, palette[index % palette.count],
                                 title: "\(label) · \(series[index]): \(String(format: format, value)) \(unit)"))
                x += w
            }
            body.append(text(x + 4, y + 14, "\(String(format: format, totals[row])) \(unit)", size: 11))
        }
        return document(height: top + Double(rows.count) * rowHeight + 10, body)
    }

    /// The roofline: ops/cycle against operational intensity (ops per DRAM byte), both log scales,
    /// with the compute roof at `peak` and the bandwidth roof at `bytesPerCycle`.
    static func roofline(title: String, points: [(label: String, intensity: Double, opsPerCycle: Double)], peak: Double,
                         bytesPerCycle: Double) -> String {
        let (left, right, top, bottom) = (70.0, width - 20, 40.0, 380.0)
        let xs = points.map(\.intensity).filter { $0 > 0 } + [peak / bytesPerCycle]
        let ys = points.map(\.opsPerCycle).filter { $0 > 0 } + [peak]
        let xMin = pow(10, floor(log10(max(xs.min() ?? 1, 1e-3) / 2))), xMax = pow(10, ceil(log10((xs.max() ?? 1) * 2)))
        let yMin = pow(10, floor(log10(max(ys.min() ?? 1, 1e-3) / 2))), yMax = pow(10, ceil(log10(peak * 2)))
        func px(_ x: Double) -> Double { left + (right - left) * (log10(x) - log10(xMin)) / (log10(xMax) - log10(xMin)) }
        func py(_ y: Double) -> Double { bottom - (bottom - top) * (log10(y) - log10(yMin)) / (log10(yMax) - log10(yMin)) }
        var body = [text(10, 18, title, size: 14, weight: "bold"),
                    "<rect x=\"\(number(left))\" y=\"\(number(top))\" width=\"\(number(right - left))\" height=\"\(number(bottom - top))\" fill=\"none\" stroke=\"#999\"/>"]
        var decade = xMin
        while decade <= xMax * 1.0001 {
            body.append(text(px(decade), bottom + 16, String(format: "%g", decade), anchor: "middle", size: 10))
            decade *= 10
        }
        decade = yMin
        while decade <= yMax * 1.0001 {
            body.append(text(left - 6, py(decade) + 4, String(format: "%g", decade), anchor: "end", size: 10))
            decade *= 10
        }
        body.append(text((left + right) / 2, bottom + 34, "operational intensity (ops per DRAM byte moved)", anchor: "middle", size: 11))
        body.append(text(18, (top + bottom) / 2, "ops/cycle", anchor: "middle", size: 11, vertical: true))
        // The roof: bandwidth-bound up to the ridge, then flat at the peak.
        let ridge = peak / bytesPerCycle
        let start = max(xMin, yMin / bytesPerCycle)
        body.append("<polyline fill=\"none\" stroke=\"#333\" stroke-width=\"2\" points=\"\(number(px(start))),\(number(py(start * bytesPerCycle))) "
                    + "\(number(px(ridge))),\(number(py(peak))) \(number(px(xMax))),\(number(py(peak)))\"/>")
        body.append(text(px(xMax) - 4, py(peak) - 6, "peak \(String(format: "%g", peak)) ops/cycle", anchor: "end", size: 10))
        for (index, point) in points.enumerated() where point.intensity > 0 && point.opsPerCycle > 0 {
            let color = palette[index % palette.count]
            body.append("<circle cx=\"\(number(px(point.intensity)))\" cy=\"\(number(py(point.opsPerCycle)))\" r=\"5\" fill=\"\(color)\">"
                        + "<title>\(escapeXML(point.label)): \(String(format: "%.2f", point.intensity)) ops/B, \(String(format: "%.1f", point.opsPerCycle)) ops/cycle</title></circle>")
            body.append(text(px(point.intensity) + 7, py(point.opsPerCycle) + 4, "\(index + 1)", size: 10))
        }
        return document(height: bottom + 44, body)
    }

    /// One line per series over the x categories (configurations), linear y from 0.
    static func lines(title: String, categories: [String], series: [(name: String, values: [Double])], yLabel: String,
                      ideal: [Double]? = nil) -> String {
        let (left, right, top, bottom) = (70.0, width - 250, 40.0, 320.0)
        let all = series.flatMap(\.values) + (ideal ?? [])
        let yMax = max(all.max() ?? 1, 1e-9) * 1.1
        func px(_ index: Int) -> Double { categories.count < 2 ? (left + right) / 2 : left + (right - left) * Double(index) / Double(categories.count - 1) }
        func py(_ y: Double) -> Double { bottom - (bottom - top) * y / yMax }
        var body = [text(10, 18, title, size: 14, weight: "bold"),
                    "<rect x=\"\(number(left))\" y=\"\(number(top))\" width=\"\(number(right - left))\" height=\"\(number(bottom - top))\" fill=\"none\" stroke=\"#999\"/>"]
        for (index, category) in categories.enumerated() { body.append(text(px(index), bottom + 16, category, anchor: "middle", size: 10)) }
        for tick in 0...4 {
            let value = yMax * Double(tick) / 4
            body.append(text(left - 6, py(value) + 4, String(format: "%.1f", value), anchor: "end", size: 10))
        }
        body.append(text(18, (top + bottom) / 2, yLabel, anchor: "middle", size: 11, vertical: true))
        var drawn = series
        if let ideal { drawn.append((name: "ideal (PEs)", values: ideal)) }
        for (index, line) in drawn.enumerated() {
            let color = index == series.count ? "#999" : palette[index % palette.count]
            let points = line.values.enumerated().map { "\(number(px($0.offset))),\(number(py($0.element)))" }.joined(separator: " ")
            let dash = index == series.count ? " stroke-dasharray=\"4 3\"" : ""
            body.append("<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash) points=\"\(points)\"><title>\(escapeXML(line.name))</title></polyline>")
            body.append(rect(right + 12, top + Double(index) * 18, 10, 10, color, title: line.name))
            let label = line.name.count > 34 ? String(line.name.prefix(33)) + "…" : line.name
            body.append(text(right + 26, top + 9 + Double(index) * 18, index == series.count ? label : "\(index + 1). \(label)", size: 10))
        }
        return document(height: bottom + 30, body)
    }
}
