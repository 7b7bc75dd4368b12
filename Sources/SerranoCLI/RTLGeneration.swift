import Foundation
import Serrano
import SerranoFiles
import SerranoExamples
import SerranoVerilog

/// Elaborates a design, prints it and writes it to its folder, replacing what a previous run
/// left there.
enum RTLGeneration {
    struct Result {
        let name: String
        let folder: URL
        let modules: Int
        let lines: Int
        let seconds: Double

        var summary: String {
            String(format: "generate %@ → %@/ (%d module%@, %@ lines) in %.2f s",
                   name, folder.relativePath, modules, modules == 1 ? "" : "s", lines.formatted(), seconds)
        }
    }

    static func generate(_ entry: DesignEntry, into folder: URL) throws -> Result {
        let start = Date()
        let design: LegalDesign
        switch entry.elaborate() {
        case .success(let elaborated): design = elaborated
        case .failure(let error): throw UsageFailure("\(entry.name): \(error)")
        }
        return try write(entry.name, files: try VerilogPrinter.print(design), into: folder, since: start)
    }

    /// Writes printed files into `folder`, removing what an earlier generation left there.
    static func write(_ name: String, files: [GeneratedFile], into folder: URL, since start: Date) throws -> Result {
        do {
            try OutputFile.createDirectory(folder.path)
            // Concurrent generations into one folder take turns: the cleaning below and the
            // writing never interleave with another process's.
            try FolderLock.withLock(folder.path) {
                try removeGenerated(in: folder, keeping: Set(files.map(\.name)))
                try files.write(to: folder)
            }
        } catch let error as OutputFileError {
            throw UsageFailure("serrano generate: \(error)")
        }
        let lines = files.filter { $0.name.hasSuffix(".v") }.reduce(0) { $0 + $1.contents.split(separator: "\n", omittingEmptySubsequences: false).count - 1 }
        return Result(name: name, folder: folder, modules: files.filter { $0.name.hasSuffix(".v") }.count,
                      lines: lines, seconds: Date().timeIntervalSince(start))
    }

    /// Removes files an earlier generation wrote (Verilog, file lists, name maps) that this one
    /// does not write again, so that a renamed module leaves no stale file behind. Files that
    /// are written again are overwritten in place (through a symlink, if one is there); other
    /// files are left alone.
    static func removeGenerated(in folder: URL, keeping: Set<String> = []) throws {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where !keeping.contains(name) && (name.hasSuffix(".v") || name.hasSuffix(".f") || name.hasSuffix(".names.json")) {
            let path = folder.appendingPathComponent(name).path
            if unlink(path) != 0 && errno != ENOENT {
                throw OutputFileError(path: path, reason: "cannot remove the old file: \(String(cString: strerror(errno)))")
            }
        }
    }
}
