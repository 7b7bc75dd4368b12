import Foundation
import Testing

/// From `serrano generate` to `serrano wave diff --signed-from`: a design's signed signals are
/// shown in decimal, its others in hex.
@Suite("CLI: wave diff --signed-from")
struct WaveSignedTests {
    /// A trace of the example's `activation` port (signed) and an unlisted signal, `value` at 10.
    static func vcd(_ value: String) -> String {
        let scopes = ["$scope module TOP $end", "$scope module ProcessingElement_accWidth32 $end"]
        let variables = ["$var wire 8 ! activation $end", "$var wire 8 \" valid_bits $end"]
        let changes = ["#0", "b0 !", "b0 \"", "#10", "b\(value) !", "b\(value) \""]
        return (scopes + variables + ["$upscope $end", "$upscope $end", "$enddefinitions $end"] + changes).joined(separator: "\n") + "\n"
    }

    @Test("the generated signed file makes a signed port decimal; an unlisted signal stays hex")
    func generatedFileDrivesDecimal() throws {
        let folder = try CLI.scratch("wave-signed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let generate = try CLI.run(["generate", "--example", "pe", "--out", folder.path])
        #expect(generate.status == 0, "\(generate)")
        let signed = folder.appendingPathComponent("pe/ProcessingElement_accWidth32.signed.json").path
        let listed = try String(contentsOfFile: signed, encoding: .utf8)
        #expect(listed.contains("\"ProcessingElement_accWidth32.activation\""))
        try Self.vcd("11111110").write(to: folder.appendingPathComponent("a.vcd"), atomically: true, encoding: .utf8)
        try Self.vcd("00000011").write(to: folder.appendingPathComponent("e.vcd"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["wave", "diff", "a.vcd", "e.vcd", "--signed-from", signed], in: folder)
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.contains("TOP.ProcessingElement_accWidth32.activation   expected 3    actual -2"), "\(run)")
        #expect(run.stdout.contains("actual 0xfe"), "\(run)")
        let plain = try CLI.run(["wave", "diff", "a.vcd", "e.vcd"], in: folder)
        #expect(!plain.stdout.contains("-2"), "\(plain)")
    }

    @Test("a --signed-from that is missing, a folder or not a list is one sentence, exit 2")
    func badSignedFile() throws {
        let folder = try CLI.scratch("wave-signed-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.vcd("00000011").write(to: folder.appendingPathComponent("e.vcd"), atomically: true, encoding: .utf8)
        try "{}".write(to: folder.appendingPathComponent("object.json"), atomically: true, encoding: .utf8)
        for bad in ["missing.json", ".", "object.json"] {
            let run = try CLI.run(["wave", "diff", "e.vcd", "e.vcd", "--signed-from", bad], in: folder)
            CLI.expectUsageError(run, mentions: [bad])
        }
    }
}
