import SerranoSupport

/// A waveform picture as self-contained SVG: rows of lanes on a shared horizontal axis, with
/// highlighted spans. Used for the diff window (one column per sample, an actual and an
/// expected lane per signal) and for `wave show` (a time axis, one lane per signal).
public struct WaveChart: Sendable {
    /// A value held from `start` to `end` (axis units); nil draws as "no sample".
    public struct Segment: Sendable {
        public let start: Double
        public let end: Double
        public let value: WaveValue?
    }

    public struct Lane: Sendable {
        public let label: String
        public let bitWidth: Int
        public let segments: [Segment]
        /// Spans drawn with a red background (mismatches).
        public let highlights: [ClosedRange<Double>]
        /// Values are two's complement numbers: drawn in decimal.
        public var isSigned = false
    }

    /// A signal's lanes under its name.
    public struct Group: Sendable {
        public let title: String
        public let lanes: [Lane]
    }

    public var title: String
    public var axisStart: Double
    public var axisEnd: Double
    public var ticks: [(position: Double, label: String)]
    public var groups: [Group]
    /// A span to mark across all rows (the first divergence).
    public var focus: ClosedRange<Double>?

    // Layout, in pixels.
    private let labelWidth = 300.0
    private let plotWidth = 960.0
    private let laneHeight = 22.0
    private let laneGap = 8.0
    private let groupTitleHeight = 18.0
    private let groupGap = 10.0
    private let axisHeight = 34.0
    private let titleHeight = 26.0

    public init(title: String, axisStart: Double, axisEnd: Double, ticks: [(position: Double, label: String)],
                groups: [Group], focus: ClosedRange<Double>? = nil) {
        self.title = title
        self.axisStart = axisStart
        self.axisEnd = max(axisEnd, axisStart + 1e-9)
        self.ticks = ticks
        self.groups = groups
        self.focus = focus
    }

    private func x(_ position: Double) -> Double {
        labelWidth + (position - axisStart) / (axisEnd - axisStart) * plotWidth
    }

    /// The picture as an SVG document.
    public func svg() -> String {
        var rows: [String] = []
        var y = titleHeight + axisHeight
        for group in groups {
            rows.append(text(group.title, x: 8, y: y + 13, cssClass: "group"))
            y += groupTitleHeight
            for lane in group.lanes {
                rows.append(draw(lane, top: y))
                y += laneHeight + laneGap
            }
            y += groupGap
        }
        let height = y + 8
        let width = labelWidth + plotWidth + 64  // room for the last tick's label
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(format(width))" height="\(format(height))" viewBox="0 0 \(format(width)) \(format(height))" font-family="Menlo, Consolas, monospace" font-size="12">
        <style>
        .title { font-size: 14px; font-weight: bold; fill: #222; }
        .group { font-weight: bold; fill: #222; }
        .lane { fill: #555; }
        .tick { fill: #666; font-size: 11px; }
        .value { fill: #123; font-size: 11px; }
        </style>
        <defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fde2e2"/><line x1="0" y1="0" x2="0" y2="6" stroke="#d33" stroke-width="1.5"/></pattern></defs>
        <rect width="100%" height="100%" fill="white"/>

        """
        svg += text(title, x: 8, y: 18, cssClass: "title") + "\n"
        if let focus {
            let left = x(focus.lowerBound)
            svg += "<rect x=\"\(format(left))\" y=\"\(format(titleHeight))\" width=\"\(format(max(2, x(focus.upperBound) - left)))\" height=\"\(format(height - titleHeight))\" fill=\"#fff3c4\"/>\n"
        }
        for tick in ticks where tick.position >= axisStart && tick.position <= axisEnd {
            let tickX = x(tick.position)
            svg += "<line x1=\"\(format(tickX))\" y1=\"\(format(titleHeight + 20))\" x2=\"\(format(tickX))\" y2=\"\(format(height - 4))\" stroke=\"#e6e6e6\"/>\n"
            svg += text(tick.label, x: tickX + 3, y: titleHeight + 14, cssClass: "tick") + "\n"
        }
        svg += rows.joined(separator: "\n")
        svg += "\n</svg>\n"
        return svg
    }

    private func draw(_ lane: Lane, top: Double) -> String {
        var parts: [String] = [text(lane.label, x: 24, y: top + laneHeight / 2 + 4, cssClass: "lane")]
        for span in lane.highlights {
            let left = x(span.lowerBound)
            let spanWidth = format(max(2, x(span.upperBound) - left))
            parts.append("<rect x=\"\(format(left))\" y=\"\(format(top - 3))\" width=\"\(spanWidth)\" height=\"\(format(laneHeight + 6))\" fill=\"#f4a6a6\"/>")
            // A solid bar under the lane keeps the mismatch visible where a value box covers the fill.
            parts.append("<rect x=\"\(format(left))\" y=\"\(format(top + laneHeight + 1))\" width=\"\(spanWidth)\" height=\"3\" fill=\"#d33\"/>")
        }
        let high = top + 2
        let low = top + laneHeight - 2
        let middle = top + laneHeight / 2
        var previousLevel: Double?
        for segment in lane.segments {
            let left = x(max(segment.start, axisStart))
            let right = x(min(segment.end, axisEnd))
            guard right > left else { continue }
            guard let value = segment.value else {
                parts.append("<line x1=\"\(format(left))\" y1=\"\(format(middle))\" x2=\"\(format(right))\" y2=\"\(format(middle))\" stroke=\"#bbb\" stroke-dasharray=\"2 3\"/>")
                previousLevel = nil
                continue
            }
            if lane.bitWidth == 1, case .logic(let logic) = value {
                let bit = logic.bit(0)
                let level: Double
                let color: String
                switch bit {
                case .zero: level = low; color = "#1a7f37"
                case .one: level = high; color = "#1a7f37"
                case .x: level = middle; color = "#d33"
                case .z: level = middle; color = "#d98e04"
                }
                if let previousLevel, previousLevel != level {
                    parts.append("<line x1=\"\(format(left))\" y1=\"\(format(previousLevel))\" x2=\"\(format(left))\" y2=\"\(format(level))\" stroke=\"#1a7f37\" stroke-width=\"1.5\"/>")
                }
                if bit == .x {
                    parts.append("<rect x=\"\(format(left))\" y=\"\(format(high))\" width=\"\(format(right - left))\" height=\"\(format(low - high))\" fill=\"url(#hatch)\"/>")
                }
                parts.append("<line x1=\"\(format(left))\" y1=\"\(format(level))\" x2=\"\(format(right))\" y2=\"\(format(level))\" stroke=\"\(color)\" stroke-width=\"1.5\"\(bit == .z ? " stroke-dasharray=\"4 2\"" : "")/>")
                previousLevel = level
                continue
            }
            previousLevel = nil
            let slant = min(4, (right - left) / 2)
            let points = [(left, middle), (left + slant, high), (right - slant, high), (right, middle), (right - slant, low), (left + slant, low)]
                .map { "\(format($0.0)),\(format($0.1))" }.joined(separator: " ")
            let unknownFill: String?
            if case .logic(let logic) = value, !logic.isKnown {
                unknownFill = logic.unknown == logic.value ? "#fdf0c8" : "url(#hatch)"
            } else {
                unknownFill = nil
            }
            parts.append("<polygon points=\"\(points)\" fill=\"\(unknownFill ?? "#e8f1fb")\" stroke=\"#3b6ea5\" stroke-width=\"1\"/>")
            let room = right - left - 2 * slant - 4
            let capacity = Int(max(0, room) / 7)
            let isHighlighted = lane.highlights.contains { $0.lowerBound < segment.end && segment.start < $0.upperBound }
            // Full values (bounded, for a tooltip or a mismatch) only where they can matter.
            let full = value.label(characters: isHighlighted ? 4_096 : max(capacity, 1) + 64, signed: lane.isSigned)
            if full.text.count <= capacity {
                parts.append(text(full.text, x: (left + right) / 2, y: middle + 4, cssClass: "value", anchor: "middle"))
            } else if isHighlighted {
                // A mismatch shows its whole value, squeezed into the cell rather than cut.
                parts.append("<text x=\"\(format((left + right) / 2))\" y=\"\(format(middle + 4))\" class=\"value\" text-anchor=\"middle\" textLength=\"\(format(max(room, 8)))\" lengthAdjust=\"spacingAndGlyphs\">\(escapeXML(full.text))\(full.isComplete ? "" : "…")<title>\(escapeXML(full.text))\(full.isComplete ? "" : "…")</title></text>")
            } else if capacity >= 3 {
                let label = String(full.text.prefix(capacity - 1)) + "…"
                parts.append("<text x=\"\(format((left + right) / 2))\" y=\"\(format(middle + 4))\" class=\"value\" text-anchor=\"middle\">\(escapeXML(label))<title>\(escapeXML(full.text))\(full.isComplete ? "" : "…")</title></text>")
            }
        }
        return parts.joined(separator: "\n")
    }

    private func text(_ content: String, x: Double, y: Double, cssClass: String, anchor: String = "start") -> String {
        "<text x=\"\(format(x))\" y=\"\(format(y))\" class=\"\(cssClass)\" text-anchor=\"\(anchor)\">\(escapeXML(content))</text>"
    }

    private func format(_ number: Double) -> String {
        let rounded = (number * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// Escapes text for XML and HTML, attribute values and content alike (the report's pages use
/// it too); SerranoSupport's `XMLText` is the one escaper.
public func escapeXML(_ text: String) -> String { XMLText.escape(text, attribute: true) }
