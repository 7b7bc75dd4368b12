import Foundation
import SerranoSupport

/// The VCD text `fst2vcd` writes for an FST file, read from its pipe a window at a time, so a
/// streamed FST costs a window of memory, not its VCD's size.
///
/// `bytes` is the window's parseable part: everything up to its last whitespace (all of it at
/// the end of the output), so no token is cut. `advance(past:)` drops what the parser read,
/// moves the unread tail to the front and fills the rest from the pipe. A window the parser
/// could not move in (one item longer than it) doubles, up to `maximumBytes`.
final class ConverterWindow {
    let path: String
    private var child: ToolProcess.Running?
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    private var count = 0
    private var limit = 0
    private(set) var isAtEnd = false
    /// Lines and bytes of the output before the window (for messages and the stream's length).
    private(set) var linesBefore = 0
    private(set) var bytesBefore = 0
    /// The largest the window has been, in bytes (the memory-bound test reads it).
    private(set) var peakBytes: Int

    /// A window's size unless one item needs more.
    static let blockBytes = 4 << 20
    /// The longest item (a header, a `$comment`, a line) a window grows to hold.
    static let maximumBytes = 256 << 20

    /// Starts `fst2vcd` on `path` and reads the first window.
    init(path: String, tool: String, blockBytes: Int = ConverterWindow.blockBytes) throws {
        self.path = path
        capacity = max(64, blockBytes)
        peakBytes = capacity
        storage = .allocate(byteCount: capacity, alignment: 16)
        do {
            child = try ToolProcess.start(tool, ["-f", path])
        } catch {
            throw WaveError.converter(message: "\(path): cannot run \(tool): \(error.localizedDescription)")
        }
        try fill()
    }

    deinit {
        stop()
        storage.deallocate()
    }

    /// The converter's process id while it runs.
    var processIdentifier: Int32? { child?.processIdentifier }

    /// The parseable part of the window.
    var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: storage.assumingMemoryBound(to: UInt8.self), count: limit)
    }

    /// Whether the output so far contains `text` (the window holds all of it while it is short).
    func contains(_ text: String) -> Bool {
        let needle = Array(text.utf8)
        let held = UnsafeBufferPointer(start: storage.assumingMemoryBound(to: UInt8.self), count: count)
        guard needle.count <= held.count, let first = needle.first else { return false }
        var index = 0
        while index + needle.count <= held.count {
            if held[index] == first && held[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }

    /// Drops the first `consumed` bytes of the window (the parser has read them) and reads on;
    /// with nothing consumed the window grows instead, to hold an item longer than it.
    func advance(past consumed: Int) throws {
        guard !isAtEnd else { return }
        if consumed <= 0 {
            guard capacity < ConverterWindow.maximumBytes else {
                stop()
                throw WaveError.converter(message: "\(path): fst2vcd wrote an item (a header, a comment or a value) longer than \(ConverterWindow.maximumBytes >> 20) MiB")
            }
            let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
            grown.copyMemory(from: storage, byteCount: count)
            storage.deallocate()
            storage = grown
            capacity *= 2
            peakBytes = max(peakBytes, capacity)
        } else {
            let dropped = min(consumed, count)
            linesBefore += ConverterWindow.newlines(in: UnsafeRawBufferPointer(start: storage, count: dropped))
            bytesBefore += dropped
            (storage + 0).copyMemory(from: storage + dropped, byteCount: count - dropped)
            count -= dropped
        }
        try fill()
    }

    /// Kills `fst2vcd` if it still runs (the reader stopped early) and reaps it.
    func stop() {
        child?.stop()
        child = nil
    }

    /// Reads until the window is full or the output ends; at the end, a converter that failed
    /// or crashed is the error (the output it left is partial).
    private func fill() throws {
        guard let child else { return }
        while count < capacity {
            let read: Int
            do { read = try child.read(into: storage + count, count: capacity - count) } catch {
                stop()
                throw WaveError.converter(message: "\(path): cannot read fst2vcd's output: \(error.localizedDescription)")
            }
            if read == 0 {
                isAtEnd = true
                break
            }
            count += read
        }
        if isAtEnd {
            let result = child.finish()
            self.child = nil
            if let failure = FSTConverter.failure(of: "fst2vcd", result) {
                throw WaveError.converter(message: "\(path): \(failure)")
            }
            limit = count
        } else {
            let bytes = storage.assumingMemoryBound(to: UInt8.self)
            var end = count
            while end > 0 && bytes[end - 1] > 32 { end -= 1 }
            limit = end
        }
    }

    /// Newline bytes in `bytes`, eight at a time (what the dropped part of a window adds to the
    /// line count of messages).
    static func newlines(in bytes: UnsafeRawBufferPointer) -> Int {
        var total = 0
        var index = 0
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                // Bytes equal to 0x0A become 0x80 in their lane, others 0 (no carry across lanes).
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
                let low7 = (word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F
                let zero = ~(low7 | word | 0x7F7F_7F7F_7F7F_7F7F)
                // One bit a lane, summed into the top byte by one multiply (no popcount needed).
                total &+= Int(((zero >> 7) &* 0x0101_0101_0101_0101) >> 56)
                index &+= 8
            }
        }
        while index < bytes.count {
            if bytes[index] == 10 { total &+= 1 }
            index &+= 1
        }
        return total
    }
}
