import GoldenModel

/// Checks every DRAM write of a run as it happens against the golden model's prediction: each
/// byte written must belong to a STORE of the program, equal the golden model's final value, and
/// arrive in the store's row order. The first wrong write is reported with its cycle, address,
/// the bytes expected and written, the STORE and the output tile (rows and columns of C).
public final class DRAMScoreboard {
    /// One row a STORE writes.
    struct Target {
        let start: Int
        let end: Int
        let store: Int
        let instruction: Int
        let row: Int
    }

    let expected: [UInt8]
    let program: [Instruction]
    let output: DRAMLayout.Region?
    private let targets: [Target]
    private var lastRow: [Int: Int] = [:]
    /// Write beats checked so far.
    public private(set) var writesChecked = 0
    /// The first wrong write, once there is one.
    public private(set) var firstMismatch: WriteMismatch?
    /// Whether the first wrong write ends the run (the regression), or the run goes on to
    /// `done` so its output can still be written (`serrano gemm`).
    public var stopsRun = true

    /// `expected` is the golden model's final DRAM image for `program`; `output`, when given,
    /// lets reports name rows and columns of C.
    public init(expected: [UInt8], program: [Instruction], output: DRAMLayout.Region? = nil) {
        self.expected = expected
        self.program = program
        self.output = output
        var targets: [Target] = []
        var storeNumber = 0
        for (index, instruction) in program.enumerated() {
            guard case .store(let store) = instruction else { continue }
            let rowBytes = store.elementsPerRow * (store.raw ? 4 : 1)
            for row in 0..<store.rowCount {
                let start = store.dramAddress + row * store.dramStride
                targets.append(Target(start: start, end: start + rowBytes, store: storeNumber, instruction: index, row: row))
            }
            storeNumber += 1
        }
        self.targets = targets.sorted { $0.start < $1.start }
    }

    /// The STORE row holding byte `address`, if any.
    func target(of address: Int) -> Target? {
        var low = 0, high = targets.count
        while low < high {
            let middle = (low + high) / 2
            if targets[middle].start <= address { low = middle + 1 } else { high = middle }
        }
        guard low > 0, address < targets[low - 1].end else { return nil }
        return targets[low - 1]
    }

    /// Checks one accepted write beat; returns the mismatch when it is the first.
    @discardableResult
    public func check(address: UInt64, data: [UInt64], mask: UInt64, busBytes: Int, cycle: UInt64) -> WriteMismatch? {
        guard firstMismatch == nil else { return nil }
        writesChecked += 1
        var wrongBytes: [(address: Int, expected: UInt8?, actual: UInt8)] = []
        var target: Target?
        for byte in 0..<busBytes where mask >> UInt64(byte) & 1 == 1 {
            let at = Int(clamping: address &+ UInt64(byte))
            let value = UInt8(truncatingIfNeeded: data[byte / 8] >> (8 * UInt64(byte % 8)))
            guard let owner = self.target(of: at), at < expected.count else {
                wrongBytes.append((at, nil, value))
                continue
            }
            target = target ?? owner
            if expected[at] != value { wrongBytes.append((at, expected[at], value)) }
        }
        var outOfOrder = false
        if let target {
            if let last = lastRow[target.store], target.row < last { outOfOrder = true }
            lastRow[target.store] = max(lastRow[target.store] ?? 0, target.row)
        }
        guard !wrongBytes.isEmpty || outOfOrder else { return nil }
        let mismatch = WriteMismatch(
            cycle: cycle, beat: writesChecked - 1, address: address, bytes: wrongBytes, outOfOrder: outOfOrder,
            store: target.map { (number: $0.store, instruction: $0.instruction, row: $0.row) },
            tile: target.flatMap { tile(of: $0.instruction) })
        firstMismatch = mismatch
        return mismatch
    }

    /// The rows and columns of C a STORE writes.
    func tile(of instruction: Int) -> (rows: Range<Int>, columns: Range<Int>)? {
        guard let output, case .store(let store) = program[instruction], output.rowStride > 0 else { return nil }
        let offset = store.dramAddress - output.offset
        guard offset >= 0 else { return nil }
        let row = offset / output.rowStride, column = offset % output.rowStride / output.elementBytes
        return (row..<(row + store.rowCount), column..<(column + store.elementsPerRow))
    }
}

/// The first DRAM write that differs from the golden model's prediction.
public struct WriteMismatch: Error, Equatable, CustomStringConvertible {
    public let cycle: UInt64
    /// Its place among the run's write beats, from 0: the transaction `serrano wave diff`
    /// against the expected waveform shows first.
    public let beat: Int
    public let address: UInt64
    /// The wrong bytes: expected nil when no STORE writes that address.
    public let bytes: [(address: Int, expected: UInt8?, actual: UInt8)]
    /// The beat belongs to a row written before in its STORE.
    public let outOfOrder: Bool
    /// The STORE it belongs to: its number among the program's STOREs, its index in the program,
    /// and the row within it.
    public let store: (number: Int, instruction: Int, row: Int)?
    public let tile: (rows: Range<Int>, columns: Range<Int>)?

    public static func == (a: WriteMismatch, b: WriteMismatch) -> Bool { a.description == b.description }

    public var description: String {
        var text = "first wrong DRAM write at cycle \(cycle) (write beat #\(beat)), beat address \(address)"
        if let store { text += ", STORE #\(store.number) (instruction \(store.instruction)), its row \(store.row)" }
        if let tile { text += ", output tile C[\(tile.rows.lowerBound)..<\(tile.rows.upperBound)][\(tile.columns.lowerBound)..<\(tile.columns.upperBound)]" }
        if outOfOrder { text += ": written out of row order" }
        let shown = bytes.prefix(8).map { byte in
            "[\(byte.address)] expected \(byte.expected.map { String($0) } ?? "no write") actual \(byte.actual)"
        }
        if !shown.isEmpty { text += ": " + shown.joined(separator: ", ") + (bytes.count > 8 ? ", … (\(bytes.count) bytes)" : "") }
        return text
    }
}
