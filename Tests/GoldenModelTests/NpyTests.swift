import Foundation
import Testing
import GoldenModel
import SerranoSupport

@Suite struct NpyTests {
    /// Bytes `np.save` writes for `np.arange(6, dtype=np.int8).reshape(2, 3) - 3` (NumPy 2.x).
    static let numpyInt8: [UInt8] = {
        let header = "{'descr': '|i1', 'fortran_order': False, 'shape': (2, 3), }"
        let padded = header + String(repeating: " ", count: 117 - header.count) + "\n"
        return [0x93] + Array("NUMPY".utf8) + [1, 0, 118, 0] + Array(padded.utf8) + [253, 254, 255, 0, 1, 2]
    }()

    static func file(descr: String, fortran: String = "False", shape: String, version: UInt8 = 1, data: [UInt8]) -> [UInt8] {
        let header = Array("{'descr': '\(descr)', 'fortran_order': \(fortran), 'shape': \(shape), }\n".utf8)
        let length: [UInt8] = version == 1 ? [UInt8(header.count & 0xFF), UInt8(header.count >> 8)]
            : [UInt8(header.count & 0xFF), UInt8(header.count >> 8), 0, 0]
        return [0x93] + Array("NUMPY".utf8) + [version, 0] + length + header + data
    }

    @Test func writesExactlyWhatNumPyWrites() throws {
        let array = NpyArray.int8(try Tensor(rows: 2, columns: 3, [-3, -2, -1, 0, 1, 2]))
        #expect(Npy.encode(array) == Self.numpyInt8)
        #expect(try Npy.decode(Self.numpyInt8) == array)
    }

    @Test func roundTripsInt8AndInt32OfEveryRank() throws {
        var (g, _) = SplitMix64.forTest("npyRoundTrip", fallback: 1)
        for shape in [[], [1], [5], [3, 4], [2, 3, 4], [0, 3], [1, 1, 1, 1]] {
            let count = shape.reduce(1, *)
            let int8 = NpyArray.int8(try Tensor(shape: shape, elements: (0..<count).map { _ in Int8.random(in: .min ... .max, using: &g) }))
            let int32 = NpyArray.int32(try Tensor(shape: shape, elements: (0..<count).map { _ in Int32.random(in: .min ... .max, using: &g) }))
            for array in [int8, int32] {
                let bytes = Npy.encode(array)
                #expect(try Npy.decode(bytes) == array)
                let headerEnd = bytes.firstIndex(of: 0x0A) ?? 0
                #expect((headerEnd + 1) % 64 == 0, "data starts 64-byte aligned")
            }
        }
    }

    @Test func readsVersion2HeadersAndLittleEndianInt32() throws {
        let v2 = Self.file(descr: "<i4", shape: "(2,)", version: 2, data: [1, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF])
        #expect(try Npy.decode(v2) == .int32(try Tensor(shape: [2], elements: [1, -2])))
        let lessThanI1 = Self.file(descr: "<i1", shape: "(1, 1)", data: [0x80])
        #expect(try Npy.decode(lessThanI1) == .int8(try Tensor(rows: 1, columns: 1, [-128])))
    }

    @Test func rejectsMalformedFilesSayingWhatWasFound() {
        #expect(throws: NpyError.badMagic(found: "89 50 4e 47 0d 0a")) { try Npy.decode([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) }
        #expect(throws: NpyError.unsupportedVersion(major: 3, minor: 0)) {
            try Npy.decode(Self.file(descr: "|i1", shape: "(1,)", version: 3, data: [0]))
        }
        #expect(throws: NpyError.fortranOrder) { try Npy.decode(Self.file(descr: "|i1", fortran: "True", shape: "(2, 2)", data: [1, 2, 3, 4])) }
        #expect(throws: NpyError.unsupportedDtype("<f4")) { try Npy.decode(Self.file(descr: "<f4", shape: "(1,)", data: [0, 0, 0, 0])) }
        #expect(throws: NpyError.unsupportedDtype("<i8")) { try Npy.decode(Self.file(descr: "<i8", shape: "(1,)", data: Array(repeating: 0, count: 8))) }
        #expect(throws: NpyError.bigEndian(dtype: ">i4")) { try Npy.decode(Self.file(descr: ">i4", shape: "(1,)", data: [0, 0, 0, 1])) }
        #expect(throws: NpyError.truncatedData(expectedBytes: 12, foundBytes: 11)) {
            try Npy.decode(Self.file(descr: "<i4", shape: "(3,)", data: Array(repeating: 0, count: 11)))
        }
        #expect(throws: NpyError.trailingData(expectedBytes: 2, foundBytes: 3)) { try Npy.decode(Self.file(descr: "|i1", shape: "(2,)", data: [1, 2, 3])) }
        #expect(throws: NpyError.truncatedHeader(needed: 128, found: 40)) { try Npy.decode(Array(Self.numpyInt8.prefix(40))) }
        #expect(throws: NpyError.self) { try Npy.decode(Self.file(descr: "|i1", shape: "(2, x)", data: [1, 2])) }
        #expect(throws: NpyError.badHeader("unknown key 'colour'")) {
            try Npy.decode([0x93] + Array("NUMPY".utf8) + [1, 0, 13, 0] + Array("{'colour': 1}".utf8))
        }
        #expect(throws: NpyError.self) { try Npy.decode(Self.file(descr: "|i1", shape: "(99999999999, 99999999999)", data: [])) }
    }
}
