#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and writes with the system's own error text, so a message can say "Is a directory" or
/// "No such file or directory" rather than a generic failure.
enum FileBytes {
    static func read(path: String, maxBytes: Int) throws(ImageIOError) -> [UInt8] {
        guard !path.isEmpty else { throw .emptyPath }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .unreadableFile(path: path, reason: systemError()) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .unreadableFile(path: path, reason: systemError()) }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw .unreadableFile(path: path, reason: "is a directory") }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .unreadableFile(path: path, reason: "not a regular file") }
        let size = Int(status.st_size)
        guard size <= maxBytes else { throw .fileTooLarge(path: path, bytes: size, limit: maxBytes) }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { buffer in
                posixRead(fd, buffer.baseAddress! + done, size - done)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadableFile(path: path, reason: systemError())
            }
            if n == 0 { break }  // the file shrank while being read: decode what is there
            done += n
        }
        if done < size { bytes.removeSubrange(done...) }
        return bytes
    }

    static func write(_ bytes: [UInt8], path: String) throws(ImageIOError) {
        guard !path.isEmpty else { throw .emptyPath }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .writeFailed(path: path, reason: systemError()) }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in posixWrite(fd, buffer.baseAddress! + done, bytes.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                let why = systemError()
                close(fd)
                throw .writeFailed(path: path, reason: why)
            }
            done += n
        }
        guard close(fd) == 0 else { throw .writeFailed(path: path, reason: systemError()) }
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }
}

// The POSIX calls under names that do not clash with Array's methods inside closures.
@inline(__always) private func posixRead(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int { read(fd, p, n) }
@inline(__always) private func posixWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }
