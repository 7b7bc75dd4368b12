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
/// `Elaboration.elaborate` fails with every diagnostic found, in source order.
extension Circuit {
    /// Records an error at the caller's line: `Dma.swift:12: error: message (in module 'Dma')`.
    public func error(_ message: String, hint: String? = nil, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        locate(location)
        diagnose(.invalidArgument, message, hint: hint, at: location)
    }

    /// Records an error when `condition` is false; returns `condition`, for a `guard`.
    @discardableResult
    public func require(_ condition: Bool, _ message: @autoclosure () -> String, hint: String? = nil,
                        file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Bool {
        if !condition { error(message(), hint: hint, file: file, filePath: filePath, line: line, column: column) }
        return condition
    }
}
