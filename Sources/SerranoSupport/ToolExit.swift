import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How an external program ended, in words: `exit 255`, or `killed by signal 11 (SIGSEGV)`
/// (a signal's number is not an exit status).
public enum ToolExit {
    public static func describe(_ process: Process) -> String {
        describe(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal)
    }

    public static func describe(status: Int32, signaled: Bool) -> String {
        guard signaled else { return "exit \(status)" }
        return "killed by signal \(status)\(signalNames[status].map { " (\($0))" } ?? "")"
    }

    public static let signalNames: [Int32: String] = [
        SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP",
        SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV",
        SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM",
    ]
}
