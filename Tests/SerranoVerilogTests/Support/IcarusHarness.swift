import Foundation
import SerranoIR
import SerranoVerilog

/// Runs a printed design in Icarus Verilog and returns its outputs, so tests check the numbers
/// the Verilog computes rather than trust its text.
///
/// Each vector sets the top's inputs (by port name; missing inputs are 0). A combinational top
/// shows its outputs 1 time unit later. A sequential top gets one clock cycle per vector: inputs
/// (and `reset`) are set while the clock is low, then a rising edge, then the outputs are shown.
/// An output with unknown (x or z) bits is missing from its result.
enum IcarusHarness {
    enum Failure: Error, CustomStringConvertible {
        case tool(String)
        case output(String)
        var description: String {
            switch self {
            case .tool(let text): return "icarus: \(text)"
            case .output(let text): return "unexpected simulation output: \(text)"
            }
        }
    }

    static func run(_ design: LegalDesign, vectors: [[String: Int]], label: String) throws -> [[String: UInt64]] {
        guard let top = design.top else { throw Failure.tool("no top") }
        let (directory, files) = try writePrinted(try VerilogPrinter.print(design), label: label)
        let inputs = top.ports.filter { $0.direction == .input }
        let outputs = top.ports.filter { $0.direction == .output }
        var bench = ["module bench;"]
        if top.isSequential { bench.append("    reg clock = 1'b0;") }
        if top.usesReset { bench.append("    reg reset = 1'b0;") }
        for port in inputs { bench.append("    reg \(range(port.type.width))\(port.name);") }
        for port in outputs { bench.append("    wire \(range(port.type.width))\(port.name);") }
        var connections = top.ports.map { ".\($0.name)(\($0.name))" }
        if top.usesReset { connections.insert(".reset(reset)", at: 0) }
        if top.isSequential { connections.insert(".clock(clock)", at: 0) }
        bench.append("    \(top.name) dut (\(connections.joined(separator: ", ")));")
        bench.append("    initial begin")
        let shown = outputs.map(\.name).joined(separator: ", ")
        let format = Array(repeating: "%h", count: outputs.count).joined(separator: " ")
        for vector in vectors {
            var line = "        "
            if top.usesReset { line += "reset = 1'b\(vector["reset"] ?? 0); " }
            for port in inputs {
                let bits = BitVector(width: port.type.width, value: vector[port.name] ?? 0)
                line += "\(port.name) = \(bits.verilogLiteral); "
            }
            line += top.isSequential ? "#1 clock = 1'b1; #1 clock = 1'b0; " : "#1 "
            line += "$display(\"\(format)\", \(shown));"
            bench.append(line)
        }
        bench += ["        $finish;", "    end", "endmodule"]
        let benchFile = directory.appendingPathComponent("bench.v")
        try (bench.joined(separator: "\n") + "\n").write(to: benchFile, atomically: true, encoding: .utf8)

        let simulation = directory.appendingPathComponent("bench.vvp").path
        let compile = try shell("iverilog", ["-g2005", "-s", "bench", "-o", simulation, benchFile.path] + files)
        guard compile.status == 0 else { throw Failure.tool(compile.output) }
        let run = try shell("vvp", ["-n", simulation])
        guard run.status == 0 else { throw Failure.tool(run.output) }
        let lines = run.output.split(separator: "\n").filter { !$0.hasPrefix("VCD") && !$0.contains("$finish") }
        guard lines.count == vectors.count else { throw Failure.output(run.output) }
        var results: [[String: UInt64]] = []
        for line in lines {
            let fields = line.split(separator: " ")
            guard fields.count == outputs.count else { throw Failure.output(String(line)) }
            var values: [String: UInt64] = [:]
            for (port, field) in zip(outputs, fields) {
                // An output with any x or z bit is left out: "unknown".
                if field.contains(where: { "xXzZ".contains($0) }) { continue }
                guard let value = UInt64(field, radix: 16) else { throw Failure.output("\(port.name) = \(field) in: \(line)") }
                values[port.name] = value
            }
            results.append(values)
        }
        try? FileManager.default.removeItem(at: directory)
        return results
    }

    private static func range(_ width: Int) -> String { width == 1 ? "" : "[\(width - 1):0] " }

    static func shell(_ command: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// The low `width` bits of `value`'s two's-complement pattern.
func bits(_ value: Int, _ width: Int) -> UInt64 {
    UInt64(bitPattern: Int64(value)) & (width >= 64 ? ~0 : (UInt64(1) << UInt64(width)) - 1)
}
