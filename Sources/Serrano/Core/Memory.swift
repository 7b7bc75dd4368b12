import SerranoIR

/// A synchronous-read memory inside a module; see `SerranoIR.Memory` for the exact timing.
///
/// A 1R1W memory has one `read` and one `write` port; a single-port (1RW) memory either reads
/// or writes each cycle; a 2R1W memory adds a second read port (`read(_:port: 1)`), and a
/// 1RW1R memory a read port next to its read/write port. Each port may be used once per block:
/// use `when` to read or write different addresses on different cycles.
public struct MemoryHandle {
    let circuit: Circuit
    let index: Int

    var memory: SerranoIR.Memory { circuit.module.memories[index] }

    func field(_ field: MemoryField) -> Signal? {
        guard let id = memory.fields[field] else { return nil }
        return Signal(id: id, type: memory.type(of: field), circuit: circuit)
    }

    /// The data read by the first read port: valid the cycle after a read is requested, held
    /// until its next read.
    public var data: Signal { data(port: 0) }

    /// The data read by read port `port` (0, or 1 on a memory with two read ports).
    public func data(port: Int, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        guard let field = readFields(port: port, at: SourceLocation(fileID: file, filePath: filePath, line: line, column: column)),
              let signal = self.field(field.data) else { return circuit.placeholder(.uint(memory.width)) }
        return signal
    }

    /// Requests a read of `address` on read port `port` (when `enable` is high, or always);
    /// returns that port's data, valid from the next cycle. Port 0 of a 1RW or 1RW1R memory is
    /// its read/write port; port 1 exists on 2R1W and 1RW1R memories.
    @discardableResult
    public func read(_ address: Signal, enable: Signal? = nil, port: Int = 0, file: String = #fileID, filePath: String = #filePath,
                     line: Int = #line, column: Int = #column) -> Signal {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        circuit.locate(location)
        guard let fields = readFields(port: port, at: location) else { return circuit.placeholder(.uint(memory.width)) }
        let on = enable ?? circuit.constant(1, .bool, at: location)
        connect(fields.address, address, at: location)
        connect(fields.enable, on, at: location)
        return field(fields.data) ?? circuit.placeholder(.uint(memory.width))
    }

    /// The address, enable and data fields of read port `port`, or nil (with a diagnostic)
    /// when the memory has no such port.
    private func readFields(port: Int, at location: SourceLocation) -> (address: MemoryField, enable: MemoryField, data: MemoryField)? {
        switch (port, memory.kind.writesThroughReadPort) {
        case (0, false): return (.readAddress, .readEnable, .readData)
        case (0, true): return (.address, .enable, .readData)
        case (1, _) where memory.kind.readPorts == 2: return (.readAddressB, .readEnableB, .readDataB)
        default:
            let ports = memory.kind.readPorts == 1 ? "one read port (0)" : "two read ports (0 and 1)"
            circuit.diagnose(.invalidArgument, "memory '\(memory.name)' has no read port \(port): it has \(ports)",
                             hint: "declare it with `kind: .twoReadOneWrite` or `.readWriteOneRead` for a second read port", at: location)
            return nil
        }
    }

    /// Writes `data` at `address` on this cycle (under the enclosing `when`). With a byte mask,
    /// `mask` chooses the lanes written (all lanes when nil).
    public func write(_ address: Signal, _ value: Signal, mask: Signal? = nil, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        circuit.locate(location)
        let on = circuit.constant(1, .bool, at: location)
        if memory.kind.writesThroughReadPort {
            connect(.address, address, at: location)
            connect(.enable, on, at: location)
        } else {
            connect(.writeAddress, address, at: location)
        }
        connect(.writeEnable, on, at: location)
        connect(.writeData, value, at: location)
        if memory.maskGranularity != nil {
            connect(.writeMask, mask ?? circuit.constant(-1, .sint(memory.maskLanes), at: location).asUInt(), at: location)
        } else if mask != nil {
            circuit.diagnose(.invalidArgument, "memory '\(memory.name)' has no write mask",
                             hint: "declare it with `maskGranularity: 8` for a byte mask", at: location)
        }
    }

    private func connect(_ name: MemoryField, _ value: Signal, at location: SourceLocation) {
        guard let target = field(name) else { return }
        circuit.connect(target, value, at: location)
    }
}

extension Circuit {
    /// A synchronous-read memory of `depth` words of `width` bits, printed as an SRAM module of
    /// its own per shape. `kind` chooses the ports (1R1W, 1RW, 2R1W, 1RW1R), `maskGranularity: 8`
    /// gives a byte mask, and `readDuringWrite` what a read of the word written on the same
    /// edge returns (old data unless `.newData`).
    public func memory(_ name: String, depth: Int, width: Int, kind: SerranoIR.Memory.Kind = .oneReadOneWrite,
                       maskGranularity: Int? = nil, readDuringWrite: SerranoIR.Memory.ReadDuringWrite = .oldData,
                       file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> MemoryHandle {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        locate(location)
        var valid = true
        if depth < 2 || depth > 1 << 24 {
            diagnose(.invalidArgument, "memory '\(name)' has depth \(depth)", hint: "depths go from 2 to 2^24 words", at: location)
            valid = false
        }
        if width < 1 || width > 4096 {
            diagnose(.invalidArgument, "memory '\(name)' has width \(width)", hint: "widths go from 1 to 4096 bits", at: location)
            valid = false
        }
        if let lane = maskGranularity, lane < 1 || width % lane != 0 {
            diagnose(.invalidArgument, "memory '\(name)': mask granularity \(lane) does not divide width \(width)",
                     hint: "use a lane size that divides the width, e.g. 8 for a byte mask", at: location)
            valid = false
        }
        let index = builder.memory(name, kind, depth: valid ? depth : 2, width: valid ? width : 8,
                                   maskGranularity: valid ? maskGranularity : nil, readDuringWrite: readDuringWrite, at: location)
        return MemoryHandle(circuit: self, index: index)
    }
}
