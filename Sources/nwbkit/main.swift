import NWBKit
import HDF5
for path in CommandLine.arguments.dropFirst() {
    do {
        let file = try File.open(path)
        let tree = try TreeWalker.walk(file)
        print(DandiStructure.lines(tree).joined(separator: "\n"))
    } catch { print(path, error) }
}
