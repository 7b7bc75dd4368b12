import Foundation
import SerranoWaves

/// The report as one self-contained HTML page with inline SVG plots.
enum ReportPage {
    static let style = """
        body{font-family:sans-serif;margin:24px;max-width:1100px;color:#222}
        table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px}
        th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}.bad{color:#c00}.ok{color:#070}
        h2{margin-top:32px}p.note{color:#555;font-size:13px}
        """

    static func cell(_ text: String, numeric: Bool = false) -> String { "<td\(numeric ? " class=\"n\"" : "")>\(escapeXML(text))</td>" }

    static func table(_ header: [String], _ rows: [[String]], numericFrom: Int = 1) -> String {
        let head = "<tr>" + header.map { "<th>\(escapeXML($0))</th>" }.joined() + "</tr>"
        let body = rows.map { row in "<tr>" + row.enumerated().map { cell($0.element, numeric: $0.offset >= numericFrom) }.joined() + "</tr>" }
        return "<table>\n" + ([head] + body).joined(separator: "\n") + "\n</table>"
    }

    static func page(title: String, _ sections: [String]) -> String {
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>\(escapeXML(title))</title><style>\(style)</style></head><body>\n"
            + "<h1>\(escapeXML(title))</h1>\n" + sections.joined(separator: "\n") + "\n</body></html>\n"
    }

    static func f(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
    static func percent(_ value: Double) -> String { String(format: "%.1f %%", 100 * value) }

    static func html(_ report: ArchitectureReport) -> String {
        var sections: [String] = []
        let c = report.config
        sections.append("<p>\(escapeXML(c.description)). DRAM: \(report.dram.bytesPerCycle) B/cycle, \(report.dram.latencyCycles) cycles latency, "
                        + "\(report.dram.maxOutstanding) reads in flight. Clock for time and power: \(f(report.clockMHz, 0)) MHz (assumed, not timed). "
                        + "Suite: \(escapeXML(report.suite)). Every layer ran on the Verilated RTL and was checked bit for bit against the golden model: "
                        + (report.passed ? "<b class=\"ok\">all passed</b>" : "<b class=\"bad\">failures below</b>") + ".</p>")
        sections.append("<h2>Energy</h2><p>Over the whole suite: <b>\(f(report.picojoulesPerMAC, 2)) pJ per useful MAC</b> — DRAM "
                        + "\(percent(report.energyShares.dram)), SRAM \(percent(report.energyShares.sram)), MAC arithmetic "
                        + "\(percent(report.energyShares.arithmetic)), PE registers \(percent(report.energyShares.registers)), requantizer "
                        + "\(percent(report.energyShares.requantizer)).</p>")
        sections.append(workloadTable(report))
        let names = report.layers.enumerated().map { "\($0.offset + 1). \($0.element.name)" }
        let components = EnergyEstimate.zero.components.map(\.name)
        sections.append(SVGChart.bars(title: "Energy per useful MAC by component (pJ)", rows: names, series: components,
                                      segments: report.layers.map { layer in
                                          layer.energy.components.map { $0.picojoules / Double(max(layer.usefulMACs, 1)) }
                                      }, unit: "pJ/MAC", format: "%.2f"))
        sections.append("<h2>Performance on the layer suite</h2>")
        sections.append(layerTable(report))
        sections.append(SVGChart.bars(title: "MAC utilization per layer (%)", rows: names, series: ["utilization"],
                                      segments: report.layers.map { [100 * $0.macUtilization] }, unit: "%"))
        let causes = report.layers.first?.stalls.map(\.cause) ?? []
        sections.append(SVGChart.bars(title: "Compute-unit stalls by cause (% of cycles)", rows: names, series: causes,
                                      segments: report.layers.map { layer in
                                          layer.stalls.map { 100 * Double($0.cycles) / Double(max(layer.cycles, 1)) }
                                      }, unit: "%"))
        let peak = 2.0 * Double(c.rows * c.columns)
        sections.append(SVGChart.roofline(title: "Roofline: each layer (numbered as above) against the chip's roofs",
                                          points: report.layers.map { ($0.name, $0.operationalIntensity, 2 * Double($0.usefulMACs) / Double(max($0.cycles, 1))) },
                                          peak: peak, bytesPerCycle: Double(report.dram.bytesPerCycle)))
        if let area = report.area { sections.append(areaSection(area)) }
        sections.append(energyTableSection(report.energyTable))
        return page(title: "Serrano report — \(report.configName) (\(c.rows)×\(c.columns))", sections)
    }

    static func workloadTable(_ report: ArchitectureReport) -> String {
        let rows = report.workloads.map { w in
            [w.name, w.cycles.formatted(), percent(w.macUtilization), f(w.energy.total / 1e6, 3), f(w.picojoulesPerMAC, 2), f(w.topsPerWatt, 2),
             f(w.inferencesPerSecond, 0), String(format: "%.3g", w.inferencesPerJoule), f(w.watts, 3), w.description]
        }
        return table(["workload", "cycles / inference", "MAC util.", "µJ / inference", "pJ / MAC", "TOPS/W", "inferences/s",
                      "inferences/J", "W", "what one inference is"], rows)
    }

    static func layerTable(_ report: ArchitectureReport) -> String {
        let rows = report.layers.enumerated().map { index, l in
            [["\(index + 1). \(l.name)", "\(l.m)×\(l.n)×\(l.k)", l.cycles.formatted(), percent(l.macUtilization),
              f(l.computeBoundCycles, 0), f(l.dramBoundCycles, 0), "\(percent(l.rooflineFraction)) (\(l.boundBy))"],
             l.stalls.map { percent(Double($0.cycles) / Double(max(l.cycles, 1))) },
             [(l.counts.dramBytesRead + l.counts.dramBytesWritten).formatted(), percent(l.dramBusUtilization), f(l.picojoulesPerMAC, 2), f(l.simulatedCyclesPerSecond / 1000, 0),
              l.failure.map { "✗ \($0)" } ?? "✓ bit-exact"]].flatMap { $0 }
        }
        let stallHeader = (report.layers.first?.stalls.map { "stall \($0.cause)" }) ?? []
        return table(["layer", "M×N×K", "cycles", "MAC util.", "compute bound", "DRAM bound", "of roofline"] + stallHeader
                     + ["DRAM bytes", "DRAM bus busy", "pJ/MAC", "k cycles/s sim", "check"], rows)
    }

    static func areaSection(_ area: AreaReport) -> String {
        let modules = area.modules.sorted { ($0.nand2Equivalents * Double($0.instances), $1.name) > ($1.nand2Equivalents * Double($1.instances), $0.name) }
        let rows = modules.map { m in
            [m.name, "\(m.instances)", m.cells.formatted(), m.flipFlops.formatted(), f(m.nand2Equivalents, 0),
             f(m.nand2Equivalents * Double(m.instances), 0), percent(m.nand2Equivalents * Double(m.instances) / max(area.totalNAND2Equivalents, 1)),
             "\(m.longestPath)"]
        }
        let macros = area.macros.map { [$0.name, "\($0.instances)", "\($0.depth)", "\($0.width)", ($0.bits * $0.instances).formatted()] }
        return "<h2>Area (Yosys generic synthesis, hierarchy kept)</h2><p>\(f(area.totalNAND2Equivalents, 0)) NAND2-equivalents of logic in "
            + "\(area.totalCells.formatted()) cells, \(area.totalFlipFlops.formatted()) flip-flops; \(area.sramBits.formatted()) SRAM bits as macros. "
            + "Deepest combinational path: \(area.longestPath) gates, in \(escapeXML(area.longestPathModule)) (paths end at module ports). "
            + "Synthesis took \(f(area.synthesisSeconds, 0)) s.</p>"
            + table(["module", "instances", "cells each", "flip-flops each", "NAND2-eq each", "NAND2-eq total", "share", "longest path (gates)"], rows)
            + "<p class=\"note\">Weights (NAND2 = 1): NOT 0.67, NAND/NOR 1, AND/OR/ANDNOT/ORNOT 1.33, XOR/XNOR 2, MUX 2.33, flip-flop 5.67 "
            + "(+1.33 reset, +2.33 enable), roughly a 45 nm X1 library's cell areas over its NAND2's."
            + (area.unknownCellTypes.isEmpty ? "" : " Counted as 1: \(escapeXML(area.unknownCellTypes.joined(separator: ", "))).") + "</p>"
            + table(["SRAM macro", "instances", "depth", "width", "bits"], macros)
    }

    static func energyTableSection(_ table: EnergyTable) -> String {
        let rows: [[String]] = [
            ["8-bit multiply", f(table.multiply8.picojoules, 2), table.multiply8.source],
            ["32-bit add", f(table.add32.picojoules, 2), table.add32.source],
            ["32-bit multiply", f(table.multiply32.picojoules, 2), table.multiply32.source],
            ["PE registers per MAC", f(table.peRegistersPerMAC.picojoules, 2), table.peRegistersPerMAC.source],
            ["SRAM write / read", f(table.sramWriteOverRead.picojoules, 2), table.sramWriteOverRead.source],
            ["DRAM per 64 bits", f(table.dram64Bits.picojoules, 0), table.dram64Bits.source],
        ] + table.sramRead.map { ["SRAM 64-bit read, \($0.capacityBytes.formatted()) B", f($0.picojoulesPer64Bits, 1), $0.source] }
        return "<h2>Energy table (\(escapeXML(table.technology)), pJ)</h2>" + Self.table(["action", "pJ", "source"], rows)
            + "<p class=\"note\">Not modelled: clock tree, leakage, control logic, queues and wires between units. "
            + "Edit energy-table.json beside this page and pass it back with --energy-table.</p>"
    }
}
