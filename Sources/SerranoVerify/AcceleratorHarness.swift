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

    let instructionValid, requestReady, responseValid: PortHandle
    let counterPorts: [(name: String, port: PortHandle)]
    let statusPorts: [(name: String, port: PortHandle)]
    /// What the harness drives each cycle, in this order: `instruction_valid`,
    /// `instruction_bits`, `dram_request_ready`, `dram_response_valid`, `dram_response_data`.
    let inputs: PortGroup
    /// What it reads each cycle, in this order: `done`, `illegalInstruction`,
    /// `instruction_ready`, `dram_request_valid`, `dram_request_write`, `dram_request_address`,
    /// `dram_request_data`, `dram_request_mask`, `dram_response_ready`.
    let outputs: PortGroup

    public init(_ simulator: any Simulator, config: AcceleratorConfig) throws {
        self.simulator = simulator
        self.config = config
        func port(_ name: String) throws -> PortHandle {
            guard simulator.ports.contains(where: { $0.name == name }) else { throw HarnessError.missingPort(name) }
            return try simulator.port(name)
        }
        instructionValid = try port("instruction_valid")
        requestReady = try port("dram_request_ready")
        responseValid = try port("dram_response_valid")
        inputs = try simulator.group([instructionValid, try port("instruction_bits"), requestReady, responseValid,
                                      try port("dram_response_data")])
        outputs = try simulator.group(try ["done", "illegalInstruction", "instruction_ready", "dram_request_valid", "dram_request_write",
                                           "dram_request_address", "dram_request_data", "dram_request_mask", "dram_response_ready"]
            .map { try port($0) })
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
    ///
    /// One call a cycle crosses to the simulator: the inputs poked, the clock stepped and the
    /// outputs peeked through the two port groups. The inputs the harness does not change keep
    /// their buffer words, so the chip sees the same values as with a poke per port.
    public func run(_ program: [Instruction], dram: [UInt8], profile: DRAMProfile = DRAMProfile(),
                    cycleLimit: UInt64 = 50_000_000, scoreboard: DRAMScoreboard? = nil,
                    coverPaths: [String] = []) throws -> AcceleratorRun {
        try profile.validate()
        let words = try program.map { try $0.encoded() }
        var memory = DRAMModel(profile: profile, busBytes: config.dramBusBytes, memory: dram)
        let busWords = (config.dramBusBytes + 7) / 8
        var requestBuffer = [UInt64](repeating: 0, count: busWords)
        // One zeroed allocation for both groups' words: what is driven, then what is read.
        let storage = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: inputs.wordCount + outputs.wordCount)
        defer { storage.deallocate() }
        storage.initialize(repeating: 0)
        let driven = UnsafeMutableBufferPointer(rebasing: storage[0..<inputs.wordCount])
        let read = UnsafeMutableBufferPointer(rebasing: storage[inputs.wordCount...])
        let drivenWords = UnsafeBufferPointer(driven)
        // Buffer offsets, in the groups' orders above.
        let validAt = inputs.offsets[0], bitsAt = inputs.offsets[1], bitsWords = (inputs.ports[1].width + 63) / 64
        let requestReadyAt = inputs.offsets[2], responseValidAt = inputs.offsets[3], responseDataAt = inputs.offsets[4]
        let responseWords = min(busWords, (inputs.ports[4].width + 63) / 64)
        let doneAt = outputs.offsets[0], illegalAt = outputs.offsets[1], instructionReadyAt = outputs.offsets[2]
        let requestValidAt = outputs.offsets[3], writeAt = outputs.offsets[4], addressAt = outputs.offsets[5]
        let dataAt = outputs.offsets[6], dataWords = min(busWords, (outputs.ports[6].width + 63) / 64)
        let maskAt = outputs.offsets[7], responseReadyAt = outputs.offsets[8]

        try simulator.reset(cycles: 2)
        let start = simulator.cycle
        try simulator.peek(outputs, words: read)
        var next = 0
        var cycle: UInt64 = 0
        var wrongWrite: WriteMismatch?
        while true {
            if read[doneAt] == 1 { break }
            if cycle >= cycleLimit { throw HarnessError.hang(cycles: cycle, state: try statusDescription(next: next, of: words.count)) }
            if read[illegalAt] == 1 { throw HarnessError.illegalInstruction(cycle: cycle) }
            memory.tick()

            // Instruction stream.
            let offerInstruction = next < words.count
            let instructionFires = offerInstruction && read[instructionReadyAt] == 1
            driven[validAt] = offerInstruction ? 1 : 0
            if offerInstruction {
                driven[bitsAt] = words[next].low
                if bitsWords > 1 { driven[bitsAt + 1] = words[next].high }
            }

            // DRAM requests.
            var acceptRequest = false
            if read[requestValidAt] == 1 {
                let write = read[writeAt] == 1
                acceptRequest = memory.acceptsRequest(write: write)
                if acceptRequest {
                    let address = read[addressAt]
                    if write {
                        for word in 0..<dataWords { requestBuffer[word] = read[dataAt + word] }
                        let mask = read[maskAt]
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
            driven[requestReadyAt] = acceptRequest ? 1 : 0

            // DRAM responses.
            var responseFires = false
            let offeringResponse = memory.response(now: cycle) { beat in
                for word in 0..<responseWords { driven[responseDataAt + word] = beat[word] }
            }
            if offeringResponse { responseFires = read[responseReadyAt] == 1 }
            driven[responseValidAt] = offeringResponse ? 1 : 0

            try simulator.step(1, poking: inputs, drivenWords, peeking: outputs, into: read)
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
