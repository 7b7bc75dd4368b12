import Foundation

/// Where a DSL call was written: `#fileID`, `#filePath`, `#line` and `#column` captured at the
/// call site.
///
/// Two forms, for two readers:
/// - `description` (`Counter.swift:12`) is what generated Verilog and assertion messages carry.
///   It comes from `#fileID`, so the Verilog does not depend on where the checkout lives: rtl/
///   stays byte-identical on every machine.
/// - `editorDescription` (`Sources/My/Counter.swift:12:9`) is what diagnostics print: the path
///   relative to the package root of the file, and the column, so that an editor can jump there.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let fileID: String
    /// `#filePath` on the machine that compiled the call; empty when not known.
    public let filePath: String
    public let line: Int
    /// 1-based; 0 when not known (a location made by hand, or by the compiler).
    public let column: Int

    public init(fileID: String, filePath: String = "", line: Int, column: Int = 0) {
        self.fileID = fileID
        self.filePath = filePath
        self.line = line
        self.column = column
    }

    /// A location for nodes the compiler makes itself (passes, implicit ports).
    public static let synthesized = SourceLocation(fileID: "<serrano>", line: 0)

    /// The file name without its module: `Counter.swift`.
    public var fileName: String {
        // On UTF-8 bytes: the printer asks for this once per statement of a big design.
        let bytes = fileID.utf8
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return fileID }
        return String(fileID[bytes.index(after: slash)...])
    }

    /// `Counter.swift:12`, the form every Verilog comment and assertion message uses.
    public var description: String {
        var text = fileName
        text += ":"
        text += String(line)
        return text
    }

    /// `Sources/My/Counter.swift:12:9`, the form diagnostics print. The path is relative to the
    /// nearest folder above the file that holds a `Package.swift`; failing that, to the current
    /// directory; failing that, absolute. Without a `#filePath` it is the file name. The column
    /// is left out when not known.
    public var editorDescription: String {
        let path = filePath.isEmpty ? fileName : PackageRelativePath.of(filePath)
        return column > 0 ? "\(path):\(line):\(column)" : "\(path):\(line)"
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.fileID, a.line, a.column) < (b.fileID, b.line, b.column)
    }
}

/// Paths as a user's editor wants them: relative to the package the file belongs to.
enum PackageRelativePath {
    /// Package roots already found, by folder (`nil`: no `Package.swift` above it).
    private static let roots = RootCache()

    static func of(_ path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        if let root = roots.root(above: folder), let relative = relative(path, to: root) { return relative }
        return relative(path, to: FileManager.default.currentDirectoryPath) ?? path
    }

    /// `path` without `folder/` in front, or nil when it is not inside `folder`.
    static func relative(_ path: String, to folder: String) -> String? {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        guard prefix.count > 1, path.hasPrefix(prefix), path.count > prefix.count else { return nil }
        return String(path.dropFirst(prefix.count))
    }

    private final class RootCache: @unchecked Sendable {
        private let lock = NSLock()
        private var found: [String: String?] = [:]

        func root(above folder: String) -> String? {
            lock.lock()
            defer { lock.unlock() }
            if let known = found[folder] { return known }
            var candidate = folder
            var root: String?
            // Each step drops one path component, so this ends at "/" (or at an empty path).
            while !candidate.isEmpty {
                if FileManager.default.fileExists(atPath: (candidate as NSString).appendingPathComponent("Package.swift")) {
                    root = candidate
                    break
                }
                let parent = (candidate as NSString).deletingLastPathComponent
                if parent == candidate { break }
                candidate = parent
            }
            found[folder] = .some(root)
            return root
        }
    }
}
