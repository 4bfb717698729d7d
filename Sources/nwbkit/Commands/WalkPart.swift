import ArgumentParser
import CHDF5
import Foundation
import HDF5
import NWBExport
import NWBKit


/// `nwbkit walk-part --part K/N PATH`: walks part K of N of one file and writes it, in binary, on
/// standard output (the helper of a split walk, see `SplitWalk`; internal).
struct WalkPartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walk-part", abstract: "Walk one part of a file for a worker process (internal).", shouldDisplay: false)

    @Option var part: String
    @Option var fanOut = 64
    @Option var maxObjects: Int = WalkLimits.standard.maxObjects
    @Option var maxDepth: Int = WalkLimits.standard.maxDepth
    @Argument var path: String

    func run() throws {
        // Dies with the worker that started it (a worker stopped at its timeout takes its helpers along).
        let parent = getppid()
        _ = chdf5_die_with_parent()
        if getppid() != parent { throw ExitCode(1) }
        // Test hook: a helper that dies as libhdf5 could (the worker then walks the file whole).
        if ProcessInfo.processInfo.environment["NWBKIT_TEST_HELPER_CRASH"] != nil {
            UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1
        }
        let numbers = part.split(separator: "/").compactMap { Int($0) }
        guard numbers.count == 2, numbers[1] >= 1, (1...numbers[1]).contains(numbers[0]) else { throw ExitCode(2) }
        var limits = WalkLimits.standard
        limits.maxObjects = maxObjects
        limits.maxDepth = maxDepth
        let walked: PartialTree
        do {
            let file = try File.open(path)
            walked = try TreeWalker.walk(
                file, part: WalkPart(index: numbers[0] - 1, count: numbers[1], minimumFanOut: fanOut), limits: limits)
        } catch {
            throw ExitCode(1)
        }
        if DescriptorWriting.writeAll(PartialTreeCoding.encode(walked), to: STDOUT_FILENO) != nil { throw ExitCode(1) }
    }
}
