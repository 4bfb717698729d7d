import Dispatch

/// Frees large values on another thread. Freeing a 100,000-object tree or summary takes about a tenth of
/// a second of `swift_release` calls that the answer need not wait for; the value must not be used again,
/// and must hold no libhdf5 handle (libhdf5 is not thread-safe: only plain values go).
public enum BackgroundRelease {
    private static let queue = DispatchQueue(label: "nwbkit.background-release", qos: .utility)

    /// Takes `value` and lets it go on the release thread.
    public static func release<Value>(_ value: consuming Value) {
        let box = Box(value)
        queue.async { box.drop() }
    }

    private final class Box<Value>: @unchecked Sendable {
        var value: Value?
        init(_ value: consuming Value) { self.value = value }
        func drop() { value = nil }
    }
}
