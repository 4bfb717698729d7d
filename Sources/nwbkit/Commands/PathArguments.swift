import ArgumentParser
import Foundation
import NWBSupport

/// Paths in the thousands: ArgumentParser takes time quadratic in the number of positional arguments
/// (16,000 paths took 6 s to parse, 100,000 minutes), so a long command line's paths are taken out before
/// it parses the rest, and handed to `PathOptions` after (`take`). `--paths-from FILE|-` reads them from a
/// file or standard input instead, one per line.
enum PathArguments {
    /// Past this many arguments the paths are taken out first.
    static let threshold = 256
    /// The paths taken out of the command line, in order, until `PathOptions` takes them.
    nonisolated(unsafe) private static var taken: [String] = []

    /// `arguments` (without the program name) with the paths of a command that reads files taken out,
    /// when there are many; otherwise `arguments` as they are.
    static func separate(_ arguments: [String], commands: [any ParsableCommand.Type]) -> [String] {
        guard arguments.count > threshold, let name = arguments.first,
            let command = commands.first(where: { $0._commandName == name }),
            let valueOptions = optionsTakingValues(of: command)
        else { return arguments }
        var kept = [name]
        var paths: [String] = []
        var index = 1
        while index < arguments.count {
            let token = arguments[index]
            index += 1
            if token == "--" {
                paths += arguments[index...]
                break
            }
            guard token.hasPrefix("-"), token.count > 1 else {
                paths.append(token)
                continue
            }
            kept.append(token)
            if valueOptions.contains(token), index < arguments.count {
                kept.append(arguments[index])
                index += 1
            }
        }
        taken = paths
        return kept
    }

    /// The paths taken out of the command line (once: later calls give none).
    static func take() -> [String] {
        defer { taken = [] }
        return taken
    }

    /// The spellings (`--cache`, `-o`) of `command`'s options that take a value, from ArgumentParser's own
    /// description of the command; `nil` when the command takes positional arguments other than paths.
    private static func optionsTakingValues(of command: any ParsableCommand.Type) -> Set<String>? {
        guard let root = try? OrderedJSON.parse(command._dumpHelp()), let arguments = root["command"]?["arguments"]?.arrayValue
        else { return nil }
        var spellings = Set<String>()
        var positionals = 0
        for argument in arguments {
            switch argument["kind"]?.stringValue {
            case "positional": positionals += 1
            case "option":
                for name in argument["names"]?.arrayValue ?? [] {
                    guard let text = name["name"]?.stringValue else { continue }
                    spellings.insert((name["kind"]?.stringValue == "long" ? "--" : "-") + text)
                }
            default: break
            }
        }
        return positionals == 1 ? spellings : nil
    }

    /// The paths listed in `source` (a file, or `-` for standard input): one per line, empty lines left out.
    static func read(from source: String) throws -> [String] {
        let limit = 256 << 20
        let data: Data
        if source == "-" {
            data = FileHandle.standardInput.readData(ofLength: limit + 1)
        } else {
            guard let handle = FileHandle(forReadingAtPath: source) else {
                throw ValidationError("--paths-from: cannot read \(source)")
            }
            defer { try? handle.close() }
            data = handle.readData(ofLength: limit + 1)
        }
        guard data.count <= limit else { throw ValidationError("--paths-from: \(source) holds more than 256 MiB") }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
    }
}
