/// A design that `Legalization.run` accepted: every module has one driver per sink, no
/// combinational loop, and a Verilog name for every node; the top exists and every instance
/// names a module of the design.
///
/// Its only initializer is internal to SerranoIR and called by `Legalization.run` alone, and
/// its design is read-only: a value of this type is the proof that the design was checked.
/// The Verilog printer, the IR interpreter and the Verilator backend take a `LegalDesign`, so
/// "printed (or simulated) before it was checked" does not compile, and they need not check
/// names and drivers again at run time.
public struct LegalDesign: Hashable, Sendable {
    /// The checked design. Changing it would need a new legalization: build a `Design` from its
    /// modules and run `Legalization.run` again.
    public let design: Design

    /// Only `Legalization.run` makes one.
    init(checked design: Design) {
        self.design = design
    }

    public var modules: [IRModule] { design.modules }
    public var topName: String { design.topName }
    /// The top module (legalization checked that it exists).
    public var top: IRModule? { design.top }
    public func module(named name: String) -> IRModule? { design.module(named: name) }
    public func index(ofModule name: String) -> Int? { design.index(ofModule: name) }
    /// Every distinct memory shape, for printing one SRAM module per shape.
    public var memoryShapes: [Memory] { design.memoryShapes }
}
