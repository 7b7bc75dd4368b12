import Foundation
import SerranoFiles

/// One file the printer produces: a Verilog module, an SRAM model, a copied black-box source,
/// the file list or the name map.
public struct GeneratedFile: Hashable, Sendable {
    /// The file name, without a directory (`Counter.v`, `Counter.f`, `Counter.names.json`).
    public var name: String
    public var contents: String

    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}

extension Array where Element == GeneratedFile {
    /// Writes every file into `directory` (created when missing), overwriting files of the same
    /// name. Other files already in the directory are left alone: cleaning is the caller's call.
    /// Each file goes through `OutputFile` (atomic, through symlinks); a failure is an
    /// `OutputFileError` naming the path.
    public func write(to directory: URL) throws {
        try OutputFile.createDirectory(directory.path)
        for file in self {
            try OutputFile.write(file.contents, to: directory.appendingPathComponent(file.name).path)
        }
    }
}
