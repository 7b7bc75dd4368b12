import Serrano

/// A dual-port (one read, one write) SRAM with a byte mask, wrapped with a registered
/// read-valid flag: `readValid` is high the cycle `readData` holds the word asked for.
public struct DualPortSRAM: Module {
    public let depth: Int
    public let width: Int

    public init(depth: Int = 256, width: Int = 32) {
        self.depth = depth
        self.width = width
    }

    public struct Ports {
        public let readAddress: Signal
        public let readEnable: Signal
        public let readData: Signal
        public let readValid: Signal
        public let writeAddress: Signal
        public let writeEnable: Signal
        public let writeData: Signal
        public let writeMask: Signal
    }

    public var moduleName: String { "DualPortSRAM_d\(depth)_w\(width)" }

    var addressWidth: Int { SerranoIR.Memory.addressWidth(depth: depth) }

    public func ports(_ p: PortBuilder) -> Ports {
        Ports(readAddress: p.input("readAddress", .uint(addressWidth)),
              readEnable: p.input("readEnable", .bool),
              readData: p.output("readData", .uint(width)),
              readValid: p.output("readValid", .bool),
              writeAddress: p.input("writeAddress", .uint(addressWidth)),
              writeEnable: p.input("writeEnable", .bool),
              writeData: p.input("writeData", .uint(width)),
              writeMask: p.input("writeMask", .uint(max(width / 8, 1))))
    }

    public func build(_ io: Ports, _ c: Circuit) {
        let storage = c.memory("storage", depth: depth, width: width, maskGranularity: 8)
        io.readData.assign(storage.read(io.readAddress, enable: io.readEnable))
        c.when(io.writeEnable) {
            storage.write(io.writeAddress, io.writeData, mask: io.writeMask)
        }
        io.readValid.assign(c.regNext(io.readEnable, "readPending", reset: 0))
    }
}
