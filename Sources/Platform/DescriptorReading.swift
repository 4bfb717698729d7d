#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading from a file descriptor with a bound on the wait (`poll(2)`, then `read(2)`), interrupted calls
/// retried: a worker's replies.
public enum DescriptorReading {
    /// What one read gave.
    public enum Outcome: Equatable, Sendable {
        /// This many bytes, at the buffer's start.
        case bytes(Int)
        /// Nothing arrived within the wait.
        case timedOut
        /// The other end closed (or the read failed).
        case end
    }

    /// Waits at most `milliseconds` for `descriptor` to be readable, then reads what is there into `buffer`.
    public static func read(_ descriptor: Int32, into buffer: inout [UInt8], waitingAtMost milliseconds: Int32) -> Outcome {
        var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let count = poll(&ready, 1, milliseconds)
            if count < 0 && errno == EINTR { continue }
            if count == 0 { return .timedOut }
            if count < 0 { return .end }
            break
        }
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            return count > 0 ? .bytes(count) : .end
        }
    }
}

/// `read(2)`, named apart from `DescriptorReading.read`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
