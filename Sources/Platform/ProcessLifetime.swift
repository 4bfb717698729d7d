import CPlatform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How long a helper process lives: never longer than the process that started it, and never past its
/// own deadline, so a run that is killed (SIGKILL, SIGTERM, SIGINT, a closed pipe) leaves no process behind.
public enum ProcessLifetime {
    /// Asks the kernel to SIGKILL this process when its parent ends (Linux's `PR_SET_PDEATHSIG`); false
    /// when the parent `expected` is already gone (the request came too late), and the caller should end.
    /// Elsewhere the parent's closed pipe ends the worker at its next read.
    public static func dieWithParent(expected parent: pid_t) -> Bool {
        _ = cplatform_die_with_parent()
        return getppid() == parent
    }

    /// Ends this process with SIGALRM (its default action) after `seconds`, rounded up; `nil` or 0 clears
    /// the deadline. A worker sets one per file: a read that hangs inside libhdf5 cannot outlive it, even
    /// when the parent that would have stopped it is gone.
    public static func setDeadline(seconds: Double?) {
        guard let seconds, seconds > 0, seconds.isFinite else {
            _ = alarm(0)
            return
        }
        _ = alarm(UInt32(min(seconds.rounded(.up), Double(UInt32.max))))
    }
}
