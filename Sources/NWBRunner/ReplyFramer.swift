/// Cuts a worker's output into replies, as the bytes come (swift-nio's decoder pattern: `append` what was
/// read, get the replies it completed). A reply is its header (JSON) up to a tab or a newline, then, when
/// the header gave the body's `length`, exactly that many bytes (which may hold newlines) and a newline;
/// otherwise the body runs to the next newline. A header is read once, however the bytes are cut.
struct ReplyFramer {
    private var buffer: [UInt8] = []
    /// Whether the current reply's header has been read.
    private var headerRead = false
    /// Where the current reply's newline must be, when its header gave the body's length.
    private var replyEnd: Int?

    /// Bytes received and not yet part of a whole reply.
    var pendingCount: Int { buffer.count }

    /// Adds `bytes`; returns the replies they complete, each without its final newline.
    mutating func append(_ bytes: ArraySlice<UInt8>) -> [[UInt8]] {
        var replies: [[UInt8]] = []
        // Only the new bytes can hold the end of the line.
        var searchFrom = buffer.count
        buffer.append(contentsOf: bytes)
        while true {
            if !headerRead { readHeader() }
            let end: Int?
            if let replyEnd {
                end = buffer.count > replyEnd ? replyEnd : nil
            } else {
                end = buffer[min(searchFrom, buffer.count)...].firstIndex(of: UInt8(ascii: "\n"))
            }
            guard let newline = end else { return replies }
            var reply: [UInt8] = []
            if newline == buffer.count - 1 {
                // The reply ends the buffer (the usual case: a worker answers and waits): take the buffer
                // itself rather than copying a large summary.
                swap(&reply, &buffer)
                reply.removeLast()
            } else {
                reply = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
            }
            replies.append(reply)
            headerRead = false
            replyEnd = nil
            searchFrom = 0
        }
    }

    /// Reads a reply's header once it is in: the body's length, when it is raw, says where the reply
    /// ends; a large body's size makes room for all of it at once (growing by doubling held up to 1.5×
    /// the reply at once, 30 MB more for a 100,000-object summary).
    private mutating func readHeader() {
        guard let separator = buffer.firstIndex(where: { $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") }) else {
            return
        }
        headerRead = true
        guard buffer[separator] == UInt8(ascii: "\t"), let framing = WorkerProtocol.framing(ofHeader: buffer[..<separator])
        else { return }
        if let length = framing.length, length >= 0 { replyEnd = separator + 1 + length }
        let size = separator + 2 + (framing.length ?? framing.sizeHint ?? 0)
        if size > 1 << 20, size > buffer.capacity { buffer.reserveCapacity(size) }
    }
}
