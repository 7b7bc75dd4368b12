import Foundation
import Testing

/// `serrano report` refuses bad flags and files before it synthesizes or simulates anything.
@Suite struct ReportCommandTests {
    @Test("bad report flags are one sentence naming the flag, exit code 2", arguments: [
        (["report", "--suite", "huge"], "--suite"),
        (["report", "--config", "nonexistent"], "nonexistent"),
        (["report", "--sweep", "rows=4,8", "columns=4,8,16"], "pair up"),
        (["report", "--sweep", "depth=4"], "--sweep"),
        (["report", "--clock-mhz", "0"], "--clock-mhz"),
        (["report", "--scale", "-3"], "--scale"),
        (["report", "--energy-table", "/nonexistent/table.json"], "/nonexistent/table.json"),
        (["report", "--dram-bandwidth", "0"], "bandwidth"),
        (["report", "--sweep", "rows=4", "--dram-bandwidth", "8"], "--dram-bandwidth"),
        (["report", "--out", "/dev/null/report"], "--out"),
    ])
    func badFlags(arguments: [String], expected: String) throws {
        let run = try CLI.run(arguments)
        #expect(run.status == 2 && !run.signaled, "\(arguments): \(run)")
        #expect(run.stderr.hasPrefix("serrano report:") && run.stderr.contains(expected), "\(arguments): \(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(arguments): \(run.stderr)")
    }

    @Test("an energy table that is not one is refused with the file named")
    func badEnergyTable() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-energy-\(getpid()).json").path
        try "{\"technology\": 45}".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try CLI.run(["report", "--energy-table", path])
        #expect(run.status == 2 && run.stderr.contains(path), "\(run)")
    }
}
