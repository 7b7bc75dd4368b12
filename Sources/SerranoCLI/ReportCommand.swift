import Accelerator
import ArgumentParser
import Foundation
import GoldenModel
import SerranoFiles
import SerranoReport
import SerranoVerify

/// `serrano report`: area (Yosys), speed on the layer suite (Verilated RTL, against the
/// roofline) and energy (the RTL's counters × a cited energy table) for one configuration, or a
/// sweep across several; HTML with SVG plots, and JSON.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Area, speed and energy of an accelerator configuration (or a sweep), as HTML and JSON.",
        discussion: """
        Synthesizes the configuration with Yosys (generic gates, SRAMs as macros), runs the layer suite on \
        its Verilated RTL with every write checked against the golden model, and prices the run with the \
        chip's own counters × an energy table (default: Horowitz's 45 nm figures; the table used is written \
        beside the report as energy-table.json — edit it and pass it back with --energy-table).

        --sweep rows=16,32,64 [columns=…] [bus=…] runs the same over several sized configurations; lists \
        pair up by position, a one-value list applies to all, columns default to rows. The DRAM gives one \
        bus beat per cycle in a sweep, so its bandwidth scales with the bus.

        \(OutputHelp.text)
        """)

    @Option(help: "Accelerator configuration: tiny, default, large, wide, or a .json file.") var config: String = "default"
    @Option(parsing: .upToNextOption, help: "Sweep: rows=… [columns=…] [bus=…], comma-separated values.") var sweep: [String] = []
    @Option(help: "Folder for report.html, report.json and energy-table.json.") var out: String = ".build/report"
    @Option(help: "Energy table (.json, as the report writes it).") var energyTable: String?
    @Option(help: "Layer suite: standard (make report) or quick (one small layer of each kind).") var suite: String = "standard"
    @Option(parsing: .unconditional, help: "standard suite: the 4096-wide model is run at 1/scale width (1...256).") var scale: Int = 8
    @Option(parsing: .unconditional, help: "standard suite: prefill tokens (1...4096).") var tokens: Int = 128
    @Option(name: .customLong("clock-mhz"), parsing: .unconditional, help: "Clock in MHz for time and power (1...10000).") var clockMHz: Double = 1000
    @Option(parsing: .unconditional, help: "DRAM latency in cycles (1...100000).") var dramLatency: Int = 50
    @Option(parsing: .unconditional, help: "DRAM bandwidth in bytes per cycle (default: the configuration's bus width).") var dramBandwidth: Int?
    @Flag(help: "Skip the Yosys area synthesis.") var noArea = false

    func run() throws {
        guard (1...256).contains(scale) else { throw UsageFailure("serrano report: --scale must be in 1...256, found \(scale)") }
        guard (1...4096).contains(tokens) else { throw UsageFailure("serrano report: --tokens must be in 1...4096, found \(tokens)") }
        guard clockMHz.isFinite, (1...10000).contains(clockMHz) else {
            throw UsageFailure("serrano report: --clock-mhz must be in 1...10000, found \(clockMHz)")
        }
        let layers: LayerSuite
        switch suite {
        case "standard": layers = try LayerSuite.standard(scale: scale, tokens: tokens)
        case "quick": layers = try LayerSuite.quick()
        default: throw UsageFailure("serrano report: --suite is standard or quick, found '\(suite)'")
        }
        let table: EnergyTable
        do { table = try energyTable.map { try EnergyTable.load($0) } ?? .horowitz45nm } catch let error as EnergyTable.LoadError {
            throw UsageFailure("serrano report: \(error)")
        }
        let configurations: [(name: String, config: AcceleratorConfig)]
        if sweep.isEmpty {
            do { configurations = [try AcceleratorConfigFile.resolve(config)] } catch { throw UsageFailure("serrano report: \(error)") }
        } else {
            do { configurations = try SweepSpec.parse(sweep).configurations() } catch let error as SweepSpec.ParseError {
                throw UsageFailure("serrano report: \(error)")
            }
        }
        // Every configuration and its DRAM checked before minutes of synthesis are spent.
        var profiles: [DRAMProfile] = []
        for (name, config) in configurations {
            let problems = HardwareLimits.problems(config)
            if !problems.isEmpty { throw UsageFailure("serrano report: config \(name) cannot be built: \(problems.joined(separator: "; "))") }
            let profile = DRAMProfile(latency: dramLatency, bytesPerCycle: sweep.isEmpty ? (dramBandwidth ?? config.dramBusBytes) : config.dramBusBytes)
            do { try profile.validate() } catch { throw UsageFailure("serrano report: \(error)") }
            profiles.append(profile)
        }
        if !sweep.isEmpty, dramBandwidth != nil {
            throw UsageFailure("serrano report: --dram-bandwidth does not apply to a sweep (the DRAM gives one bus beat per cycle; vary bus=…)")
        }
        // The folder must be writable before minutes of synthesis and simulation are spent.
        do { try OutputFile.createDirectory(out) } catch let error as OutputFileError { throw UsageFailure("serrano report: --out: \(error)") }

        var reports: [ArchitectureReport] = []
        for ((name, config), profile) in zip(configurations, profiles) {
            print("report   \(name): \(config)")
            let options = ArchitectureReport.Options(suite: layers, profile: profile, table: table, clockMHz: clockMHz, synthesizeArea: !noArea)
            let report = try ArchitectureReport.measure(name, config, options: options) { line in
                print("         \(line)")
                fflush(stdout)
            }
            print(String(format: "energy   %.2f pJ per useful MAC: DRAM %.1f %%, SRAM %.1f %%, MAC arithmetic %.1f %%, PE registers %.1f %%, requantizer %.1f %%",
                         report.picojoulesPerMAC, 100 * report.energyShares.dram, 100 * report.energyShares.sram,
                         100 * report.energyShares.arithmetic, 100 * report.energyShares.registers, 100 * report.energyShares.requantizer))
            for workload in report.workloads {
                print(String(format: "workload %@: %@ cycles, MAC utilization %.1f %%, %.2f pJ/MAC, %.2f TOPS/W, %.3g inferences/J, %.0f inferences/s at %.0f MHz",
                             workload.name, workload.cycles.formatted(), 100 * workload.macUtilization, workload.picojoulesPerMAC,
                             workload.topsPerWatt, workload.inferencesPerJoule, workload.inferencesPerSecond, clockMHz))
            }
            reports.append(report)
        }
        var written: [String] = []
        do {
            if sweep.isEmpty, let report = reports.first {
                written = try ReportFiles.write(report, to: out)
            } else {
                let result = SweepReport(reports: reports)
                for (layer, values) in result.speedUps {
                    print("scaling  \(layer): " + zip(reports, values).map { String(format: "%@ %.2f×", $0.configName, $1) }.joined(separator: ", "))
                }
                written = try ReportFiles.write(result, to: out)
            }
        } catch let error as OutputFileError { throw UsageFailure("serrano report: \(error)") }
        print("wrote    " + written.prefix(3).joined(separator: ", ") + (written.count > 3 ? " and \(written.count - 3) more" : ""))
        if !reports.allSatisfy(\.passed) {
            print("check    ✗ a layer's DRAM writes differed from the golden model (see the report)")
            throw ExitCode(1)
        }
    }
}
