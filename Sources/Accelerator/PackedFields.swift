import Serrano

/// Several unsigned fields side by side in one vector (the first at bit 0), for queues whose
/// entries carry a record.
struct PackedFields {
    let widths: [Int]

    var width: Int { widths.reduce(0, +) }

    /// Joins `values` (each zero-extended or exactly `widths[i]` bits wide).
    func pack(_ values: [Signal], _ c: Circuit) -> Signal {
        let parts = zip(values, widths).map { value, width in value.asUInt().extended(to: width) }
        return c.cat(parts.reversed())
    }

    /// Splits a packed vector back into its fields.
    func unpack(_ bits: Signal) -> [Signal] {
        var low = 0
        return widths.map { width in
            defer { low += width }
            return bits[low + width - 1, low]
        }
    }
}
