import Foundation
import Testing
import GoldenModel
import SerranoVerify

/// `.npy` files on disk (the format itself is GoldenModelTests' `NpyTests`).
@Suite struct NpyFileTests {
    /// The header alone tells the shape; the data is checked by length, not read.
    @Test func readHeaderReadsOnlyTheHeaderAndChecksTheLength() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("npy-header-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("big.npy")
        try Data(Self.file(descr: "|i1", shape: "(4096, 4096)", data: [])).write(to: file)
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: try handle.seekToEnd() + 4096 * 4096)  // sparse: no data on disk
        try handle.close()
        let header = try Npy.readHeader(path: file.path)
        #expect(header.shape == [4096, 4096] && header.dtype == "|i1" && header.elementCount == 4096 * 4096)
        let short = directory.appendingPathComponent("short.npy")
        try Data(Self.file(descr: "<i4", shape: "(3,)", data: [1, 2])).write(to: short)
        #expect(throws: NpyError.self) { try Npy.readHeader(path: short.path) }
        do { _ = try Npy.readHeader(path: directory.path); Issue.record("a folder is not a .npy file") } catch {
            #expect("\(error)".contains("it is a folder"), "\(error)")
        }
        do { _ = try Npy.read(path: "/dev/null"); Issue.record("/dev/null is empty") } catch {
            #expect("\(error)".contains("not a .npy file") && !"\(error)".contains("permission"), "\(error)")
        }
    }

    @Test func filesRoundTripThroughDiskAndMissingFilesNameThePath() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("npy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("m.npy").path
        let array = NpyArray.int32(try Tensor(rows: 2, columns: 2, [1, -1, .max, .min]))
        try Npy.write(array, path: path)
        #expect(try Npy.read(path: path) == array)
        do {
            _ = try Npy.read(path: directory.appendingPathComponent("missing.npy").path)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("missing.npy"))
        }
    }

    /// A `.npy` file's bytes: the header NumPy would write for `descr` and `shape`, then `data`.
    static func file(descr: String, shape: String, data: [UInt8]) -> [UInt8] {
        let header = Array("{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape), }\n".utf8)
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count & 0xFF), UInt8(header.count >> 8)] + header + data
    }
}
