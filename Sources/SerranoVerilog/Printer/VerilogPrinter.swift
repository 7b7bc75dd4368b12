import SerranoIR
import SerranoSupport

/// Prints a `LegalDesign` as Verilog-2005: one file per module, one per memory shape, the
/// black boxes' sources, a file list and a name map.
///
/// A pure printer: every decision (names, drivers, widths) was made by `Legalization`. Output is
/// byte-identical from run to run. Files, in file-list order (children first):
/// - `serrano_sram_<kind>_d<depth>_w<width>[_m<mask>].v` per memory shape;
/// - `<BlackBox>.v` for each black box whose source was given;
/// - `<Module>.v` per module, in the design's order (children before parents);
/// - `<Top>.f`: the Verilog files, one a line, relative to the list's own directory
///   (`verilator -F`, `iverilog -c`);
/// - `<Top>.names.json`: DSL path → Verilog hierarchical name (see `NameMap`);
/// - `<Top>.states.json`, when the design has state machines: each state register's DSL path →
///   its codes' case names, for `serrano wave show --states`;
/// - `<Top>.signed.json`, when the design has signed signals: their DSL paths, for
///   `serrano wave diff --signed-from` (decimal values instead of hex).
public enum VerilogPrinter {
    /// What cannot be printed. (An unchecked design cannot reach the printer at all: it takes
    /// only a `LegalDesign`, which only `Legalization.run` makes.)
    public enum Error: Swift.Error, CustomStringConvertible, Equatable {
        /// `print(module:of:)` was asked for a module the design does not have.
        case missingTop(String)
        /// A sink without a driver or value: legalization guarantees neither happens, so this is
        /// a bug in a pass or the printer, reported instead of trapping.
        case inconsistent(module: String, reason: String)

        public var description: String {
            switch self {
            case .inconsistent(let module, let reason):
                return "cannot print module '\(module)': \(reason) (a bug: legalization accepted it; please report)"
            case .missingTop(let name):
                return "cannot print: the design has no module named '\(name)'"
            }
        }
    }

    /// Every file of the design, in file-list order, then the file list and the name map.
    public static func print(_ design: LegalDesign) throws -> [GeneratedFile] {
        var modules: [String: IRModule] = [:]
        for module in design.modules { modules[module.name] = module }

        var files: [GeneratedFile] = []
        for memory in design.memoryShapes {
            // The array inside must not share a name with an instance of the shape (Verilator
            // VARHIDDEN): `words` unless a memory of this shape is called that.
            let instanceNames = Set(design.modules.flatMap { $0.memories.filter { $0.shapeName == memory.shapeName }.map(\.name) })
            var arrayName = "words"
            var suffix = 2
            while instanceNames.contains(arrayName) {
                arrayName = "words_\(suffix)"
                suffix += 1
            }
            files.append(GeneratedFile(name: memory.shapeName + ".v", contents: MemoryPrinter.print(memory, arrayName: arrayName)))
        }
        // Each module's text, and the name files, are independent: printed on all cores, kept
        // in the design's order (the bytes do not depend on which finishes first).
        let moduleCount = design.modules.count
        let printed: [[GeneratedFile]] = try parallelMap(count: moduleCount + 1) { index in
            guard index < moduleCount else { return nameFiles(design) }
            let module = design.modules[index]
            switch module.kind {
            case .blackBox(let source, _, _):
                guard let source else { return [] }
                return [GeneratedFile(name: module.name + ".v", contents: source.hasSuffix("\n") ? source : source + "\n")]
            case .normal:
                var printer = ModulePrinter(module: module, modules: modules)
                return [GeneratedFile(name: module.name + ".v", contents: try printer.print())]
            }
        }
        files += printed.dropLast().joined()
        let fileList = files.map(\.name).joined(separator: "\n") + "\n"
        files.append(GeneratedFile(name: design.topName + ".f", contents: fileList))
        files += printed.last ?? []
        return files
    }

    /// `<Top>.names.json`, and `<Top>.states.json` / `<Top>.signed.json` when the design has
    /// state machines / signed signals.
    private static func nameFiles(_ design: LegalDesign) -> [GeneratedFile] {
        // One walk of the hierarchy for both files that list its names.
        let names = NameMap.inKeyOrder(NameMap.entries(design))
        var files = [GeneratedFile(name: design.topName + ".names.json", contents: NameMap.json(names))]
        if let states = NameMap.statesJSON(design) {
            files.append(GeneratedFile(name: design.topName + ".states.json", contents: states))
        }
        if let signed = NameMap.signedJSON(names) {
            files.append(GeneratedFile(name: design.topName + ".signed.json", contents: signed))
        }
        return files
    }

    /// The Verilog text of one legalized module of `design`.
    public static func print(module name: String, of design: LegalDesign) throws -> String {
        var modules: [String: IRModule] = [:]
        for module in design.modules { modules[module.name] = module }
        guard let module = modules[name] else { throw Error.missingTop(name) }
        var printer = ModulePrinter(module: module, modules: modules)
        return try printer.print()
    }

    /// The name map alone (`<Top>.names.json`'s entries).
    public static func nameMap(_ design: LegalDesign) -> [String: String] {
        Dictionary(NameMap.entries(design).map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }
}
