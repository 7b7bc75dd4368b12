import Serrano

/// A DMA command: move `rowCount` rows between DRAM (`dramAddress`, `dramStride`) and SRAM rows
/// from `sramRow`, `elements` elements a row; `tag` comes back with the command's `done`.
/// Declared from the producer's side (valid and fields out, ready in).
public struct DMACommandPorts {
    public let valid: Signal
    public let ready: Signal
    public let sramRow: Signal
    public let rowCount: Signal
    public let elements: Signal
    public let dramAddress: Signal
    public let dramStride: Signal
    public let tag: Signal

    /// The fields in packing order.
    var fields: [Signal] { [sramRow, rowCount, elements, dramAddress, dramStride, tag] }

    static func layout(sramRows: Int, tagWidth: Int) -> PackedFields {
        PackedFields(widths: [Widths.index(sramRows), 16, 16, Widths.address, Widths.address, tagWidth])
    }

    public static func producer(_ p: PortBuilder, _ name: String, sramRows: Int, tagWidth: Int) -> DMACommandPorts {
        p.bundle(name) { b in
            DMACommandPorts(valid: b.output("valid", .bool), ready: b.input("ready", .bool),
                            sramRow: b.output("sramRow", .uint(Widths.index(sramRows))),
                            rowCount: b.output("rowCount", .uint(16)), elements: b.output("elements", .uint(16)),
                            dramAddress: b.output("dramAddress", .uint(Widths.address)),
                            dramStride: b.output("dramStride", .uint(Widths.address)),
                            tag: b.output("tag", .uint(tagWidth)))
        }
    }

    public static func consumer(_ p: PortBuilder, _ name: String, sramRows: Int, tagWidth: Int) -> DMACommandPorts {
        p.bundle(name, flipped: true) { b in producer(b, "", sramRows: sramRows, tagWidth: tagWidth) }
    }
}

/// A one-beat DRAM read request: a bus-aligned byte address. Producer's side.
public struct DRAMReadRequestPorts {
    public let valid: Signal
    public let ready: Signal
    public let address: Signal

    public static func producer(_ p: PortBuilder, _ name: String) -> DRAMReadRequestPorts {
        p.bundle(name) { b in
            DRAMReadRequestPorts(valid: b.output("valid", .bool), ready: b.input("ready", .bool),
                                 address: b.output("address", .uint(Widths.address)))
        }
    }

    public static func consumer(_ p: PortBuilder, _ name: String) -> DRAMReadRequestPorts {
        p.bundle(name, flipped: true) { b in producer(b, "") }
    }
}

/// A one-beat DRAM write request: a bus-aligned byte address, the beat and its byte enables.
public struct DRAMWriteRequestPorts {
    public let valid: Signal
    public let ready: Signal
    public let address: Signal
    public let data: Signal
    public let mask: Signal

    public static func producer(_ p: PortBuilder, _ name: String, busBytes: Int) -> DRAMWriteRequestPorts {
        p.bundle(name) { b in
            DRAMWriteRequestPorts(valid: b.output("valid", .bool), ready: b.input("ready", .bool),
                                  address: b.output("address", .uint(Widths.address)),
                                  data: b.output("data", .uint(busBytes * 8)),
                                  mask: b.output("mask", .uint(busBytes)))
        }
    }

    public static func consumer(_ p: PortBuilder, _ name: String, busBytes: Int) -> DRAMWriteRequestPorts {
        p.bundle(name, flipped: true) { b in producer(b, "", busBytes: busBytes) }
    }
}

/// The accelerator's DRAM port, from the accelerator's side: ready/valid requests of one beat
/// (`write` with `data` and byte enables `mask`, or a read), and ready/valid read responses
/// returned in request order.
public struct DRAMPort {
    public let requestValid: Signal
    public let requestReady: Signal
    public let requestWrite: Signal
    public let requestAddress: Signal
    public let requestData: Signal
    public let requestMask: Signal
    public let responseValid: Signal
    public let responseReady: Signal
    public let responseData: Signal

    public static func declare(_ p: PortBuilder, busBytes: Int) -> DRAMPort {
        p.bundle("dram") { b in
            DRAMPort(requestValid: b.output("request_valid", .bool), requestReady: b.input("request_ready", .bool),
                     requestWrite: b.output("request_write", .bool),
                     requestAddress: b.output("request_address", .uint(Widths.address)),
                     requestData: b.output("request_data", .uint(busBytes * 8)),
                     requestMask: b.output("request_mask", .uint(busBytes)),
                     responseValid: b.input("response_valid", .bool), responseReady: b.output("response_ready", .bool),
                     responseData: b.input("response_data", .uint(busBytes * 8)))
        }
    }
}
