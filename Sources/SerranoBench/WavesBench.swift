import Foundation
import SerranoSupport
import SerranoWaves

/// `serrano-bench waves`: writes a ≈50 MB VCD (and a copy with one injected difference), then
/// measures reading, `wave diff` end to end, and the FST route through gtkwave's converters;
/// then `wave diff` of a 1 GB pair in a child process (seconds and peak memory).
func runWavesBench() throws {
    if let pair = ProcessInfo.processInfo.environment["SERRANO_BENCH_WAVE_DIFF"] {
        try measureDiff(pair)
        return
    }
    try runSmallWavesBench()
    try runLargeWavesDiff()
}

private func runSmallWavesBench() throws {
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

    let options = try benchDiffOptions()
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

/// The options every bench diff uses: cycles of the bench clock.
private func benchDiffOptions() throws -> DiffOptions {
    try DiffOptions(parsingClock: "bench.clk", valid: nil, ready: nil, signals: [], map: [],
                    from: nil, to: nil, strictX: false, maxListed: 10)
}

/// `wave diff` of two ≈1 GB VCDs (`SERRANO_BENCH_WAVES_BYTES` to change the size), generated
/// once into `.build/serrano-bench-waves` and kept there: seconds and peak resident memory of a
/// child process that does what `serrano wave diff` does (stream both files, the report, the
/// picture).
private func runLargeWavesDiff() throws {
    let targetBytes = ProcessInfo.processInfo.environment["SERRANO_BENCH_WAVES_BYTES"].flatMap(Int.init) ?? 1_000_000_000
    let directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        .appendingPathComponent(".build/serrano-bench-waves")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let actualPath = directory.appendingPathComponent("actual-\(targetBytes).vcd").path
    let expectedPath = directory.appendingPathComponent("expected-\(targetBytes).vcd").path
    let cyclesPath = directory.appendingPathComponent("cycles-\(targetBytes).txt").path
    var cycles = (try? String(contentsOfFile: cyclesPath, encoding: .utf8)).flatMap { Int($0) }
    let fileManager = FileManager.default
    if cycles == nil || !fileManager.fileExists(atPath: actualPath) || !fileManager.fileExists(atPath: expectedPath) {
        let start = Date()
        let (written, _) = try writeBenchTrace(to: actualPath, targetBytes: targetBytes, cycles: nil, injectAt: nil)
        _ = try writeBenchTrace(to: expectedPath, targetBytes: targetBytes, cycles: written, injectAt: written * 9 / 10)
        try "\(written)".write(toFile: cyclesPath, atomically: true, encoding: .utf8)
        print(String(format: "write    two %.0f MB VCDs: %.1f s, kept in ", Double(targetBytes) / 1e6, Date().timeIntervalSince(start))
              + directory.path + " for the next run")
        cycles = written
    }
    // The size of what a link (a pair shared with another checkout) points at.
    let bytes = ((try? fileManager.attributesOfItem(atPath: (actualPath as NSString).resolvingSymlinksInPath)[.size]) as? NSNumber)?.intValue ?? 0
    let injected = (cycles ?? 0) * 9 / 10 + 1
    // The streamed diff, then for comparison the whole-file route it replaced (both files read
    // into memory at once, then compared), each in a fresh process.
    for (route, label) in [("stream", "streamed, a reader thread each"), ("whole", "whole files in memory, for comparison")] {
        let line = try childDiff(actualPath, expectedPath, route: route)
        print(String(format: "diff     two %.0f MB files (", Double(bytes) / 1e6) + label
              + String(format: "), %d cycles: ", cycles ?? 0) + line + "; injected at cycle \(injected)")
    }
    // The same pair as FST (made once by vcd2fst and kept), streamed through fst2vcd's pipe.
    let fstPaths = [actualPath, expectedPath].map { ($0 as NSString).deletingPathExtension + ".fst" }
    do {
        var convertSeconds: Double?
        if !fstPaths.allSatisfy({ fileManager.fileExists(atPath: $0) }) {
            let start = Date()
            // One conversion per core; each writes a temporary name first, so a killed run leaves no partial FST.
            _ = try parallelMap(count: 2) { index in
                let partial = fstPaths[index] + ".partial.fst"
                try FSTConverter.writeFST(fromVCD: [actualPath, expectedPath][index], to: partial)
                try fileManager.moveItem(atPath: partial, toPath: fstPaths[index])
            }
            convertSeconds = Date().timeIntervalSince(start)
        }
        let fstBytes = ((try? fileManager.attributesOfItem(atPath: fstPaths[0])[.size]) as? NSNumber)?.intValue ?? 0
        let line = try childDiff(fstPaths[0], fstPaths[1], route: "stream")
        print(String(format: "diff     two %.0f MB FSTs (the %.0f MB VCDs through vcd2fst", Double(fstBytes) / 1e6, Double(bytes) / 1e6)
              + (convertSeconds.map { String(format: ", %.1f s for both", $0) } ?? ", kept from an earlier run")
              + "; fst2vcd's output streamed): " + line + "; injected at cycle \(injected)")
    } catch let error as WaveError {
        print("diff     FST pair skipped: \(error)")
    }
}

/// One `wave diff` in a fresh child process: its figures line.
private func childDiff(_ actualPath: String, _ expectedPath: String, route: String) throws -> Substring {
    let environment = ProcessInfo.processInfo.environment.merging(
        ["SERRANO_BENCH_WAVE_DIFF": actualPath + "\n" + expectedPath, "SERRANO_BENCH_WAVE_ROUTE": route]) { $1 }
    let child = try ToolProcess.capture(CommandLine.arguments[0], ["waves"], environment: environment)
    let output = String(decoding: child.standardOutput, as: UTF8.self)
    guard child.status == 0, let line = output.split(separator: "\n").last(where: { $0.hasPrefix("diff ") }) else {
        throw WaveError.misuse("the large diff's child failed (exit \(child.status)): \(String(decoding: child.standardError, as: UTF8.self))")
    }
    return line.dropFirst(5)
}

/// The child's side: one `wave diff` with its report and picture, then its time and peak memory.
private func measureDiff(_ pair: String) throws {
    let paths = pair.split(separator: "\n").map(String.init)
    guard paths.count == 2 else { throw WaveError.misuse("SERRANO_BENCH_WAVE_DIFF needs two paths") }
    let start = Date()
    let options = try benchDiffOptions()
    let result: DiffResult
    if ProcessInfo.processInfo.environment["SERRANO_BENCH_WAVE_ROUTE"] == "whole" {
        // Both whole files, read one per core (the route `wave diff` took before it streamed).
        let loaded = try parallelMap(count: 2) { try WaveFile.read(paths[$0]) }
        result = try WaveDiff.compare(actual: loaded[0], expected: loaded[1], options: options)
    } else {
        result = try WaveDiff.run(actual: paths[0], expected: paths[1], options: options)
    }
    let report = DiffReport.text(result)
    let html = DiffPicture.html(result, reportText: report)
    let seconds = Date().timeIntervalSince(start)
    var usage = rusage()
    var converters = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    getrusage(RUSAGE_CHILDREN.rawValue, &converters)
    #else
    getrusage(RUSAGE_SELF, &usage)
    getrusage(RUSAGE_CHILDREN, &converters)
    #endif
    func cpuSeconds(_ usage: rusage) -> Double {
        Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
    // fst2vcd runs as this process's children: their CPU and the largest one's peak (ru_maxrss is in KiB).
    let convertersNote = converters.ru_maxrss > 0
        ? String(format: " (+ fst2vcd: %.1f s CPU, peak RSS %.0f MiB each)", cpuSeconds(converters), Double(converters.ru_maxrss) / 1024) : ""
    print(String(format: "diff %.2f s, peak RSS %.0f MiB, %.1f s CPU", seconds, Double(peakResidentBytes()) / 1_048_576, cpuSeconds(usage))
          + convertersNote
          + String(format: "; first divergence at cycle %d, %d diverging, report %d bytes, picture %d bytes",
                   result.divergences.first?.index ?? -1, result.divergingSampleCount, report.utf8.count, html.utf8.count))
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
