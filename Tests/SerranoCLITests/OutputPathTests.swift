import Foundation
import Testing

/// Issue 9, "Output paths": every writer replaced whatever was at the path with a new regular
/// file (a symlink replaced, `/dev/null` turned into a file), reported success on a full disk
/// and overwrote its own input. All of them now go through `OutputFile`.
@Suite("CLI: output paths")
struct OutputPathTests {
    /// One command that writes one file: its arguments for an output path, the inputs it reads,
    /// and a marker its output contains.
    struct Writer: CustomStringConvertible, Sendable {
        let name: String
        let marker: String
        let arguments: @Sendable (_ out: String, _ inputs: Inputs) -> [String]
        /// The input a self-overwrite test points the output at (nil: the command reads no file).
        let input: (@Sendable (Inputs) -> String)?
        var description: String { name }
    }

    struct Inputs {
        let folder: URL
        let a: String, b: String, vcd: String
        init(_ label: String) throws {
            folder = try CLI.scratch(label)
            (a, b) = try Samples.operands(in: folder)
            vcd = try Samples.vcd(in: folder)
        }
    }

    static let writers: [Writer] = [
        Writer(name: "gemm --out", marker: "NUMPY", arguments: { ["gemm", "--a", $1.a, "--b", $1.b, "--out", $0] }, input: { $0.a }),
        Writer(name: "verify --junit", marker: "<testsuite",
               arguments: { out, _ in ["verify", "--cases", "2", "--jobs", "1", "--seed", "1", "--junit", out] }, input: nil),
        Writer(name: "wave show --svg", marker: "<svg", arguments: { ["wave", "show", $1.vcd, "--svg", $0] }, input: { $0.vcd }),
        Writer(name: "wave export --out", marker: "signal",
               arguments: { ["wave", "export", $1.vcd, "--wavedrom", "--out", $0] }, input: { $0.vcd }),
        Writer(name: "wave convert", marker: "$enddefinitions", arguments: { ["wave", "convert", $1.vcd, $0] }, input: { $0.vcd }),
        Writer(name: "wave diff --html", marker: "<html",
               arguments: { ["wave", "diff", $1.vcd, $1.vcd, "--html", $0] }, input: { $0.vcd }),
    ]

    @Test("a symlink is written through: the link stays, its target gets the output", arguments: writers)
    func throughSymlink(_ writer: Writer) throws {
        let inputs = try Inputs("symlink")
        defer { try? FileManager.default.removeItem(at: inputs.folder) }
        let target = inputs.folder.appendingPathComponent("real.out").path
        let link = inputs.folder.appendingPathComponent("link.out").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.out")
        let run = try CLI.run(writer.arguments(link, inputs), in: inputs.folder)
        #expect(run.status == 0 && !run.signaled, "\(run)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == "real.out", "the link must stay a link")
        let written = (try? String(contentsOfFile: target, encoding: .isoLatin1)) ?? ""
        #expect(written.contains(writer.marker), "the link's target holds the output: \(written.prefix(200))")
    }

    /// Device nodes the writers are pointed at. As root, private copies in the scratch folder
    /// (`mknod`), so a writer that replaces its output cannot damage the machine's `/dev`;
    /// otherwise the real ones (which an unprivileged process cannot replace).
    struct Devices {
        let null: String, full: String, stdout: String
        init(in folder: URL) throws {
            let privateNull = folder.appendingPathComponent("null").path
            let privateFull = folder.appendingPathComponent("full").path
            if geteuid() == 0, mknod(privateNull, S_IFCHR | 0o666, Devices.makedev(1, 3)) == 0,
               mknod(privateFull, S_IFCHR | 0o666, Devices.makedev(1, 7)) == 0 {
                (null, full) = (privateNull, privateFull)
            } else if geteuid() != 0 {
                (null, full) = ("/dev/null", "/dev/full")
            } else {
                throw NoPrivateDevices()  // never point a possibly faulty writer at the real /dev as root
            }
            stdout = folder.appendingPathComponent("stdout").path
            try FileManager.default.createSymbolicLink(atPath: stdout, withDestinationPath: "/proc/self/fd/1")
        }

        struct NoPrivateDevices: Error {}

        static func makedev(_ major: UInt32, _ minor: UInt32) -> dev_t { dev_t(major) << 8 | dev_t(minor) }
    }

    @Test("a device stays a device and a link to /proc/self/fd/1 (like /dev/stdout) receives the output", arguments: writers)
    func devices(_ writer: Writer) throws {
        let inputs = try Inputs("devices")
        defer { try? FileManager.default.removeItem(at: inputs.folder) }
        let devices = try Devices(in: inputs.folder)
        let null = try CLI.run(writer.arguments(devices.null, inputs), in: inputs.folder)
        #expect(null.status == 0 && !null.signaled, "\(null)")
        var info = stat()
        #expect(stat(devices.null, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "\(devices.null) must remain a device")
        let stdout = try CLI.run(writer.arguments(devices.stdout, inputs), in: inputs.folder)
        #expect(stdout.status == 0 && !stdout.signaled, "\(stdout)")
        #expect(stdout.stdout.contains(writer.marker), "\(stdout)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: devices.stdout)) == "/proc/self/fd/1")
    }

    @Test("a write error (a full disk: /dev/full) is exit 2 naming the path, not success", arguments: writers)
    func fullDisk(_ writer: Writer) throws {
        let inputs = try Inputs("full")
        defer { try? FileManager.default.removeItem(at: inputs.folder) }
        let devices = try Devices(in: inputs.folder)
        let run = try CLI.run(writer.arguments(devices.full, inputs), in: inputs.folder)
        CLI.expectUsageError(run, mentions: [devices.full, "No space left on device"])
        var info = stat()
        #expect(stat(devices.full, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "\(devices.full) must remain a device")
    }

    @Test("an output that is one of the command's inputs is refused and the input kept",
          arguments: writers.filter { $0.input != nil })
    func refusesToOverwriteAnInput(_ writer: Writer) throws {
        let inputs = try Inputs("self")
        defer { try? FileManager.default.removeItem(at: inputs.folder) }
        guard let input = writer.input?(inputs) else { return }
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        let run = try CLI.run(writer.arguments(input, inputs), in: inputs.folder)
        CLI.expectUsageError(run, mentions: [input, "input"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before, "the input must be untouched")
        // Through a symlink to the input, too.
        let link = inputs.folder.appendingPathComponent("alias.out").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: input)
        CLI.expectUsageError(try CLI.run(writer.arguments(link, inputs), in: inputs.folder), mentions: ["input"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
    }

    @Test("generate --out writes through a symlinked file and reports an unwritable place in one sentence")
    func generateOutput() throws {
        let folder = try CLI.scratch("generate-out")
        defer { try? FileManager.default.removeItem(at: folder) }
        let rtl = folder.appendingPathComponent("rtl").path
        #expect(try CLI.run(["generate", "--example", "counter", "--out", rtl], in: folder).status == 0)
        let module = rtl + "/counter/Counter.v"
        let kept = folder.appendingPathComponent("Counter.kept.v").path
        try FileManager.default.moveItem(atPath: module, toPath: kept)
        try FileManager.default.createSymbolicLink(atPath: module, withDestinationPath: kept)
        try Data("// stale\n".utf8).write(to: URL(fileURLWithPath: kept))
        let again = try CLI.run(["generate", "--example", "counter", "--out", rtl], in: folder)
        #expect(again.status == 0, "\(again)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: module)) == kept)
        #expect(try String(contentsOfFile: kept, encoding: .utf8).contains("module Counter"))
    }
}
