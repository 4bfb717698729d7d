import Foundation
import XCTest

extension XCTestCase {
    /// A new empty folder under the temporary directory, named `nwbkit-KIND-UUID`, removed when the test ends.
    func temporaryFolder(_ kind: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "nwbkit-\(kind)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }
}
