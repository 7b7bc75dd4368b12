import Foundation
import SerranoFiles

/// Energy per action, the figures the report multiplies the chip's counters by. Every entry
/// carries its source; the default is the 45 nm table of Horowitz (ISSCC 2014) with Eyeriss'
/// normalized register cost. The report writes the table it used (`energy-table.json`) so a user
/// can edit it and pass it back with `--energy-table`.
public struct EnergyTable: Codable, Equatable, Sendable {
    /// One figure and where it comes from.
    public struct Entry: Codable, Equatable, Sendable {
        public var picojoules: Double
        public var source: String

        public init(_ picojoules: Double, source: String) {
            self.picojoules = picojoules
            self.source = source
        }
    }

    /// The energy of one 64-bit read of an SRAM of `capacityBytes`.
    public struct SRAMPoint: Codable, Equatable, Sendable {
        public var capacityBytes: Int
        public var picojoulesPer64Bits: Double
        public var source: String

        public init(capacityBytes: Int, picojoulesPer64Bits: Double, source: String) {
            self.capacityBytes = capacityBytes
            self.picojoulesPer64Bits = picojoulesPer64Bits
            self.source = source
        }
    }

    /// The process the figures are for (reported, not computed with).
    public var technology: String
    /// An 8-bit integer multiply (one per MAC).
    public var multiply8: Entry
    /// A 32-bit integer add (the MAC's accumulate; the requantizer's adds).
    public var add32: Entry
    /// A 32-bit integer multiply (the requantizer's M0 multiply, per output value).
    public var multiply32: Entry
    /// A PE's pipeline registers per MAC: the activation passed right and the partial sum passed down.
    public var peRegistersPerMAC: Entry
    /// SRAM reads by capacity; a bank's cost is interpolated log-log between points (and
    /// extended along the nearest segment outside them).
    public var sramRead: [SRAMPoint]
    /// A write costs this many reads of the same bank.
    public var sramWriteOverRead: Entry
    /// One 64-bit DRAM access.
    public var dram64Bits: Entry

    public static let horowitz45nm = EnergyTable(
        technology: "45 nm",
        multiply8: Entry(0.2, source: "Horowitz, Computing's energy problem, ISSCC 2014: 8-bit integer multiply, 45 nm"),
        add32: Entry(0.1, source: "Horowitz, ISSCC 2014: 32-bit integer add, 45 nm"),
        multiply32: Entry(3.1, source: "Horowitz, ISSCC 2014: 32-bit integer multiply, 45 nm"),
        peRegistersPerMAC: Entry(0.3, source: "Chen, Emer, Sze, Eyeriss, ISCA 2016: a register access costs 1× a MAC (normalized); "
                                 + "taken as 1× the 8-bit multiply + 32-bit add above"),
        sramRead: [
            SRAMPoint(capacityBytes: 8 * 1024, picojoulesPer64Bits: 10, source: "Horowitz, ISSCC 2014: 64-bit read of an 8 KB SRAM, 45 nm"),
            SRAMPoint(capacityBytes: 32 * 1024, picojoulesPer64Bits: 20, source: "Horowitz, ISSCC 2014: 64-bit read of a 32 KB SRAM, 45 nm"),
            SRAMPoint(capacityBytes: 1024 * 1024, picojoulesPer64Bits: 100, source: "Horowitz, ISSCC 2014: 64-bit read of a 1 MB SRAM, 45 nm"),
        ],
        sramWriteOverRead: Entry(1.0, source: "assumption: an SRAM write costs as much as a read (Horowitz gives reads only)"),
        dram64Bits: Entry(1300, source: "Horowitz, ISSCC 2014: DRAM 1.3–2.6 nJ per 64-bit access; the low end is taken"))

    /// The energy of one 64-bit read of an SRAM bank of `bytes`.
    public func sramReadPer64Bits(capacityBytes bytes: Int) -> Double {
        let points = sramRead
        guard points.count > 1 else { return points.first?.picojoulesPer64Bits ?? 0 }
        let x = log(Double(max(bytes, 1)))
        // The segment that holds x, or the nearest end segment.
        var index = 0
        while index < points.count - 2 && x > log(Double(points[index + 1].capacityBytes)) { index += 1 }
        let (low, high) = (points[index], points[index + 1])
        let (x0, x1) = (log(Double(low.capacityBytes)), log(Double(high.capacityBytes)))
        let (y0, y1) = (log(low.picojoulesPer64Bits), log(high.picojoulesPer64Bits))
        return exp(y0 + (y1 - y0) * (x - x0) / (x1 - x0))
    }

    /// The table as pretty-printed JSON with sorted keys (byte-identical for the same table).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Why a table file cannot be used; each names the file.
    public enum LoadError: Error, CustomStringConvertible, Equatable {
        case unreadable(path: String, reason: String)
        case invalid(path: String, reason: String)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): return "cannot read the energy table \(path): \(reason)"
            case .invalid(let path, let reason): return "the energy table \(path) is not usable: \(reason)"
            }
        }
    }

    /// Reads and checks a table written by `json()` (and edited by a person).
    public static func load(_ path: String) throws -> EnergyTable {
        let data: Data
        do { data = try InputFile.read(path, limit: 1 << 20) } catch let error as InputFileError {
            throw LoadError.unreadable(path: path, reason: error.reason)
        }
        let table: EnergyTable
        do { table = try JSONDecoder().decode(EnergyTable.self, from: data) } catch let error as DecodingError {
            throw LoadError.invalid(path: path, reason: Self.describe(error))
        } catch {
            throw LoadError.invalid(path: path, reason: "it is not JSON")
        }
        if let problem = table.problem() { throw LoadError.invalid(path: path, reason: problem) }
        return table
    }

    /// The first thing wrong with the figures, or nil.
    public func problem() -> String? {
        let entries: [(String, Entry)] = [("multiply8", multiply8), ("add32", add32), ("multiply32", multiply32),
                                          ("peRegistersPerMAC", peRegistersPerMAC), ("sramWriteOverRead", sramWriteOverRead),
                                          ("dram64Bits", dram64Bits)]
        for (name, entry) in entries {
            if !entry.picojoules.isFinite || entry.picojoules < 0 || entry.picojoules > 1e9 { return "\(name) must be a number of picojoules in 0...1e9" }
            if entry.source.trimmingCharacters(in: .whitespaces).isEmpty { return "\(name) has no source: say where the figure comes from" }
        }
        guard !sramRead.isEmpty else { return "sramRead needs at least one point" }
        for (index, point) in sramRead.enumerated() {
            if point.capacityBytes < 1 || point.capacityBytes > 1 << 40 { return "sramRead[\(index)].capacityBytes must be in 1...2^40" }
            if !point.picojoulesPer64Bits.isFinite || point.picojoulesPer64Bits <= 0 || point.picojoulesPer64Bits > 1e9 {
                return "sramRead[\(index)].picojoulesPer64Bits must be a positive number up to 1e9"
            }
            if point.source.trimmingCharacters(in: .whitespaces).isEmpty { return "sramRead[\(index)] has no source" }
            if index > 0 && point.capacityBytes <= sramRead[index - 1].capacityBytes {
                return "sramRead points must be in increasing capacityBytes"
            }
        }
        return nil
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the top level" : keys.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)) lacks \"\(key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context)) has the wrong type"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "it is not JSON" : "\(path(context)): \(context.debugDescription)"
        @unknown default: return "it does not match the table's shape"
        }
    }
}
