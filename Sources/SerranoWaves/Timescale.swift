/// The duration of one VCD time tick (`$timescale 10 ns $end`), kept in femtoseconds so two files
/// with different timescales can be compared on one axis.
public struct Timescale: Hashable, Sendable, CustomStringConvertible {
    /// Femtoseconds per tick (1 fs … 100 s).
    public let femtoseconds: UInt64

    public init(femtoseconds: UInt64) { self.femtoseconds = max(1, femtoseconds) }

    public static let picosecond = Timescale(femtoseconds: 1_000)
    public static let nanosecond = Timescale(femtoseconds: 1_000_000)

    static let units: [(name: String, femtoseconds: UInt64)] = [
        ("s", 1_000_000_000_000_000), ("ms", 1_000_000_000_000), ("us", 1_000_000_000),
        ("ns", 1_000_000), ("ps", 1_000), ("fs", 1),
    ]

    /// Parses `1ns`, `10 ps`, `100us` (the magnitude must be 1, 10 or 100, per IEEE 1364).
    public init?(text: String) {
        let compact = text.filter { !$0.isWhitespace }
        let digits = compact.prefix { $0.isNumber }
        guard let magnitude = UInt64(digits), [1, 10, 100].contains(magnitude),
              let unit = Timescale.units.first(where: { $0.name == compact.dropFirst(digits.count) })
        else { return nil }
        self.init(femtoseconds: magnitude * unit.femtoseconds)
    }

    /// `1ns`, `10ps`, …
    public var description: String {
        for unit in Timescale.units where femtoseconds % unit.femtoseconds == 0 {
            return "\(femtoseconds / unit.femtoseconds)\(unit.name)"
        }
        return "\(femtoseconds)fs"
    }

    /// A tick count as a readable time in the largest unit that keeps it whole: `29,045 ns`.
    public func format(ticks: UInt64) -> String {
        let (total, overflow) = ticks.multipliedReportingOverflow(by: femtoseconds)
        if overflow { return "\(groupedDigits(ticks)) × \(self)" }
        if total == 0 { return "0 \(Timescale.unitName(for: femtoseconds))" }
        for unit in Timescale.units where total % unit.femtoseconds == 0 {
            return "\(groupedDigits(total / unit.femtoseconds)) \(unit.name)"
        }
        return "\(groupedDigits(total)) fs"
    }

    static func unitName(for femtoseconds: UInt64) -> String {
        units.first { femtoseconds % $0.femtoseconds == 0 }?.name ?? "fs"
    }

    /// Parses a time given on the command line: `250ns`, `1.5us`, or a bare tick count.
    /// Returns the time in ticks of this timescale (rounded down), or nil if unreadable.
    public func ticks(parsing text: String) -> UInt64? {
        let compact = text.filter { !$0.isWhitespace }
        if let bare = UInt64(compact) { return bare }
        guard let unit = Timescale.units.sorted(by: { $0.name.count > $1.name.count })
            .first(where: { compact.hasSuffix($0.name) }),
            let number = Double(compact.dropLast(unit.name.count)), number >= 0, number.isFinite
        else { return nil }
        let femto = number * Double(unit.femtoseconds)
        guard femto < 1.8e19 else { return nil }
        return UInt64(femto) / femtoseconds
    }
}

/// `1234567` → `1,234,567`, the way reports print counts and times.
public func groupedDigits<Number: BinaryInteger>(_ number: Number) -> String {
    let digits = String(number.magnitude)
    var out = ""
    for (index, character) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
        out.append(character)
    }
    return number < 0 ? "-" + out : out
}
