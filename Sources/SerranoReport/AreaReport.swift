import Foundation
import SerranoVerilog

/// The area proxy of a configuration: Yosys generic synthesis per module, weighted into NAND2
/// equivalents, with the SRAMs counted as macros (bits, not gates).
///
/// Weights (NAND2 = 1), approximately a 45 nm X1 standard-cell library's areas over its NAND2's:
/// NOT 0.67, NAND/NOR 1, AND/OR/ANDNOT/ORNOT and AOI3/OAI3 1.33, AOI4/OAI4 1.67, XOR/XNOR 2,
/// MUX 2.33, a flip-flop 5.67, plus 1.33 for a reset and 2.33 for an enable. An unknown type
/// counts 1 and is listed.
public struct AreaReport: Codable, Equatable, Sendable {
    public struct Module: Codable, Equatable, Sendable {
        public var name: String
        public var instances: Int
        /// Per instance: gate cells (flip-flops included), flip-flops, NAND2 equivalents.
        public var cells: Int
        public var flipFlops: Int
        public var nand2Equivalents: Double
        /// Gates on the longest combinational path inside the module.
        public var longestPath: Int
    }

    public struct Macro: Codable, Equatable, Sendable {
        public var name: String
        public var instances: Int
        public var depth: Int
        public var width: Int
        public var bits: Int { depth * width }
    }

    public var modules: [Module]
    public var macros: [Macro]
    /// The whole design: every module × its instances.
    public var totalCells: Int
    public var totalFlipFlops: Int
    public var totalNAND2Equivalents: Double
    public var sramBits: Int
    public var longestPath: Int
    public var longestPathModule: String
    public var unknownCellTypes: [String]
    public var synthesisSeconds: Double

    public static func weight(of type: String) -> Double? {
        let gates: [String: Double] = [
            "$_NOT_": 0.67, "$_BUF_": 1, "$_NAND_": 1, "$_NOR_": 1, "$_AND_": 1.33, "$_OR_": 1.33, "$_ANDNOT_": 1.33,
            "$_ORNOT_": 1.33, "$_AOI3_": 1.33, "$_OAI3_": 1.33, "$_AOI4_": 1.67, "$_OAI4_": 1.67, "$_XOR_": 2, "$_XNOR_": 2,
            "$_MUX_": 2.33, "$_NMUX_": 2.33,
        ]
        if let weight = gates[type] { return weight }
        guard SynthesisArea.isFlipFlop(type) else { return nil }
        // `$_DFF_P_`, `$_DFFE_PP_`, `$_SDFF_PP0_`, `$_SDFFE_PP0P_`, `$_DFF_PN0_` (async reset), …
        let body = type.dropFirst(2)
        let hasEnable = body.hasPrefix("DFFE") || body.hasPrefix("SDFFE") || body.hasPrefix("SDFFCE") || body.hasPrefix("DFFSRE")
        let parts = body.split(separator: "_")
        let hasReset = body.hasPrefix("S") || body.hasPrefix("DFFSR") || (parts.count > 1 && parts[1].count >= 3)
        return 5.67 + (hasReset ? 1.33 : 0) + (hasEnable ? 2.33 : 0)
    }

    public init(_ synthesis: SynthesisArea) {
        var unknown = Set<String>()
        modules = synthesis.modules.map { module in
            var cells = 0, flipFlops = 0
            var area = 0.0
            for (type, count) in module.cells where SynthesisArea.isGate(type) {
                cells += count
                if SynthesisArea.isFlipFlop(type) { flipFlops += count }
                if let weight = Self.weight(of: type) { area += weight * Double(count) } else {
                    unknown.insert(type)
                    area += Double(count)
                }
            }
            return Module(name: module.name, instances: synthesis.instances[module.name] ?? 0, cells: cells, flipFlops: flipFlops,
                          nand2Equivalents: area, longestPath: module.longestPath)
        }
        let synthesized = Set(synthesis.modules.map(\.name))
        macros = synthesis.instances.keys.filter { !synthesized.contains($0) }.sorted().map { name in
            let (depth, width) = Self.sramShape(name)
            return Macro(name: name, instances: synthesis.instances[name] ?? 0, depth: depth, width: width)
        }
        totalCells = modules.reduce(0) { $0 + $1.cells * $1.instances }
        totalFlipFlops = modules.reduce(0) { $0 + $1.flipFlops * $1.instances }
        totalNAND2Equivalents = modules.reduce(0) { $0 + $1.nand2Equivalents * Double($1.instances) }
        sramBits = macros.reduce(0) { $0 + $1.bits * $1.instances }
        let deepest = modules.max { ($0.longestPath, $1.name) < ($1.longestPath, $0.name) }
        longestPath = deepest?.longestPath ?? 0
        longestPathModule = deepest?.name ?? ""
        unknownCellTypes = unknown.sorted()
        synthesisSeconds = synthesis.seconds
    }

    /// Depth and width from an SRAM model's name (`serrano_sram_1r1w_d4096_w128`); 0 when absent.
    static func sramShape(_ name: String) -> (depth: Int, width: Int) {
        var depth = 0, width = 0
        for part in name.split(separator: "_") {
            if part.hasPrefix("d"), let value = Int(part.dropFirst()) { depth = value }
            if part.hasPrefix("w"), let value = Int(part.dropFirst()) { width = value }
        }
        return (depth, width)
    }
}
