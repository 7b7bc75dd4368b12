import Foundation

/// A set of Verilog files checked together with one top: a printed design (found by its `.f`
/// file list) or the loose `.v` files of a directory.
public struct LintUnit: Hashable, Sendable {
    /// The `.f` file, or the directory for loose files: what a report names.
    public var label: String
    public var files: [String]
    /// The top module; nil lets the tools find it.
    public var top: String?

    public init(label: String, files: [String], top: String?) {
        self.label = label
        self.files = files
        self.top = top
    }

    /// Why a directory cannot be linted.
    public enum DiscoveryError: Error, CustomStringConvertible, Equatable {
        case notADirectory(String)
        case missingListedFile(list: String, file: String)
        case nothingToLint(String)
        case noSuchTop(String)

        public var description: String {
            switch self {
            case .notADirectory(let path): return "\(path): not a directory"
            case .missingListedFile(let list, let file): return "\(list) lists \(file), which does not exist"
            case .nothingToLint(let path): return "\(path): no .v files here or in its subdirectories"
            case .noSuchTop(let top): return "no file list \(top).f and no loose .v files for top '\(top)'"
            }
        }
    }

    /// The units under `directory`: one per `.f` file list (files relative to the list), one for
    /// the `.v` files no list names, and the same for every subdirectory, in sorted order.
    ///
    /// - Parameter top: keep only the list `<top>.f`; when there is none, check loose files with
    ///   this top.
    public static func discover(in directory: URL, top: String? = nil) throws -> [LintUnit] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiscoveryError.notADirectory(directory.path)
        }
        var units: [LintUnit] = []
        var pending = [directory.standardizedFileURL]
        while !pending.isEmpty {
            let current = pending.removeFirst()
            let entries = try FileManager.default.contentsOfDirectory(atPath: current.path).sorted()
            var listed = Set<String>()
            var loose: [String] = []
            for entry in entries {
                let url = current.appendingPathComponent(entry)
                var entryIsDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &entryIsDirectory)
                if entryIsDirectory.boolValue {
                    if !entry.hasPrefix(".") { pending.append(url) }
                } else if entry.hasSuffix(".f") {
                    let listTop = String(entry.dropLast(2))
                    let files = try readFileList(url)
                    listed.formUnion(files)
                    if top == nil || top == listTop { units.append(LintUnit(label: url.path, files: files, top: listTop)) }
                } else if entry.hasSuffix(".v") || entry.hasSuffix(".sv") {
                    loose.append(url.path)
                }
            }
            let unlisted = loose.filter { !listed.contains($0) }
            if !unlisted.isEmpty { units.append(LintUnit(label: current.path, files: unlisted, top: top)) }
        }
        // With a top, the design's own file list wins; loose files are the fallback.
        if top != nil && units.contains(where: { $0.label.hasSuffix(".f") }) {
            units.removeAll { !$0.label.hasSuffix(".f") }
        }
        if units.isEmpty { throw top.map { DiscoveryError.noSuchTop($0) } ?? DiscoveryError.nothingToLint(directory.path) }
        return units
    }

    /// The files a `.f` list names (one a line; `#` and `//` comments and blank lines skipped;
    /// relative names are relative to the list's directory). Tool options (`-…`) are ignored.
    public static func readFileList(_ url: URL) throws -> [String] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var files: [String] = []
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("//") || line.hasPrefix("-") { continue }
            let file = line.hasPrefix("/") ? URL(fileURLWithPath: line) : url.deletingLastPathComponent().appendingPathComponent(line)
            let path = file.standardizedFileURL.path
            guard FileManager.default.fileExists(atPath: path) else {
                throw DiscoveryError.missingListedFile(list: url.path, file: line)
            }
            files.append(path)
        }
        return files
    }
}
