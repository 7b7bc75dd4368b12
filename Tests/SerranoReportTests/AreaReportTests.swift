import SerranoReport
import SerranoVerilog
import Testing

@Suite struct AreaReportTests {
    @Test("flip-flop weights add a reset and an enable; gates have fixed weights; unknown types are listed")
    func weights() {
        #expect(AreaReport.weight(of: "$_NAND_") == 1)
        #expect(AreaReport.weight(of: "$_DFF_P_") == 5.67)
        #expect(AreaReport.weight(of: "$_DFFE_PP_") == 5.67 + 2.33)
        #expect(AreaReport.weight(of: "$_SDFF_PP0_") == 5.67 + 1.33)
        #expect(AreaReport.weight(of: "$_SDFFE_PP0P_") == 5.67 + 1.33 + 2.33)
        #expect(AreaReport.weight(of: "$_DFF_PN0_") == 5.67 + 1.33)
        #expect(AreaReport.weight(of: "$_FANCY_") == nil)
    }
}

@Suite struct SynthesisAreaParsingTests {
    static let statistics = """
        === Leaf ===

           Number of wires:                 10
           Number of cells:                  3
             $_AND_                          2
             $_DFF_P_                        1

        === Middle ===

           Number of cells:                  6
             $_XOR_                          1
             Leaf                            4
             serrano_sram_1r1w_d64_w32       1

        === Top ===

           Number of cells:                  3
             $_NOT_                          1
             Middle                          2

        === design hierarchy ===

           Top                               1
             Middle                          2
           Number of cells:                 26
             $_AND_                         16
        """

    @Test("instances multiply down the hierarchy; SRAM black boxes are macros with their bits")
    func hierarchy() throws {
        let paths = "Longest topological path in Leaf (length=2):\nLongest topological path in Top (length=-1):\n"
        let area = try SynthesisArea.parse(statistics: Self.statistics, longestPaths: paths, top: "Top", seconds: 0)
        #expect(area.modules.map(\.name) == ["Leaf", "Middle", "Top"])
        #expect(area.instances["Leaf"] == 8 && area.instances["Middle"] == 2 && area.instances["serrano_sram_1r1w_d64_w32"] == 2)
        #expect(area.modules.first { $0.name == "Top" }?.longestPath == 0)
        let report = AreaReport(area)
        #expect(report.totalCells == 8 * 3 + 2 * 1 + 1)
        #expect(report.totalFlipFlops == 8)
        #expect(abs(report.totalNAND2Equivalents - (8 * (2 * 1.33 + 5.67) + 2 * 2 + 0.67)) < 1e-9)
        #expect(report.macros.map(\.bits) == [64 * 32])
        #expect(report.sramBits == 2 * 64 * 32)
        #expect(report.longestPath == 2 && report.longestPathModule == "Leaf")
    }

    @Test("statistics without the top module are refused")
    func missingTop() {
        #expect(throws: SynthesisArea.Failure.self) {
            try SynthesisArea.parse(statistics: Self.statistics, longestPaths: "", top: "Other", seconds: 0)
        }
    }
}
