import Foundation
import GoldenModel
import SerranoFiles

/// `.npy` files on disk: the golden model knows the format (`Npy.encode`/`decode`), this
/// extension the files, through SerranoFiles' `InputFile` and `OutputFile` (symlinks, devices,
/// atomic writes, one-sentence errors), so that GoldenModel imports no other target.
extension Npy {
    /// Reads only a file's header (a few hundred bytes, however large the file), and checks
    /// that a regular file is exactly as long as the header's shape needs, so shapes can be
    /// checked before any data is read.
    public static func readHeader(path: String) throws -> NpyFileHeader {
        let kind: InputFile.Kind
        let prefix: [UInt8]
        do {
            kind = try InputFile.check(path)
            let start = [UInt8](try InputFile.readPrefix(path, count: 12))
            prefix = [UInt8](try InputFile.readPrefix(path, count: NpyFileHeader.prefixLength(start)))
        } catch let error as InputFileError {
            throw NpyError.io(path: path, reason: error.reason)
        } catch let error as NpyError {
            throw NpyError.inFile(path: path, error.description)
        }
        do {
            let header = try NpyFileHeader.parse(prefix)
            if case .regular(let size) = kind { try header.checkDataLength(size) }
            return header
        } catch let error as NpyError {
            throw NpyError.inFile(path: path, error.description)
        }
    }

    /// Reads a file; I/O failures and format errors both become `NpyError` naming the path.
    /// The header is read first, so no more than the declared data is ever held.
    public static func read(path: String) throws -> NpyArray {
        let data: Data
        do {
            if case .stream = try InputFile.check(path) {
                // A pipe or device can be read once: all of it, bounded by the largest valid file.
                let largest = 12 + NpyFileHeader.maximumHeaderLength + 4 * Int(Int32.max)
                data = try InputFile.read(path, limit: largest)
            } else {
                let header = try readHeader(path: path)
                data = try InputFile.read(path, limit: header.dataStart + header.dataBytes)
            }
        } catch let error as InputFileError {
            throw NpyError.io(path: path, reason: error.reason)
        }
        do { return try decode([UInt8](data)) } catch let error as NpyError {
            throw NpyError.inFile(path: path, error.description)
        }
    }

    /// Writes a file through `OutputFile`: atomically over a regular file, through a symlink,
    /// into a device as it is; `inputs` are files it must not overwrite.
    public static func write(_ array: NpyArray, path: String, inputs: [String] = []) throws {
        do { try OutputFile.write(Data(encode(array)), to: path, inputs: inputs) } catch let error as OutputFileError {
            throw NpyError.io(path: path, reason: "cannot write: \(error.reason)")
        }
    }
}
