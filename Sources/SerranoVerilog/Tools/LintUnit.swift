import Foundation
import SerranoFiles

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
        /// A file list or folder that cannot be read (binary, not UTF-8, no permission).
        case unreadable(path: String, reason: String)

        public var description: String {
            switch self {
            case .notADirectory(let path): return "\(path): not a directory"
            case .missingListedFile(let list, let file): return "\(list) lists \(file), which does not exist"
            case .nothingToLint(let path): return "\(path): no .v files here or in its subdirectories"
            case .noSuchTop(let top): return "no file list \(top).f and no loose .v files for top '\(top)'"
            case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
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
            let entries: [String]
            do { entries = try FileManager.default.contentsOfDirectory(atPath: current.path).sorted() } catch {
                throw DiscoveryError.unreadable(path: current.path, reason: "the folder cannot be listed")
            }
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
        let data: Data
        do { data = try InputFile.read(url.path, limit: 16 << 20) } catch let error as InputFileError {
            throw DiscoveryError.unreadable(path: url.path, reason: error.reason)
        }
        guard let text = String(data: data, encoding: .utf8), !text.contains("\0") else {
            throw DiscoveryError.unreadable(path: url.path, reason: "it is not a text file list (one Verilog file name a line)")
        }
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
