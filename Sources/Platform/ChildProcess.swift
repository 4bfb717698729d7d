import CPlatform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A worker process started with `posix_spawn`, its standard input and output on pipes and its standard
/// error on `/dev/null`. Foundation's `Process` costs about 10 ms to start a child and 50 ms to see it
/// end (`waitUntilExit` polls a run loop every 50 ms): on a run over a few small files that was most of
/// the time. Here the end is one `waitpid`.
public final class ChildProcess {
    /// How the child ended.
    public enum Termination: Equatable, Sendable {
        case exited(Int32)
        case signaled(Int32)
    }

    public let pid: pid_t
    /// The write end of the child's standard input.
    public private(set) var input: Int32
    /// The read end of the child's standard output.
    public let output: Int32
    private var termination: Termination?

    /// Starts `executable` with `arguments` (without the program name) and `environment`.
    /// Throws a message when the executable cannot be started.
    public init(executable: String, arguments: [String], environment: [String: String]) throws(ChildProcessError) {
        var inputPipe: [Int32] = [-1, -1]
        var outputPipe: [Int32] = [-1, -1]
        guard pipe(&inputPipe) == 0 else { throw ChildProcessError(errno: errno) }
        guard pipe(&outputPipe) == 0 else {
            let error = errno
            close(inputPipe[0])
            close(inputPipe[1])
            throw ChildProcessError(errno: error)
        }
        // Close-on-exec: no other worker inherits these ends (the child gets its copies as 0 and 1).
        // (`pipe2` is not imported into Swift; workers are started from one thread, so nothing races.)
        for descriptor in inputPipe + outputPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        #if os(Linux)
            // A 1 MiB pipe (Linux's default limit for one) instead of 64 KiB: a large reply crosses in
            // a sixteenth of the hand-overs between the two processes. Refused past the user's pipe quota: harmless.
            _ = cplatform_set_pipe_size(outputPipe[0], 1 << 20)
        #endif

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inputPipe[0], STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], STDOUT_FILENO)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)

        // The parent ignores SIGPIPE while it runs workers; the child starts with every signal at its default.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var childID: pid_t = 0
        let status = (argv + [nil]).withUnsafeBufferPointer { argvPointer in
            (envp + [nil]).withUnsafeBufferPointer { envpPointer in
                posix_spawn(&childID, executable, &actions, &attributes, argvPointer.baseAddress!, envpPointer.baseAddress!)
            }
        }
        close(inputPipe[0])
        close(outputPipe[1])
        guard status == 0 else {
            close(inputPipe[1])
            close(outputPipe[0])
            throw ChildProcessError(errno: status)
        }
        pid = childID
        input = inputPipe[1]
        output = outputPipe[0]
    }

    deinit {
        closeInput()
        close(output)
    }

    /// The child's standard output, to read its replies from.
    public var outputDescriptor: FileDescriptor { FileDescriptor(rawValue: output) }

    /// Writes all of `bytes` to the child's standard input; false when the child is gone.
    public func send(_ bytes: [UInt8]) -> Bool {
        (try? FileDescriptor(rawValue: input).writeAll(bytes)) != nil
    }

    /// Closes the child's standard input (its end-of-work signal).
    public func closeInput() {
        if input >= 0 {
            close(input)
            input = -1
        }
    }

    /// Stops the child at once (SIGKILL) and reaps it.
    public func killAndReap() {
        if termination == nil { _ = kill(pid, SIGKILL) }
        _ = wait()
    }

    /// Waits for the child to end and tells how it did (the same answer on every call).
    public func wait() -> Termination {
        if let termination { return termination }
        var status: Int32 = 0
        guard FileDescriptor.retrying({ waitpid(pid, &status, 0) }) >= 0 else {
            termination = .exited(-1)
            return .exited(-1)
        }
        let ended: Termination =
            cplatform_signaled(status) != 0 ? .signaled(cplatform_term_signal(status)) : .exited(cplatform_exit_status(status))
        termination = ended
        return ended
    }
}

/// Why a worker process could not be started.
public struct ChildProcessError: Error, Sendable, CustomStringConvertible {
    public var errno: Int32
    public var description: String { String(cString: strerror(errno)) }
}
