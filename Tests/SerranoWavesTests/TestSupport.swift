import Foundation
@testable import SerranoWaves

/// A fixture file's path, found next to this source file (the package declares no resources).
func fixture(_ name: String, file: StaticString = #filePath) -> String {
    URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
}

/// A fresh directory per test (tests run in parallel).
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-waves-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The value of a named variable at a time, as text (`0x05`, `x`, `1.5`).
func valueText(_ waveform: Waveform, _ name: String, at ticks: UInt64) -> String? {
    waveform.variable(named: name).map { waveform.value(of: $0, at: ticks).description }
}

