/// Where a compiled layer's tensors live in the DRAM image.
public struct DRAMLayout: Equatable, Sendable {
    /// A row-major matrix in DRAM.
    public struct Region: Equatable, Sendable, CustomStringConvertible {
        public var offset: Int
        public var rows: Int
        public var columns: Int
        /// 1 (int8) or 4 (int32, little-endian).
        public var elementBytes: Int
        /// Bytes from one row to the next.
        public var rowStride: Int { columns * elementBytes }
        /// Bytes covered.
        public var byteCount: Int { rows * rowStride }
        public var description: String { "\(rows)×\(columns)×\(elementBytes) B at \(offset)" }
    }

    /// Every region starts on this boundary, so each row transfer starts bus-aligned for
    /// row strides that are multiples of the bus width.
    public static let alignment = 64

    public var a: Region
    public var b: Region
    public var bias: Region?
    /// Per-channel M0 and shift vectors (int32), when requantization is per channel.
    public var multipliers: Region?
    public var shifts: Region?
    public var output: Region
    /// Size of the whole image.
    public var totalBytes: Int

    /// Lays the regions out one after another, aligned.
    init(m: Int, k: Int, n: Int, hasBias: Bool, perChannel: Bool, rawOutput: Bool) {
        var cursor = 0
        func place(_ rows: Int, _ columns: Int, _ elementBytes: Int) -> Region {
            let region = Region(offset: cursor, rows: rows, columns: columns, elementBytes: elementBytes)
            cursor += (region.byteCount + Self.alignment - 1) / Self.alignment * Self.alignment
            return region
        }
        a = place(m, k, 1)
        b = place(k, n, 1)
        bias = hasBias ? place(1, n, 4) : nil
        multipliers = perChannel ? place(1, n, 4) : nil
        shifts = perChannel ? place(1, n, 4) : nil
        output = place(m, n, rawOutput ? 4 : 1)
        totalBytes = cursor
    }

    /// Writes an int8 matrix into its region.
    package static func write(_ values: [Int8], to region: Region, in dram: inout [UInt8]) {
        for (i, v) in values.enumerated() { dram[region.offset + i] = UInt8(bitPattern: v) }
    }

    /// Writes int32 values little-endian into its region.
    package static func write(_ values: [Int32], to region: Region, in dram: inout [UInt8]) {
        for (i, v) in values.enumerated() {
            let bits = UInt32(bitPattern: v)
            for byte in 0..<4 { dram[region.offset + 4 * i + byte] = UInt8(truncatingIfNeeded: bits >> (8 * byte)) }
        }
    }

    /// Reads the output region back as a tensor.
    func readOutput(from dram: [UInt8]) throws -> GEMMOutput {
        let region = output
        guard region.offset + region.byteCount <= dram.count else {
            throw TilerError.dramTooSmall(needed: region.offset + region.byteCount, found: dram.count)
        }
        let count = region.rows * region.columns
        if region.elementBytes == 1 {
            let values = (0..<count).map { Int8(bitPattern: dram[region.offset + $0]) }
            return .int8(try Tensor(shape: [region.rows, region.columns], elements: values))
        }
        let values = (0..<count).map { i -> Int32 in
            let base = region.offset + 4 * i
            let bits = UInt32(dram[base]) | UInt32(dram[base + 1]) << 8 | UInt32(dram[base + 2]) << 16 | UInt32(dram[base + 3]) << 24
            return Int32(bitPattern: bits)
        }
        return .int32(try Tensor(shape: [region.rows, region.columns], elements: values))
    }
}
