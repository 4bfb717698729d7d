import ArgumentParser

/// A misspelt subcommand (`nwbkit sumarize`) gets the nearest name instead of "unexpected arguments".
enum SubcommandSuggestion {
    /// The message for `arguments` when their first is neither an option nor a subcommand (nor `help`);
    /// `nil` otherwise.
    static func message(for arguments: [String], subcommands: [any ParsableCommand.Type]) -> String? {
        guard let typed = arguments.first, !typed.hasPrefix("-"), typed != "help" else { return nil }
        let visible = subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName }
        guard !subcommands.map({ $0._commandName }).contains(typed) else { return nil }
        let ranked = visible.map { (name: $0, distance: distance(typed.lowercased(), $0)) }.sorted { $0.distance < $1.distance }
        let list = visible.joined(separator: ", ")
        let sharingStart = visible.filter { $0.hasPrefix(typed.lowercased().prefix(3)) }
        if let best = ranked.first, best.distance <= max(2, best.name.count / 3) || (typed.count >= 3 && sharingStart == [best.name]) {
            return "unknown command '\(typed)'; did you mean '\(best.name)'? (commands: \(list))"
        }
        return "unknown command '\(typed)' (commands: \(list); `nwbkit --help` says what each does)"
    }

    /// Levenshtein distance (insertions, deletions, substitutions, and a swap of two neighbours as one).
    static func distance(_ left: String, _ right: String) -> Int {
        let a = Array(left)
        let b = Array(right)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
