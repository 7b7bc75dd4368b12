import SerranoIR

/// A ready/valid handshake carrying `bits`: a transfer happens on cycles where both `valid`
/// and `ready` are high. Declared from the producer's side; flip it for the consumer.
public struct ReadyValid {
    public let valid: Signal
    public let ready: Signal
    public let bits: Signal

    /// The producer's ports: `name_valid` and `name_bits` out, `name_ready` in.
    public static func producer(_ p: PortBuilder, _ name: String, _ type: HardwareType,
                                file: String = #fileID, line: Int = #line) -> ReadyValid {
        p.bundle(name) { b in
            ReadyValid(valid: b.output("valid", .bool, file: file, line: line),
                       ready: b.input("ready", .bool, file: file, line: line),
                       bits: b.output("bits", type, file: file, line: line))
        }
    }

    /// The consumer's ports: the producer's, flipped.
    public static func consumer(_ p: PortBuilder, _ name: String, _ type: HardwareType,
                                file: String = #fileID, line: Int = #line) -> ReadyValid {
        p.bundle(name, flipped: true) { b in producer(b, "", type, file: file, line: line) }
    }

    /// High on cycles where a transfer happens.
    public var fire: Signal { valid && ready }
}
