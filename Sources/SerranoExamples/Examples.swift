import Serrano

/// The example designs, by name: what `serrano generate --examples` writes to `rtl/`.
public enum Examples {
    /// An example: its name (the folder under `rtl/`) and how to elaborate it.
    public struct Entry: Sendable {
        public let name: String
        public let summary: String
        public let elaborate: @Sendable () -> Result<LegalDesign, DiagnosticError>
    }

    public static let all: [Entry] = [
        Entry(name: "counter", summary: "4-bit counter with enable, wraps at 10") { Elaboration.elaborate(CounterExample(limit: 10)) },
        Entry(name: "fifo", summary: "4-deep FIFO of {data: 8 bits, last} with ready/valid") { Elaboration.elaborate(FIFOExample(depth: 4)) },
        Entry(name: "pe", summary: "int8 MAC processing element, int32 accumulator") { Elaboration.elaborate(ProcessingElement(accWidth: 32)) },
        Entry(name: "systolic4x4", summary: "4×4 weight-stationary systolic array") { Elaboration.elaborate(SystolicArray(rows: 4, columns: 4)) },
        Entry(name: "systolic16x16", summary: "16×16 weight-stationary systolic array") { Elaboration.elaborate(SystolicArray(rows: 16, columns: 16)) },
        Entry(name: "controller", summary: "load/compute/drain controller: an enum state machine with an assertion") {
            Elaboration.elaborate(ControllerExample(computeCycles: 3))
        },
        Entry(name: "sram", summary: "256 × 32-bit dual-port SRAM with byte mask") { Elaboration.elaborate(DualPortSRAM(depth: 256, width: 32)) },
    ]

    public static func named(_ name: String) -> Entry? { all.first { $0.name == name } }
}
