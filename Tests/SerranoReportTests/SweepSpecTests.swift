import GoldenModel
import SerranoReport
import Testing

@Suite struct SweepSpecTests {
    @Test("lists pair up by position, one value applies to all, columns default to rows")
    func pairing() throws {
        let square = try SweepSpec.parse(["rows=4,16,64"]).configurations()
        #expect(square.map(\.name) == ["4x4", "16x16", "64x64"])
        #expect(square.map(\.config.dramBusBytes) == [4, 16, 64])
        let wide = try SweepSpec.parse(["rows=8", "columns=16,32", "bus=16"]).configurations()
        #expect(wide.map(\.name) == ["8x16_bus16", "8x32_bus16"])
        #expect(wide.allSatisfy { $0.config.rows == 8 && $0.config.dramBusBytes == 16 })
    }

    @Test("bad sweeps are one sentence naming what is wrong", arguments: [
        (["columns=4"], "needs rows"),
        (["rows=4,8", "columns=4,8,16"], "pair up"),
        (["rows=4,x"], "integers"),
        (["rows=0"], "1...512"),
        (["depth=4"], "keys rows, columns, bus"),
        (["rows=4", "rows=8"], "twice"),
        (["rows=4", "bus=3"], "power of two"),
    ])
    func errors(arguments: [String], expected: String) {
        do {
            _ = try SweepSpec.parse(arguments).configurations()
            Issue.record("\(arguments) was accepted")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }
}
