import Foundation
import GoldenModel
import SerranoFiles
import SerranoWaves

/// `--sweep rows=4,8,16 columns=4,8,16 bus=4,8,16`: the configurations a sweep compares. Lists
/// pair up position by position (a one-value list applies to every position); `columns` defaults
/// to `rows` (square arrays), `bus` to `AcceleratorConfig.sized`'s choice (a row of columns, 4…64
/// bytes). Memories and queues are `AcceleratorConfig.sized`'s. The DRAM delivers one bus beat
/// per cycle, so its bandwidth scales with `bus`.
public struct SweepSpec: Equatable, Sendable {
    public var rows: [Int]
    public var columns: [Int]?
    public var bus: [Int]?

    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public let message: String
        public var description: String { message }
    }

    public static let keys = ["rows", "columns", "bus"]

    public static func parse(_ arguments: [String]) throws -> SweepSpec {
        var lists: [String: [Int]] = [:]
        for argument in arguments {
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, keys.contains(parts[0]) else {
                throw ParseError(message: "--sweep takes key=v1,v2,… with keys \(keys.joined(separator: ", ")), e.g. rows=8,16,32; found '\(argument)'")
            }
            guard lists[parts[0]] == nil else { throw ParseError(message: "--sweep names \(parts[0]) twice") }
            let values = parts[1].split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.count <= 16, values.allSatisfy({ $0 != nil && (1...512).contains($0 ?? 0) }) else {
                throw ParseError(message: "--sweep \(parts[0]) needs 1 to 16 comma-separated integers in 1...512; found '\(parts[1])'")
            }
            lists[parts[0]] = values.compactMap { $0 }
        }
        guard let rows = lists["rows"] else { throw ParseError(message: "--sweep needs rows=…, e.g. --sweep rows=16,64") }
        let length = ([rows] + [lists["columns"], lists["bus"]].compactMap { $0 }).map(\.count).max() ?? 1
        for (key, list) in lists where list.count != 1 && list.count != length {
            throw ParseError(message: "--sweep lists pair up: \(key) has \(list.count) values where another has \(length); give each \(length) values or one")
        }
        return SweepSpec(rows: rows, columns: lists["columns"], bus: lists["bus"])
    }

    /// The configurations, named `RxC` (and `_busB` when the bus was given).
    public func configurations() throws -> [(name: String, config: AcceleratorConfig)] {
        let length = max(rows.count, columns?.count ?? 1, bus?.count ?? 1)
        func at(_ list: [Int], _ index: Int) -> Int { list.count == 1 ? list[0] : list[index] }
        return try (0..<length).map { index in
            let r = at(rows, index), c = columns.map { at($0, index) } ?? r
            var config = AcceleratorConfig.sized(rows: r, columns: c)
            var name = "\(r)x\(c)"
            if let bus {
                config.dramBusBytes = at(bus, index)
                name += "_bus\(config.dramBusBytes)"
            }
            do { try config.validate() } catch { throw ParseError(message: "--sweep configuration \(name): \(error)") }
            return (name, config)
        }
    }
}

/// A sweep's reports side by side: the same suite on every configuration.
public struct SweepReport: Codable, Equatable, Sendable {
    public var reports: [ArchitectureReport]

    public init(reports: [ArchitectureReport]) { self.reports = reports }

    /// For each layer, its speed-up over the first configuration, at each configuration.
    public var speedUps: [(layer: String, values: [Double])] {
        guard let base = reports.first else { return [] }
        return base.layers.enumerated().map { index, layer in
            (layer.name, reports.map { report in
                index < report.layers.count ? Double(layer.cycles) / Double(max(report.layers[index].cycles, 1)) : 0
            })
        }
    }

    /// PEs relative to the first configuration: the ideal speed-up.
    public var idealSpeedUps: [Double] {
        guard let base = reports.first else { return [] }
        let pes = Double(base.config.rows * base.config.columns)
        return reports.map { Double($0.config.rows * $0.config.columns) / pes }
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    public func html() -> String {
        let names = reports.map(\.configName)
        var sections: [String] = []
        sections.append("<p>Every configuration ran the same suite on its Verilated RTL, checked bit for bit; the DRAM delivers one bus beat "
                        + "per cycle, so its bandwidth is the bus width per cycle (column \"B/cycle\"). Speed-up is cycles on "
                        + "\(escapeXML(names.first ?? "")) over cycles here; ideal is the ratio of PEs.</p>")
        let rows = reports.map { r -> [String] in
            let workloads = r.workloads.flatMap { w in [w.cycles.formatted(), ReportPage.percent(w.macUtilization), ReportPage.f(w.picojoulesPerMAC, 2)] }
            return [r.configName, "\(r.config.rows * r.config.columns)", "\(r.dram.bytesPerCycle)",
                    r.area.map { ReportPage.f($0.totalNAND2Equivalents, 0) } ?? "—", r.area.map { $0.sramBits.formatted() } ?? "—"]
                + workloads + [ReportPage.f(r.picojoulesPerMAC, 2), r.passed ? "✓" : "✗"]
        }
        let workloadHeader = (reports.first?.workloads ?? []).flatMap { ["\($0.name) cycles", "\($0.name) util.", "\($0.name) pJ/MAC"] }
        sections.append(ReportPage.table(["config", "PEs", "B/cycle", "NAND2-eq", "SRAM bits"] + workloadHeader + ["suite pJ/MAC", "check"], rows))
        let speedUps = self.speedUps
        sections.append(SVGChart.lines(title: "Speed-up over \(names.first ?? "") per layer", categories: names,
                                       series: speedUps.map { (name: $0.layer, values: $0.values) }, yLabel: "× speed-up", ideal: idealSpeedUps))
        sections.append("<h2>What limits each layer at \(escapeXML(names.last ?? ""))</h2>")
        if let last = reports.last {
            let limitRows = last.layers.enumerated().map { index, layer -> [String] in
                let top = layer.stalls.max { $0.cycles < $1.cycles }
                let speedUp = index < speedUps.count ? speedUps[index].values.last ?? 0 : 0
                return [layer.name, ReportPage.f(speedUp, 2) + "×", ReportPage.percent(layer.macUtilization),
                        "\(ReportPage.percent(layer.rooflineFraction)) (\(layer.boundBy))", ReportPage.percent(layer.dramBusUtilization),
                        top.map { "\($0.cause) \(ReportPage.percent(Double($0.cycles) / Double(max(layer.cycles, 1))))" } ?? "—"]
            }
            sections.append(ReportPage.table(["layer", "speed-up", "MAC util.", "of roofline", "DRAM bus busy", "largest stall cause"], limitRows))
        }
        return ReportPage.page(title: "Serrano sweep — \(names.joined(separator: ", "))", sections)
    }
}

/// Where a report's files go, written through `OutputFile` (atomic, through links).
public enum ReportFiles {
    /// `report.html`, `report.json` and the `energy-table.json` the report used.
    public static func write(_ report: ArchitectureReport, to directory: String) throws -> [String] {
        try OutputFile.createDirectory(directory)
        let files = [("report.html", ReportPage.html(report)), ("report.json", try report.json()),
                     ("energy-table.json", try report.energyTable.json())]
        return try files.map { name, contents in
            let path = (directory as NSString).appendingPathComponent(name)
            try OutputFile.write(contents, to: path)
            return path
        }
    }

    /// `sweep.html`, `sweep.json`, and each configuration's report in its own folder.
    public static func write(_ sweep: SweepReport, to directory: String) throws -> [String] {
        try OutputFile.createDirectory(directory)
        var paths: [String] = []
        for (name, contents) in [("sweep.html", sweep.html()), ("sweep.json", try sweep.json())] {
            let path = (directory as NSString).appendingPathComponent(name)
            try OutputFile.write(contents, to: path)
            paths.append(path)
        }
        for report in sweep.reports {
            paths += try write(report, to: (directory as NSString).appendingPathComponent(report.configName))
        }
        return paths
    }
}
