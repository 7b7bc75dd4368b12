/// What the interpreter's memories do on a rising clock edge.
///
/// Semantics (those of the printed SRAM modules): a 1R1W memory reads `mem[readAddress]` when
/// `readEnable` is high and writes `writeData` to `mem[writeAddress]` when `writeEnable` is
/// high. A 1RW memory does nothing unless `enable` is high; then it writes when `writeEnable`
/// is high and reads otherwise. 2R1W and 1RW1R memories add a read port B (`readAddressB`,
/// `readEnableB`). Under old data (the default) a read of the address being written returns
/// the word from before the edge and a 1RW write cycle leaves `readData` unchanged; under new
/// data both return the word after the write (the 1RW port reads on its write cycles too).
/// Masked writes change only the lanes whose mask bit is set. An address at or beyond the
/// depth reads zero (with new data, the written lanes over zero) and writes nothing.
enum InterpreterMemoryPorts {
    typealias Words = UnsafeMutablePointer<UInt64>

    /// Reads into each memory's staging words and applies the writes; sets `reads[2 × memory +
    /// port]` for the ports that read (their data takes the staged value once registers sampled).
    static func clockEdge(_ memories: [InterpreterProgram.MemoryUpdate], words w: Words, memory m: Words, reads: inout [Bool]) {
        // Every read sees the contents from before this edge's writes (new data is forwarded).
        for (index, memory) in memories.enumerated() {
            let writing = writes(memory, w)
            let writeAddress = memory.isSinglePort ? memory.address : memory.writeAddress
            // Port A: the read port, or the read/write port.
            reads[2 * index] = false
            if memory.isSinglePort {
                if w[memory.enable] != 0 && (memory.newData || w[memory.writeEnable] == 0) {
                    reads[2 * index] = true
                    read(memory, address: w[memory.address], into: memory.staging, forwarding: memory.newData && writing, w, m)
                }
            } else if w[memory.readEnable] != 0 {
                reads[2 * index] = true
                let hit = memory.newData && writing && w[memory.readAddress] == w[writeAddress]
                read(memory, address: w[memory.readAddress], into: memory.staging, forwarding: hit, w, m)
            }
            // Port B: a read port next to either.
            reads[2 * index + 1] = false
            if memory.readEnableB >= 0 && w[memory.readEnableB] != 0 {
                reads[2 * index + 1] = true
                let hit = memory.newData && writing && w[memory.readAddressB] == w[writeAddress]
                read(memory, address: w[memory.readAddressB], into: memory.stagingB, forwarding: hit, w, m)
            }
        }
        for memory in memories where writes(memory, w) {
            let address = w[memory.isSinglePort ? memory.address : memory.writeAddress]
            guard address < UInt64(memory.depth) else { continue }
            writeLanes(memory, into: m + memory.base + Int(address) * memory.entryWords, w)
        }
    }

    /// Whether the memory writes on this edge.
    private static func writes(_ memory: InterpreterProgram.MemoryUpdate, _ w: Words) -> Bool {
        memory.isSinglePort ? w[memory.enable] != 0 && w[memory.writeEnable] != 0 : w[memory.writeEnable] != 0
    }

    /// Stages `mem[address]` (zero out of range) at `staging`; with `forwarding`, the lanes
    /// written on this edge take the written data instead (the word after the write).
    private static func read(_ memory: InterpreterProgram.MemoryUpdate, address: UInt64, into staging: Int, forwarding: Bool,
                             _ w: Words, _ m: Words) {
        for word in 0..<memory.entryWords {
            w[staging + word] = address < UInt64(memory.depth) ? m[memory.base + Int(address) * memory.entryWords + word] : 0
        }
        if forwarding { writeLanes(memory, into: w + staging, w) }
    }

    /// Puts `writeData` into the word at `target`: every lane written without a mask, else
    /// the lanes whose mask bit is set.
    private static func writeLanes(_ memory: InterpreterProgram.MemoryUpdate, into target: Words, _ w: Words) {
        if memory.writeMask < 0 {
            for word in 0..<memory.entryWords { target[word] = w[memory.writeData + word] }
            return
        }
        for lane in 0..<memory.lanes where (w[memory.writeMask + lane >> 6] >> UInt64(lane & 63)) & 1 == 1 {
            for word in 0..<memory.entryWords {
                let bits = memory.laneMasks[lane * memory.entryWords + word]
                target[word] = (target[word] & ~bits) | (w[memory.writeData + word] & bits)
            }
        }
    }
}
