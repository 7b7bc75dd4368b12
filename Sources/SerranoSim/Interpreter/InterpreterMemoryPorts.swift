/// What the interpreter's memories do on a rising clock edge.
///
/// Semantics (those of the printed SRAM modules): a 1R1W memory reads `mem[readAddress]` when
/// `readEnable` is high and writes `writeData` to `mem[writeAddress]` when `writeEnable` is
/// high; a read and a write of one address in the same cycle return the old data. A 1RW memory
/// does nothing unless `enable` is high; then it writes when `writeEnable` is high and reads
/// otherwise (a write cycle leaves `readData` unchanged). Masked writes change only the lanes
/// whose mask bit is set. An address at or beyond the depth reads zero and writes nothing.
enum InterpreterMemoryPorts {
    typealias Words = UnsafeMutablePointer<UInt64>

    /// Reads into each memory's staging words and applies the writes; sets `reads` for the
    /// memories that read (their `readData` takes the staged value once registers sampled).
    static func clockEdge(_ memories: [InterpreterProgram.MemoryUpdate], words w: Words, memory m: Words, reads: inout [Bool]) {
        // Every read sees the contents from before this edge's writes.
        for (index, memory) in memories.enumerated() {
            reads[index] = false
            let readAddress: Int
            if memory.isSinglePort {
                guard w[memory.enable] != 0, w[memory.writeEnable] == 0 else { continue }
                readAddress = memory.address
            } else {
                guard w[memory.readEnable] != 0 else { continue }
                readAddress = memory.readAddress
            }
            reads[index] = true
            let address = w[readAddress]
            for word in 0..<memory.entryWords {
                w[memory.staging + word] = address < UInt64(memory.depth) ? m[memory.base + Int(address) * memory.entryWords + word] : 0
            }
        }
        for memory in memories {
            let writeAddress: Int
            if memory.isSinglePort {
                guard w[memory.enable] != 0, w[memory.writeEnable] != 0 else { continue }
                writeAddress = memory.address
            } else {
                guard w[memory.writeEnable] != 0 else { continue }
                writeAddress = memory.writeAddress
            }
            let address = w[writeAddress]
            guard address < UInt64(memory.depth) else { continue }
            let entry = memory.base + Int(address) * memory.entryWords
            if memory.writeMask < 0 {
                for word in 0..<memory.entryWords { m[entry + word] = w[memory.writeData + word] }
                continue
            }
            for lane in 0..<memory.lanes where (w[memory.writeMask + lane >> 6] >> UInt64(lane & 63)) & 1 == 1 {
                for word in 0..<memory.entryWords {
                    let bits = memory.laneMasks[lane * memory.entryWords + word]
                    m[entry + word] = (m[entry + word] & ~bits) | (w[memory.writeData + word] & bits)
                }
            }
        }
    }
}
