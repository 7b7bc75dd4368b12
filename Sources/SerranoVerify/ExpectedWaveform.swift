import Foundation
import GoldenModel
import SerranoFiles
import SerranoWaves

/// The golden model's waveform of what it can predict: the DRAM write channel between the store
/// unit and the DRAM arbiter, as valid-qualified transactions under the RTL's own signal names
/// (`TOP.Accelerator.dramArbiter_storeWrite_*` in a Verilator trace). One beat per cycle, each
/// exactly as the store unit's `DMAWriter` sends it: every STORE in program order, each of its
/// rows as the bus-aligned beats the row covers, with byte enables; the data of bytes a beat
/// does not write is x (don't care). So
///
///     serrano wave diff rtl.fst expected.vcd --clock TOP.Accelerator.clock \
///         --valid TOP.Accelerator.dramArbiter_storeWrite_valid --ready TOP.Accelerator.dramArbiter_storeWrite_ready
///
/// compares the chip's writes with the golden model's one transaction at a time, and its first
/// divergence is the scoreboard's first wrong write.
public enum ExpectedWaveform {
    /// The scope of the chip's top module in a Verilator trace.
    public static let scope = "TOP.Accelerator"
    public static let clock = "\(scope).clock"
    public static let valid = "\(scope).dramArbiter_storeWrite_valid"
    public static let ready = "\(scope).dramArbiter_storeWrite_ready"
    public static let address = "\(scope).dramArbiter_storeWrite_address"
    public static let data = "\(scope).dramArbiter_storeWrite_data"
    public static let mask = "\(scope).dramArbiter_storeWrite_mask"
    /// A glob of the channel's signals.
    public static let channel = "\(scope).dramArbiter_storeWrite_*"

    /// One predicted write beat: its bus-aligned address, the byte enables, and per bus byte
    /// the value written (nil where the mask is clear).
    public struct Beat: Sendable, Equatable {
        public let address: UInt64
        public let mask: UInt64
        public let bytes: [UInt8?]
    }

    /// The beats `program` writes, in order, with the bytes of `expected` (the golden model's
    /// final DRAM image).
    public static func beats(program: [Instruction], expected: [UInt8], busBytes: Int) -> [Beat] {
        guard busBytes > 0 else { return [] }
        var beats: [Beat] = []
        for instruction in program {
            guard case .store(let store) = instruction else { continue }
            let rowBytes = store.elementsPerRow * (store.raw ? 4 : 1)
            guard rowBytes > 0 else { continue }
            for row in 0..<store.rowCount {
                let start = store.dramAddress + row * store.dramStride
                let end = start + rowBytes
                var base = start / busBytes * busBytes
                while base < end {
                    var mask: UInt64 = 0
                    var bytes = [UInt8?](repeating: nil, count: busBytes)
                    for lane in 0..<busBytes where (start..<end).contains(base + lane) {
                        mask |= 1 << UInt64(lane)
                        bytes[lane] = base + lane < expected.count ? expected[base + lane] : 0
                    }
                    beats.append(Beat(address: UInt64(base), mask: mask, bytes: bytes))
                    base += busBytes
                }
            }
        }
        return beats
    }

    /// The VCD of `beats`: one transaction per clock cycle (period 2 ns), valid and ready high
    /// on each, then one idle cycle.
    public static func vcd(_ beats: [Beat], busBytes: Int, writer: VCDWriter) throws {
        let clockVariable = try writer.declare(clock, width: 1)
        let validVariable = try writer.declare(valid, width: 1)
        let readyVariable = try writer.declare(ready, width: 1)
        let addressVariable = try writer.declare(address, width: 32)
        let dataVariable = try writer.declare(data, width: busBytes * 8)
        let maskVariable = try writer.declare(mask, width: busBytes)
        var time: UInt64 = 0
        for beat in beats + [nil] {
            try writer.advance(to: time)
            try writer.change(clockVariable, 0)
            try writer.change(validVariable, beat == nil ? 0 : 1)
            try writer.change(readyVariable, beat == nil ? 0 : 1)
            if let beat {
                try writer.change(addressVariable, beat.address)
                try writer.change(maskVariable, beat.mask)
                try writer.change(dataVariable, digits: digits(beat.bytes))
            }
            try writer.advance(to: time + 1)
            try writer.change(clockVariable, 1)
            time += 2
        }
        try writer.advance(to: time)
        try writer.change(clockVariable, 0)
        try writer.finish()
    }

    /// Writes the expected waveform of `compiled` on `config` to `path`; returns its beat count.
    @discardableResult
    public static func write(_ compiled: CompiledProgram, config: AcceleratorConfig, to path: String) throws -> Int {
        let expected = try FunctionalModel(config: config).run(compiled.program, dram: compiled.dram).dram
        let beats = beats(program: compiled.program, expected: expected, busBytes: config.dramBusBytes)
        let writer = try VCDWriter(path: path, timescale: .nanosecond,
                                   comment: "serrano: the golden model's DRAM writes (x = byte not written)")
        try vcd(beats, busBytes: config.dramBusBytes, writer: writer)
        return beats.count
    }

    /// The diff options that compare a chip trace with an expected waveform, transaction by transaction.
    public static var diffOptions: DiffOptions {
        DiffOptions(clock: SignalPairName(actual: clock, expected: clock), valid: SignalPairName(actual: valid, expected: valid),
                    ready: SignalPairName(actual: ready, expected: ready), signals: [channel])
    }

    /// The command line of that comparison.
    public static func diffCommand(actual: String, expected: String, html: String? = nil) -> String {
        "serrano wave diff \(actual) \(expected) --clock \(clock) --valid \(valid) --ready \(ready)"
            + " --signals '\(channel)'" + (html.map { " --html \($0)" } ?? "")
    }

    /// Binary digits, most significant byte first, `x` for the bytes not written.
    static func digits(_ bytes: [UInt8?]) -> String {
        var text = ""
        text.reserveCapacity(bytes.count * 8)
        for byte in bytes.reversed() {
            guard let byte else {
                text += "xxxxxxxx"
                continue
            }
            for bit in (0..<8).reversed() { text += byte >> UInt8(bit) & 1 == 1 ? "1" : "0" }
        }
        return text
    }
}
