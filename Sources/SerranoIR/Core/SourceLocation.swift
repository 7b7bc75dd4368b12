/// Where a DSL call was written: `#fileID` and `#line` captured at the call site.
///
/// `#fileID` ("Module/File.swift") is used rather than `#filePath` so that generated Verilog and
/// diagnostics do not depend on where the checkout lives: output stays byte-identical.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let fileID: String
    public let line: Int

    public init(fileID: String, line: Int) {
        self.fileID = fileID
        self.line = line
    }

    /// A location for nodes the compiler makes itself (passes, implicit ports).
    public static let synthesized = SourceLocation(fileID: "<serrano>", line: 0)

    /// The file name without its module: `Counter.swift`.
    public var fileName: String {
        guard let slash = fileID.lastIndex(of: "/") else { return fileID }
        return String(fileID[fileID.index(after: slash)...])
    }

    /// `Counter.swift:12`, the form every diagnostic and every Verilog comment uses.
    public var description: String { "\(fileName):\(line)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.fileID, a.line) < (b.fileID, b.line)
    }
}
