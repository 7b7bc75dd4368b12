import Foundation
import SerranoVerilog

/// A fresh directory for one test: tests run in parallel and must not share files.
func scratchDirectory(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("serrano-verilog-tests")
        .appendingPathComponent("\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes the printed files into a scratch directory; returns it and the Verilog paths in
/// file-list order.
func writePrinted(_ files: [GeneratedFile], label: String) throws -> (directory: URL, verilog: [String]) {
    let directory = try scratchDirectory(label)
    try files.write(to: directory)
    let verilog = files.filter { $0.name.hasSuffix(".v") }.map { directory.appendingPathComponent($0.name).path }
    return (directory, verilog)
}
