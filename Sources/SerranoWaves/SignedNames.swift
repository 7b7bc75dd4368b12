import Foundation

/// Which signals hold two's complement numbers, read from a design's `<Top>.signed.json`
/// (written by the Verilog printer): `wave diff` shows their values in decimal.
public enum SignedNames {
    /// The globs (for `DiffOptions.signed`) that match a listed DSL path in a waveform: the path
    /// itself, or the path under any hierarchy prefix (`TOP.`, `tb.dut.`).
    public static func globs(contentsOf path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WaveError.io(path: path, message: "cannot read the signed-signals file")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data), let paths = object as? [Any] else {
            throw WaveError.malformed(file: path, line: 1, message: "a signed-signals file is a JSON array of signal paths")
        }
        var globs: [String] = []
        for entry in paths {
            guard let name = entry as? String, !name.isEmpty, !SignalNames.isGlob(name) else {
                throw WaveError.malformed(file: path, line: 1, message: "'\(entry)' is not a signal path")
            }
            globs += [name, "*." + name]
        }
        return globs
    }
}
