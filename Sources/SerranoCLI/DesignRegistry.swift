import Foundation
import Serrano
import SerranoExamples

/// One design a command line offers: its name (the folder `generate` writes under `--out`),
/// a line for `--help`, and how to elaborate it.
public struct DesignEntry: Sendable {
    public let name: String
    public let summary: String
    public let elaborate: @Sendable () -> Result<LegalDesign, DiagnosticError>

    /// A design by its top module: `DesignEntry("dot") { DotEngine(depth: 16) }`.
    public init<M: Module>(_ name: String, summary: String = "", file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column,
                           _ top: @escaping @Sendable () -> M) {
        self.name = name
        self.summary = summary
        self.elaborate = { Elaboration.elaborate(top(), file: file, filePath: filePath, line: line, column: column) }
    }

    /// A design from any elaboration (for tops chosen at run time).
    public init(name: String, summary: String = "", elaborate: @escaping @Sendable () -> Result<LegalDesign, DiagnosticError>) {
        self.name = name
        self.summary = summary
        self.elaborate = elaborate
    }

    /// One of Serrano's example designs.
    init(_ example: Examples.Entry) {
        self.init(name: example.name, summary: example.summary, elaborate: example.elaborate)
    }
}

/// What the running command line was started with: its name, its designs, and whether it is
/// Serrano's own `serrano` (which adds the commands about Serrano itself: demo, gemm, fuzz, verify).
enum DesignRegistry {
    nonisolated(unsafe) static var commandName = "serrano"
    nonisolated(unsafe) static var all: [DesignEntry] = Examples.all.map(DesignEntry.init)
    nonisolated(unsafe) static var builtIn = true

    static func named(_ name: String) -> DesignEntry? { all.first { $0.name == name } }

    static var names: String { all.map(\.name).joined(separator: ", ") }
}

extension RTLGeneration {
    /// Generates one of the built-in examples (`serrano demo`).
    static func generate(_ example: Examples.Entry, into folder: URL) throws -> Result {
        try generate(DesignEntry(example), into: folder)
    }
}
