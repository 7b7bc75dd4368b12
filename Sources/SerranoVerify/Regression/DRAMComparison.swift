import GoldenModel

/// Bit-for-bit comparison of a backend's final DRAM image with the one the reference kernels
/// predict: the initial image with the expected output written into the output region. Every
/// other byte (inputs, weights, bias, parameters, padding) must come back untouched.
public enum DRAMComparison {
    /// The final image a correct accelerator leaves.
    public static func expectedImage(_ compiled: CompiledProgram, output: GEMMOutput) -> [UInt8] {
        var image = compiled.dram
        switch output {
        case .int8(let t): DRAMLayout.write(t.elements, to: compiled.layout.output, in: &image)
        case .int32(let t): DRAMLayout.write(t.elements, to: compiled.layout.output, in: &image)
        }
        return image
    }

    /// nil when the images are equal; otherwise what differs, in one line.
    public static func difference(expected: [UInt8], actual: [UInt8], layout: DRAMLayout) -> String? {
        if expected == actual { return nil }
        guard expected.count == actual.count else {
            return "final DRAM image has \(actual.count) bytes, expected \(expected.count)"
        }
        let output = layout.output
        let outputBytes = output.offset..<(output.offset + output.byteCount)
        var wrongElements = 0, firstElement: Int?, lastElement = -1
        var firstOutside: Int?
        for i in 0..<actual.count where actual[i] != expected[i] {
            if outputBytes.contains(i) {
                let element = (i - output.offset) / output.elementBytes
                if element != lastElement {
                    wrongElements += 1
                    lastElement = element
                    if firstElement == nil { firstElement = element }
                }
            } else if firstOutside == nil {
                firstOutside = i
            }
        }
        var parts: [String] = []
        if let element = firstElement {
            let count = output.rows * output.columns
            parts.append("\(wrongElements) of \(count) outputs differ; first at row \(element / output.columns), "
                + "channel \(element % output.columns): expected \(value(expected, element, output)), "
                + "got \(value(actual, element, output))")
        }
        if let byte = firstOutside {
            parts.append("DRAM byte \(byte) (\(regionName(byte, layout))) changed from \(expected[byte]) to \(actual[byte])")
        }
        return parts.joined(separator: "; ")
    }

    private static func value(_ image: [UInt8], _ element: Int, _ region: DRAMLayout.Region) -> Int32 {
        let base = region.offset + element * region.elementBytes
        if region.elementBytes == 1 { return Int32(Int8(bitPattern: image[base])) }
        var bits: UInt32 = 0
        for byte in 0..<4 { bits |= UInt32(image[base + byte]) << (8 * byte) }
        return Int32(bitPattern: bits)
    }

    private static func regionName(_ byte: Int, _ layout: DRAMLayout) -> String {
        let named: [(String, DRAMLayout.Region?)] = [
            ("input A", layout.a), ("weights B", layout.b), ("bias", layout.bias),
            ("per-channel multipliers", layout.multipliers), ("per-channel shifts", layout.shifts),
        ]
        for case let (name, region?) in named where (region.offset..<(region.offset + region.byteCount)).contains(byte) {
            return name
        }
        return "alignment padding"
    }
}
