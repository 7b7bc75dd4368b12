/// One file's side of a streaming diff: the chunks of its reader as they arrive, and for every
/// loaded trace a ring of its last values, each tagged with the first sample it applies to, so
/// the values at the last `StreamSide.recalled` samples can be recalled for the picture.
final class StreamSide {
    /// Distinct samples whose values stay recallable behind the newest one.
    static let recalled = 9
    private static let ring = recalled + 3

    let stream: VCDStream
    private let queue: ChunkQueue
    let widths: [Int]
    let isReal: [Bool]
    let planes: [Int]
    /// Per trace: the first word of its ring in `words` (-1 when not loaded), and its newest slot.
    /// The mutable state is in buffers of its own, read and written without exclusivity checks.
    private let base: [Int]
    private let head: UnsafeMutablePointer<Int>
    /// Per trace and slot: the sample the slot's value first applies to.
    private let epochs: UnsafeMutablePointer<Int>
    private let words: UnsafeMutablePointer<UInt64>
    /// Trace of the clock and of the handshake signals (cycle and transaction alignment).
    var clock: Int?
    var handshake: [Int] = []
    /// Compared signals reading each trace: `watchers[watcherStart[t]..<watcherStart[t + 1]]`.
    private let watcherStart: [Int]
    private let watchers: [Int32]

    private var chunk: ChangeChunk?
    private var group = 0
    private var change = 0
    private var word = 0
    /// Samples taken so far; changes applied now are seen from sample `samplesTaken` on.
    var samplesTaken = 0
    /// Rising edges seen so far (cycle and transaction alignment).
    var edges = 0
    /// Whether the current group was already looked at for a clock edge.
    var edgeChecked = false
    private(set) var parseError: Error?
    private(set) var isAtEnd = false

    init(stream: VCDStream, names: Set<String>, watchedBy signalTraces: [Int?]) {
        self.stream = stream
        let header = stream.header
        widths = header.traces.map(\.width)
        isReal = header.traces.map(\.isReal)
        planes = header.traces.map(\.wordsPerPlane)
        var loaded = [Bool](repeating: false, count: header.traces.count)
        for variable in header.variables where names.contains(variable.name) { loaded[variable.traceIndex] = true }
        var base = [Int](repeating: -1, count: loaded.count)
        var words: [UInt64] = []
        for trace in loaded.indices where loaded[trace] {
            base[trace] = words.count
            let stride = 2 * planes[trace]
            var initial = [UInt64](repeating: 0, count: stride)
            if isReal[trace] {
                initial[0] = Double.nan.bitPattern
            } else {
                for offset in planes[trace]..<stride { initial[offset] = ~0 }
                initial[stride - 1] = LogicValue.topWordMask(widths[trace])
            }
            for _ in 0..<StreamSide.ring { words.append(contentsOf: initial) }
        }
        self.base = base
        self.words = .allocate(capacity: max(1, words.count))
        self.words.initialize(from: words, count: words.count)
        head = .allocate(capacity: max(1, loaded.count))
        head.initialize(repeating: 0, count: max(1, loaded.count))
        epochs = .allocate(capacity: max(1, loaded.count * StreamSide.ring))
        epochs.initialize(repeating: 0, count: max(1, loaded.count * StreamSide.ring))
        var lists = [[Int32]](repeating: [], count: loaded.count)
        for (signal, trace) in signalTraces.enumerated() {
            if let trace, loaded.indices.contains(trace) { lists[trace].append(Int32(signal)) }
        }
        var start: [Int] = [0]
        for list in lists { start.append(start[start.count - 1] + list.count) }
        watcherStart = start
        watchers = lists.flatMap { $0 }
        queue = stream.start(names: names)
    }

    deinit {
        words.deallocate()
        head.deallocate()
        epochs.deallocate()
    }

    // MARK: the change stream

    /// Makes sure a group (one timestamp's changes) is current; false at the end of the file or
    /// at its first error (kept in `parseError`).
    func loadGroup() -> Bool {
        while true {
            if let chunk, group < chunk.times.count { return true }
            guard !isAtEnd else { return false }
            do {
                chunk = try queue.take()
            } catch {
                parseError = error
                chunk = nil
            }
            group = 0
            change = 0
            word = 0
            if chunk == nil { isAtEnd = true }
        }
    }

    /// The current group's time in ticks (after `loadGroup` returned true).
    var groupTicks: UInt64 { chunk.map { $0.times[group] } ?? 0 }

    /// Applies the current group's changes, seen from sample `samplesTaken` on, marking the
    /// signals that read them, and moves to the next group.
    func apply(_ dirty: inout DirtySignals) {
        guard let chunk else { return }
        let end = Int(chunk.ends[group])
        let epoch = samplesTaken
        let ring = StreamSide.ring
        let words = words
        let epochs = epochs
        let head = head
        let traces = chunk.traces
        let source = chunk.words
        planes.withUnsafeBufferPointer { planes in
        base.withUnsafeBufferPointer { base in
            var offset = word
            for index in change..<end {
                let trace = Int(traces[index])
                let stride = 2 &* planes[trace]
                let start = base[trace]
                defer { offset &+= stride }
                guard start >= 0 else { continue }
                var slot = head[trace]
                if epochs[trace &* ring &+ slot] != epoch {
                    slot = slot &+ 1 == ring ? 0 : slot &+ 1
                    head[trace] = slot
                    epochs[trace &* ring &+ slot] = epoch
                }
                let target = start &+ slot &* stride
                if stride == 2 {
                    // One word per plane (most traces): two stores, not a call to memmove.
                    words[target] = source[offset]
                    words[target &+ 1] = source[offset &+ 1]
                } else {
                    for part in 0..<stride { words[target &+ part] = source[offset &+ part] }
                }
                for watcher in watcherStart[trace]..<watcherStart[trace &+ 1] { dirty.mark(Int(watchers[watcher])) }
            }
            word = offset
        }}
        change = end
        group += 1
        edgeChecked = false
    }

    /// Reads the rest of the file without applying it, to learn whether it ends in an error.
    func drain() {
        while loadGroup() { group = chunk?.times.count ?? 0 }
    }

    /// Stops the reader thread (the diff is over, or failed).
    func cancel() { queue.cancel() }

    // MARK: values

    /// Bit 0 of the newest value of a trace: whether it reads a known 0 or a known 1.
    func bit(_ trace: Int) -> (isLow: Bool, isHigh: Bool) {
        guard base.indices.contains(trace), base[trace] >= 0, !isReal[trace] else { return (false, false) }
        let start = base[trace] + head[trace] * 2 * planes[trace]
        let value = words[start] & 1
        let unknown = words[start + planes[trace]] & 1
        return (unknown == 0 && value == 0, unknown == 0 && value == 1)
    }

    /// Whether the current group raises bit 0 of `trace` to a known 1 (its last change there wins).
    func groupSetsHigh(_ trace: Int) -> Bool {
        guard let chunk else { return false }
        var offset = word
        var result: Bool?
        for index in change..<Int(chunk.ends[group]) {
            let changed = Int(chunk.traces[index])
            if changed == trace {
                result = chunk.words[offset] & 1 == 1 && chunk.words[offset + planes[trace]] & 1 == 0
            }
            offset += 2 * planes[changed]
        }
        return result ?? false
    }

    /// Word `word` of both planes of a trace's newest value; zero past its width.
    @inline(__always) func newest(_ trace: Int, word: Int) -> (value: UInt64, unknown: UInt64) {
        let planes = planes[trace]
        if word >= planes { return (0, 0) }
        let start = base[trace] &+ head[trace] &* 2 &* planes &+ word
        return (words[start], words[start &+ planes])
    }

    /// Both planes of the newest value of a trace of one word per plane.
    @inline(__always) func newestWord(_ trace: Int) -> (value: UInt64, unknown: UInt64) {
        let start = base[trace] &+ head[trace] &* 2
        return (words[start], words[start &+ 1])
    }

    /// The value of a trace at sample `sample`, one of the last `recalled` samples.
    func value(_ trace: Int, at sample: Int) -> WaveValue {
        let ring = StreamSide.ring
        let stride = 2 * planes[trace]
        var slot = head[trace]
        for _ in 0..<ring {
            if epochs[trace * ring + slot] <= sample { break }
            slot = slot == 0 ? ring - 1 : slot - 1
        }
        let start = base[trace] + slot * stride
        if isReal[trace] { return .real(Double(bitPattern: words[start])) }
        return .logic(LogicValue(width: widths[trace], value: Array(UnsafeBufferPointer(start: words + start, count: planes[trace])),
                                 unknown: Array(UnsafeBufferPointer(start: words + start + planes[trace], count: planes[trace]))))
    }

    /// The newest value of a trace.
    func newestValue(_ trace: Int) -> WaveValue { value(trace, at: Int.max) }
}

/// Compared signals touched since they were last compared.
struct DirtySignals {
    private var isMarked: [Bool]
    private(set) var list: [Int32] = []

    init(count: Int) { isMarked = [Bool](repeating: false, count: count) }

    @inline(__always) mutating func mark(_ signal: Int) {
        if !isMarked[signal] {
            isMarked[signal] = true
            list.append(Int32(truncatingIfNeeded: signal))
        }
    }

    mutating func clear() {
        for signal in list { isMarked[Int(signal)] = false }
        list.removeAll(keepingCapacity: true)
    }
}
