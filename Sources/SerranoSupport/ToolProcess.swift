import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds and runs external programs (Verilator, Yosys, compilers, GTKWave's converters, the
/// bench's child processes): the one place the package starts a `Process` and collects what it
/// prints.
public enum ToolProcess {
    /// What a finished program left: its exit status, stdout and stderr interleaved, and the
    /// wall time it took.
    public struct Result: Sendable {
        public let status: Int32
        public let output: String
        public let seconds: Double
        /// True when a signal ended the program (`status` is then the signal's number).
        public var signaled: Bool = false

        /// `exit 2`, or `killed by signal 11 (SIGSEGV)`.
        public var exitDescription: String { ToolExit.describe(status: status, signaled: signaled) }
    }

    /// The absolute path of `name` on `searchPath` (default: PATH), or `name` itself when it is
    /// a path to an executable; nil when it is not installed.
    public static func find(_ name: String, searchPath: String? = nil) -> String? {
        let files = FileManager.default
        if name.contains("/") { return files.isExecutableFile(atPath: name) ? name : nil }
        let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if files.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// What a finished program printed on each stream, kept apart (a converter's stdout is its
    /// product, its stderr the reason it failed).
    public struct Captured: Sendable {
        public let status: Int32
        public let signaled: Bool
        public let standardOutput: Data
        public let standardError: Data

        /// `exit 2`, or `killed by signal 11 (SIGSEGV)`.
        public var exitDescription: String { ToolExit.describe(status: status, signaled: signaled) }
    }

    /// Runs `executable` with `arguments` to completion; throws only when it cannot be started.
    /// `environment` replaces the inherited environment when given.
    public static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                           environment: [String: String]? = nil) throws -> Result {
        let process = prepared(executable, arguments, in: directory, environment: environment)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        // Read before waiting: a tool that fills the pipe would otherwise block forever.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self),
                      seconds: Date().timeIntervalSince(start), signaled: process.terminationReason == .uncaughtSignal)
    }

    /// Runs `executable` to completion with stdout and stderr captured apart; throws only when
    /// it cannot be started.
    public static func capture(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                               environment: [String: String]? = nil) throws -> Captured {
        let running = try start(executable, arguments, in: directory, environment: environment, keepingErrorBytes: .max)
        let data = running.readToEnd()
        let finished = running.finish()
        return Captured(status: finished.status, signaled: finished.signaled, standardOutput: data,
                        standardError: finished.standardError)
    }

    /// Starts `executable` with its standard output left in a pipe for the caller to read as
    /// it is written (a converter whose output is too large to hold), stderr drained apart (so
    /// a chatty program cannot block on a full pipe) and its first `keepingErrorBytes` kept;
    /// throws only when it cannot be started.
    public static func start(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                             environment: [String: String]? = nil,
                             keepingErrorBytes: Int = Running.keptErrorBytes) throws -> Running {
        let process = prepared(executable, arguments, in: directory, environment: environment)
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, output: output.fileHandleForReading, errors: errors.fileHandleForReading,
                       keepingErrorBytes: keepingErrorBytes)
    }

    /// A program started by `start`: read its output with `read`, then `finish` it once the
    /// output has ended, or `stop` it early. Either reaps it, so no zombie is left; both may be
    /// called more than once and from the thread that reads.
    public final class Running: @unchecked Sendable {
        private let process: Process
        private let output: FileHandle
        private let errors: FileHandle
        private let errorText = Collector()
        private let drained = DispatchGroup()
        private let lock = NSLock()
        private var finished: Captured?
        /// Bytes of stderr `start` keeps by default: enough for the first lines a failure message quotes.
        public static let keptErrorBytes = 64 << 10

        fileprivate init(process: Process, output: FileHandle, errors: FileHandle, keepingErrorBytes: Int) {
            self.process = process
            self.output = output
            self.errors = errors
            #if os(Linux)
            // A larger pipe means fewer wake-ups between the program and its reader.
            _ = fcntl(output.fileDescriptor, 1031 /* F_SETPIPE_SZ */, Int32(1 << 20))
            #endif
            drained.enter()
            let kept = errorText
            DispatchQueue.global().async { [errors, drained] in
                // Read to the end (a program must never block on a full stderr), keep the start.
                var buffer = [UInt8](repeating: 0, count: 16 << 10)
                while true {
                    let count = buffer.withUnsafeMutableBytes { systemRead(errors.fileDescriptor, $0.baseAddress, $0.count) }
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { break }
                    if kept.data.count < keepingErrorBytes { kept.data.append(contentsOf: buffer[0..<count]) }
                }
                drained.leave()
            }
        }

        deinit { stop() }

        /// The program's process id.
        public var processIdentifier: Int32 { process.processIdentifier }

        /// The rest of the program's standard output (it must be short enough to hold).
        func readToEnd() -> Data { output.readDataToEndOfFile() }

        /// Reads up to `count` bytes of the program's standard output into `buffer`: the number
        /// read, 0 once the output has ended; throws the system's reason when reading fails.
        public func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
            while true {
                let read = systemRead(output.fileDescriptor, buffer, count)
                if read >= 0 { return read }
                if errno != EINTR { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            }
        }

        /// Waits for the program to exit after its output ended: its status and stderr (the
        /// standard output part is empty: it was read through `read`).
        @discardableResult
        public func finish() -> Captured {
            lock.lock()
            defer { lock.unlock() }
            if let finished { return finished }
            process.waitUntilExit()
            drained.wait()
            try? output.close()
            try? errors.close()
            let result = Captured(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                                  standardOutput: Data(), standardError: errorText.data)
            finished = result
            return result
        }

        /// Kills the program if it is still running (its reader stopped early; a writer blocked
        /// on the full pipe would otherwise wait forever) and reaps it.
        public func stop() {
            lock.lock()
            let isDone = finished != nil
            lock.unlock()
            guard !isDone else { return }
            if process.isRunning { _ = kill(process.processIdentifier, SIGKILL) }
            finish()
        }
    }

    private static func prepared(_ executable: String, _ arguments: [String], in directory: URL?,
                                 environment: [String: String]?) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        return process
    }

    private final class Collector: @unchecked Sendable { var data = Data() }
}

/// `read(2)`, named apart from the methods called `read`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(descriptor, buffer, count)
    #else
    return Darwin.read(descriptor, buffer, count)
    #endif
}
