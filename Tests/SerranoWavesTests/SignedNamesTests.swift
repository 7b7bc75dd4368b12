import Foundation
import SerranoWaves
import Testing

/// `wave diff --signed-from <Top>.signed.json`: the design's signed signals in decimal, in the
/// text report and in the HTML picture; other signals in hex.
@Suite("Signed signals from a design")
struct SignedNamesTests {
    static func file(_ value: String, _ source: String) throws -> Waveform {
        try VCDReader.parse(text: """
            $scope module TOP $end
            $scope module top $end
            $var wire 8 ! acc $end
            $var wire 8 " raw $end
            $upscope $end
            $upscope $end
            $enddefinitions $end
            #0
            b00000000 !
            b00000000 "
            #10
            b\(value) !
            b\(value) "

            """, source: source)
    }

    static func signedFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-signed-\(UUID().uuidString).json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a listed path matches under any hierarchy prefix and prints in decimal, in text and picture")
    func decimalInTextAndPicture() throws {
        let path = try Self.signedFile("[\n  \"top.acc\"\n]\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = DiffOptions()
        options.signed = try SignedNames.globs(contentsOf: path)
        let result = try WaveDiff.compare(actual: try Self.file("11111110", "a.vcd"), expected: try Self.file("00000011", "e.vcd"), options: options)
        #expect(result.signedSignals == ["TOP.top.acc"])
        let report = DiffReport.text(result)
        #expect(report.contains("TOP.top.acc   expected 3    actual -2"), "\(report)")
        #expect(report.contains("TOP.top.raw   expected 0x03   actual 0xfe"), "\(report)")
        let html = DiffPicture.html(result, reportText: report)
        #expect(html.contains(">-2<"), "the picture shows the signed value in decimal")
        #expect(html.contains(">0xfe<"), "the unsigned one in hex")
    }

    @Test("a signed-signals file that is not a JSON array of paths is an error naming the file")
    func badFile() throws {
        for text in ["{\"top.acc\": 1}", "[1]", "[\"top.*\"]", "not json"] {
            let path = try Self.signedFile(text)
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(throws: WaveError.self) { try SignedNames.globs(contentsOf: path) }
        }
        #expect(throws: WaveError.io(path: "/nonexistent/x.signed.json", message: "cannot read the signed-signals file")) {
            try SignedNames.globs(contentsOf: "/nonexistent/x.signed.json")
        }
    }
}
