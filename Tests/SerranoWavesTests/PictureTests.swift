import Foundation
import Testing
@testable import SerranoWaves

@Suite("pictures and exports")
struct PictureTests {
    private func transactionDiff(strict: Bool = false) throws -> DiffResult {
        let options = try DiffOptions(parsingClock: "top.clk", valid: "top.out_valid", ready: "top.out_ready",
                                      signals: ["top.out_data", "top.out_valid"], map: ["top=gold"], from: nil, to: nil,
                                      strictX: strict, maxListed: 5)
        return try WaveDiff.run(actual: fixture("txn_actual.vcd"), expected: fixture("txn_expected_bad.vcd"), options: options)
    }

    @Test("the diff window centres on the first divergence and flags exactly the mismatching columns")
    func window() throws {
        let result = try transactionDiff()
        let window = try #require(result.window)
        #expect(window.indices == [0, 1, 2, 3])
        #expect(window.focusColumn == 2)
        #expect(window.rows.map(\.signal.actualName) == ["top.out_data", "top.out_valid"])
        let data = window.rows[0]
        #expect(data.mismatch == [false, false, true, false])
        #expect(data.actual.map { $0?.description } == ["0x11", "0x22", "0x33", "0x44"])
        #expect(data.expected.map { $0?.description } == ["0x11", "0x22", "0x35", "0x4x"])
        #expect(window.labels == ["0", "1", "2", "3"])
    }

    @Test("the SVG shows both traces per signal, highlights the mismatch, and needs no network")
    func svg() throws {
        let result = try transactionDiff()
        let svg = DiffPicture.chart(try #require(result.window), result: result).svg()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.components(separatedBy: ">actual</text>").count - 1 == 2)
        #expect(svg.components(separatedBy: ">expected</text>").count - 1 == 2)
        // One mismatching span: a red background and a red bar under each of its two lanes.
        #expect(svg.components(separatedBy: "fill=\"#f4a6a6\"").count - 1 == 2)
        #expect(svg.components(separatedBy: "fill=\"#d33\"").count - 1 == 2)
        #expect(svg.contains(">0x35</text>") && svg.contains(">0x33</text>"))
        #expect(svg.contains("top.out_data  ↔  gold.out_data"))
        // Nothing is fetched: the only URL is the SVG namespace.
        let urls = svg.components(separatedBy: "http").count - 1
        #expect(urls == 1)
        #expect(!svg.contains("<script") && !svg.contains("href"))
    }

    @Test("the HTML report embeds the text report and the picture, self-contained")
    func html() throws {
        let result = try transactionDiff()
        let page = DiffPicture.html(result, reportText: DiffReport.text(result))
        #expect(page.contains("<h1>serrano wave diff: 1 differing transaction</h1>"))
        #expect(page.contains("first divergence: transaction 2"))
        #expect(page.contains("<svg"))
        #expect(!page.contains("<script") && !page.contains("<link") && !page.contains("src="))
        #expect(page.components(separatedBy: "http").count - 1 == 1)
    }

    @Test("wave show draws one lane per signal on a time axis, values at the right places")
    func show() throws {
        let waveform = try WaveFile.read(fixture("txn_actual.vcd"))
        let variables = try WaveShow.resolve(["top.out_*"], in: waveform)
        #expect(variables.map(\.name) == ["top.out_valid", "top.out_ready", "top.out_data"])
        let window = try WaveShow.window(waveform, from: "25ns", to: "60ns")
        let chart = WaveShow.chart(waveform, variables: variables, window: window)
        let data = try #require(chart.groups.last?.lanes.first)
        #expect(data.segments.map { "\(Int($0.start))-\(Int($0.end)):\($0.value?.description ?? "-")" }
                == ["25-30:0xxx", "30-40:0x11", "40-50:0x22", "50-60:0xxx"])
        #expect(chart.ticks.map(\.label) == ["25 ns", "30 ns", "35 ns", "40 ns", "45 ns", "50 ns", "55 ns", "60 ns"])
        #expect(throws: WaveError.unknownSignal(name: "top.out_vld", file: fixture("txn_actual.vcd"), suggestions: ["top.out_valid"])) {
            try WaveShow.resolve(["top.out_vld"], in: waveform)
        }
        #expect(throws: WaveError.badOption("the window starts after the file ends (120 ns)")) {
            try WaveShow.window(waveform, from: "1us", to: nil)
        }
    }

    @Test("wave show and export write their files through WaveTool")
    func tool() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let svgPath = directory.appendingPathComponent("show.svg").path
        let shown = try WaveTool.show(file: fixture("txn_actual.vcd"), signals: ["top.clk", "top.out_data"], from: nil, to: "50ns", svgPath: svgPath)
        #expect(shown.output == "wrote \(svgPath): 2 signals, 0 ns – 50 ns\n")
        #expect(try String(contentsOfFile: svgPath, encoding: .utf8).contains(">top.out_data</text>"))
        let listing = try WaveTool.show(file: fixture("aliases.vcd"), signals: ["top.data"], from: "5", to: "15", svgPath: nil)
        #expect(listing.output == "5 ns            top.data  0x05\n15 ns           top.data  0xff\n")
    }

    @Test("WaveDrom export: one period per cycle with the clock as p, or one per timestamp")
    func waveDrom() throws {
        let waveform = try WaveFile.read(fixture("txn_actual.vcd"))
        let variables = try WaveShow.resolve(["top.clk", "top.out_valid", "top.out_data"], in: waveform)
        let cycles = try WaveDromExport.json(waveform, variables: variables, clock: "top.clk", window: 0...100)
        #expect(cycles == """
            {"signal": [
              {"name": "top.clk", "wave": "p........."},
              {"name": "top.out_valid", "wave": "0..1.0.1.."},
              {"name": "top.out_data", "wave": "x..==x.==.", "data": ["0x11", "0x22", "0x33", "0x44"]}
            ],
             "foot": {"text": "cycles of top.clk from 5 ns"}}

            """)
        let reals = try WaveFile.read(fixture("reals.vcd"))
        let timestamps = try WaveDromExport.json(reals, variables: reals.variables, clock: nil, window: 0...100)
        #expect(timestamps.contains("{\"name\": \"top.temperature\", \"wave\": \"====\", \"data\": [\"0.0\", \"1.5\", \"-2250.0\", \"3.125\"]}"))
        #expect(timestamps.contains("{\"name\": \"top.on\", \"wave\": \"01..\"}"))
        #expect(throws: WaveError.badOption("no rising edge of top.clk in the window")) {
            try WaveDromExport.json(waveform, variables: variables, clock: "top.clk", window: 0...4)
        }
    }
}
