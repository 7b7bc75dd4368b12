import SerranoSupport
import Foundation
import GoldenModel

/// Writes a regression report as JUnit XML (`testsuites` › `testsuite` › `testcase` ›
/// `failure`), the format CI systems read. Each failure's message carries the seed and the
/// command that replays the case; the case's time is its own wall time.
public enum JUnitXML {
    /// The whole document.
    public static func document(for report: RegressionReport) -> String {
        let failures = report.failures.count
        let suiteName = "serrano verify \(report.backend)"
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"serrano verify\" tests=\"\(report.results.count)\" failures=\"\(failures)\" errors=\"0\" "
            + "time=\"\(seconds(report.seconds))\">\n"
        xml += "  <testsuite name=\"\(attribute(suiteName))\" tests=\"\(report.results.count)\" failures=\"\(failures)\" "
            + "errors=\"0\" skipped=\"0\" time=\"\(seconds(report.seconds))\">\n"
        xml += "    <properties>\n"
        let properties = [("seed", "\(report.seed)"), ("backend", report.backend), ("selection", report.selection.description)]
        for (name, value) in properties {
            xml += "      <property name=\"\(attribute(name))\" value=\"\(attribute(value))\"/>\n"
        }
        xml += "    </properties>\n"
        for result in report.results {
            let opening = "    <testcase classname=\"\(attribute("verify.\(report.backend).\(result.kind)"))\" "
                + "name=\"\(attribute("case \(result.index): \(result.summary)"))\" time=\"\(seconds(result.seconds))\""
            guard let message = result.failureMessage else {
                xml += opening + "/>\n"
                continue
            }
            let replay = report.replayCommand(for: result.index)
            let type: String
            if case .error = result.outcome { type = "error" } else { type = "mismatch" }
            let summary = "\(message) (seed \(report.seed); replay: \(replay))"
            xml += opening + ">\n"
            xml += "      <failure type=\"\(type)\" message=\"\(attribute(summary))\">"
            xml += text("case \(result.index) of seed \(report.seed): \(result.summary)\n\(message)\nreplay: \(replay)\n")
            xml += "</failure>\n"
            xml += "    </testcase>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    /// Escapes character data: `&`, `<`, `>`; characters XML 1.0 cannot carry become U+FFFD.
    public static func text(_ value: String) -> String {
        escape(value, attribute: false)
    }

    /// Escapes an attribute value (double-quoted): also quotes, and tab/newline/return as
    /// character references so parsers do not normalize them to spaces.
    public static func attribute(_ value: String) -> String {
        escape(value, attribute: true)
    }

    private static func escape(_ value: String, attribute: Bool) -> String {
        XMLText.escape(value, attribute: attribute)
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.6f", value) }
}
