import Foundation
import SerranoSupport

/// FST support through GTKWave's converters: `fst2vcd` to read, `vcd2fst` to write.
///
/// Measured on the bench's 50 MB VCD (see `make bench`): the conversions cost about as much as
/// the parse itself, which keeps FST usable without a native decoder.
public enum FSTConverter {
    /// Searched in this order; `SERRANO_GTKWAVE_BIN` lets tests and odd installs point elsewhere.
    static func locate(_ tool: String, in directories: [String] = searchPath) throws -> String {
        let path = directories.filter { !$0.isEmpty }.joined(separator: ":")
        if !path.isEmpty, let found = ToolProcess.find(tool, searchPath: path) { return found }
        throw WaveError.converter(message: "\(tool) not found: FST needs GTKWave's converters (apt-get install gtkwave, or make setup)")
    }

    static var searchPath: [String] {
        var directories: [String] = []
        if let override = ProcessInfo.processInfo.environment["SERRANO_GTKWAVE_BIN"] { directories.append(override) }
        directories += (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return directories + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
    }

    /// Converts an FST file to VCD bytes held in memory (the whole-file readers' route; `wave
    /// diff` streams the conversion through `ConverterWindow` instead).
    public static func vcdData(fromFST path: String) throws -> Data {
        let tool = try reader(for: path)
        let output: Data
        do { output = try run(tool, ["-f", path]) } catch WaveError.converter(let message) {
            throw WaveError.converter(message: "\(path): \(message)")
        }
        guard output.count > 0, output.range(of: Data("$enddefinitions".utf8)) != nil else { throw unreadable(path) }
        return output
    }

    /// What fst2vcd's output without `$enddefinitions` means: fst2vcd prints a VCD header even for
    /// files it cannot read, and an FST always has a body (the whole-file and streamed routes).
    static func unreadable(_ path: String) -> WaveError {
        WaveError.converter(message: "\(path): fst2vcd could not read it (not an FST file?)")
    }

    /// Checks that `path` exists and starts like an FST, and finds `fst2vcd` to read it.
    static func reader(for path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else { throw WaveError.io(path: path, message: "no such file") }
        try checkHeader(path)
        return try locate("fst2vcd")
    }

    /// An FST file opens with its header block: block type 0 and a big-endian length of 329.
    static let headerPrefix: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0x01, 0x49]

    /// Refuses a file that does not start like an FST before the converter sees it (it would
    /// only say "exit 255").
    static func checkHeader(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw WaveError.io(path: path, message: "cannot read: permission denied or not a regular file")
        }
        defer { try? handle.close() }
        let start = [UInt8]((try? handle.read(upToCount: headerPrefix.count)) ?? Data())
        guard start != headerPrefix else { return }
        let looksLikeVCD = start.first.map { $0 == UInt8(ascii: "$") || $0 == UInt8(ascii: "#") || $0 <= 32 } ?? false
        let hint = start.isEmpty ? "it is empty" : looksLikeVCD ? "it looks like VCD text; name it .vcd" : "it does not start with an FST header block"
        throw WaveError.converter(message: "\(path) is not an FST file (\(hint))")
    }

    /// Converts a VCD file to FST.
    public static func writeFST(fromVCD vcdPath: String, to fstPath: String) throws {
        let tool = try locate("vcd2fst")
        _ = try run(tool, ["-v", vcdPath, "-f", fstPath])
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: fstPath),
              (attributes[.size] as? NSNumber)?.intValue ?? 0 > 0 else {
            throw WaveError.converter(message: "vcd2fst wrote no \(fstPath)")
        }
    }

    /// Runs a converter, returning its standard output; a non-zero exit is an error with its
    /// standard error's first line.
    static func run(_ tool: String, _ arguments: [String]) throws -> Data {
        let result: ToolProcess.Captured
        do { result = try ToolProcess.capture(tool, arguments) } catch {
            throw WaveError.converter(message: "cannot run \(tool): \(error.localizedDescription)")
        }
        if let failure = failure(of: tool, result) { throw WaveError.converter(message: failure) }
        return result.standardOutput
    }

    /// Why a finished converter failed (its exit status or signal, and its standard error's
    /// first line), or nil when it succeeded.
    static func failure(of tool: String, _ result: ToolProcess.Captured) -> String? {
        guard result.status != 0 || result.signaled else { return nil }
        let firstLine = String(decoding: result.standardError, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        let name = (tool as NSString).lastPathComponent
        let how = result.signaled
            ? "crashed (signal \(result.status)\(ToolExit.signalNames[result.status].map { ", \($0)" } ?? ""))"
            : "failed (exit \(result.status))"
        return "\(name) \(how)\(firstLine.isEmpty ? "" : ": " + firstLine)"
    }
}
