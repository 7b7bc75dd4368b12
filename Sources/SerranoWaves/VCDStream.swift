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
/// converted by `fst2vcd` first (its VCD is held in memory, as for the whole-file reader).
final class VCDStream: @unchecked Sendable {
    let path: String
    /// Declarations and timescale, without values.
    let header: Waveform
    private let bytes: Data
    /// Whether `bytes` is this stream's own mapping, whose passed pages may be dropped.
    private let isMapping: Bool
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

    init(path: String, queueCapacity: Int = VCDStream.queueCapacity) throws {
        self.path = path
        self.queueCapacity = queueCapacity
        if WaveFile.isFST(path) {
            bytes = try FSTConverter.vcdData(fromFST: path)
            isMapping = false
        } else if let mapped = VCDStream.map(path) {
            bytes = mapped
            isMapping = true
        } else {
            // Unmappable (missing, empty, a directory, a pipe): the whole-file reader's route,
            // and its messages.
            bytes = try VCDReader.mapped(path)
            isMapping = false
        }
        (layout, bodyStart) = try bytes.withUnsafeBytes { raw in
            var parser = VCDParser(bytes: raw.bindMemory(to: UInt8.self), source: path)
            let layout = try parser.header(selecting: { _ in false })
            return (layout, parser.position)
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

    private func read(names: Set<String>, into queue: ChunkQueue) throws {
        let selected = layout.selecting { names.contains($0) }
        try bytes.withUnsafeBytes { raw in
            var parser = VCDParser(bytes: raw.bindMemory(to: UInt8.self), source: path)
            parser.position = bodyStart
            var sink = ChunkSink(queue: queue, pages: PageRelease(base: isMapping ? raw.baseAddress : nil), census: census)
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
/// `traces`, each with `2 × wordsPerPlane` words of its trace in `words`, in file order.
final class ChangeChunk: @unchecked Sendable {
    let times: [UInt64]
    let ends: [Int32]
    let traces: [Int32]
    let words: [UInt64]
    private let census: Census

    init(census: Census, times: [UInt64], ends: [Int32], traces: [Int32], words: [UInt64]) {
        self.census = census
        self.times = times
        self.ends = ends
        self.traces = traces
        self.words = words
        census.born()
    }

    deinit { census.freed() }

    /// Chunks of one stream made and alive at once, for the memory-bound test.
    final class Census: @unchecked Sendable {
        private let lock = NSLock()
        private var made = 0
        private var alive = 0
        private var peak = 0

        func born() {
            lock.lock()
            made += 1
            alive += 1
            peak = max(peak, alive)
            lock.unlock()
        }

        func freed() {
            lock.lock()
            alive -= 1
            lock.unlock()
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

/// The streaming sink: fills chunks and hands them to the queue. The arrays being filled are
/// its own (not the chunk's), so appending needs no exclusivity checks.
struct ChunkSink: VCDChangeSink {
    private let queue: ChunkQueue
    private var pages: PageRelease
    private let census: ChangeChunk.Census
    private var times: [UInt64] = []
    private var ends: [Int32] = []
    private var traces: [Int32] = []
    private var words: [UInt64] = []

    init(queue: ChunkQueue, pages: PageRelease, census: ChangeChunk.Census) {
        self.queue = queue
        self.pages = pages
        self.census = census
        reserve()
    }

    private mutating func reserve() {
        traces.reserveCapacity(VCDStream.chunkChanges + 1024)
        words.reserveCapacity(2 * VCDStream.chunkChanges + 2048)
    }

    mutating func time(_ ticks: UInt64, position: Int) throws {
        if !times.isEmpty {
            ends.append(Int32(truncatingIfNeeded: traces.count))
            if traces.count >= VCDStream.chunkChanges { try flush(position: position) }
        }
        times.append(ticks)
    }

    @inline(__always) mutating func change(trace: Int, value: UInt64, unknown: UInt64) {
        traces.append(Int32(truncatingIfNeeded: trace))
        words.append(value)
        words.append(unknown)
    }

    mutating func change(trace: Int, planes: UnsafeBufferPointer<UInt64>) -> Int {
        traces.append(Int32(truncatingIfNeeded: trace))
        words.append(contentsOf: planes)
        return 0
    }

    mutating func finish(position: Int) throws {
        guard !times.isEmpty else { return }
        if ends.count < times.count { ends.append(Int32(truncatingIfNeeded: traces.count)) }
        try flush(position: position)
    }

    private mutating func flush(position: Int) throws {
        let chunk = ChangeChunk(census: census, times: times, ends: ends, traces: traces, words: words)
        times = []
        ends = []
        traces = []
        words = []
        reserve()
        try queue.put(chunk)
        pages.release(upTo: position)
    }
}
