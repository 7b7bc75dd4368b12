import Foundation

/// Writes a VCD file as a simulation runs, recording only changes.
///
/// ```swift
/// let writer = try VCDWriter(path: "run.vcd", timescale: .nanosecond)
/// let clock = try writer.declare("top.clk", width: 1)
/// let data = try writer.declare("top.core.data", width: 128, kind: .reg)
/// try writer.advance(to: 5)
/// try writer.change(clock, 1)
/// try writer.change(data, words: [0xdead_beef, 0x1])   // least significant word first
/// try writer.change(data, digits: "1x0z")                // 4-state, left-extended like VCD
/// try writer.finish()
/// ```
///
/// Declare every variable first (dot-separated hierarchical names; scopes are derived), then
/// alternate `advance(to:)` and `change`. A change equal to the variable's current value writes
/// nothing, and a `#time` line is written only when something changes at that time.
public final class VCDWriter {
    /// A declared variable, returned by `declare`.
    public struct Variable: Hashable, Sendable {
        fileprivate let index: Int
    }

    private struct Declared {
        let path: [String]
        let width: Int
        let kind: VariableKind
        let code: String
        let slot: Int
    }

    private let timescale: Timescale
    private let comment: String?
    private let handle: FileHandle?
    private let path: String
    private var buffer: [UInt8] = []
    private var written: [UInt8] = []
    private var declared: [Declared] = []
    private var names: Set<String> = []
    /// Per slot (identifier code): the last value written, `2 * words` words, and the slot's width.
    private var slotWidths: [Int] = []
    private var slotOffsets: [Int] = []
    private var slotIsReal: [Bool] = []
    private var slotHasValue: [Bool] = []
    private var slotCodes: [String] = []
    private var lastValues: [UInt64] = []
    private var headerWritten = false
    private var currentTime: UInt64 = 0
    private var timeWritten = false
    private var finished = false

    /// A writer to a file (created or truncated).
    public init(path: String, timescale: Timescale = .nanosecond, comment: String? = nil) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw WaveError.io(path: path, message: "cannot create file")
        }
        self.handle = handle
        self.path = path
        self.timescale = timescale
        self.comment = comment
        buffer.reserveCapacity(1 << 20)
    }

    /// A writer that keeps the file in memory; read it with `text` after `finish()`.
    public init(timescale: Timescale = .nanosecond, comment: String? = nil) {
        self.handle = nil
        self.path = "<memory>"
        self.timescale = timescale
        self.comment = comment
    }

    /// Bytes produced so far (written or buffered).
    public var byteCount: Int { flushedByteCount + buffer.count }
    private var flushedByteCount = 0

    /// The file written so far (in-memory writers only; empty for file writers).
    public var text: String { String(decoding: written + buffer, as: UTF8.self) }

    // MARK: declarations

    /// Declares a variable. `name` is its full dot-separated path (`top.core.valid`); reals are
    /// declared with `kind: .real` (their width is 64).
    public func declare(_ name: String, width: Int, kind: VariableKind = .wire) throws -> Variable {
        let path = try checkedPath(name)
        let width = kind.isReal ? 64 : width
        // No wider than `VCDReader` reads back.
        guard width >= 1 && width <= VCDReader.maximumWidth else {
            throw WaveError.misuse("\(name): width \(width) is not between 1 and \(groupedDigits(VCDReader.maximumWidth))")
        }
        let slot = slotWidths.count
        slotWidths.append(width)
        slotOffsets.append(lastValues.count)
        slotIsReal.append(kind.isReal)
        slotHasValue.append(false)
        slotCodes.append(VCDWriter.code(for: slot))
        lastValues.append(contentsOf: repeatElement(0, count: 2 * LogicValue.wordCount(width)))
        declared.append(Declared(path: path, width: width, kind: kind, code: slotCodes[slot], slot: slot))
        return Variable(index: declared.count - 1)
    }

    /// Declares another name for an existing variable: both share one identifier code, so the
    /// file stores their changes once (as Verilator does for nets connected across modules).
    public func declareAlias(_ name: String, of original: Variable) throws -> Variable {
        let path = try checkedPath(name)
        let target = declared[original.index]
        declared.append(Declared(path: path, width: target.width, kind: target.kind, code: target.code, slot: target.slot))
        return Variable(index: declared.count - 1)
    }

    private func checkedPath(_ name: String) throws -> [String] {
        guard !headerWritten else { throw WaveError.misuse("declare '\(name)' before the first advance or change") }
        let path = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard path.allSatisfy({ !$0.isEmpty && !$0.contains(where: { $0.isWhitespace }) }) else {
            throw WaveError.misuse("'\(name)' is not a dot-separated name without spaces")
        }
        guard names.insert(name).inserted else { throw WaveError.misuse("'\(name)' is declared twice") }
        return path
    }

    /// Identifier codes `!`, `"`, … `~`, `!!`, `"!`, …: bijective base 94 over the printable range.
    static func code(for index: Int) -> String {
        var remaining = index
        var bytes: [UInt8] = []
        repeat {
            bytes.append(UInt8(33 + remaining % 94))
            remaining = remaining / 94 - 1
        } while remaining >= 0
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: time and values

    /// Moves time forward (in ticks of the timescale). Going backwards is an error.
    public func advance(to time: UInt64) throws {
        try writeHeaderIfNeeded()
        guard time >= currentTime else {
            throw WaveError.misuse("time goes backwards: advance(to: \(time)) after \(currentTime)")
        }
        if time != currentTime {
            currentTime = time
            timeWritten = false
        }
    }

    /// Sets a variable of up to 64 bits (or any width: upper words are zero).
    public func change(_ variable: Variable, _ value: UInt64) throws {
        let slot = declared[variable.index].slot
        let width = slotWidths[slot]
        guard width <= 64, !slotIsReal[slot], headerWritten else {
            return try change(variable, value: [value], unknown: [])
        }
        // The common case without arrays: one word, known bits.
        guard value & ~LogicValue.topWordMask(width) == 0 else {
            throw WaveError.misuse("value does not fit in the \(width) bits of \(declared[variable.index].path.joined(separator: "."))")
        }
        let offset = slotOffsets[slot]
        if slotHasValue[slot] && lastValues[offset] == value && lastValues[offset + 1] == 0 { return }
        slotHasValue[slot] = true
        lastValues[offset] = value
        lastValues[offset + 1] = 0
        writeTimeIfNeeded()
        if width == 1 {
            buffer.append(value == 0 ? UInt8(ascii: "0") : UInt8(ascii: "1"))
        } else {
            buffer.append(UInt8(ascii: "b"))
            let top = value == 0 ? 0 : 63 - value.leadingZeroBitCount
            for bit in stride(from: top, through: 0, by: -1) {
                buffer.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: (value >> UInt64(bit)) & 1))
            }
            buffer.append(32)
        }
        buffer.append(contentsOf: slotCodes[slot].utf8)
        buffer.append(10)
        try flushIfFull()
    }

    /// Sets a variable from 64-bit words, least significant word first.
    public func change(_ variable: Variable, words: [UInt64]) throws {
        try change(variable, value: words, unknown: [])
    }

    /// Sets a variable to a 4-state value.
    public func change(_ variable: Variable, _ value: LogicValue) throws {
        try change(variable, value: value.value, unknown: value.unknown)
    }

    /// Sets a variable from VCD digits, most significant first (`"10xz"`), left-extended.
    public func change(_ variable: Variable, digits: String) throws {
        let slot = declared[variable.index].slot
        guard let value = LogicValue(digits: digits, width: max(slotWidths[slot], digits.utf8.count)) else {
            throw WaveError.misuse("'\(digits)' is not made of the digits 0 1 x z")
        }
        try change(variable, value: value.value, unknown: value.unknown)
    }

    /// Sets a real variable.
    public func change(_ variable: Variable, real: Double) throws {
        let target = declared[variable.index]
        guard slotIsReal[target.slot] else { throw WaveError.misuse("\(target.path.joined(separator: ".")) is not a real") }
        try writeHeaderIfNeeded()
        let offset = slotOffsets[target.slot]
        if slotHasValue[target.slot] && lastValues[offset] == real.bitPattern { return }
        slotHasValue[target.slot] = true
        lastValues[offset] = real.bitPattern
        writeTimeIfNeeded()
        buffer.append(UInt8(ascii: "r"))
        buffer.append(contentsOf: "\(real)".utf8)
        buffer.append(32)
        buffer.append(contentsOf: target.code.utf8)
        buffer.append(10)
        try flushIfFull()
    }

    /// Sets a value from planes (the `LogicValue` layout); bits above the width must be zero.
    public func change(_ variable: Variable, value: [UInt64], unknown: [UInt64]) throws {
        let target = declared[variable.index]
        let slot = target.slot
        guard !slotIsReal[slot] else {
            throw WaveError.misuse("\(target.path.joined(separator: ".")) is a real: use change(_:real:)")
        }
        try writeHeaderIfNeeded()
        let width = slotWidths[slot]
        let words = LogicValue.wordCount(width)
        let topMask = LogicValue.topWordMask(width)
        for (index, word) in value.enumerated() where word != 0 && (index >= words || (index == words - 1 && word & ~topMask != 0)) {
            throw WaveError.misuse("value does not fit in the \(width) bits of \(target.path.joined(separator: "."))")
        }
        let offset = slotOffsets[slot]
        var same = slotHasValue[slot]
        for word in 0..<words {
            let newValue = word < value.count ? value[word] : 0
            let newUnknown = word < unknown.count ? unknown[word] & (word == words - 1 ? topMask : ~0) : 0
            if lastValues[offset + word] != newValue || lastValues[offset + words + word] != newUnknown { same = false }
            lastValues[offset + word] = newValue
            lastValues[offset + words + word] = newUnknown
        }
        if same { return }
        slotHasValue[slot] = true
        writeTimeIfNeeded()
        appendDigits(slot: slot)
        try flushIfFull()
    }

    /// Writes the slot's current value in the shortest form VCD left extension allows.
    private func appendDigits(slot: Int) {
        let width = slotWidths[slot]
        let words = LogicValue.wordCount(width)
        let offset = slotOffsets[slot]
        func digit(_ bit: Int) -> UInt8 {
            let mask = UInt64(1) << UInt64(bit & 63)
            let isSet = lastValues[offset + (bit >> 6)] & mask != 0
            if lastValues[offset + words + (bit >> 6)] & mask != 0 { return isSet ? UInt8(ascii: "z") : UInt8(ascii: "x") }
            return isSet ? UInt8(ascii: "1") : UInt8(ascii: "0")
        }
        if width == 1 {
            buffer.append(digit(0))
        } else {
            buffer.append(UInt8(ascii: "b"))
            var top = width - 1
            // Drop leading digits the reader restores: 0 before 0/1, x before x, z before z.
            while top > 0 {
                let lead = digit(top)
                let next = digit(top - 1)
                let droppable = lead == UInt8(ascii: "0") ? (next == UInt8(ascii: "0") || next == UInt8(ascii: "1")) : (lead != UInt8(ascii: "1") && lead == next)
                if !droppable { break }
                top -= 1
            }
            for bit in stride(from: top, through: 0, by: -1) { buffer.append(digit(bit)) }
            buffer.append(32)
        }
        buffer.append(contentsOf: slotCodes[slot].utf8)
        buffer.append(10)
    }

    private func writeTimeIfNeeded() {
        guard !timeWritten else { return }
        buffer.append(UInt8(ascii: "#"))
        buffer.append(contentsOf: String(currentTime).utf8)
        buffer.append(10)
        timeWritten = true
    }

    // MARK: header and output

    private func writeHeaderIfNeeded() throws {
        guard !headerWritten else { return }
        guard !finished else { throw WaveError.misuse("the writer is finished") }
        headerWritten = true
        var header = "$version Serrano $end\n"
        if let comment { header += "$comment \(comment) $end\n" }
        header += "$timescale \(timescale) $end\n"
        var openScopes: [String] = []
        // Group by scope in first-declaration order, so each scope is opened once.
        var scopeOrder: [[String]] = []
        var members: [[String]: [Declared]] = [:]
        for variable in declared {
            let scope = Array(variable.path.dropLast())
            if members[scope] == nil { scopeOrder.append(scope) }
            members[scope, default: []].append(variable)
        }
        for scope in scopeOrder.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            var common = 0
            while common < min(openScopes.count, scope.count) && openScopes[common] == scope[common] { common += 1 }
            for _ in common..<openScopes.count { header += "$upscope $end\n" }
            for name in scope[common...] { header += "$scope module \(name) $end\n" }
            openScopes = scope
            for variable in members[scope] ?? [] {
                let name = variable.path[variable.path.count - 1]
                let range = variable.width > 1 && !variable.kind.isReal ? " [\(variable.width - 1):0]" : ""
                header += "$var \(variable.kind) \(variable.width) \(variable.code) \(name)\(range) $end\n"
            }
        }
        for _ in openScopes { header += "$upscope $end\n" }
        header += "$enddefinitions $end\n"
        buffer.append(contentsOf: header.utf8)
        if currentTime == 0 { timeWritten = false }
    }

    private func flushIfFull() throws {
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        flushedByteCount += buffer.count
        if let handle {
            do { try handle.write(contentsOf: buffer) } catch {
                throw WaveError.io(path: path, message: "cannot write: \(error.localizedDescription)")
            }
        } else {
            written.append(contentsOf: buffer)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes the header if nothing was written yet, flushes and closes the file.
    public func finish() throws {
        guard !finished else { return }
        try writeHeaderIfNeeded()
        finished = true
        try flush()
        if let handle {
            do { try handle.close() } catch {
                throw WaveError.io(path: path, message: "cannot close: \(error.localizedDescription)")
            }
        }
    }

    deinit {
        if !finished { try? finish() }
    }
}
