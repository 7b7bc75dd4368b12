import SerranoIR

/// A ready/valid handshake carrying `bits`: a transfer happens on cycles where both `valid`
/// and `ready` are high. Declared from the producer's side; flip it for the consumer.
///
/// The same ports as `Decoupled<Signal>` (`Decoupled.producer(p, name, type)`), which computes
/// `fire` once and carries aggregates too; `stream(_:)` views one as the other.
public struct ReadyValid {
    public let valid: Signal
    public let ready: Signal
    public let bits: Signal

    /// The producer's ports: `name_valid` and `name_bits` out, `name_ready` in.
    public static func producer(_ p: PortBuilder, _ name: String, _ type: HardwareType,
                                file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> ReadyValid {
        p.bundle(name) { b in
            ReadyValid(valid: b.output("valid", .bool, file: file, filePath: filePath, line: line, column: column),
                       ready: b.input("ready", .bool, file: file, filePath: filePath, line: line, column: column),
                       bits: b.output("bits", type, file: file, filePath: filePath, line: line, column: column))
        }
    }

    /// The consumer's ports: the producer's, flipped.
    public static func consumer(_ p: PortBuilder, _ name: String, _ type: HardwareType,
                                file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> ReadyValid {
        p.bundle(name, flipped: true) { b in producer(b, "", type, file: file, filePath: filePath, line: line, column: column) }
    }

    /// High on cycles where a transfer happens (a new `valid & ready` on every read; the
    /// `Decoupled` view from `stream(_:)` makes one).
    public var fire: Signal { valid && ready }

    /// The same signals as a `Decoupled<Signal>` whose `fire` wire is named `name_fire`.
    public func stream(_ name: String) -> Decoupled<Signal> {
        Decoupled(valid: valid, ready: ready, payload: bits, name: name)
    }

    /// A `ReadyValid` view of a plain-value stream.
    public init(_ stream: Decoupled<Signal>) {
        self.init(valid: stream.valid, ready: stream.ready, bits: stream.payload)
    }

    public init(valid: Signal, ready: Signal, bits: Signal) {
        self.valid = valid
        self.ready = ready
        self.bits = bits
    }
}
