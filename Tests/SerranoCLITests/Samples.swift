import Foundation
import GoldenModel

/// Small input files the CLI tests feed to `serrano`.
enum Samples {
    /// A two-signal VCD: `top.clk` toggling, `top.count` counting.
    static func vcd(in folder: URL, name: String = "wave.vcd") throws -> String {
        var text = "$timescale 1ns $end\n$scope module top $end\n$var wire 1 ! clk $end\n$var wire 4 \" count [3:0] $end\n$upscope $end\n$enddefinitions $end\n"
        for step in 0..<8 {
            text += "#\(step * 5)\n\(step % 2)!\nb\(String(step / 2, radix: 2)) \"\n"
        }
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// `A.npy` (4×3) and `B.npy` (3×2) int8 operands.
    static func operands(in folder: URL) throws -> (a: String, b: String) {
        let a = folder.appendingPathComponent("A.npy").path, b = folder.appendingPathComponent("B.npy").path
        try Npy.write(.int8(Tensor(rows: 4, columns: 3, (0..<12).map { Int8($0) - 6 })), path: a)
        try Npy.write(.int8(Tensor(rows: 3, columns: 2, (0..<6).map { Int8($0) })), path: b)
        return (a, b)
    }

    /// An int8 matrix of ones.
    static func matrix(rows: Int, columns: Int, to path: String) throws {
        try Npy.write(.int8(Tensor(rows: rows, columns: columns, Array(repeating: 1, count: rows * columns))), path: path)
    }
}
