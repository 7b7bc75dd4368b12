import GoldenModel
import SerranoVerify

/// One layer of the suite measured on the Verilated chip: its cycles against the roofline, the
/// stall causes the counters saw, and its energy from the chip's action counts.
public struct LayerResult: Codable, Equatable, Sendable {
    public struct Stall: Codable, Equatable, Sendable {
        public var cause: String
        public var cycles: UInt64
    }

    public var name: String
    public var workload: String
    public var timesPerInference: Int
    public var m: Int, n: Int, k: Int
    /// M·N·K: the layer's own multiply-accumulates.
    public var usefulMACs: UInt64
    public var cycles: UInt64
    /// Cycles a vector entered the array.
    public var arrayBusyCycles: UInt64
    /// Useful MACs over the array's capacity for the run's cycles.
    public var macUtilization: Double
    /// The compute unit's wait causes from the counters, then `uncountedCause`: with the array's
    /// busy cycles they add up to the run's cycles.
    public var stalls: [Stall]
    public static let uncountedCause = "preload, fill, drain"
    public var counts: ActionCounts
    public var compulsoryDRAMBytes: Int
    /// Cycles at the array's peak (useful MACs / PEs) and at the DRAM's bandwidth for the compulsory bytes.
    public var computeBoundCycles: Double
    public var dramBoundCycles: Double
    /// The roofline's bound over the measured cycles (1 = on the roofline).
    public var rooflineFraction: Double
    /// "compute" or "DRAM": which bound is the higher.
    public var boundBy: String
    /// Bytes the chip moved on the DRAM bus over what the DRAM could deliver in the run's cycles:
    /// near 1, the layer is bandwidth-bound on the traffic its dataflow makes, whatever the stalls say.
    public var dramBusUtilization: Double
    /// Operations (2 per MAC) per byte the chip moved on the DRAM bus.
    public var operationalIntensity: Double
    public var energy: EnergyEstimate
    public var picojoulesPerMAC: Double
    public var topsPerWatt: Double
    /// nil when every DRAM write matched the golden model and the reference kernels.
    public var failure: String?
    public var simulatedCyclesPerSecond: Double

    init(entry: LayerSuite.Entry, counters: AcceleratorCounters, failure: String?, seconds: Double, simulatedCycles: UInt64,
         bytesPerCycle: Int, table: EnergyTable) {
        let config = counters.config
        let shape = entry.layer.gemmShape
        let pes = Double(config.rows * config.columns)
        name = entry.name
        workload = entry.workload
        timesPerInference = entry.timesPerInference
        (m, n, k) = shape
        usefulMACs = UInt64(shape.m) * UInt64(shape.n) * UInt64(shape.k)
        cycles = counters.cycles
        arrayBusyCycles = counters.arrayBusyCycles
        let cycleCount = Double(max(cycles, 1))
        macUtilization = Double(usefulMACs) / (pes * cycleCount)
        stalls = counters.stalls.map { Stall(cause: $0.cause, cycles: $0.cycles) }
        // The rest of the cycles the array took no vector: the compute unit was preloading
        // weights, filling or draining the array, or between instructions — no wait was counted.
        let accounted = stalls.reduce(counters.arrayBusyCycles) { $0 + $1.cycles }
        stalls.append(Stall(cause: Self.uncountedCause, cycles: cycles > accounted ? cycles - accounted : 0))
        counts = ActionCounts(counters)
        compulsoryDRAMBytes = entry.layer.compulsoryBytes
        computeBoundCycles = Double(usefulMACs) / pes
        dramBoundCycles = Double(compulsoryDRAMBytes) / Double(max(bytesPerCycle, 1))
        rooflineFraction = max(computeBoundCycles, dramBoundCycles) / cycleCount
        boundBy = computeBoundCycles >= dramBoundCycles ? "compute" : "DRAM"
        dramBusUtilization = Double(counts.dramBytesRead + counts.dramBytesWritten) / (Double(max(bytesPerCycle, 1)) * cycleCount)
        operationalIntensity = 2 * Double(usefulMACs) / Double(max(counts.dramBytesRead + counts.dramBytesWritten, 1))
        energy = EnergyEstimate(counts: counts, requantizedValues: entry.layer.requantizedValues, config: config, table: table)
        picojoulesPerMAC = energy.total / Double(max(usefulMACs, 1))
        // TOPS/W = operations per picojoule (2 per MAC); no static power is modelled, so it does not depend on the clock.
        topsPerWatt = 2 * Double(usefulMACs) / max(energy.total, 1e-12)
        self.failure = failure
        simulatedCyclesPerSecond = Double(simulatedCycles) / max(seconds, 1e-9)
    }
}

/// One inference of a workload: its layers, each as many times as it runs.
public struct WorkloadResult: Codable, Equatable, Sendable {
    public var name: String
    public var description: String
    public var cycles: UInt64
    public var usefulMACs: UInt64
    public var energy: EnergyEstimate
    public var macUtilization: Double
    public var picojoulesPerMAC: Double
    public var topsPerWatt: Double
    /// At the report's clock.
    public var inferencesPerSecond: Double
    public var inferencesPerJoule: Double
    public var watts: Double

    init(name: String, description: String, layers: [LayerResult], pes: Int, clockMHz: Double) {
        self.name = name
        self.description = description
        cycles = layers.reduce(0) { $0 + $1.cycles * UInt64($1.timesPerInference) }
        usefulMACs = layers.reduce(0) { $0 + $1.usefulMACs * UInt64($1.timesPerInference) }
        energy = layers.reduce(EnergyEstimate.zero) { $0 + $1.energy * Double($1.timesPerInference) }
        macUtilization = Double(usefulMACs) / (Double(pes) * Double(max(cycles, 1)))
        picojoulesPerMAC = energy.total / Double(max(usefulMACs, 1))
        topsPerWatt = 2 * Double(usefulMACs) / max(energy.total, 1e-12)
        let seconds = Double(cycles) / (clockMHz * 1e6)
        inferencesPerSecond = 1 / max(seconds, 1e-15)
        inferencesPerJoule = 1e12 / max(energy.total, 1e-12)
        watts = energy.total * 1e-12 / max(seconds, 1e-15)
    }
}
