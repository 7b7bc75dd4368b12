import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import GoldenModel
@testable import SerranoVerify

/// Collects what an XML parser sees: element names in order and each element's attributes.
private final class ElementCollector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var text = ""
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) {
        elements.append((name, attributes))
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    /// Parses `xml`; nil when it is not well-formed.
    static func parse(_ xml: String) -> ElementCollector? {
        let collector = ElementCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        return parser.parse() ? collector : nil
    }

    func all(_ name: String) -> [[String: String]] { elements.filter { $0.name == name }.map(\.attributes) }
}

@Suite struct JUnitXMLTests {
    static let awkward = "a<b & c>\"d\" 'e'\ttab\nline\u{1}bell"

    static func report(_ results: [RegressionCaseResult]) -> RegressionReport {
        RegressionReport(seed: 77, backend: "golden", selection: .cases(3, shard: .all), results: results, seconds: 1.5)
    }

    @Test func escapesMarkupQuotesAndCharactersXMLCannotCarry() {
        #expect(JUnitXML.text("1 < 2 && 3 > 2") == "1 &lt; 2 &amp;&amp; 3 &gt; 2")
        #expect(JUnitXML.attribute("say \"hi\" 'there'\n") == "say &quot;hi&quot; &apos;there&apos;&#10;")
        #expect(JUnitXML.text("nul\u{0}esc\u{1B}ok\u{FFFE}") == "nul\u{FFFD}esc\u{FFFD}ok\u{FFFD}")
        #expect(JUnitXML.text("é ⊛ 😀") == "é ⊛ 😀")
    }

    @Test func documentIsWellFormedAndRoundTripsAwkwardNames() throws {
        let results = [
            RegressionCaseResult(index: 0, kind: "gemm", configuration: "tiny", summary: "gemm 2×3·3×4", macs: 24,
                                 seconds: 0.25, outcome: .passed),
            RegressionCaseResult(index: 1, kind: "conv2d", configuration: "3x5", summary: Self.awkward, macs: 10,
                                 seconds: 0.5, outcome: .mismatch("expected <1> & got \"2\"")),
            RegressionCaseResult(index: 2, kind: "fc", configuration: "7x1", summary: "fc", macs: 5, seconds: 0.125,
                                 outcome: .error("deadlock: load waits")),
        ]
        let xml = JUnitXML.document(for: Self.report(results))
        let parsed = try #require(ElementCollector.parse(xml), "not well-formed:\n\(xml)")
        #expect(parsed.elements.map(\.name) == [
            "testsuites", "testsuite", "properties", "property", "property", "property",
            "testcase", "testcase", "failure", "testcase", "failure",
        ])
        let suite = try #require(parsed.all("testsuite").first)
        #expect(suite["tests"] == "3" && suite["failures"] == "2" && suite["time"] == "1.500000")
        #expect(parsed.all("property").contains { $0["name"] == "seed" && $0["value"] == "77" })
        let cases = parsed.all("testcase")
        #expect(cases.map { $0["classname"] } == ["verify.golden.gemm", "verify.golden.conv2d", "verify.golden.fc"])
        #expect(cases.map { $0["time"] } == ["0.250000", "0.500000", "0.125000"])
        // The name survives escaping exactly, except the control character XML 1.0 forbids.
        #expect(cases[1]["name"] == "case 1: " + Self.awkward.replacingOccurrences(of: "\u{1}", with: "\u{FFFD}"))
        let failures = parsed.all("failure")
        #expect(failures.map { $0["type"] } == ["mismatch", "error"])
        #expect(failures[0]["message"] == "expected <1> & got \"2\" (seed 77; replay: serrano verify --seed 77 --case 1)")
        #expect(failures[1]["message"]?.hasSuffix("replay: serrano verify --seed 77 --case 2)") == true)
        #expect(parsed.text.contains("replay: serrano verify --seed 77 --case 1\n"))
    }

    /// A run of `--rtl DIR --config X` replays only with the same flags: the summary and the
    /// JUnit both carry them (the summary once printed the bare command).
    @Test func replayCommandsCarryTheRunsFlags() throws {
        var report = Self.report([RegressionCaseResult(index: 4, kind: "gemm", configuration: "tiny", summary: "gemm", macs: 1,
                                                       seconds: 0.1, outcome: .error("hang"))])
        report.replayFlags = " --rtl .build/gate-level/tiny --no-back-pressure"
        let command = "serrano verify --seed 77 --case 4 --rtl .build/gate-level/tiny --no-back-pressure"
        #expect(report.replayCommand(for: 4) == command)
        #expect(report.summaryLines().first?.hasSuffix("replay: " + command) == true)
        let parsed = try #require(ElementCollector.parse(JUnitXML.document(for: report)))
        #expect(parsed.all("failure").first?["message"] == "error: hang (seed 77; replay: \(command))")
    }

    @Test func aRealRunWithAFailureProducesParsableJUnit() throws {
        struct ZeroingBackend: RegressionBackend {
            var name: String { "zeroing" }
            func execute(_ compiled: CompiledProgram, config: AcceleratorConfig) throws -> [UInt8] {
                var dram = try GoldenBackend().execute(compiled, config: config)
                let output = compiled.layout.output
                // A stuck-at-zero output row: caught unless the true first row is all zeros.
                for byte in output.offset..<(output.offset + output.rowStride) { dram[byte] = 0 }
                return dram
            }
        }
        let report = RegressionRunner(seed: 5, backend: ZeroingBackend()).run(.cases(8, shard: .all), jobs: 2)
        #expect(report.failures.count >= 6)
        let parsed = try #require(ElementCollector.parse(JUnitXML.document(for: report)))
        #expect(parsed.all("testcase").count == 8)
        #expect(parsed.all("failure").count == report.failures.count)
        for (failure, result) in zip(parsed.all("failure"), report.failures) {
            #expect(failure["message"]?.hasSuffix("(seed 5; replay: serrano verify --seed 5 --case \(result.index) --backend zeroing)") == true)
        }
    }
}
