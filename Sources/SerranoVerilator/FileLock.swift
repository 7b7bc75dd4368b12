import Foundation
import SerranoFiles
import SerranoSim
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a file: excludes other threads and other processes alike (each
/// lock opens its own file description). Released by `unlock()` or when the process exits.
package final class FileLock {
    private var descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    /// Blocks until the lock on `path` is held; creates the file and its folder if needed.
    package static func acquire(_ path: URL) throws -> FileLock {
        let descriptor: Int32 = try openLockFile(path)
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            close(descriptor)
            throw VerilatorBuildError.io("cannot lock \(path.path): \(String(cString: strerror(errno)))")
        }
        return FileLock(descriptor: descriptor)
    }

    /// The lock on `path` if it is free right now, else nil.
    package static func tryAcquire(_ path: URL) throws -> FileLock? {
        let descriptor: Int32 = try openLockFile(path)
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return FileLock(descriptor: descriptor) }
        close(descriptor)
        return nil
    }

    private static func openLockFile(_ path: URL) throws -> Int32 {
        do { try OutputFile.createDirectory(path.deletingLastPathComponent().path) } catch let error as OutputFileError {
            throw VerilatorBuildError.io("cannot create the lock \(path.path): \(error.reason)")
        }
        let descriptor: Int32 = open(path.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            throw VerilatorBuildError.io("cannot open lock file \(path.path): \(String(cString: strerror(errno)))")
        }
        return descriptor
    }

    package func unlock() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { unlock() }
}

/// A counting semaphore across processes: `slots` lock files, one held per running compile,
/// so the machine never runs more C++ compiles at once than it has cores.
package struct CompileSlots {
    package let folder: URL
    package let slots: Int

    package init(folder: URL, slots: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.folder = folder
        self.slots = max(slots, 1)
    }

    /// Runs `body` while holding one slot; waits (polling every 20 ms) while all are taken.
    package func withSlot<T>(_ body: () throws -> T) throws -> T {
        while true {
            for index in 0..<slots {
                if let lock = try FileLock.tryAcquire(folder.appendingPathComponent("slot-\(index).lock")) {
                    defer { lock.unlock() }
                    return try body()
                }
            }
            usleep(20_000)
        }
    }
}
