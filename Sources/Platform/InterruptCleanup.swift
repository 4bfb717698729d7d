import NWBSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The temporary file being written, which the signal handlers remove (a C string: the handler may call
/// only async-signal-safe functions).
nonisolated(unsafe) private var pendingTemporaryFile: UnsafeMutablePointer<CChar>?

/// What the command line asks of signals, in one place: a temporary output file removed when the run is
/// stopped (SIGINT, SIGTERM), a file-size limit made an error of `write` (SIGXFSZ), and a closed stdout
/// ending the process as SIGPIPE would. Only the command line calls these (a library changes no
/// process-wide setting).
public enum InterruptCleanup {
    /// From now until `forget()`, SIGINT and SIGTERM remove `path` before the process ends.
    public static func removeOnInterrupt(_ path: String) {
        installHandlers()
        free(pendingTemporaryFile)
        pendingTemporaryFile = RawPath.withCString(path) { strdup($0) }
    }

    /// No file is to be removed any more (it was renamed into place, or removed).
    public static func forget() {
        free(pendingTemporaryFile)
        pendingTemporaryFile = nil
    }

    /// Ends the process as SIGPIPE's default action does (status 141): the reader of stdout is gone.
    public static func endAsBrokenPipe() -> Never {
        signal(SIGPIPE, SIG_DFL)
        raise(SIGPIPE)
        _exit(141)
    }

    /// Once: a file-size limit becomes an error from write() instead of a kill, and SIGINT/SIGTERM remove
    /// the temporary file before the process ends.
    private static let handlers: Void = {
        signal(SIGXFSZ, SIG_IGN)
        let handler: @convention(c) (Int32) -> Void = { signal in
            if let file = pendingTemporaryFile { unlink(file) }
            _exit(128 + signal)
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
    }()

    private static func installHandlers() { _ = handlers }
}
