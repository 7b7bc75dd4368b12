/// Lines whose columns line up, for declarations, port lists and instance connections.
///
/// Each row is a list of cells; every cell but the last is padded to the widest cell of its
/// column, so a reader scans names and widths down a column. Raw lines (pragmas, comments) pass
/// through unaligned.
struct TextTable {
    enum Line {
        case cells([String])
        case raw(String)
    }

    private(set) var lines: [Line] = []

    mutating func row(_ cells: String...) { lines.append(.cells(cells)) }
    mutating func row(_ cells: [String]) { lines.append(.cells(cells)) }
    mutating func raw(_ text: String) { lines.append(.raw(text)) }

    var isEmpty: Bool { lines.isEmpty }

    /// The aligned lines, each prefixed with `indent`; trailing spaces are trimmed.
    func render(indent: String) -> [String] {
        var widths: [Int] = []
        for case .cells(let cells) in lines {
            for (index, cell) in cells.enumerated().dropLast() {
                if index >= widths.count { widths.append(0) }
                widths[index] = max(widths[index], cell.count)
            }
        }
        return lines.map { line in
            switch line {
            case .raw(let text): return indent + text
            case .cells(let cells):
                var parts: [String] = []
                for (index, cell) in cells.enumerated() {
                    if index == cells.count - 1 {
                        parts.append(cell)
                    } else if widths[index] > 0 {
                        // A column that is empty in every row (no signed port) takes no space.
                        // Spaces appended by hand: Foundation's `padding(toLength:)` bridges through
                        // NSString and took a seventh of the printer's time on a 64×64 array.
                        parts.append(cell + String(repeating: " ", count: max(0, widths[index] - cell.count)))
                    }
                }
                return indent + trimmingTrailingSpaces(parts.joined(separator: " "))
            }
        }
    }

    private func trimmingTrailingSpaces(_ text: String) -> String {
        var result = Substring(text)
        while result.last == " " { result = result.dropLast() }
        return String(result)
    }
}

/// Appends `// File.swift:LINE` comments to code lines so the comments form one column.
///
/// The column is just past the longest line, but never past `maximumColumn`: a longer line gets
/// its comment after a single space instead of pushing every other comment far to the right.
struct CommentedLines {
    static let maximumColumn = 88

    private(set) var entries: [(code: String, comment: String?)] = []

    mutating func add(_ code: String, comment: String?) { entries.append((code, comment)) }

    var isEmpty: Bool { entries.isEmpty }

    func render() -> [String] {
        let column = min(entries.filter { $0.comment != nil }.map(\.code.count).max() ?? 0, Self.maximumColumn)
        return entries.map { entry in
            guard let comment = entry.comment else { return entry.code }
            let padding = max(1, column - entry.code.count + 1)
            return entry.code + String(repeating: " ", count: padding) + "// " + comment
        }
    }
}
