/// Happens-before checking of on-chip memory accesses between the three modules.
///
/// Each module keeps a vector clock; a token carries its sender's clock and popping it merges
/// that clock into the receiver's. An access to a row conflicts with an earlier access by another
/// module (write/write, write/read, read/write) unless that access happened-before it through a
/// chain of tokens. A program that passes is correct under every legal interleaving of the
/// modules, not just the one the functional model happened to pick.
struct RaceDetector {
    typealias Clock = [Int]

    /// Per row: the module (−1 none) and clock time of the last write, and the latest read time
    /// by each module (0 none).
    private var writer: [Int8]
    private var writeTime: [Int]
    private var readTime: [Int]
    let name: String

    init(rows: Int, name: String) {
        writer = Array(repeating: -1, count: rows)
        writeTime = Array(repeating: 0, count: rows)
        readTime = Array(repeating: 0, count: rows * 3)
        self.name = name
    }

    /// Records an access to `rows` by `module` at its clock `clock`; returns the module it races
    /// with, if any, and the row.
    mutating func access(_ rows: Range<Int>, by module: ExecutionUnit, clock: Clock, write: Bool) -> (row: Int, other: ExecutionUnit)? {
        let me = module.rawValue
        for row in rows {
            let w = Int(writer[row])
            if w >= 0, w != me, clock[w] < writeTime[row] { return (row, ExecutionUnit(rawValue: w) ?? module) }
            if write {
                for other in 0..<3 where other != me && readTime[row * 3 + other] > clock[other] {
                    return (row, ExecutionUnit(rawValue: other) ?? module)
                }
                writer[row] = Int8(me)
                writeTime[row] = clock[me]
            } else {
                readTime[row * 3 + me] = clock[me]
            }
        }
        return nil
    }
}
