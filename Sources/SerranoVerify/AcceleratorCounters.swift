import Foundation
import Accelerator
import GoldenModel

/// The accelerator's performance counters after a run, read from its `counter_*` ports.
public struct AcceleratorCounters: Sendable, Equatable, CustomStringConvertible {
    /// Every counter by port name without the `counter_` prefix (`macs`, `scratchpadReads_0`, …).
    public var values: [String: UInt64]
    public let config: AcceleratorConfig

    public init(values: [String: UInt64], config: AcceleratorConfig) {
        self.values = values
        self.config = config
    }

    public subscript(_ name: String) -> UInt64 { values[name] ?? 0 }

    public var cycles: UInt64 { self["cycles"] }
    public var macs: UInt64 { self["macs"] }
    public var arrayBusyCycles: UInt64 { self["arrayBusyCycles"] }
    public var dramBytesRead: UInt64 { self["dramBytesRead"] }
    public var dramBytesWritten: UInt64 { self["dramBytesWritten"] }

    /// Useful MACs over the array's capacity: macs / (rows · columns · cycles).
    public var utilization: Double {
        cycles == 0 ? 0 : Double(macs) / (Double(config.rows * config.columns) * Double(cycles))
    }

    /// Cycles the compute unit stood still, by cause, in a fixed order: waiting for the load
    /// unit's token (its inputs not in the scratchpad yet), for the store unit's (an accumulator
    /// buffer not drained yet), for another token, loading accumulator rows (bias, per-channel
    /// parameters) from DRAM itself, or with no instruction queued.
    public var stalls: [(cause: String, cycles: UInt64)] {
        [("load", self["stallLoad"]), ("store", self["stallStore"]), ("token", self["stallToken"]),
         ("bias load (DRAM)", self["stallDRAM"]), ("empty queue", self["stallQueueEmpty"])]
    }

    /// Per-bank SRAM traffic.
    public func bankCounts(_ name: String, banks: Int) -> [UInt64] { (0..<banks).map { self["\(name)_\($0)"] } }

    public var description: String {
        let stallText = stalls.map { "\($0.cause) \(percent($0.cycles))" }.joined(separator: ", ")
        return "\(cycles) cycles · MAC utilization \(percent(macs, of: UInt64(config.rows * config.columns) * cycles)) · "
            + "stalls: \(stallText) · DRAM \(dramBytesRead) B read, \(dramBytesWritten) B written"
    }

    func percent(_ part: UInt64) -> String { percent(part, of: cycles) }

    func percent(_ part: UInt64, of whole: UInt64) -> String {
        whole == 0 ? "0 %" : String(format: "%.1f %%", 100 * Double(part) / Double(whole))
    }
}
