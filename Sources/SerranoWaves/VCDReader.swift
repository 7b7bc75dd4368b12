import Foundation

/// Reads VCD files (IEEE 1364-2005 §18) into a `Waveform`.
///
/// The file is memory-mapped and parsed byte by byte: no string per line, identifier codes turned
/// into integers and looked up in a dense table, values stored straight into compact traces.
/// Pass `selecting` to keep only some signals: the rest are still checked for syntax but cost no
/// memory, which is how `wave diff` reads only what it compares.
public enum VCDReader {
    /// The widest vector a file may declare, in bits.
    public static let maximumWidth = 1 << 16
    /// Memory the stored values of multi-word vectors may take beyond `wideBytesPerFileByte`
    /// per byte of the file: what a short change (`1!`) to a wide vector costs is its full width.
    static let wideAllowance = 64 << 20
    static let wideBytesPerFileByte = 32

    /// Reads a VCD file. `selecting` receives each full variable name; a trace is kept when any of
    /// its names is selected (all are kept when it is nil).
    public static func read(path: String, selecting: ((String) -> Bool)? = nil) throws -> Waveform {
        try parse(data: try mapped(path), source: path, selecting: selecting)
    }

    /// The file's bytes, memory-mapped.
    static func mapped(_ path: String) throws -> Data {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw WaveError.io(path: path, message: "cannot read: \(readableReason(error))")
        }
        return data
    }

    /// Parses VCD bytes held in memory.
    /// With `headerOnly`, stops after `$enddefinitions`: the result has the variables and no changes.
    public static func parse(data: Data, source: String, selecting: ((String) -> Bool)? = nil,
                             headerOnly: Bool = false) throws -> Waveform {
        try data.withUnsafeBytes { raw in
            var parser = VCDParser(bytes: raw.bindMemory(to: UInt8.self), source: source)
            let layout = try parser.header(selecting: headerOnly ? { _ in false } : selecting)
            var builder = WaveformBuilder(traces: layout.traces)
            if !headerOnly { try parser.changes(layout: layout, into: &builder) }
            return Waveform(source: source, timescale: layout.timescale, times: builder.times,
                            variables: layout.variables, traces: builder.traces, isLoaded: layout.isLoaded)
        }
    }

    /// Parses VCD text (tests, small files).
    public static func parse(text: String, source: String = "<text>") throws -> Waveform {
        try parse(data: Data(text.utf8), source: source)
    }

    static func readableReason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        if nsError.domain == NSCocoaErrorDomain && nsError.code == NSFileReadNoSuchFileError {
            return "no such file"
        }
        return nsError.localizedDescription
    }
}

/// One declaration read from the header.
struct Declaration {
    let name: String
    let width: Int
    let kind: VariableKind
    let code: String
}

/// `0x80`.
private func hexByte(_ byte: UInt8) -> String { "0x" + String(byte, radix: 16) }

/// Thrown inside the parser when an item (a change and its identifier code, a `$comment`, the
/// header) runs past the end of a window that is not the input's end; the parser then stops
/// before the item, at `start`, to read it again from the next window.
struct VCDWindowEnded: Error {
    let start: Int
}

/// The byte-level parser behind `VCDReader`.
///
/// It reads one buffer: a whole file, or a window of a stream (`fst2vcd`'s output). A window
/// that is not the input's end must end just after whitespace, so no token is cut; an item of
/// several tokens it cuts is left unread (`position` stays before it) and read again from the
/// next window, which `move(to:…)` installs. What the change loop carries from one timestamp
/// to the next is kept in the parser, so the windows read as one input.
struct VCDParser {
    private var bytes: UnsafeBufferPointer<UInt8>
    private let source: String
    /// The byte offset reached in `bytes`; a stream sets it to where its header ended.
    var position = 0
    /// Bytes stored for multi-word vectors so far, and each trace's first name (for messages).
    private var wideBytes = 0
    private var traceNames: [String] = []
    /// Whether `bytes` ends where the input ends; lines and bytes of the input before `bytes`.
    private var isFinal = true
    private var linesBefore = 0
    private var bytesBefore = 0
    /// The change loop's state between windows: the last timestamp, and how many were read.
    private var lastTime: UInt64 = 0
    private var timeCount = 0
    private var hasTime = false

    init(bytes: UnsafeBufferPointer<UInt8>, source: String, isFinal: Bool = true) {
        self.bytes = bytes
        self.source = source
        self.isFinal = isFinal
    }

    /// Continues on the next window of a stream, at its first byte: `bytes` starts with what the
    /// last window left unread; `linesBefore` and `bytesBefore` count the input before it.
    mutating func move(to bytes: UnsafeBufferPointer<UInt8>, isFinal: Bool, linesBefore: Int, bytesBefore: Int) {
        self.bytes = bytes
        self.isFinal = isFinal
        self.linesBefore = linesBefore
        self.bytesBefore = bytesBefore
        position = 0
    }

    // MARK: errors

    /// 1-based line of a byte offset, counted only when an error is reported.
    private func line(at offset: Int) -> Int {
        var line = 1 + linesBefore
        var index = 0
        let limit = min(offset, bytes.count)
        while index < limit {
            if bytes[index] == 10 { line += 1 }
            index += 1
        }
        return line
    }

    private func failure(_ message: String, at offset: Int) -> WaveError {
        .malformed(file: source, line: line(at: offset), message: message)
    }

    // MARK: tokens

    @inline(__always) private static func isSpace(_ byte: UInt8) -> Bool { byte <= 32 }

    @inline(__always) private mutating func skipSpace() {
        while position < bytes.count && bytes[position] <= 32 { position += 1 }
    }

    /// The next whitespace-delimited token, or nil at end of file.
    private mutating func nextToken() -> Range<Int>? {
        skipSpace()
        guard position < bytes.count else { return nil }
        let start = position
        while position < bytes.count && bytes[position] > 32 { position += 1 }
        return start..<position
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private func equals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != pointer[offset] {
            return false
        }
        return true
    }

    /// Tokens up to the closing `$end` of a section that began at `start`.
    private mutating func tokensUntilEnd(section: String, start: Int) throws -> [String] {
        var tokens: [String] = []
        while true {
            guard let token = nextToken() else {
                if !isFinal { throw VCDWindowEnded(start: start) }
                throw failure("\(section) is never closed by $end (file truncated?)", at: start)
            }
            if equals(token, "$end") { return tokens }
            tokens.append(string(token))
        }
    }

    // MARK: header

    /// Reads the header up to `$enddefinitions` and lays its declarations out as traces.
    mutating func header(selecting: ((String) -> Bool)?) throws -> VCDLayout {
        var timescale = Timescale.nanosecond
        var scopes: [String] = []
        var declarations: [Declaration] = []
        header: while true {
            guard let token = nextToken() else {
                if !isFinal { throw VCDWindowEnded(start: 0) }
                throw failure("no $enddefinitions: the header never ends", at: bytes.count)
            }
            guard bytes[token.lowerBound] == UInt8(ascii: "$") else {
                throw failure("expected a $keyword in the header, found '\(string(token))' (missing $enddefinitions?)",
                              at: token.lowerBound)
            }
            let keyword = string(token)
            let arguments = try tokensUntilEnd(section: keyword, start: token.lowerBound)
            switch keyword {
            case "$enddefinitions":
                break header
            case "$scope":
                guard arguments.count >= 2 else { throw failure("$scope needs a type and a name", at: token.lowerBound) }
                scopes.append(arguments[1])
            case "$upscope":
                guard !scopes.isEmpty else { throw failure("$upscope without an open $scope", at: token.lowerBound) }
                scopes.removeLast()
            case "$var":
                declarations.append(try declaration(arguments, scopes: scopes, at: token.lowerBound))
            case "$timescale":
                guard let parsed = Timescale(text: arguments.joined()) else {
                    throw failure("unreadable $timescale '\(arguments.joined(separator: " "))'", at: token.lowerBound)
                }
                timescale = parsed
            default:
                break  // $date, $version, $comment and vendor sections carry nothing we need.
            }
        }
        let layout = VCDLayout(declarations: declarations, timescale: timescale, selecting: selecting)
        traceNames = layout.traceNames
        return layout
    }

    private func declaration(_ arguments: [String], scopes: [String], at offset: Int) throws -> Declaration {
        guard arguments.count >= 4 else {
            throw failure("$var needs a type, a size, an identifier code and a name", at: offset)
        }
        guard let width = Int(arguments[1]), width > 0 else {
            throw failure("$var '\(arguments[3])' has an unreadable size '\(arguments[1])'", at: offset)
        }
        // Every change of a vector is stored at its full width: a declared width is a cost per
        // change, so it is capped rather than trusted.
        guard width <= VCDReader.maximumWidth else {
            throw failure("$var '\((scopes + [arguments[3]]).joined(separator: "."))' is \(groupedDigits(width)) bits wide; at most \(groupedDigits(VCDReader.maximumWidth)) bits are supported",
                          at: offset)
        }
        let code = arguments[2]
        if let byte = code.utf8.first(where: { $0 < 33 || $0 > 126 }) {
            throw failure("$var '\((scopes + [arguments[3]]).joined(separator: "."))' has an identifier code with byte \(hexByte(byte)); codes are printable ASCII (! to ~)",
                          at: offset)
        }
        var reference = arguments[3]
        // `data[7:0]` or `data [7:0]` names a vector: the range is not part of the name. A single
        // index (`data [3]`) is, because it tells apart the bits of a split bus.
        if let bracket = reference.firstIndex(of: "["), reference[bracket...].contains(":") {
            reference = String(reference[..<bracket])
        }
        for extra in arguments.dropFirst(4) where !extra.contains(":") { reference += extra }
        return Declaration(name: (scopes + [reference]).joined(separator: "."), width: width,
                           kind: VariableKind(rawValue: arguments[0]), code: code)
    }

    // MARK: value changes

    /// Reads the value changes after the header into `sink`, in file order: each new timestamp,
    /// then the changes of loaded traces at it. In a window that is not the input's end, stops
    /// before the first item the window cuts (or at its end) without finishing the sink.
    mutating func changes<Sink: VCDChangeSink>(layout: VCDLayout, into sink: inout Sink) throws {
        traceNames = layout.traceNames
        let table = layout.table
        let traces = layout.traces
        let isLoaded = layout.isLoaded
        let widestPlane = traces.map(\.wordsPerPlane).max() ?? 1
        let singleWord = traces.map { $0.wordsPerPlane == 1 && !$0.isReal }
        let masks = traces.map { LogicValue.topWordMask(min(64, $0.width)) }
        let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 2 * widestPlane)
        defer { scratch.deallocate() }

        var lastTime = lastTime
        var timeCount = timeCount
        var hasTime = hasTime
        defer {
            self.lastTime = lastTime
            self.timeCount = timeCount
            self.hasTime = hasTime
        }
        let count = bytes.count
        do {
            while position < count {
                let byte = bytes[position]
                if byte <= 32 { position &+= 1; continue }
                let start = position
                switch byte {
                case UInt8(ascii: "#"):
                    position &+= 1
                    var time: UInt64 = 0
                    var digits = 0
                    while position < count {
                        let digit = bytes[position] &- 48
                        if digit > 9 { break }
                        let (scaled, overflow1) = time.multipliedReportingOverflow(by: 10)
                        let (sum, overflow2) = scaled.addingReportingOverflow(UInt64(digit))
                        if overflow1 || overflow2 { throw failure("time too large", at: start) }
                        time = sum
                        digits &+= 1
                        position &+= 1
                    }
                    guard digits > 0, position == count || bytes[position] <= 32 else {
                        throw failure("expected a decimal time after '#'", at: start)
                    }
                    if hasTime {
                        if time < lastTime { throw failure("time goes backwards (#\(time) after #\(lastTime))", at: start) }
                        if time == lastTime { continue }
                    }
                    // Sample bounds are Int32 time indices.
                    guard timeCount < Int(Int32.max) else { throw failure("more than 2 billion timestamps", at: start) }
                    try sink.time(time, position: start)
                    timeCount &+= 1
                    lastTime = time
                    hasTime = true
                case UInt8(ascii: "0"), UInt8(ascii: "1"), UInt8(ascii: "x"), UInt8(ascii: "X"),
                     UInt8(ascii: "z"), UInt8(ascii: "Z"):
                    position &+= 1
                    let trace = try identifier(table, valueStart: start)
                    guard trace >= 0 else { continue }
                    if !hasTime { try sink.time(0, position: start); timeCount = 1; hasTime = true }
                    let isUnknown = byte > 49
                    let value: UInt64 = (byte == 49 || byte == 122 || byte == 90) ? 1 : 0
                    if traces[trace].wordsPerPlane == 1 {
                        let extended = isUnknown ? masks[trace] : 0
                        // A scalar change to a vector left-extends like a one-digit vector.
                        let valuePlane: UInt64 = byte == 122 || byte == 90 ? extended : value
                        sink.change(trace: trace, value: valuePlane, unknown: extended)
                    } else {
                        try fillVector(digits: start..<start + 1, width: traces[trace].width, planes: traces[trace].wordsPerPlane, into: scratch)
                        try appendCharged(&sink, traces[trace], scratch: scratch, trace: trace, valueStart: start)
                    }
                case UInt8(ascii: "b"), UInt8(ascii: "B"):
                    position &+= 1
                    let digitsStart = position
                    let (binary, isPlain) = scanDigits()
                    let digits = digitsStart..<position
                    guard !digits.isEmpty else { throw failure("vector value with no digits", at: start) }
                    skipSpace()
                    let trace = try identifier(table, valueStart: start)
                    guard trace >= 0 else { continue }
                    if !hasTime { try sink.time(0, position: start); timeCount = 1; hasTime = true }
                    if traces[trace].isReal { throw failure("binary value for a real variable", at: start) }
                    if isPlain && singleWord[trace] {
                        // Only 0/1 digits: the value, cut to the width (a shorter value extends with 0).
                        sink.change(trace: trace, value: binary & masks[trace], unknown: 0)
                        continue
                    }
                    try fillVector(digits: digits, width: traces[trace].width, planes: traces[trace].wordsPerPlane, into: scratch)
                    if traces[trace].wordsPerPlane == 1 {
                        sink.change(trace: trace, value: scratch[0], unknown: scratch[1])
                    } else {
                        try appendCharged(&sink, traces[trace], scratch: scratch, trace: trace, valueStart: start)
                    }
                case UInt8(ascii: "r"), UInt8(ascii: "R"):
                    position &+= 1
                    let textStart = position
                    while position < count && bytes[position] > 32 { position &+= 1 }
                    let text = string(textStart..<position)
                    skipSpace()
                    let trace = try identifier(table, valueStart: start)
                    guard trace >= 0 else { continue }
                    if !hasTime { try sink.time(0, position: start); timeCount = 1; hasTime = true }
                    guard let number = Double(text) else { throw failure("unreadable real '\(text)'", at: start) }
                    if traces[trace].isReal {
                        sink.change(trace: trace, value: number.bitPattern, unknown: 0)
                    } else {
                        // A real dumped to a bit vector: keep its integer part, as simulators do.
                        let integer = UInt64(truncatingIfNeeded: Int64(clamping: Int(exactly: number.rounded()) ?? 0))
                        scratch.update(repeating: 0)
                        scratch[0] = integer & LogicValue.topWordMask(min(64, traces[trace].width))
                        try appendCharged(&sink, traces[trace], scratch: scratch, trace: trace, valueStart: start)
                    }
                case UInt8(ascii: "$"):
                    guard let token = nextToken() else { break }
                    if equals(token, "$dumpoff") {
                        // Every variable reads x until $dumpon, whether or not the writer listed them.
                        if !hasTime { try sink.time(0, position: start); timeCount = 1; hasTime = true }
                        for index in traces.indices where isLoaded[index] && !traces[index].isReal {
                            let planes = traces[index].wordsPerPlane
                            scratch.update(repeating: 0)
                            for word in 0..<planes {
                                scratch[planes + word] = word == planes - 1 ? LogicValue.topWordMask(traces[index].width) : ~0
                            }
                            try appendCharged(&sink, traces[index], scratch: scratch, trace: index, valueStart: start)
                        }
                    } else if equals(token, "$comment") {
                        _ = try tokensUntilEnd(section: "$comment", start: start)
                    } else if !(equals(token, "$end") || equals(token, "$dumpvars") || equals(token, "$dumpon")
                                || equals(token, "$dumpall")) {
                        throw failure("unexpected '\(string(token))' among value changes", at: start)
                    }
                default:
                    let text = string(start..<min(count, start + 1))
                    throw failure("unexpected '\(text)' where a value change or #time belongs", at: start)
                }
            }
        } catch let ended as VCDWindowEnded {
            position = ended.start
            return
        }
        if isFinal { try sink.finish(position: count) }
    }

    /// Appends the change in `scratch` to a multi-word trace and counts the memory it took
    /// against the file's budget (`VCDReader.wideAllowance` plus `wideBytesPerFileByte` per
    /// byte), so a tiny file of short changes to a wide vector cannot take gigabytes.
    private mutating func appendCharged<Sink: VCDChangeSink>(_ sink: inout Sink, _ trace: SignalTrace,
                                                            scratch: UnsafeMutableBufferPointer<UInt64>,
                                                            trace index: Int, valueStart: Int) throws {
        let added = sink.change(trace: index, planes: UnsafeBufferPointer(rebasing: scratch[0..<2 * trace.wordsPerPlane]))
        guard trace.wordsPerPlane > 1, added > 0 else { return }
        wideBytes &+= added &* 8
        let (perByte, overflow) = (bytesBefore &+ bytes.count).multipliedReportingOverflow(by: VCDReader.wideBytesPerFileByte)
        let budget = overflow ? Int.max : perByte.addingReportingOverflow(VCDReader.wideAllowance).partialValue
        guard wideBytes > budget else { return }
        let name = traceNames.indices.contains(index) ? traceNames[index] : "a wide vector"
        throw failure("the values of wide vectors would take more than \(groupedDigits(budget >> 20)) MiB in memory for a \(groupedDigits(bytes.count))-byte file ('\(name)' is \(groupedDigits(trace.width)) bits wide and every change stores all of them)",
                      at: valueStart)
    }

    /// Reads the identifier code at `position` and returns its trace, or -1 when it is not loaded.
    @inline(__always)
    private mutating func identifier(_ table: IdentifierTable, valueStart: Int) throws -> Int {
        let start = position
        var key: UInt64 = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte <= 32 { break }
            // Only ! … ~ are identifier characters; anything above would alias a printable code.
            if byte > 126 {
                throw failure("identifier code with byte \(hexByte(byte)); codes are printable ASCII (! to ~)", at: valueStart)
            }
            key = key &* 95 &+ UInt64(byte &- 32)
            position &+= 1
        }
        let length = position - start
        guard length > 0 else {
            if !isFinal && position == bytes.count { throw VCDWindowEnded(start: valueStart) }
            throw failure("value change without an identifier code (file truncated?)", at: valueStart)
        }
        let trace = length <= IdentifierTable.maxPackedLength
            ? table.trace(packed: key) : table.trace(code: string(start..<position))
        if trace == IdentifierTable.unknown {
            throw failure("unknown identifier code '\(string(start..<position))' (no $var declares it)", at: valueStart)
        }
        return trace
    }

    /// Moves past the digits of a `b` value (up to the next whitespace), gathering them as binary
    /// eight at a time: `isPlain` when they are all 0/1 and at most 64, and then `value` is them.
    @inline(__always)
    private mutating func scanDigits() -> (value: UInt64, isPlain: Bool) {
        let start = position
        let count = bytes.count
        var value: UInt64 = 0
        var isPlain = true
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while position &+ 8 <= count {
                // Each byte is 0x30 or 0x31 in a run of 0/1: one multiply gathers their low bits,
                // first digit most significant; the first other byte ends the run.
                let chunk = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                let other = (chunk & 0xFEFE_FEFE_FEFE_FEFE) ^ 0x3030_3030_3030_3030
                let run = other == 0 ? 8 : other.trailingZeroBitCount >> 3
                if run > 0 {
                    let keep: UInt64 = run == 8 ? ~0 : (UInt64(1) << UInt64(8 * run)) &- 1
                    let gathered = ((chunk & keep & 0x0101_0101_0101_0101) &* 0x8040_2010_0804_0201) >> 56
                    value = value &<< UInt64(run) | gathered >> UInt64(8 - run)
                    position &+= run
                }
                if run < 8 { break }
            }
        }
        while position < count {
            let byte = bytes[position]
            if byte <= 32 { break }
            if byte & 0xFE == 0x30 { value = value &<< 1 | UInt64(byte & 1) } else { isPlain = false }
            position &+= 1
        }
        return (value, isPlain && position &- start <= 64)
    }

    /// Fills `scratch` with the value and unknown planes of VCD digits, applying left extension
    /// (0 for a leading 0/1, x for x, z for z) up to the trace's width; extra digits on the left
    /// are dropped.
    private func fillVector(digits: Range<Int>, width: Int, planes: Int,
                            into scratch: UnsafeMutableBufferPointer<UInt64>) throws {
        if planes == 1 {
            var value: UInt64 = 0
            var unknown: UInt64 = 0
            // Digit by digit: a value of only 0/1 digits that fits a word never comes here (the
            // scan that finds a `b` value's end gathers those eight at a time), so this is a
            // value with x or z, or longer than its word.
            for index in digits {
                let byte = bytes[index]
                value <<= 1
                unknown <<= 1
                switch byte {
                case 48: break
                case 49: value |= 1
                case 120, 88: unknown |= 1
                case 122, 90: value |= 1; unknown |= 1
                default: throw failure("'\(Character(Unicode.Scalar(byte)))' is not a VCD digit (0 1 x z)", at: index)
                }
            }
            let mask = LogicValue.topWordMask(width)
            if digits.count < width {
                let lead = bytes[digits.lowerBound]
                let extended = mask & ~((UInt64(1) << UInt64(digits.count)) &- 1)
                if lead == 120 || lead == 88 { unknown |= extended }
                if lead == 122 || lead == 90 { unknown |= extended; value |= extended }
            }
            scratch[0] = value & mask
            scratch[1] = unknown & mask
            return
        }
        for word in 0..<2 * planes { scratch[word] = 0 }
        var bit = 0
        var index = digits.upperBound - 1
        // From the right, eight 0/1 digits at a time into whole bytes of the value plane (bit
        // stays a multiple of eight, so a group never straddles two words).
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index &- digits.lowerBound >= 7 && bit &+ 8 <= width {
                let chunk = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index &- 7, as: UInt64.self))
                if chunk & 0xFEFE_FEFE_FEFE_FEFE != 0x3030_3030_3030_3030 { break }
                let gathered = ((chunk & 0x0101_0101_0101_0101) &* 0x8040_2010_0804_0201) >> 56
                scratch[bit >> 6] |= gathered << UInt64(bit & 63)
                bit &+= 8
                index &-= 8
            }
        }
        while index >= digits.lowerBound && bit < width {
            let word = bit >> 6
            let mask = UInt64(1) << UInt64(bit & 63)
            switch bytes[index] {
            case 48: break
            case 49: scratch[word] |= mask
            case 120, 88: scratch[planes + word] |= mask
            case 122, 90: scratch[word] |= mask; scratch[planes + word] |= mask
            default:
                throw failure("'\(Character(Unicode.Scalar(bytes[index])))' is not a VCD digit (0 1 x z)", at: index)
            }
            bit += 1
            index -= 1
        }
        let lead = bytes[digits.lowerBound]
        let isX = lead == 120 || lead == 88
        let isZ = lead == 122 || lead == 90
        if bit < width && (isX || isZ) {
            for position in bit..<width {
                let mask = UInt64(1) << UInt64(position & 63)
                scratch[planes + (position >> 6)] |= mask
                if isZ { scratch[position >> 6] |= mask }
            }
        }
    }
}

/// Identifier code → trace index. Codes of up to nine printable characters are packed into an
/// integer (base 95, digits 1…94, so no two codes collide) and looked up in a dense array when
/// the codes are compact (Verilator's are), in a dictionary otherwise.
struct IdentifierTable {
    static let maxPackedLength = 9
    static let unknown = -2
    private static let denseLimit: UInt64 = 1 << 21

    private var dense: [Int32] = []
    private var sparse: [UInt64: Int32] = [:]
    private var long: [String: Int32] = [:]

    init(traceByCode: [String: Int], isLoaded: [Bool]) {
        var packed: [(UInt64, Int32)] = []
        for (code, trace) in traceByCode {
            let stored = Int32(isLoaded[trace] ? trace : -1)
            if code.utf8.count <= IdentifierTable.maxPackedLength {
                packed.append((IdentifierTable.pack(code), stored))
            } else {
                long[code] = stored
            }
        }
        let largest = packed.map(\.0).max() ?? 0
        if largest < IdentifierTable.denseLimit {
            dense = [Int32](repeating: Int32(IdentifierTable.unknown), count: Int(largest) + 1)
            for (key, trace) in packed { dense[Int(key)] = trace }
        } else {
            for (key, trace) in packed { sparse[key] = trace }
        }
    }

    static func pack(_ code: String) -> UInt64 {
        code.utf8.reduce(UInt64(0)) { $0 &* 95 &+ UInt64($1 &- 32) }
    }

    @inline(__always) func trace(packed key: UInt64) -> Int {
        if !dense.isEmpty {
            return key < UInt64(dense.count) ? Int(dense[Int(key)]) : IdentifierTable.unknown
        }
        return sparse[key].map { Int($0) } ?? IdentifierTable.unknown
    }

    func trace(code: String) -> Int { long[code].map { Int($0) } ?? IdentifierTable.unknown }
}
