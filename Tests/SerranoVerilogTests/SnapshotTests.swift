import SerranoVerilog
import Testing

/// The exact text printed for small designs, kept under Snapshots/ and reviewed like code.
@Suite struct SnapshotTests {
    @Test(arguments: TestDesigns.names)
    func handBuiltDesignMatchesSnapshot(_ name: String) throws {
        try Snapshot.check(try VerilogPrinter.print(try TestDesigns.named(name)), name: name)
    }
}
