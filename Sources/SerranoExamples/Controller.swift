import Serrano

/// A small controller: a state machine over a Swift enum that loads, computes for
/// `computeCycles` cycles and drains, with an assertion on its timer and a cover on completion.
public struct ControllerExample: Module {
    /// The controller's states, printed as `localparam`s (`PHASE_IDLE` …) and shown by name in
    /// waveforms.
    public enum Phase: CaseIterable { case idle, load, compute, drain }

    public let computeCycles: Int
    public let encoding: StateEncoding
    public init(computeCycles: Int = 3, encoding: StateEncoding = .binary) {
        self.computeCycles = computeCycles
        self.encoding = encoding
    }

    public struct Ports {
        public let start: Signal
        public let busy: Signal
        public let done: Signal
    }

    public var moduleName: String { encoding == .binary ? "Controller" : "Controller_onehot" }

    var timerWidth: Int { bitsToHold(max(computeCycles - 1, 1)) }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(start: p.input("start", .bool), busy: p.output("busy", .bool), done: p.output("done", .bool))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        guard c.require(computeCycles >= 1 && computeCycles <= 1 << 16, "computeCycles \(computeCycles) is out of range",
                        hint: "compute for 1 to 65536 cycles") else { return }
        let phase = c.fsm("phase", Phase.self, reset: .idle, encoding: encoding)
        let timer = c.reg("timer", .uint(timerWidth), reset: 0)
        phase.switch { s in
            s.on(.idle) { c.when(io.start) { phase.goto(.load) } }
            s.on(.load) {
                timer.assign(0)
                phase.goto(.compute)
            }
            s.on(.compute) {
                timer.assign(timer &+ 1)
                c.when(timer .== computeCycles - 1) { phase.goto(.drain) }
            }
            s.on(.drain) { phase.goto(.idle) }
        }
        io.busy.assign(!phase.is(.idle))
        io.done.assign(phase.is(.drain))
        c.when(phase.is(.compute)) { c.assert(timer .< computeCycles, "the compute timer stays below \(computeCycles)") }
        c.cover(phase.is(.drain), "finished")
    }
}
