import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A VCD read as a stream: the header parsed once when opened, then the value changes of the
/// selected traces delivered by a reader thread in time-ordered chunks through a bounded queue.
///
/// A VCD file is mapped read-only and the pages the parser has passed are handed back to the
/// kernel as it goes, so memory follows the queue (a few chunks), not the file. An FST file is
/// read through `fst2vcd` running beside the reader: its output is parsed from the pipe a
/// `ConverterWindow` at a time, so memory follows the window and the queue there too.
final class VCDStream: @unchecked Sendable {
    let path: String
    /// Declarations and timescale, without values.
    let header: Waveform
    private let bytes: Data
    /// Whether `bytes` is this stream's own mapping, whose passed pages may be dropped.
    private let isMapping: Bool
    /// An FST's converter output (then `bytes` is empty).
    private let window: ConverterWindow?
    private let layout: VCDLayout
    private let bodyStart: Int
    let census = ChangeChunk.Census()

    /// Chunks hold about this many changes (the last timestamp's changes are never split).
    static let chunkChanges = 1 << 16
    /// Chunks waiting in each queue by default (≈1.3 MB each): enough that a reader the
    /// scheduler set aside does not stall the other.
    static let queueCapacity = 16
    /// Chunks waiting in this stream's queue.
    let queueCapacity: Int

    /// Opens a VCD file (mapped) or an FST file (`fst2vcd` started, its header read).
    convenience init(path: String, queueCapacity: Int = VCDStream.queueCapacity,
                     windowBytes: Int = ConverterWindow.blockBytes) throws {
        if WaveFile.isFST(path) {
            let window = try ConverterWindow(path: path, tool: try FSTConverter.reader(for: path), blockBytes: windowBytes)
            try self.init(path: path, bytes: Data(), isMapping: false, window: window, queueCapacity: queueCapacity)
        } else if let mapped = VCDStream.map(path) {
            try self.init(path: path, bytes: mapped, isMapping: true, window: nil, queueCapacity: queueCapacity)
        } else {
            // Unmappable (missing, empty, a directory, a pipe): the whole-file reader's route,
            // and its messages.
            try self.init(path: path, bytes: try VCDReader.mapped(path), isMapping: false, window: nil, queueCapacity: queueCapacity)
        }
    }

    /// A stream over a converter's output already started (tests start one on any program).
    convenience init(converting window: ConverterWindow, queueCapacity: Int = VCDStream.queueCapacity) throws {
        try self.init(path: window.path, bytes: Data(), isMapping: false, window: window, queueCapacity: queueCapacity)
    }

    private init(path: String, bytes: Data, isMapping: Bool, window: ConverterWindow?, queueCapacity: Int) throws {
        self.path = path
        self.bytes = bytes
        self.isMapping = isMapping
        self.window = window
        self.queueCapacity = queueCapacity
        if let window {
            (layout, bodyStart) = try VCDStream.header(of: window)
        } else {
            (layout, bodyStart) = try bytes.withUnsafeBytes { raw in
                var parser = VCDParser(bytes: raw.bindMemory(to: UInt8.self), source: path)
                let layout = try parser.header(selecting: { _ in false })
                return (layout, parser.position)
            }
        }
        header = Waveform(source: path, timescale: layout.timescale, times: [], variables: layout.variables,
                          traces: layout.traces, isLoaded: layout.isLoaded)
    }

    /// Starts the reader thread for the traces any of `names` names; the queue ends with the
    /// file, or with its first error.
    func start(names: Set<String>) -> ChunkQueue {
        let queue = ChunkQueue(capacity: queueCapacity)
        let thread = Thread { [self] in
            do {
                try self.read(names: names, into: queue)
                queue.close(error: nil)
            } catch is StreamCancelled {
                queue.close(error: nil)
            } catch {
                queue.close(error: error)
            }
        }
        thread.stackSize = 4 << 20
        thread.start()
        return queue
    }

    /// The largest the FST route's window has been and the bytes of VCD it has passed (nil
    /// for a VCD file), for the memory-bound test.
    var windowCounts: (peak: Int, passed: Int)? { window.map { ($0.peakBytes, $0.bytesBefore) } }

    /// The FST route's converter process id while it runs.
    var converterProcess: Int32? { window?.processIdentifier }

    /// Reads the header from the converter's first windows, growing the window until it holds
    /// all of it.
    private static func header(of window: ConverterWindow) throws -> (VCDLayout, Int) {
        while true {
            var parser = VCDParser(bytes: window.bytes, source: window.path, isFinal: window.isAtEnd)
            do {
                let layout = try parser.header(selecting: { _ in false })
                return (layout, parser.position)
            } catch is VCDWindowEnded {
                try window.advance(past: 0)
            } catch where window.isAtEnd && !window.contains("$enddefinitions") {
                throw FSTConverter.unreadable(window.path)
            }
        }
    }

    private func read(names: Set<String>, into queue: ChunkQueue) throws {
        let selected = layout.selecting { names.contains($0) }
        if let window {
            defer { window.stop() }
            var parser = VCDParser(bytes: window.bytes, source: path, isFinal: window.isAtEnd)
            parser.position = bodyStart
            var sink = ChunkSink(queue: queue, pages: PageRelease(base: nil), census: census)
            defer { sink.close() }
            while true {
                try parser.changes(layout: selected, into: &sink)
                if window.isAtEnd { return }
                try window.advance(past: parser.position)
                parser.move(to: window.bytes, isFinal: window.isAtEnd, linesBefore: window.linesBefore, bytesBefore: window.bytesBefore)
            }
        }
        try bytes.withUnsafeBytes { raw in
            var parser = VCDParser(bytes: raw.bindMemory(to: UInt8.self), source: path)
            parser.position = bodyStart
            var sink = ChunkSink(queue: queue, pages: PageRelease(base: isMapping ? raw.baseAddress : nil), census: census)
            defer { sink.close() }
            try parser.changes(layout: selected, into: &sink)
        }
    }

    /// A regular, non-empty file mapped read-only, or nil (the caller reports why).
    private static func map(_ path: String) -> Data? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size > 0,
              let count = Int(exactly: status.st_size) else { return nil }
        guard let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0),
              address != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        _ = madvise(address, count, MADV_SEQUENTIAL)
        return Data(bytesNoCopy: address, count: count, deallocator: .custom { pointer, length in
            _ = munmap(pointer, length)
        })
    }
}

/// Drops the pages of a mapped file the parser has passed (whole pages only).
struct PageRelease {
    let base: UnsafeRawPointer?
    private var released = 0
    private static let pageSize = max(4096, Int(sysconf(Int32(_SC_PAGESIZE))))

    init(base: UnsafeRawPointer?) { self.base = base }

    mutating func release(upTo position: Int) {
        guard let base else { return }
        let end = position & ~(PageRelease.pageSize - 1)
        guard end > released else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + released), end - released, MADV_DONTNEED)
        released = end
    }
}

/// Value changes of consecutive timestamps: `times[k]`'s changes are `ends[k - 1]..<ends[k]` of
/// `traces`, each with `2 × wordsPerPlane` words of its trace in `words`, in file order. Its
/// buffers go back to its stream's `Census` when it is freed, for the next chunk to fill.
final class ChangeChunk: @unchecked Sendable {
    let times: UnsafeBufferPointer<UInt64>
    let ends: UnsafeBufferPointer<Int32>
    let traces: UnsafeBufferPointer<Int32>
    let words: UnsafeBufferPointer<UInt64>
    private let buffers: ChunkBuffers
    private let census: Census

    init(census: Census, buffers: ChunkBuffers) {
        self.census = census
        self.buffers = buffers
        times = buffers.times.contents
        ends = buffers.ends.contents
        traces = buffers.traces.contents
        words = buffers.words.contents
        census.born()
    }

    deinit { census.freed(buffers) }

    /// Chunks of one stream made and alive at once (for the memory-bound test), and the
    /// buffers of freed chunks waiting to be filled again.
    final class Census: @unchecked Sendable {
        private let lock = NSLock()
        private var made = 0
        private var alive = 0
        private var peak = 0
        private var spare: [ChunkBuffers] = []

        deinit { for buffers in spare { buffers.deallocate() } }

        func born() {
            lock.lock()
            made += 1
            alive += 1
            peak = max(peak, alive)
            lock.unlock()
        }

        func freed(_ buffers: ChunkBuffers) {
            lock.lock()
            alive -= 1
            spare.append(buffers)
            lock.unlock()
        }

        /// Takes back buffers no chunk was made of (a sink's last, unfilled ones).
        func recycle(_ buffers: ChunkBuffers) {
            lock.lock()
            spare.append(buffers)
            lock.unlock()
        }

        /// Emptied buffers of a freed chunk, or fresh ones.
        func buffers() -> ChunkBuffers {
            lock.lock()
            var buffers = spare.popLast()
            lock.unlock()
            buffers?.removeAll()
            return buffers ?? ChunkBuffers()
        }

        func reset() {
            lock.lock()
            made = 0
            peak = alive
            lock.unlock()
        }

        var counts: (made: Int, peak: Int) {
            lock.lock()
            defer { lock.unlock() }
            return (made, peak)
        }
    }
}

/// The four buffers a chunk is filled in.
struct ChunkBuffers {
    var times = GrowingBuffer<UInt64>(capacity: 4096)
    var ends = GrowingBuffer<Int32>(capacity: 4096)
    var traces = GrowingBuffer<Int32>(capacity: VCDStream.chunkChanges + 1024)
    var words = GrowingBuffer<UInt64>(capacity: 2 * VCDStream.chunkChanges + 2048)

    mutating func removeAll() {
        times.removeAll()
        ends.removeAll()
        traces.removeAll()
        words.removeAll()
    }

    func deallocate() {
        times.deallocate()
        ends.deallocate()
        traces.deallocate()
        words.deallocate()
    }
}

/// An array of plain values without its checks: appending costs a compare and a store. Its
/// owner deallocates it.
struct GrowingBuffer<Element: BitwiseCopyable> {
    private var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    var contents: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always) mutating func append(_ element: Element) {
        if count == capacity { grow(to: count &+ 1) }
        base[count] = element
        count &+= 1
    }

    mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        if count + elements.count > capacity { grow(to: count + elements.count) }
        if let source = elements.baseAddress { (base + count).update(from: source, count: elements.count) }
        count += elements.count
    }

    mutating func removeAll() { count = 0 }

    func deallocate() { base.deallocate() }

    private mutating func grow(to needed: Int) {
        let grown = max(needed, 2 * capacity)
        let replacement = UnsafeMutablePointer<Element>.allocate(capacity: grown)
        replacement.update(from: base, count: count)
        base.deallocate()
        base = replacement
        capacity = grown
    }
}

/// Thrown to a reader thread whose consumer stopped.
struct StreamCancelled: Error {}

/// A bounded queue of chunks from one reader thread to the diff.
final class ChunkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [ChangeChunk] = []
    private var isClosed = false
    private var isCancelled = false
    private var failure: Error?
    private let capacity: Int

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Waits for room; throws `StreamCancelled` once the consumer has cancelled.
    func put(_ chunk: ChangeChunk) throws {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !isCancelled { condition.wait() }
        if isCancelled { throw StreamCancelled() }
        items.append(chunk)
        condition.broadcast()
    }

    func close(error: Error?) {
        condition.lock()
        isClosed = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk; nil at the end of the file; the reader's error after its last chunk.
    func take() throws -> ChangeChunk? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !isClosed { condition.wait() }
        if !items.isEmpty {
            condition.broadcast()
            return items.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the reader at its next chunk and waits until it has closed the queue.
    func cancel() {
        condition.lock()
        isCancelled = true
        items.removeAll()
        condition.broadcast()
        while !isClosed { condition.wait() }
        condition.unlock()
    }
}

/// The streaming sink: fills chunks and hands them to the queue. The buffers being filled are
/// its own until they are handed over, so appending needs no checks beyond their capacity.
struct ChunkSink: VCDChangeSink {
    private let queue: ChunkQueue
    private var pages: PageRelease
    private let census: ChangeChunk.Census
    private var buffers: ChunkBuffers

    init(queue: ChunkQueue, pages: PageRelease, census: ChangeChunk.Census) {
        self.queue = queue
        self.pages = pages
        self.census = census
        buffers = census.buffers()
    }

    mutating func time(_ ticks: UInt64, position: Int) throws {
        if buffers.times.count > 0 {
            buffers.ends.append(Int32(truncatingIfNeeded: buffers.traces.count))
            if buffers.traces.count >= VCDStream.chunkChanges { try flush(position: position) }
        }
        buffers.times.append(ticks)
    }

    @inline(__always) mutating func change(trace: Int, value: UInt64, unknown: UInt64) {
        buffers.traces.append(Int32(truncatingIfNeeded: trace))
        buffers.words.append(value)
        buffers.words.append(unknown)
    }

    mutating func change(trace: Int, planes: UnsafeBufferPointer<UInt64>) -> Int {
        buffers.traces.append(Int32(truncatingIfNeeded: trace))
        buffers.words.append(contentsOf: planes)
        return 0
    }

    mutating func finish(position: Int) throws {
        guard buffers.times.count > 0 else { return }
        if buffers.ends.count < buffers.times.count { buffers.ends.append(Int32(truncatingIfNeeded: buffers.traces.count)) }
        try flush(position: position)
    }

    /// Gives the buffers being filled back to the census (the sink is done).
    func close() { census.recycle(buffers) }

    private mutating func flush(position: Int) throws {
        let chunk = ChangeChunk(census: census, buffers: buffers)
        buffers = census.buffers()
        try queue.put(chunk)
        pages.release(upTo: position)
    }
}
