import SerranoIR

/// A synchronous-read memory inside a module; see `SerranoIR.Memory` for the exact timing.
///
/// A 1R1W memory has one `read` and one `write` port; a single-port (1RW) memory either reads
/// or writes each cycle. Each port may be used once per block: use `when` to read or write
/// different addresses on different cycles.
public struct MemoryHandle {
    let circuit: Circuit
    let index: Int

    var memory: SerranoIR.Memory { circuit.module.memories[index] }

    func field(_ field: MemoryField) -> Signal? {
        guard let id = memory.fields[field] else { return nil }
        return Signal(id: id, type: memory.type(of: field), circuit: circuit)
    }

    /// The data read: valid the cycle after a read is requested, held until the next read.
    public var data: Signal { field(.readData) ?? circuit.placeholder(.uint(memory.width)) }

    /// Requests a read of `address` (when `enable` is high, or always); returns `data`.
    @discardableResult
    public func read(_ address: Signal, enable: Signal? = nil, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> Signal {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        circuit.locate(location)
        let on = enable ?? circuit.constant(1, .bool, at: location)
        switch memory.kind {
        case .oneReadOneWrite:
            connect(.readAddress, address, at: location)
            connect(.readEnable, on, at: location)
        case .singlePort:
            connect(.address, address, at: location)
            connect(.enable, on, at: location)
        }
        return data
    }

    /// Writes `data` at `address` on this cycle (under the enclosing `when`). With a byte mask,
    /// `mask` chooses the lanes written (all lanes when nil).
    public func write(_ address: Signal, _ value: Signal, mask: Signal? = nil, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) {
        let location = SourceLocation(fileID: file, filePath: filePath, line: line, column: column)
        circuit.locate(location)
        let on = circuit.constant(1, .bool, at: location)
        switch memory.kind {
        case .oneReadOneWrite:
            connect(.writeAddress, address, at: location)
        case .singlePort:
            connect(.address, address, at: location)
            connect(.enable, on, at: location)
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
    /// its own per shape. `maskGranularity: 8` gives a byte mask.
    public func memory(_ name: String, depth: Int, width: Int, kind: SerranoIR.Memory.Kind = .oneReadOneWrite,
                       maskGranularity: Int? = nil, file: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) -> MemoryHandle {
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
                                   maskGranularity: valid ? maskGranularity : nil, at: location)
        return MemoryHandle(circuit: self, index: index)
    }
}
