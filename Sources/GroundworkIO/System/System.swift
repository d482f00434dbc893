import GroundworkCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one layer over the C library: files, directories, processes and `iconv`.
///
/// Nothing else in the package calls the C API (as swift-system keeps its C calls in one
/// layer), so the unsafe code is here and everything above reads like Swift. Failures come
/// back as a `System.Failure` holding `errno`, which callers turn into a located diagnostic.
package enum System {
    /// A failed call: its `errno` and a sentence for someone who typed the path.
    package struct Failure: Error, Sendable, Equatable {
        package var code: Int32

        package init(_ code: Int32) { self.code = code }

        /// The reason, worded for a user: "no such file", "permission denied", ...
        package var reason: String {
            switch code {
            case ENOENT: "no such file"
            case ENOTDIR: "a part of the path is not a directory"
            case EISDIR: "it is a directory, not a file"
            case EACCES, EPERM: "permission denied"
            case ENOSPC: "no space left on the device"
            case EROFS: "the file system is read-only"
            default: strerror(code).map { String(cString: $0) } ?? "error \(code)"
            }
        }

        package var isNoSuchFile: Bool { code == ENOENT }
        /// The directory exchange of `exchange(_:_:)` is not available for these paths.
        package var isUnsupported: Bool {
            code == EINVAL || code == ENOSYS || code == EXDEV || code == ENOTSUP
        }
    }

    /// What a path names.
    package enum Kind: Sendable, Equatable {
        case missing, file, directory, other
    }

    // MARK: - Files

    /// The whole content of the file at `path`: one `open`, one `fstat` and, for a regular
    /// file, one `read` into an array of the file's size (then one more to confirm the end).
    /// A pipe or a `/proc` file, which report size 0, are read in chunks.
    package static func readFile(_ path: String) throws(Failure) -> [UInt8] {
        var descriptor: Int32
        repeat {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else { throw Failure(errno) }
        defer { _ = close(descriptor) }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Failure(errno) }
        // open(2) succeeds on a directory; only fstat tells.
        if (status.st_mode & S_IFMT) == S_IFDIR { throw Failure(EISDIR) }
        let expectedSize = (status.st_mode & S_IFMT) == S_IFREG ? max(Int(status.st_size), 0) : 0

        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: expectedSize) { buffer, initializedCount in
            initializedCount = 0
            guard let base = buffer.baseAddress else { return }
            while initializedCount < buffer.count {
                let got = read(descriptor, base + initializedCount, buffer.count - initializedCount)
                if got > 0 {
                    initializedCount += got
                } else if got == 0 {
                    break
                } else if errno != EINTR {
                    failure = errno
                    break
                }
            }
        }
        if failure == 0 {
            failure = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 65_536) { chunk in
                guard let base = chunk.baseAddress else { return 0 }
                while true {
                    let got = read(descriptor, base, chunk.count)
                    if got > 0 {
                        bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: got))
                    } else if got == 0 {
                        return 0
                    } else if errno != EINTR {
                        return errno
                    }
                }
            }
        }
        guard failure == 0 else { throw Failure(failure) }
        return bytes
    }

    /// Writes `bytes` to a new file at `path` (which must not exist), mode 0644.
    package static func createFile(_ path: String, bytes: [UInt8]) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(errno) }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += count
            }
        }
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure != 0 {
            unlink(path)
            throw Failure(failure)
        }
    }

    /// Renames `from` to `to`, replacing a file at `to` atomically.
    package static func rename(_ from: String, _ to: String) throws(Failure) {
        guard renameat(AT_FDCWD, from, AT_FDCWD, to) == 0 else { throw Failure(errno) }
    }

    /// Swaps two directories (or files) in one atomic step: Linux's `renameat2` with
    /// `RENAME_EXCHANGE`. Throws a failure whose `isUnsupported` is true where the kernel,
    /// the C library or the file system cannot (the caller then falls back).
    package static func exchange(_ first: String, _ second: String) throws(Failure) {
        #if os(Linux)
            typealias RenameAt2 =
                @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else {
                throw Failure(ENOSYS)
            }
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            let exchangeFlag: UInt32 = 2  // RENAME_EXCHANGE in <linux/fs.h>
            guard renameat2(AT_FDCWD, first, AT_FDCWD, second, exchangeFlag) == 0 else {
                throw Failure(errno)
            }
        #else
            throw Failure(ENOSYS)
        #endif
    }

    /// A second name for the file at `existing` (a hard link; a symbolic link is linked as such).
    package static func link(_ existing: String, _ new: String) throws(Failure) {
        guard linkat(AT_FDCWD, existing, AT_FDCWD, new, 0) == 0 else { throw Failure(errno) }
    }

    /// Removes a file, or a directory and everything in it. Best effort: what cannot be
    /// removed stays.
    package static func remove(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            for entry in (try? entries(path)) ?? [] { remove(path + "/" + entry) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    /// Creates a directory, mode 0755 (less the umask), and with `intermediates` its parents.
    package static func makeDirectory(_ path: String, intermediates: Bool = false) throws(Failure) {
        if intermediates {
            let parent = Path.directory(of: path)
            if parent != "." && parent != "/" && parent != path && kind(parent) == .missing {
                try makeDirectory(parent, intermediates: true)
            }
        }
        guard mkdir(path, 0o755) == 0 else {
            let code = errno
            if intermediates && code == EEXIST && kind(path) == .directory { return }
            throw Failure(code)
        }
    }

    /// Gives the directory at `path` the permission bits of the one at `model`.
    package static func copyPermissions(from model: String, to path: String) {
        var status = stat()
        guard stat(model, &status) == 0 else { return }
        chmod(path, status.st_mode & 0o7777)
    }

    /// What `path` names, following symbolic links.
    package static func kind(_ path: String) -> Kind {
        var status = stat()
        guard stat(path, &status) == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// What `path` itself is, not following a symbolic link (a link is `.other`).
    package static func ownKind(_ path: String) -> Kind {
        var status = stat()
        guard lstat(path, &status) == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// The names in a directory, without `.` and `..`, in no particular order.
    package static func entries(_ directory: String) throws(Failure) -> [String] {
        guard let stream = opendir(directory) else { throw Failure(errno) }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The absolute path with every symbolic link resolved, or nil when it does not exist.
    package static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The current working directory.
    package static var workingDirectory: String {
        guard let directory = getcwd(nil, 0) else { return "." }
        defer { free(directory) }
        return String(cString: directory)
    }

    // MARK: - Temporary files

    /// The directory for temporary files: `$TMPDIR` when it is set and not empty, else `/tmp`.
    package static var temporaryDirectory: String {
        guard let value = getenv("TMPDIR"), value.pointee != 0 else { return "/tmp" }
        return String(cString: value)
    }

    /// Creates a new, empty file `DIRECTORY/PREFIX??????SUFFIX` with a name no other file has
    /// (`mkstemps`), mode 0600, and returns its path.
    package static func makeTemporaryFile(in directory: String, prefix: String, suffix: String)
        throws(Failure) -> String
    {
        var template = Array((Path.join(directory, prefix) + "XXXXXX" + suffix).utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            mkstemps(buffer.baseAddress!, Int32(suffix.utf8.count))
        }
        guard descriptor >= 0 else { throw Failure(errno) }
        _ = close(descriptor)
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    // MARK: - Processes

    package static var processID: Int32 { getpid() }

    /// Whether a process with this id exists (a process of another user counts).
    package static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// Whether standard error is a terminal (a progress bar is shown only then).
    package static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    /// Writes text to standard error, unbuffered.
    package static func writeToStandardError(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return }
                offset += count
            }
        }
    }

    // MARK: - Text encodings

    /// The outcome of `convert`: the converted bytes, or where and why the input stopped.
    package enum Conversion {
        case converted([UInt8])
        /// `offset` is the first byte that could not be converted; `truncated` when the input
        /// ends inside a character.
        case invalid(offset: Int, truncated: Bool)
        /// The system's `iconv` does not know the encoding.
        case unavailable(reason: String)
    }

    /// `bytes` converted from the encoding `from` to UTF-8 by `iconv`, never with a
    /// replacement character.
    package static func convert(_ bytes: [UInt8], from encoding: String) -> Conversion {
        let converter = iconv_open("UTF-8", encoding)
        guard let converter, Int(bitPattern: converter) != -1 else {
            return .unavailable(reason: Failure(errno).reason)
        }
        defer { iconv_close(converter) }
        var input = bytes
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 2 + 16)
        var failure: (offset: Int, error: Int32)? = nil
        input.withUnsafeMutableBufferPointer { inputBuffer in
            guard let base = inputBuffer.baseAddress else { return }
            let start = UnsafeMutableRawPointer(base).assumingMemoryBound(to: CChar.self)
            var inPointer: UnsafeMutablePointer<CChar>? = start
            var inLeft = inputBuffer.count
            withUnsafeTemporaryAllocation(of: CChar.self, capacity: 65_536) { chunk in
                while inLeft > 0 {
                    var outPointer: UnsafeMutablePointer<CChar>? = chunk.baseAddress
                    var outLeft = chunk.count
                    let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    let error = errno
                    let produced = chunk.count - outLeft
                    output.append(
                        contentsOf: UnsafeRawBufferPointer(start: chunk.baseAddress, count: produced))
                    if result == -1 && error != E2BIG {
                        failure = (inputBuffer.count - inLeft, error)
                        return
                    }
                }
            }
        }
        if let failure { return .invalid(offset: failure.offset, truncated: failure.error == EINVAL) }
        return .converted(output)
    }
}
