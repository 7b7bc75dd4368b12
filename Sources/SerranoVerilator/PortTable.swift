import Foundation
import SerranoSim

/// The top module's ports, in the order the Verilog declares them, and the C++ that binds them
/// to the harness (the generated `serrano_model.h`). Verilator's model header lays its port
/// members out in an order of its own (by storage size, and with `--threads` by the thread that
/// uses them), so the order comes from Verilator's XML output instead: a model built with other
/// options lists the same ports in the same order, as the IR interpreter does.
package struct PortTable {
    /// One port: its C++ member name, direction, width and Verilator storage class.
    package struct Entry: Equatable {
        package let name: String
        package let direction: PortDirection
        package let width: Int
        package let lsb: Int
        /// 0 CData, 1 SData, 2 IData, 3 QData, 4 VlWide (matches SerranoStorage in the harness).
        package let storage: Int
    }

    package let entries: [Entry]

    /// The file in a model's verilated folder that holds its port names in declaration order.
    package static let orderFile = "serrano_port_order.txt"

    private init(entries: [Entry]) { self.entries = entries }

    /// Parses the `VL_IN8(&clock,0,0);`-style declarations of a Verilated class header.
    package init(header: String) {
        var entries: [Entry] = []
        for raw in header.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("VL_IN") || line.hasPrefix("VL_OUT"), let open = line.firstIndex(of: "(") else { continue }
            let macro = line[line.index(line.startIndex, offsetBy: 3)..<open]  // e.g. IN8, OUTW, INOUT64
            let direction: PortDirection
            let suffix: Substring
            if macro.hasPrefix("INOUT") {
                direction = .inout
                suffix = macro.dropFirst(5)
            } else if macro.hasPrefix("IN") {
                direction = .input
                suffix = macro.dropFirst(2)
            } else {
                direction = .output
                suffix = macro.dropFirst(3)
            }
            let storage: Int
            switch suffix {
            case "8": storage = 0
            case "16": storage = 1
            case "": storage = 2
            case "64": storage = 3
            case "W": storage = 4
            default: continue
            }
            guard let close = line.lastIndex(of: ")") else { continue }
            let arguments = line[line.index(after: open)..<close].split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard arguments.count >= 3, arguments[0].hasPrefix("&"), let msb = Int(arguments[1]), let lsb = Int(arguments[2]) else { continue }
            entries.append(Entry(name: String(arguments[0].dropFirst()), direction: direction, width: msb - lsb + 1, lsb: lsb, storage: storage))
        }
        self.entries = entries
    }

    /// The table of the model header `header`, ordered by the port names in `folder`'s
    /// `serrano_port_order.txt` (written when the model was built).
    package static func read(header: URL, orderIn folder: URL) throws -> PortTable {
        guard let text = try? String(contentsOf: header, encoding: .utf8) else {
            throw VerilatorBuildError.io("the cache entry lacks \(header.path); rebuild the model")
        }
        let orderPath = folder.appendingPathComponent(orderFile)
        guard let order = try? String(contentsOf: orderPath, encoding: .utf8) else {
            throw VerilatorBuildError.io("the cache entry lacks \(orderPath.path); rebuild the model")
        }
        return PortTable(header: text).ordered(by: order.split(separator: "\n").map(String.init))
    }

    /// The same ports with the names in `order` first, in that order, then any others in the
    /// header's order. A member Verilator renamed for being a C++ keyword (`__SYM__delete`)
    /// is found under its Verilog name.
    package func ordered(by order: [String]) -> PortTable {
        var rank: [String: Int] = [:]
        for (index, name) in order.enumerated() where rank[name] == nil { rank[name] = index }
        func place(_ entry: Entry) -> Int? {
            rank[entry.name] ?? (entry.name.hasPrefix("__SYM__") ? rank[String(entry.name.dropFirst(7))] : nil)
        }
        let sorted = entries.enumerated().sorted { left, right in
            (place(left.element) ?? order.count + left.offset) < (place(right.element) ?? order.count + right.offset)
        }
        return PortTable(entries: sorted.map(\.element))
    }

    /// The port names of the top module (the `<module … topModule="1">` of Verilator's
    /// `--xml-only` output) by their `pinIndex`: the declaration order. Only the module's own
    /// `<var>` children with a `dir` count (a function's arguments are nested deeper). Each is
    /// named as the model header spells it: `origName` (an escaped `\a$b` is `a__024b` there).
    package static func declarationOrder(xml: String) -> [String] {
        var pins: [(index: Int, name: String)] = []
        var depth: Int?
        for raw in xml.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard let level = depth else {
                if line.hasPrefix("<module "), line.contains("topModule=\"1\"") {
                    if line.hasSuffix("/>") { break }
                    depth = 0
                }
                continue
            }
            if line.hasPrefix("</") {
                if level == 0 { break }
                depth = level - 1
                continue
            }
            guard line.hasPrefix("<") else { continue }
            if level == 0, line.hasPrefix("<var "), let name = attribute("origName", in: line) ?? attribute("name", in: line),
               attribute("dir", in: line) != nil {
                pins.append((attribute("pinIndex", in: line).flatMap { Int($0) } ?? Int.max, name))
            }
            if !line.hasSuffix("/>") { depth = level + 1 }
        }
        return pins.enumerated().sorted { ($0.element.index, $0.offset) < ($1.element.index, $1.offset) }.map(\.element.name)
    }

    /// The value of `name="…"` in one XML start tag, with the five predefined entities decoded.
    private static func attribute(_ name: String, in tag: String) -> String? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        let rest = tag[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    package var hasClock: Bool { entries.contains { $0.name == "clock" && $0.direction == .input } }

    /// The model-specific header the harness includes.
    package func modelHeader(className: String, top: String, trace: TraceFormat) -> String {
        let traceCode: Int = trace == .none ? 0 : (trace == .vcd ? 1 : 2)
        var text = """
            // Generated by SerranoSim for top module `\(top)`: binds its ports to testbench/serrano_harness.cpp.
            #pragma once
            #include "\(className).h"
            #define SERRANO_MODEL_CLASS \(className)
            #define SERRANO_TOP_NAME "\(top)"
            #define SERRANO_TRACE_FORMAT \(traceCode)
            #define SERRANO_HAS_CLOCK \(hasClock ? 1 : 0)
            #define SERRANO_PORT_COUNT \(entries.count)

            static const serrano_port serrano_port_table[SERRANO_PORT_COUNT + 1] = {

            """
        for entry in entries {
            let direction: String = entry.direction == .input ? "SERRANO_INPUT" : (entry.direction == .output ? "SERRANO_OUTPUT" : "SERRANO_INOUT")
            text += "    {\"\(entry.name)\", \(direction), \(entry.width), \(entry.lsb)},\n"
        }
        text += "    {nullptr, 0, 0, 0},\n};\n\nstatic const unsigned char serrano_port_storage[SERRANO_PORT_COUNT + 1] = {"
        text += (entries.map { String($0.storage) } + ["0"]).joined(separator: ", ")
        text += "};\n\nstatic void serrano_bind_ports(\(className)* model, void** slots) {\n"
        for (index, entry) in entries.enumerated() {
            let address: String = entry.storage == 4 ? "model->\(entry.name).data()" : "&model->\(entry.name)"
            text += "    slots[\(index)] = static_cast<void*>(\(address));\n"
        }
        text += "    (void)model;\n    (void)slots;\n}\n"
        return text
    }
}
