import Foundation

/// A value another thread makes, handed over once it is ready: a half of a long JSON list, a split walk
/// helper's part, a file's structure lines, half of its object list. Only plain Swift values: nothing
/// that touches libhdf5 runs off the main thread.
package final class HandOff<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var value: Value?

    /// Starts `work` on a thread of its own (8 MiB of stack, as the main thread has).
    package static func onThread(_ work: @escaping @Sendable () -> Value) -> HandOff<Value> {
        let handOff = HandOff<Value>()
        let thread = Thread {
            handOff.value = work()
            handOff.done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        return handOff
    }

    /// Waits for the value; the first call takes it (so it can be freed once used), later ones only wait.
    package func take() -> Value? {
        done.wait()
        defer { done.signal() }
        let taken = value
        value = nil
        return taken
    }
}
