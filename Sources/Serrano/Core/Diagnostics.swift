import SerranoIR

/// Reporting misuse from library code, the way the built-in checks do.
///
///     struct Dma: Module {
///         let burst: Int
///         func build(_ io: Ports, _ c: Circuit) {
///             guard c.require(burst.nonzeroBitCount == 1, "burst \(burst) is not a power of two",
///                             hint: "use 1, 2, 4 … 256") else { return }
///             …
///         }
///     }
///
/// An error never stops elaboration at once: like every built-in check it is collected, the
/// module goes on being built (return early when what follows needs the condition), and
/// `Elaboration.elaborate` fails with every diagnostic found, in source order. Ports and wires
/// the module leaves undriven after its own error are not reported: they follow from it.
extension Circuit {
    /// Records an error at the caller's line: `Dma.swift:12: error: message (in module 'Dma')`.
    public func error(_ message: String, hint: String? = nil, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        error(message, hint: hint, at: SourceLocation(fileID: file, filePath: filePath, line: line, column: column))
    }

    /// Records an error at `location`; for a module's parameters, `instanceLocation` blames the
    /// user's line that made the module rather than the module's own source.
    public func error(_ message: String, hint: String? = nil, at location: SourceLocation) {
        locate(location)
        elaborator.stoppedModules.insert(module.name)
        diagnose(.invalidArgument, message, hint: hint, at: location)
    }

    /// Where this module was made: the `instance(_:_:)` call in its parent, or the
    /// `Elaboration.elaborate` call for the top.
    public var instanceLocation: SourceLocation { module.location }

    /// Records an error when `condition` is false; returns `condition`, for a `guard`.
    @discardableResult
    public func require(_ condition: Bool, _ message: @autoclosure () -> String, hint: String? = nil,
                        file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Bool {
        if !condition { error(message(), hint: hint, file: file, filePath: filePath, line: line, column: column) }
        return condition
    }
}
