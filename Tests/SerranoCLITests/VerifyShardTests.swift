import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `serrano verify --shard K/N`: the shards of a run, each in its own process, run exactly the
/// cases of the unsharded run — each once, with the same outcome — as their JUnit XML shows
/// when read back with Foundation's XML parser.
@Suite struct VerifyShardTests {
    /// The `testcase` names and whether each failed, from a JUnit file.
    final class TestCases: NSObject, XMLParserDelegate {
        var names: [String] = []
        var failures = 0
        var suites = 0

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "testcase": names.append(attributes["name"] ?? "")
            case "failure": failures += 1
            case "testsuite": suites += 1
            default: break
            }
        }
    }

    static func cases(in path: URL) throws -> TestCases {
        let data = try Data(contentsOf: path)
        let parser = XMLParser(data: data)
        let collector = TestCases()
        parser.delegate = collector
        #expect(parser.parse(), "\(path.lastPathComponent) is not well-formed XML: \(String(describing: parser.parserError))")
        #expect(collector.suites == 1)
        return collector
    }

    @Test func threeShardsRunExactlyTheUnshardedCases() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-shards-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let common = ["verify", "--seed", "4242", "--cases", "61", "--jobs", "2"]
        let whole = folder.appendingPathComponent("whole.xml")
        let run = try CLI.run(common + ["--junit", whole.path])
        #expect(run.status == 0, "\(run)")
        let unsharded = try Self.cases(in: whole)
        #expect(unsharded.names.count == 61)

        var sharded: [String] = []
        for shard in 1...3 {
            let file = folder.appendingPathComponent("shard\(shard).xml")
            let run = try CLI.run(common + ["--shard", "\(shard)/3", "--junit", file.path])
            #expect(run.status == 0, "\(run)")
            let cases = try Self.cases(in: file)
            #expect(cases.names.count == [21, 20, 20][shard - 1], "shard \(shard)/3")
            #expect(cases.failures == 0)
            sharded += cases.names
        }
        #expect(Set(sharded).count == sharded.count, "a case ran in two shards")
        #expect(sharded.sorted() == unsharded.names.sorted(), "the shards ran other cases than the unsharded run")
    }

    /// The golden model has no cover points: `--coverage` on it is a usage error.
    @Test func coverageNeedsAChipBackend() throws {
        let run = try CLI.run(["verify", "--cases", "2", "--seed", "1", "--coverage"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("--coverage needs --backend rtl or interpreter"), "\(run)")
    }
}
