import Foundation
import Serrano
import SerranoIR
@testable import SerranoSim
import Testing

/// The ports of `memoryTop`.
private struct MemoryPorts {
    var write, waddr, wdata, read, raddr, data: Signal
    var wmask, readB, raddrB, dataB: Signal?

    init(_ p: PortBuilder, masked: Bool, twoReads: Bool) {
        write = p.input("write", .bool)
        waddr = p.input("waddr", .uint(4))
        wdata = p.input("wdata", .uint(16))
        wmask = masked ? p.input("wmask", .uint(2)) : nil
        read = p.input("read", .bool)
        raddr = p.input("raddr", .uint(4))
        readB = twoReads ? p.input("readB", .bool) : nil
        raddrB = twoReads ? p.input("raddrB", .uint(4)) : nil
        data = p.output("data", .uint(16))
        dataB = twoReads ? p.output("dataB", .uint(16)) : nil
    }
}

/// A 16-word, 16-bit memory of a given kind and read-during-write option, every port on the
/// top: `write`/`waddr`/`wdata`/`wmask` (a byte mask when masked), `read`/`raddr` → `data`
/// (read port 0), `readB`/`raddrB` → `dataB` (read port 1, on 2R1W and 1RW1R). On the 1RW and
/// 1RW1R kinds port 0 is the read/write port: a write cycle uses `waddr`.
private func memoryTop(_ kind: Memory.Kind, _ order: Memory.ReadDuringWrite, masked: Bool = false) -> some Module {
    TestTop("mem_\(kind.rawValue)_\(order.rawValue)\(masked ? "_masked" : "")", ports: { p in
        MemoryPorts(p, masked: masked, twoReads: kind.readPorts == 2)
    }) { io, c in
        let ram = c.memory("ram", depth: 16, width: 16, kind: kind, maskGranularity: masked ? 8 : nil, readDuringWrite: order)
        io.data.assign(ram.read(io.raddr, enable: io.read))
        c.when(io.write) { ram.write(io.waddr, io.wdata, mask: io.wmask) }
        if let dataB = io.dataB, let readB = io.readB, let raddrB = io.raddrB {
            dataB.assign(ram.read(raddrB, enable: readB, port: 1))
        }
    }
}

/// One clock cycle's requests: a write (address, data, mask) and reads on ports 0 and 1.
private struct Cycle {
    var write: (address: UInt64, data: UInt64, mask: UInt64)? = nil
    var read: UInt64? = nil
    var readB: UInt64? = nil
}

/// Applies `cycles` one per edge and returns (data, dataB) after each edge (dataB 0 when the
/// memory has one read port).
private func run(_ sim: any Simulator, _ cycles: [Cycle]) throws -> [(UInt64, UInt64)] {
    let twoReads = sim.ports.contains { $0.name == "dataB" }
    let masked = sim.ports.contains { $0.name == "wmask" }
    var seen: [(UInt64, UInt64)] = []
    for cycle in cycles {
        try sim.poke("write", cycle.write == nil ? 0 : 1)
        try sim.poke("waddr", cycle.write?.address ?? 0)
        try sim.poke("wdata", cycle.write?.data ?? 0)
        if masked { try sim.poke("wmask", cycle.write?.mask ?? 0) }
        try sim.poke("read", cycle.read == nil ? 0 : 1)
        try sim.poke("raddr", cycle.read ?? 0)
        if twoReads {
            try sim.poke("readB", cycle.readB == nil ? 0 : 1)
            try sim.poke("raddrB", cycle.readB ?? 0)
        }
        try sim.step(1)
        seen.append((try sim.peek("data"), twoReads ? try sim.peek("dataB") : 0))
    }
    return seen
}

/// Runs `cycles` on the interpreter and on Verilator; `expect` checks each backend's results.
private func onBothBackends(_ top: some Module, _ cycles: [Cycle], _ expect: (String, [(UInt64, UInt64)]) -> Void) throws {
    for (name, sim) in try Backends.both(top) {
        expect(name, try run(sim, cycles))
    }
}

@Suite("Memories: two read ports, a read/write port plus a read port, read-during-write")
struct MemoryPortTests {
    @Test("a 2R1W memory reads two addresses on one edge, each a cycle later, each held until its port reads again")
    func twoReadPortsReadIndependently() throws {
        let cycles = [Cycle(write: (3, 0x3333, 0)), Cycle(write: (9, 0x9999, 0)),
                      Cycle(read: 3, readB: 9), Cycle(), Cycle(read: 9), Cycle(readB: 3)]
        try onBothBackends(memoryTop(.twoReadOneWrite, .oldData), cycles) { backend, seen in
            #expect(seen[2] == (0x3333, 0x9999), "\(backend)")
            #expect(seen[3] == (0x3333, 0x9999), "\(backend): no read, both held")
            #expect(seen[4] == (0x9999, 0x9999), "\(backend): port 0 reads, port 1 holds")
            #expect(seen[5] == (0x9999, 0x3333), "\(backend): port 1 reads, port 0 holds")
        }
    }

    @Test("a 1RW1R memory's read port reads while its read/write port writes or reads")
    func readWritePortPlusReadPort() throws {
        let cycles = [Cycle(write: (1, 0x0101, 0)), Cycle(write: (2, 0x0202, 0), readB: 1), Cycle(read: 2, readB: 2), Cycle(read: 1)]
        try onBothBackends(memoryTop(.readWriteOneRead, .oldData), cycles) { backend, seen in
            #expect(seen[1].1 == 0x0101, "\(backend): port 1 reads while port 0 writes another word")
            #expect(seen[2] == (0x0202, 0x0202), "\(backend)")
            #expect(seen[3] == (0x0101, 0x0202), "\(backend)")
        }
    }

    @Test("old data (the default): a read of the address written on the same edge returns the word from before",
          arguments: [Memory.Kind.oneReadOneWrite, .twoReadOneWrite])
    func crossPortOldData(_ kind: Memory.Kind) throws {
        let cycles = [Cycle(write: (5, 0x1111, 0)), Cycle(write: (5, 0x2222, 0), read: 5, readB: 5), Cycle(read: 5, readB: 5)]
        try onBothBackends(memoryTop(kind, .oldData), cycles) { backend, seen in
            #expect(seen[1].0 == 0x1111, "\(backend)")
            #expect(seen[2].0 == 0x2222, "\(backend)")
            if kind == .twoReadOneWrite { #expect(seen[1].1 == 0x1111 && seen[2].1 == 0x2222, "\(backend): port 1") }
        }
    }

    @Test("new data: a read of the address written on the same edge returns the word after the write",
          arguments: [Memory.Kind.oneReadOneWrite, .twoReadOneWrite])
    func crossPortNewData(_ kind: Memory.Kind) throws {
        let cycles = [Cycle(write: (5, 0x1111, 0)), Cycle(write: (5, 0x2222, 0), read: 5, readB: 5), Cycle(write: (6, 0x6666, 0), read: 5, readB: 6)]
        try onBothBackends(memoryTop(kind, .newData), cycles) { backend, seen in
            #expect(seen[1].0 == 0x2222, "\(backend)")
            #expect(seen[2].0 == 0x2222, "\(backend): another address written, the stored word read")
            if kind == .twoReadOneWrite { #expect(seen[1].1 == 0x2222 && seen[2].1 == 0x6666, "\(backend): port 1") }
        }
    }

    @Test("new data with a byte mask: the lanes written read new, the others old")
    func crossPortNewDataMasked() throws {
        let cycles = [Cycle(write: (7, 0xAABB, 0b11)), Cycle(write: (7, 0x1122, 0b10), read: 7, readB: 7), Cycle(read: 7)]
        try onBothBackends(memoryTop(.twoReadOneWrite, .newData, masked: true), cycles) { backend, seen in
            #expect(seen[1] == (0x11BB, 0x11BB), "\(backend)")
            #expect(seen[2].0 == 0x11BB, "\(backend)")
        }
        try onBothBackends(memoryTop(.twoReadOneWrite, .oldData, masked: true), cycles) { backend, seen in
            #expect(seen[1] == (0xAABB, 0xAABB), "\(backend): old data")
            #expect(seen[2].0 == 0x11BB, "\(backend): old data")
        }
    }

    @Test("a read/write port under old data: a write cycle leaves readData unchanged", arguments: [Memory.Kind.singlePort, .readWriteOneRead])
    func samePortOldData(_ kind: Memory.Kind) throws {
        let cycles = [Cycle(write: (4, 0x4444, 0)), Cycle(read: 4), Cycle(write: (4, 0x5555, 0)), Cycle(read: 4)]
        try onBothBackends(memoryTop(kind, .oldData), cycles) { backend, seen in
            #expect(seen.map(\.0) == [0, 0x4444, 0x4444, 0x5555], "\(backend)")
        }
    }

    @Test("a read/write port under new data: a write cycle reads the word written (masked lanes merged)",
          arguments: [Memory.Kind.singlePort, .readWriteOneRead])
    func samePortNewData(_ kind: Memory.Kind) throws {
        let cycles = [Cycle(write: (4, 0x4444, 0b11)), Cycle(read: 0), Cycle(write: (4, 0x5566, 0b01)), Cycle(read: 0)]
        try onBothBackends(memoryTop(kind, .newData, masked: true), cycles) { backend, seen in
            #expect(seen.map(\.0) == [0x4444, 0, 0x4466, 0], "\(backend)")
        }
    }

    @Test("a 1RW1R memory under new data: its read port sees the read/write port's write of the same word")
    func readPortSeesReadWritePortWrite() throws {
        let cycles = [Cycle(write: (8, 0x0808, 0), readB: 8), Cycle(readB: 8)]
        try onBothBackends(memoryTop(.readWriteOneRead, .newData), cycles) { backend, seen in
            #expect(seen.map(\.1) == [0x0808, 0x0808], "\(backend)")
        }
        try onBothBackends(memoryTop(.readWriteOneRead, .oldData), cycles) { backend, seen in
            #expect(seen.map(\.1) == [0, 0x0808], "\(backend): old data")
        }
    }

    @Test("each shape prints its own SRAM module")
    func shapesHaveTheirOwnModules() {
        func name(_ kind: Memory.Kind, _ order: Memory.ReadDuringWrite, mask: Int? = nil) -> String {
            Memory(name: "m", kind: kind, depth: 64, width: 32, maskGranularity: mask, location: .synthesized, fields: [:],
                   readDuringWrite: order).shapeName
        }
        #expect(name(.twoReadOneWrite, .oldData) == "serrano_sram_2r1w_d64_w32")
        #expect(name(.readWriteOneRead, .oldData, mask: 8) == "serrano_sram_1rw1r_d64_w32_m8")
        #expect(name(.oneReadOneWrite, .newData) == "serrano_sram_1r1w_d64_w32_wf")
        #expect(name(.singlePort, .newData, mask: 8) == "serrano_sram_1rw_d64_w32_m8_wf")
    }
}
