import Accelerator
import GoldenModel
import SerranoSim

/// The result of running a program on the accelerator.
public struct AcceleratorRun: Sendable {
    /// DRAM after `done`.
    public var dram: [UInt8]
    /// The chip's counters.
    public var counters: AcceleratorCounters
    /// Simulated clock cycles, reset included.
    public var simulatedCycles: UInt64
    /// The cover points asked for (`coverPaths`) and how often each was hit.
    public var covers: [String: UInt64] = [:]
}

/// Drives a simulation of the `Accelerator` — Verilator or the IR interpreter, through the one
/// `Simulator` protocol — like the host and the memory system of a real chip would: streams a
/// program into its instruction port, serves its DRAM port with a `DRAMModel`, and runs until
/// `done`.
///
/// Every handshake follows the chip's rule that its outputs do not depend combinationally on
/// its inputs: the harness reads the chip's `valid`s and `ready`s, decides its own side, pokes
/// it and steps the clock; a transfer happens on that edge when both sides are high.
public final class AcceleratorHarness {
    public let simulator: any Simulator
    public let config: AcceleratorConfig

    let instructionValid, instructionReady, instructionBits: PortHandle
    let requestValid, requestReady, requestWrite, requestAddress, requestData, requestMask: PortHandle
    let responseValid, responseReady, responseData: PortHandle
    let done, illegal: PortHandle
    let counterPorts: [(name: String, port: PortHandle)]
    let statusPorts: [(name: String, port: PortHandle)]

    public init(_ simulator: any Simulator, config: AcceleratorConfig) throws {
        self.simulator = simulator
        self.config = config
        func port(_ name: String) throws -> PortHandle {
            guard simulator.ports.contains(where: { $0.name == name }) else { throw HarnessError.missingPort(name) }
            return try simulator.port(name)
        }
        instructionValid = try port("instruction_valid")
        instructionReady = try port("instruction_ready")
        instructionBits = try port("instruction_bits")
        requestValid = try port("dram_request_valid")
        requestReady = try port("dram_request_ready")
        requestWrite = try port("dram_request_write")
        requestAddress = try port("dram_request_address")
        requestData = try port("dram_request_data")
        requestMask = try port("dram_request_mask")
        responseValid = try port("dram_response_valid")
        responseReady = try port("dram_response_ready")
        responseData = try port("dram_response_data")
        done = try port("done")
        illegal = try port("illegalInstruction")
        counterPorts = try simulator.ports.filter { $0.name.hasPrefix("counter_") }
            .map { (String($0.name.dropFirst("counter_".count)), try port($0.name)) }
        statusPorts = try simulator.ports.filter { $0.name.hasPrefix("status_") }
            .map { (String($0.name.dropFirst("status_".count)), try port($0.name)) }
    }

    /// Resets the chip, runs `program` against `dram` until `done`, and returns the final DRAM
    /// image and the counters. A run longer than `cycleLimit` cycles is a hang: the error names
    /// what each unit and queue was doing.
    /// With a `scoreboard`, every DRAM write is checked as it is accepted and the first wrong one
    /// ends the run with `HarnessError.wrongWrite`, one cycle after DRAM accepted it (so a trace
    /// shows the wrong transaction). The counts of `coverPaths` are read after `done`.
    public func run(_ program: [Instruction], dram: [UInt8], profile: DRAMProfile = DRAMProfile(),
                    cycleLimit: UInt64 = 50_000_000, scoreboard: DRAMScoreboard? = nil,
                    coverPaths: [String] = []) throws -> AcceleratorRun {
        try profile.validate()
        let words = try program.map { try $0.encoded() }
        var memory = DRAMModel(profile: profile, busBytes: config.dramBusBytes, memory: dram)
        let busWords = (config.dramBusBytes + 7) / 8
        var requestBuffer = [UInt64](repeating: 0, count: busWords)
        var responseBuffer = [UInt64](repeating: 0, count: busWords)
        var wordBuffer: [UInt64] = [0, 0]

        try simulator.reset(cycles: 2)
        let start = simulator.cycle
        var next = 0
        var offeringResponse = false
        var cycle: UInt64 = 0
        var wrongWrite: WriteMismatch?
        while true {
            if try simulator.peek(done) == 1 { break }
            if cycle >= cycleLimit { throw HarnessError.hang(cycles: cycle, state: try statusDescription(next: next, of: words.count)) }
            if try simulator.peek(illegal) == 1 { throw HarnessError.illegalInstruction(cycle: cycle) }
            memory.tick()

            // Instruction stream.
            let offerInstruction = next < words.count
            let instructionReadyNow = try simulator.peek(instructionReady) == 1
            let instructionFires = offerInstruction && instructionReadyNow
            try simulator.poke(instructionValid, offerInstruction ? 1 : 0)
            if offerInstruction {
                wordBuffer[0] = words[next].low
                wordBuffer[1] = words[next].high
                try wordBuffer.withUnsafeBufferPointer { try simulator.poke(instructionBits, words: $0) }
            }

            // DRAM requests.
            var acceptRequest = false
            if try simulator.peek(requestValid) == 1 {
                let write = try simulator.peek(requestWrite) == 1
                acceptRequest = memory.acceptsRequest(write: write)
                if acceptRequest {
                    let address = try simulator.peek(requestAddress)
                    if write {
                        try requestBuffer.withUnsafeMutableBufferPointer { try simulator.peek(requestData, words: $0) }
                        let mask = try simulator.peek(requestMask)
                        if let mismatch = scoreboard?.check(address: address, data: requestBuffer, mask: mask,
                                                            busBytes: config.dramBusBytes, cycle: cycle),
                           scoreboard?.stopsRun == true {
                            wrongWrite = mismatch
                        }
                        try memory.write(address: address, data: requestBuffer, mask: mask, cycle: cycle)
                    } else {
                        memory.read(address: address, now: cycle)
                    }
                }
            }
            try simulator.poke(requestReady, acceptRequest ? 1 : 0)

            // DRAM responses.
            var responseFires = false
            if let beat = memory.response(now: cycle) {
                if !offeringResponse || beat != responseBuffer {
                    responseBuffer = beat
                    try responseBuffer.withUnsafeBufferPointer { try simulator.poke(responseData, words: $0) }
                }
                responseFires = try simulator.peek(responseReady) == 1
                offeringResponse = true
            } else {
                offeringResponse = false
            }
            try simulator.poke(responseValid, offeringResponse ? 1 : 0)

            try simulator.step(1)
            cycle += 1
            if let wrongWrite { throw HarnessError.wrongWrite(wrongWrite) }
            if instructionFires { next += 1 }
            if responseFires { memory.responseTaken() }
        }
        try simulator.poke(instructionValid, 0)
        try simulator.poke(requestReady, 0)
        try simulator.poke(responseValid, 0)
        var values: [String: UInt64] = [:]
        for (name, port) in counterPorts { values[name] = try simulator.peek(port) }
        return AcceleratorRun(dram: memory.memory, counters: AcceleratorCounters(values: values, config: config),
                              simulatedCycles: simulator.cycle - start,
                              covers: CoverageTally.read(simulator, paths: coverPaths))
    }

    /// Each unit's state and queue, for a hang report.
    func statusDescription(next: Int, of total: Int) throws -> String {
        var parts: [String] = []
        for (name, port) in statusPorts { parts.append("\(name) = \(try simulator.peek(port))") }
        parts.append("instructions sent \(next) of \(total)")
        return parts.joined(separator: ", ")
    }
}
