import Foundation

/// Ways for the tests to make a worker or helper die or hang on a chosen file, as a crafted file could,
/// set through the environment. Debug builds only (what `swift test` runs): a release build has none.
enum TestHooks {
    /// `NWBKIT_TEST_CRASH_ON=TEXT`: a real segmentation fault on a path holding TEXT;
    /// `NWBKIT_TEST_HANG_ON=TEXT`: an endless wait on it.
    static func fail(on path: String) {
        #if DEBUG
            let environment = ProcessInfo.processInfo.environment
            if let text = environment["NWBKIT_TEST_CRASH_ON"], !text.isEmpty, path.contains(text) { crash() }
            if let text = environment["NWBKIT_TEST_HANG_ON"], !text.isEmpty, path.contains(text) { while true { sleep(60) } }
        #endif
    }

    /// `NWBKIT_TEST_HELPER_CRASH`: a split walk's helper dies (the worker then walks the file whole).
    static func failHelper() {
        #if DEBUG
            if ProcessInfo.processInfo.environment["NWBKIT_TEST_HELPER_CRASH"] != nil { crash() }
        #endif
    }

    /// `NWBKIT_TEST_SPLIT_FAN_OUT=N`: split small files too, dealing out groups from N hard links.
    static var splitFanOut: Int? {
        #if DEBUG
            return ProcessInfo.processInfo.environment["NWBKIT_TEST_SPLIT_FAN_OUT"].flatMap { Int($0) }
        #else
            return nil
        #endif
    }

    private static func crash() -> Never {
        UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1
        fatalError("unreachable")
    }
}
