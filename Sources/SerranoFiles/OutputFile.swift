import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way Serrano writes a file a user named (`gemm --out`, `verify --junit`,
/// `wave … --svg/--html/--out`, `wave convert`, `generate --out`).
///
/// - A symlink is written through: its target gets the new contents, the link stays.
/// - A non-regular file (`/dev/stdout`, `/dev/null`, a FIFO) is written as it is, never replaced.
/// - A regular file is replaced atomically: the data goes to a temporary sibling that is renamed
///   over it, keeping its permissions, so a reader never sees half a file.
/// - Every write error (a full disk, EIO, a read-only folder) is an `OutputFileError` naming the
///   path; nothing reports success that did not happen.
/// - A path that is one of the command's `inputs` (the same file, by device and inode) is refused.
public enum OutputFile {
    /// Writes `data` to `path` (see the type's rules).
    public static func write(_ data: Data, to path: String, inputs: [String] = []) throws {
        let writer = try Writer(path: path, inputs: inputs)
        try writer.write(data)
        try writer.commit()
    }

    /// Writes `text` as UTF-8.
    public static func write(_ text: String, to path: String, inputs: [String] = []) throws {
        try write(Data(text.utf8), to: path, inputs: inputs)
    }

    /// Copies the file at `source` (typically a temporary file a tool wrote) to `path`, in
    /// chunks, under the same rules as `write`.
    public static func copy(from source: String, to path: String, inputs: [String] = []) throws {
        let writer = try Writer(path: path, inputs: inputs)
        let descriptor = openForReading(source)
        guard descriptor >= 0 else { throw OutputFileError(path: path, reason: "cannot read \(source): \(lastError())") }
        defer { close(descriptor) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { readChunk(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw OutputFileError(path: path, reason: "cannot read \(source): \(lastError())")
            }
            if count == 0 { break }
            try writer.write(Data(chunk[0..<count]))
        }
        try writer.commit()
    }

    /// Opens `path` for streaming writes; `commit()` makes the file appear. A writer dropped
    /// without `commit()` leaves the old file untouched.
    public static func open(_ path: String, inputs: [String] = []) throws -> Writer {
        try Writer(path: path, inputs: inputs)
    }

    /// Creates `path` and any missing parents as folders; fails with one sentence when a
    /// parent is a file, the place is read-only, or the path exists and is not a folder.
    public static func createDirectory(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw OutputFileError(path: path, reason: "it exists and is not a folder")
            }
            return
        }
        var prefix = path.hasPrefix("/") ? "" : "."
        var first = true
        for component in path.split(separator: "/") where !component.isEmpty {
            prefix = first && prefix == "." ? String(component) : prefix + "/" + component
            first = false
            if stat(prefix, &info) == 0 {
                guard info.st_mode & S_IFMT == S_IFDIR else {
                    throw OutputFileError(path: path, reason: "\(prefix) is a file, not a folder")
                }
                continue
            }
            if mkdir(prefix, 0o777) != 0 && errno != EEXIST {
                throw OutputFileError(path: path, reason: "cannot create the folder \(prefix): \(lastError())")
            }
        }
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw OutputFileError(path: path, reason: "cannot create the folder: \(lastError())")
        }
    }

    /// A file being written: into a temporary sibling (regular files) or straight into the
    /// path (devices, FIFOs).
    public final class Writer {
        /// The path the caller named.
        public let path: String
        private var descriptor: Int32
        /// The temporary sibling and the file it replaces; nil when writing in place.
        private let replacement: (temporary: String, target: String)?
        private var finished = false

        init(path: String, inputs: [String]) throws {
            self.path = path
            guard !path.isEmpty else { throw OutputFileError(path: path, reason: "the output path is empty") }
            var info = stat()
            if stat(path, &info) == 0 {
                let kind = info.st_mode & S_IFMT
                if kind == S_IFDIR { throw OutputFileError(path: path, reason: "it is a folder; name a file") }
                if kind == S_IFREG {
                    try Writer.refuseInputs(path, info, inputs)
                }
                if kind != S_IFREG || Writer.isStreamAlias(path) {
                    // A device, a FIFO, or a standard stream: write into it as it is.
                    let flags = O_WRONLY | O_CLOEXEC | (kind == S_IFREG ? O_APPEND : 0)
                    descriptor = posixOpen(path, flags)
                    guard descriptor >= 0 else { throw OutputFileError(path: path, reason: lastError()) }
                    replacement = nil
                    return
                }
                guard let resolved = realpath(path, nil) else { throw OutputFileError(path: path, reason: lastError()) }
                let target = String(cString: resolved)
                free(resolved)
                (descriptor, replacement) = try Writer.temporary(for: target, path: path, mode: info.st_mode & 0o7777)
                return
            }
            guard errno == ENOENT else { throw OutputFileError(path: path, reason: lastError()) }
            // Nothing there, or a symlink to nothing: create the file (the link's target).
            let target = Writer.danglingTarget(path) ?? path
            (descriptor, replacement) = try Writer.temporary(for: target, path: path, mode: 0o644)
        }

        /// Appends `data`; a short or failed write (ENOSPC, EIO, …) throws.
        public func write(_ data: Data) throws {
            guard !finished else { throw OutputFileError(path: path, reason: "written after it was closed") }
            try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
                guard let base = buffer.baseAddress else { return }
                var offset = 0
                while offset < buffer.count {
                    let written = posixWrite(descriptor, base + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw OutputFileError(path: path, reason: lastError())
                    }
                    offset += written
                }
            }
        }

        /// Closes the file and puts it in place; throws if the data may not have reached it.
        public func commit() throws {
            guard !finished else { return }
            finished = true
            let closed = close(descriptor)
            let closeError = closed == 0 ? nil : lastError()
            descriptor = -1
            guard let replacement else {
                if let closeError { throw OutputFileError(path: path, reason: closeError) }
                return
            }
            if let closeError {
                unlink(replacement.temporary)
                throw OutputFileError(path: path, reason: closeError)
            }
            if rename(replacement.temporary, replacement.target) != 0 {
                let reason = lastError()
                unlink(replacement.temporary)
                throw OutputFileError(path: path, reason: reason)
            }
        }

        deinit {
            guard !finished else { return }
            close(descriptor)
            if let replacement { unlink(replacement.temporary) }
        }

        /// A new temporary file beside `target`, with `mode`.
        private static func temporary(for target: String, path: String, mode: mode_t) throws -> (Int32, (String, String)?) {
            let folder = (target as NSString).deletingLastPathComponent
            let parent = folder.isEmpty ? "." : folder
            var info = stat()
            guard stat(parent, &info) == 0 else {
                throw OutputFileError(path: path, reason: "its folder \(display(parent)) \(errno == ENOENT ? "does not exist" : "cannot be reached: \(lastError())")")
            }
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw OutputFileError(path: path, reason: "\(display(parent)) is a file, not a folder")
            }
            let name = (target as NSString).lastPathComponent
            var template = Array("\(parent)/.\(name).serrano-XXXXXX".utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard descriptor >= 0 else {
                throw OutputFileError(path: path, reason: "cannot create a file in \(display(parent)): \(lastError())")
            }
            let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            fchmod(descriptor, mode)
            return (descriptor, (temporary, target))
        }

        /// Whether `path` is, or links through, `/dev/…` or `/proc/…` (`/dev/stdout` →
        /// `/proc/self/fd/1` → a file): a standard stream, written in place (appending), never
        /// replaced by a new file.
        static func isStreamAlias(_ path: String) -> Bool {
            var current = path
            for _ in 0..<40 {
                if current.hasPrefix("/dev/") || current.hasPrefix("/proc/") { return true }
                guard let next = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return false }
                current = next.hasPrefix("/") ? next : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(next)
            }
            return false
        }

        /// Where a symlink that points at nothing points, or nil when `path` is not a symlink.
        private static func danglingTarget(_ path: String) -> String? {
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK,
                  let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { return nil }
            if destination.hasPrefix("/") { return destination }
            return ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
        }

        /// Refuses a regular file that is also one of the inputs (same device and inode).
        private static func refuseInputs(_ path: String, _ output: stat, _ inputs: [String]) throws {
            for input in inputs {
                var info = stat()
                guard stat(input, &info) == 0 else { continue }
                if info.st_dev == output.st_dev && info.st_ino == output.st_ino {
                    let same = input == path ? "" : " (\(input))"
                    throw OutputFileError(path: path, reason: "it is also an input of this command\(same); write the output elsewhere")
                }
            }
        }
    }
}

/// A file or folder that could not be written: `cannot write PATH: REASON`.
public struct OutputFileError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "cannot write \(path): \(reason)" }
}

private func openForReading(_ path: String) -> Int32 { open(path, O_RDONLY | O_CLOEXEC) }
private func readChunk(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(descriptor, buffer, count) }
private func posixOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(descriptor, bytes, count) }

/// The system's words for the last failure (`No space left on device`), without the errno number.
func lastError() -> String { String(cString: strerror(errno)) }

/// A path relative to the working directory when it is inside it.
func display(_ path: String) -> String {
    let here = FileManager.default.currentDirectoryPath + "/"
    return path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
}

/// An exclusive `flock` on a folder itself (no lock file is left behind): processes that
/// write the same output folder take turns.
public enum FolderLock {
    /// Runs `body` while holding the lock on `path` (which must be a folder).
    public static func withLock<T>(_ path: String, _ body: () throws -> T) throws -> T {
        let descriptor = openFolder(path)
        guard descriptor >= 0 else { throw OutputFileError(path: path, reason: "cannot open the folder: \(lastError())") }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            throw OutputFileError(path: path, reason: "cannot lock the folder: \(lastError())")
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}

private func openFolder(_ path: String) -> Int32 { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
