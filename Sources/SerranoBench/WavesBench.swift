import Foundation
import SerranoWaves

/// `serrano-bench waves`: writes a ≈50 MB VCD (and a copy with one injected difference), then
/// measures reading, `wave diff` end to end, and the FST route through gtkwave's converters.
func runWavesBench() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-waves-bench-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let actualPath = directory.appendingPathComponent("actual.vcd").path
    let expectedPath = directory.appendingPathComponent("expected.vcd").path
    let targetBytes = 50_000_000

    var start = Date()
    let (cycles, bytes) = try writeBenchTrace(to: actualPath, targetBytes: targetBytes, cycles: nil, injectAt: nil)
    let writeSeconds = Date().timeIntervalSince(start)
    let injected = cycles * 9 / 10
    _ = try writeBenchTrace(to: expectedPath, targetBytes: targetBytes, cycles: cycles, injectAt: injected)
    let megabytes = Double(bytes) / 1e6
    print(String(format: "write    %.1f MB VCD, %d cycles, %d signals: %.2f s (%.0f MB/s)",
                 megabytes, cycles, benchWidths.count + 1, writeSeconds, megabytes / writeSeconds))

    // The best of three: the first read after writing also pays for the page cache settling.
    var parseSeconds = Double.infinity
    var waveform = try VCDReader.read(path: actualPath, selecting: { _ in false })
    for _ in 0..<3 {
        start = Date()
        waveform = try VCDReader.read(path: actualPath)
        parseSeconds = min(parseSeconds, Date().timeIntervalSince(start))
    }
    let changes = waveform.valueChangeCount
    print(String(format: "parse    %.1f MB, all %d signals: %.2f s (%.0f MB/s, %.1f M value changes/s, %d changes)",
                 megabytes, waveform.variables.count, parseSeconds, megabytes / parseSeconds,
                 Double(changes) / parseSeconds / 1e6, changes))

    let options = try DiffOptions(parsingClock: "bench.clk", valid: nil, ready: nil, signals: [], map: [],
                                  from: nil, to: nil, strictX: false, maxListed: 10)
    start = Date()
    let result = try WaveDiff.run(actual: actualPath, expected: expectedPath, options: options)
    let diffSeconds = Date().timeIntervalSince(start)
    let found = result.divergences.first?.index ?? -1
    print(String(format: "diff     two %.1f MB files (read concurrently), %d signals × %d cycles: %.2f s (%.1f M value changes/s); first divergence at cycle %d (injected %d)",
                 megabytes, result.signals.count, result.comparedSampleCount, diffSeconds,
                 Double(2 * changes) / diffSeconds / 1e6, found, injected + 1))
    guard found == injected + 1 else { throw WaveError.misuse("diff found cycle \(found), injected \(injected + 1)") }

    start = Date()
    let single = try VCDReader.read(path: actualPath, selecting: { $0 == "bench.clk" || $0.hasPrefix("bench.u0.") })
    let selectiveSeconds = Date().timeIntervalSince(start)
    print(String(format: "parse    %.1f MB keeping %d of %d traces: %.2f s", megabytes,
                 single.isLoaded.filter { $0 }.count, single.traces.count, selectiveSeconds))

    let fstPath = directory.appendingPathComponent("actual.fst").path
    do {
        start = Date()
        try FSTConverter.writeFST(fromVCD: actualPath, to: fstPath)
        let toFST = Date().timeIntervalSince(start)
        let fstBytes = (try FileManager.default.attributesOfItem(atPath: fstPath)[.size] as? NSNumber)?.intValue ?? 0
        start = Date()
        let fromFST = try WaveFile.read(fstPath)
        let readFST = Date().timeIntervalSince(start)
        start = Date()
        let mixed = try WaveDiff.run(actual: fstPath, expected: expectedPath, options: options)
        let mixedSeconds = Date().timeIntervalSince(start)
        print(String(format: "fst      vcd2fst %.2f s (%.1f MB → %.1f MB, %.1f× smaller); read FST (fst2vcd + parse) %.2f s, %d changes",
                     toFST, megabytes, Double(fstBytes) / 1e6, Double(bytes) / Double(max(1, fstBytes)), readFST,
                     fromFST.valueChangeCount))
        print(String(format: "fst      diff FST against VCD: %.2f s; first divergence at cycle %d",
                     mixedSeconds, mixed.divergences.first?.index ?? -1))
    } catch let error as WaveError {
        print("fst      skipped: \(error)")
    }
}

/// Signal widths of the generated design besides the clock: control bits, bytes, words, wide buses.
private let benchWidths: [Int] = Array(repeating: 1, count: 40) + Array(repeating: 8, count: 80)
    + Array(repeating: 32, count: 60) + Array(repeating: 64, count: 16) + Array(repeating: 128, count: 4)

/// Writes the bench trace: each signal changes on a rising edge with probability ≈ 3/8, from a
/// fixed seed, so two calls write identical files except at `injectAt`. Stops at `cycles`, or
/// when the file reaches `targetBytes`. Returns the cycles and bytes written.
private func writeBenchTrace(to path: String, targetBytes: Int, cycles: Int?, injectAt: Int?) throws -> (Int, Int) {
    let writer = try VCDWriter(path: path, timescale: .picosecond, comment: "serrano-bench waves")
    let clock = try writer.declare("bench.clk", width: 1)
    let signals = try benchWidths.enumerated().map { index, width in
        try writer.declare("bench.u\(index % 8).s\(index)", width: width, kind: width == 1 ? .wire : .reg)
    }
    var state: UInt64 = 0x5EED_1234
    func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state ^ (state >> 29)
    }
    var cycle = 0
    try writer.change(clock, 0)
    while cycles.map({ cycle < $0 }) ?? (writer.byteCount < targetBytes) {
        try writer.advance(to: UInt64(cycle) * 1000 + 500)
        try writer.change(clock, 1)
        for (index, width) in benchWidths.enumerated() {
            // Draw every number whether or not it is used, so both files see the same stream.
            let roll = next()
            var value = next()
            let upper = next()
            let isInjected = cycle == injectAt && index == 50
            guard roll & 7 < 3 || isInjected else { continue }
            if isInjected { value = ~value }
            if width <= 64 {
                try writer.change(signals[index], value & (width == 64 ? ~0 : (UInt64(1) << UInt64(width)) - 1))
            } else {
                try writer.change(signals[index], words: [value, upper])
            }
        }
        try writer.advance(to: UInt64(cycle + 1) * 1000)
        try writer.change(clock, 0)
        cycle += 1
    }
    try writer.finish()
    return (cycle, writer.byteCount)
}
