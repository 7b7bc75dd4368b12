/// A problem found while elaborating or checking a design, with where it was written and a hint.
///
/// Diagnostics are values: a misuse of the DSL never traps. Elaboration collects every diagnostic
/// and fails with all of them at once.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    /// What kind of problem this is; tests match on it, users read `message`.
    public enum Kind: String, Sendable {
        case widthMismatch, implicitNarrowing, signednessMismatch
        case combinationalLoop, undriven, multipleDrivers, latch
        case directionViolation, nameCollision, invalidName
        case invalidArgument, unsupported
    }

    public var severity: Severity
    public var kind: Kind
    public var location: SourceLocation
    public var message: String
    public var hint: String?
    /// Other places that take part: the second driver, every line of a loop.
    public var related: [SourceLocation]
    /// The module the problem is in, when a check knows it (the DSL drops an undriven port of a
    /// module whose build stopped at its own error: that port is noise, not a second cause).
    public var module: String?

    public init(
        _ kind: Kind, at location: SourceLocation, _ message: String, hint: String? = nil,
        related: [SourceLocation] = [], severity: Severity = .error, module: String? = nil
    ) {
        self.module = module
        self.severity = severity
        self.kind = kind
        self.location = location
        self.message = message
        self.hint = hint
        self.related = related
    }

    /// `Sources/My/Counter.swift:12:9: error: …` (the path relative to the package root, so
    /// that editors can jump to it; see `SourceLocation.editorDescription`), followed by an
    /// indented hint line when there is one.
    public var description: String {
        var text = "\(location.editorDescription): \(severity.rawValue): \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

/// Elaboration or checking failed: every diagnostic found, in source order.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { ($0.location, $0.message) < ($1.location, $1.message) }
    }

    public var description: String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let summary = errors == 1 ? "1 error" : "\(errors) errors"
        return (diagnostics.map(\.description) + ["\(summary); no Verilog written"]).joined(separator: "\n")
    }
}
