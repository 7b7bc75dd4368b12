import Foundation

/// An array read from or written to a NumPy `.npy` file (the same enum as `GEMMOutput`).
public typealias NpyArray = IntegerTensor

/// NumPy `.npy` reading and writing: int8 (`|i1`, `<i1`) and little-endian int32 (`<i4`), C
/// order, format versions 1.0 and 2.0. Everything else is rejected with an error that says what
/// was found.
public enum Npy {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// Parses a whole file's bytes.
    public static func decode(_ bytes: [UInt8]) throws -> NpyArray {
        let header = try NpyFileHeader.parse(bytes)
        try header.checkDataLength(bytes.count)
        let dataStart = header.dataStart, count = header.elementCount
        if header.elementBytes == 1 {
            let values = bytes[dataStart...].map { Int8(bitPattern: $0) }
            return .int8(try Tensor(shape: header.shape, elements: values))
        }
        var values = [Int32](repeating: 0, count: count)
        for i in 0..<count {
            let b = dataStart + 4 * i
            values[i] = Int32(bitPattern: UInt32(bytes[b]) | UInt32(bytes[b + 1]) << 8 | UInt32(bytes[b + 2]) << 16 | UInt32(bytes[b + 3]) << 24)
        }
        return .int32(try Tensor(shape: header.shape, elements: values))
    }

    /// Serializes with a version 1.0 header (2.0 when the header exceeds 65535 bytes), padded
    /// so the data starts on a 64-byte boundary, as NumPy writes it.
    public static func encode(_ array: NpyArray) -> [UInt8] {
        let shape = array.shape
        let tuple = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var dict = "{'descr': '\(array.dtype)', 'fortran_order': False, 'shape': \(tuple), }"
        let version: UInt8 = dict.utf8.count + 1 + 12 > 65535 ? 2 : 1
        let prefix = 8 + (version == 1 ? 2 : 4)
        let padding = (64 - (prefix + dict.utf8.count + 1) % 64) % 64
        dict += String(repeating: " ", count: padding) + "\n"
        var bytes = magic + [version, 0]
        let length = dict.utf8.count
        for i in 0..<(version == 1 ? 2 : 4) { bytes.append(UInt8(truncatingIfNeeded: length >> (8 * i))) }
        bytes += Array(dict.utf8)
        switch array {
        case .int8(let t):
            bytes += t.elements.map { UInt8(bitPattern: $0) }
        case .int32(let t):
            bytes.reserveCapacity(bytes.count + 4 * t.elements.count)
            for v in t.elements {
                let bits = UInt32(bitPattern: v)
                bytes += [UInt8(truncatingIfNeeded: bits), UInt8(truncatingIfNeeded: bits >> 8),
                          UInt8(truncatingIfNeeded: bits >> 16), UInt8(truncatingIfNeeded: bits >> 24)]
            }
        }
        return bytes
    }
}

/// A `.npy` file's header: the element type, the shape and where the data starts.
public struct NpyFileHeader: Equatable, Sendable {
    /// `|i1` (int8) or `<i4` (int32), as `NpyArray.dtype` spells it.
    public let dtype: String
    public let shape: [Int]
    /// The product of the shape (at most `Int32.max`).
    public let elementCount: Int
    let elementBytes: Int
    package let dataStart: Int
    /// Bytes of data the shape needs.
    package var dataBytes: Int { elementCount * elementBytes }

    /// The largest header accepted (NumPy writes a few hundred bytes).
    package static let maximumHeaderLength = 1 << 20

    /// How many bytes the header occupies, from the first 12 bytes of the file.
    package static func prefixLength(_ start: [UInt8]) throws -> Int {
        let (lengthBytes, headerLength) = try lengths(start)
        return 8 + lengthBytes + headerLength
    }

    private static func lengths(_ bytes: [UInt8]) throws -> (Int, Int) {
        guard bytes.count >= 8, Array(bytes[0..<6]) == Npy.magic else {
            let found = bytes.prefix(6).map { String(format: "%02x", $0) }.joined(separator: " ")
            throw NpyError.badMagic(found: found)
        }
        let major = bytes[6], minor = bytes[7]
        let lengthBytes: Int
        switch (major, minor) {
        case (1, 0): lengthBytes = 2
        case (2, 0): lengthBytes = 4
        default: throw NpyError.unsupportedVersion(major: Int(major), minor: Int(minor))
        }
        guard bytes.count >= 8 + lengthBytes else { throw NpyError.truncatedHeader(needed: 8 + lengthBytes, found: bytes.count) }
        var headerLength = 0
        for i in 0..<lengthBytes { headerLength |= Int(bytes[8 + i]) << (8 * i) }
        guard headerLength <= maximumHeaderLength else {
            throw NpyError.badHeader("the header claims \(headerLength) bytes; at most \(maximumHeaderLength) are accepted")
        }
        return (lengthBytes, headerLength)
    }

    /// Parses the header at the start of `bytes` (which may hold more than the header).
    package static func parse(_ bytes: [UInt8]) throws -> NpyFileHeader {
        let (lengthBytes, headerLength) = try lengths(bytes)
        let dataStart = 8 + lengthBytes + headerLength
        guard bytes.count >= dataStart else { throw NpyError.truncatedHeader(needed: dataStart, found: bytes.count) }
        guard let text = String(bytes: bytes[(8 + lengthBytes)..<dataStart], encoding: .ascii) else {
            throw NpyError.badHeader("header is not ASCII")
        }
        let header = try NpyHeader.parse(text)
        guard !header.fortranOrder else { throw NpyError.fortranOrder }
        var count = 1
        for extent in header.shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow, product <= Int(Int32.max) else { throw NpyError.badHeader("shape \(header.shape) is too large") }
            count = product
        }
        let elementBytes: Int
        let dtype: String
        switch header.descr {
        case "|i1", "<i1", "i1": (elementBytes, dtype) = (1, "|i1")
        case "<i4": (elementBytes, dtype) = (4, "<i4")
        case let d where d.hasPrefix(">") && d.count > 1 && d != ">i1": throw NpyError.bigEndian(dtype: d)
        default: throw NpyError.unsupportedDtype(header.descr)
        }
        return NpyFileHeader(dtype: dtype, shape: header.shape, elementCount: count, elementBytes: elementBytes, dataStart: dataStart)
    }

    /// Checks that a file of `fileBytes` holds exactly the data the shape needs.
    package func checkDataLength(_ fileBytes: Int) throws {
        let found = fileBytes - dataStart
        guard found >= dataBytes else { throw NpyError.truncatedData(expectedBytes: dataBytes, foundBytes: found) }
        guard found == dataBytes else { throw NpyError.trailingData(expectedBytes: dataBytes, foundBytes: found) }
    }
}

/// Why a `.npy` file was rejected.
public enum NpyError: Error, Equatable, CustomStringConvertible {
    case badMagic(found: String)
    case unsupportedVersion(major: Int, minor: Int)
    case truncatedHeader(needed: Int, found: Int)
    case badHeader(String)
    case fortranOrder
    case unsupportedDtype(String)
    case bigEndian(dtype: String)
    case truncatedData(expectedBytes: Int, foundBytes: Int)
    case trailingData(expectedBytes: Int, foundBytes: Int)
    case io(path: String, reason: String)
    case inFile(path: String, String)

    public var description: String {
        switch self {
        case .badMagic(let found): return "not a .npy file: magic is [\(found)], expected [93 4e 55 4d 50 59] (\\x93NUMPY)"
        case .unsupportedVersion(let major, let minor): return ".npy format version \(major).\(minor) is not supported (1.0 and 2.0 are)"
        case .truncatedHeader(let needed, let found): return ".npy header truncated: needs \(needed) bytes, file has \(found)"
        case .badHeader(let why): return "malformed .npy header: \(why)"
        case .fortranOrder: return "Fortran-order .npy arrays are not supported; save with np.ascontiguousarray"
        case .unsupportedDtype(let d): return "dtype '\(d)' is not supported; use int8 ('|i1') or little-endian int32 ('<i4')"
        case .bigEndian(let d): return "big-endian dtype '\(d)' is not supported; convert with arr.astype('<i4')"
        case .truncatedData(let e, let f): return ".npy data truncated: shape needs \(e) bytes, file has \(f)"
        case .trailingData(let e, let f): return ".npy file has \(f - e) bytes after the \(e) bytes of data"
        case .io(let path, let reason): return "\(path): \(reason)"
        case .inFile(let path, let message): return "\(path): \(message)"
        }
    }
}
