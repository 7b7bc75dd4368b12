import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a file a user named, with one-sentence errors (`cannot read PATH: it is a folder;
/// name a file`) instead of Foundation's NSError text. Works for devices and FIFOs too
/// (`/dev/null` reads as empty, `/dev/stdin` as the standard input).
public enum InputFile {
    /// What is at a path, checked before a reader opens it.
    public enum Kind: Equatable, Sendable {
        /// A regular file of this many bytes.
        case regular(size: Int)
        /// A device, FIFO or socket: readable as a stream, size unknown.
        case stream
    }

    /// What `path` names, or an `InputFileError` when it cannot be read (missing, a folder,
    /// no permission).
    @discardableResult
    public static func check(_ path: String) throws -> Kind {
        guard !path.isEmpty else { throw InputFileError(path: path, reason: "the path is empty") }
        var info = stat()
        guard stat(path, &info) == 0 else { throw InputFileError(path: path, reason: reason(errno)) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: throw InputFileError(path: path, reason: "it is a folder; name a file")
        case S_IFREG:
            guard access(path, R_OK) == 0 else { throw InputFileError(path: path, reason: reason(errno)) }
            return .regular(size: Int(info.st_size))
        default:
            guard access(path, R_OK) == 0 else { throw InputFileError(path: path, reason: reason(errno)) }
            return .stream
        }
    }

    /// Checks that `path` is a regular, readable file (for readers that map or seek).
    public static func checkRegular(_ path: String) throws {
        if case .stream = try check(path) {
            throw InputFileError(path: path, reason: "it is not a regular file (a device, FIFO or socket); name a file")
        }
    }

    /// The whole file; at most `limit` bytes when given (a longer file is an error).
    public static func read(_ path: String, limit: Int? = nil) throws -> Data {
        try check(path)
        return try withDescriptor(path) { descriptor in
            var data = Data()
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = chunk.withUnsafeMutableBytes { posixRead(descriptor, $0.baseAddress!, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw InputFileError(path: path, reason: reason(errno))
                }
                if count == 0 { return data }
                data.append(contentsOf: chunk[0..<count])
                if let limit, data.count > limit {
                    throw InputFileError(path: path, reason: "it is larger than \(limit) bytes")
                }
            }
        }
    }

    /// The first `count` bytes (fewer when the file is shorter).
    public static func readPrefix(_ path: String, count: Int) throws -> Data {
        try check(path)
        return try withDescriptor(path) { descriptor in
            var data = Data()
            var chunk = [UInt8](repeating: 0, count: min(max(count, 1), 1 << 16))
            while data.count < count {
                let wanted = min(chunk.count, count - data.count)
                let read = chunk.withUnsafeMutableBytes { posixRead(descriptor, $0.baseAddress!, wanted) }
                if read < 0 {
                    if errno == EINTR { continue }
                    throw InputFileError(path: path, reason: reason(errno))
                }
                if read == 0 { break }
                data.append(contentsOf: chunk[0..<read])
            }
            return data
        }
    }

    private static func withDescriptor<T>(_ path: String, _ body: (Int32) throws -> T) throws -> T {
        let descriptor = posixOpenForReading(path)
        guard descriptor >= 0 else { throw InputFileError(path: path, reason: reason(errno)) }
        defer { close(descriptor) }
        return try body(descriptor)
    }

    /// The system's reason, in words a user acts on.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        case EISDIR: return "it is a folder; name a file"
        case ENOTDIR: return "a part of the path is a file, not a folder"
        default: return String(cString: strerror(code))
        }
    }
}

/// A file that could not be read: `cannot read PATH: REASON`.
public struct InputFileError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "cannot read \(path): \(reason)" }
}

private func posixOpenForReading(_ path: String) -> Int32 { open(path, O_RDONLY | O_CLOEXEC) }
private func posixRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(descriptor, buffer, count) }
