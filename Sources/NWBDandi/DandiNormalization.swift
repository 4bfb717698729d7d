import Foundation
import HDF5
import NWBKit
import NWBSupport

/// The dandi tool's rules for turning NWB subject and session text into DANDI metadata values.
public enum DandiNormalization {
    /// Why a value could not be interpreted, in the dandi tool's words where it has them.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    // MARK: Species

    /// The species entry for the raw `/general/subject/species` text.
    public static func species(_ raw: String) throws(Failure) -> DandiTables.Species {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw Failure(message: "species is empty") }
        let lower = trimmed.lowercased()
        for prefix in ["http://purl.obolibrary.org/obo/ncbitaxon_", "https://purl.obolibrary.org/obo/ncbitaxon_"]
        where lower.hasPrefix(prefix) {
            var id = String(lower.dropFirst(prefix.count))
            if id.hasSuffix("/") { id.removeLast() }
            guard !id.isEmpty, id.allSatisfy(\.isNumber) else { break }
            let uri = "http://purl.obolibrary.org/obo/NCBITaxon_\(id)"
            if let known = DandiTables.species.first(where: { $0.identifier == uri }) { return known }
            throw Failure(message: "NCBITaxon \(id) is not in the dandi tool's table (it would look it up online)")
        }
        var matches = DandiTables.species.filter { record in
            lower == record.name.lowercased() || (record.prefix.map { lower.hasPrefix($0) } ?? false)
                || lower == record.scientificName.lowercased() || lower == record.commonName.lowercased()
        }
        if matches.isEmpty {
            matches = DandiTables.species.filter { $0.commonNames.contains(lower) }
        }
        guard matches.count == 1 else {
            throw Failure(message: matches.isEmpty ? "Cannot interpret species field: \(raw)" : "Ambiguous species field: \(raw)")
        }
        return matches[0]
    }

    // MARK: Sex

    /// `(identifier, name)` for the raw sex text.
    public static func sex(_ raw: String) throws(Failure) -> (identifier: String?, name: String?) {
        let value = raw.lowercased()
        switch value {
        case "m", "male": return ("http://purl.obolibrary.org/obo/PATO_0000384", "Male")
        case "f", "female": return ("http://purl.obolibrary.org/obo/PATO_0000383", "Female")
        case "u", "unknown": return (nil, "Unknown")
        case "o", "other": return (nil, "Other")
        default:
            if value.hasPrefix("http") { return (value, nil) }
            throw Failure(message: "Cannot interpret sex field: \(raw)")
        }
    }

    // MARK: Age

    /// An ISO 8601 duration and whether it counts from birth or gestation.
    public struct Age: Sendable, Equatable {
        public var value: String
        public var gestational: Bool
    }

    /// dandi's `parse_age`: ISO 8601 durations and ranges kept as written, free text such as `90 days`
    /// or `3 months` converted, a leading `gestation` marking a gestational age.
    public static func age(_ raw: String) throws(Failure) -> Age {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw Failure(message: "Age is empty") }
        var gestational = false
        if text.lowercased().hasPrefix("gestation") {
            gestational = true
            text = String(text.drop { $0.isLetter }).trimmingCharacters(in: CharacterSet(charactersIn: " :"))
        }
        if text.filter({ $0 == "/" }).count == 1 {
            let compact = text.filter { $0 != " " }
            let sides = compact.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            for side in sides where !side.isEmpty {
                guard isISODuration(side) else { throw Failure(message: "ISO 8601 expected, but '\(raw)' was received") }
            }
            guard sides.contains(where: { !$0.isEmpty }) else { throw Failure(message: "Cannot parse age '\(raw)'") }
            return Age(value: compact, gestational: gestational)
        }
        if text.hasPrefix("P") {
            guard isISODuration(text) else { throw Failure(message: "ISO 8601 expected, but '\(raw)' was received") }
            return Age(value: text, gestational: gestational)
        }
        return Age(value: try freeTextDuration(text, raw: raw, allowTime: !gestational), gestational: gestational)
    }

    /// `P[nY][nM][nW][nD][T[nH][nM][nS]]` with at least one component; only the last may be fractional.
    public static func isISODuration(_ text: String) -> Bool {
        var rest = Substring(text)
        guard rest.first == "P" else { return false }
        rest = rest.dropFirst()
        var components = 0
        var sawFraction = false
        var inTime = false
        var allowed = Array("YMWD")
        while !rest.isEmpty {
            if rest.first == "T" {
                guard !inTime else { return false }
                inTime = true
                allowed = Array("HMS")
                rest = rest.dropFirst()
                guard let next = rest.first, next.isNumber else { return false }
                continue
            }
            let number = rest.prefix { $0.isNumber || $0 == "." || $0 == "," }
            guard !number.isEmpty, number.first!.isNumber, let unit = rest.dropFirst(number.count).first,
                let position = allowed.firstIndex(of: unit)
            else { return false }
            if sawFraction { return false }
            if number.contains(".") || number.contains(",") { sawFraction = true }
            allowed = Array(allowed[(position + 1)...])
            components += 1
            rest = rest.dropFirst(number.count + 1)
        }
        return components > 0
    }

    private static func freeTextDuration(_ text: String, raw: String, allowTime: Bool) throws(Failure) -> String {
        let cleaned = String(text.lowercased().map { ",;()".contains($0) ? " " : $0 })
        // Split "90days" into "90 days" and keep "hh:mm:ss" whole.
        var tokens: [String] = []
        for word in cleaned.split(separator: " ") {
            var current = ""
            var lastWasDigit: Bool?
            for character in word {
                let isDigit = character.isNumber || character == "." || character == ":"
                if let last = lastWasDigit, last != isDigit, !current.isEmpty {
                    tokens.append(current)
                    current = ""
                }
                current.append(character)
                lastWasDigit = isDigit
            }
            if !current.isEmpty { tokens.append(current) }
        }
        let dateUnits: [(Character, Set<String>)] = [
            ("Y", ["y", "yr", "yrs", "year", "years"]), ("M", ["mo", "mon", "month", "months"]),
            ("W", ["w", "wk", "wks", "week", "weeks"]), ("D", ["d", "day", "days"]),
        ]
        let timeUnits: [(Character, Set<String>)] = [
            ("H", ["h", "hr", "hrs", "hour", "hours"]), ("M", ["min", "mins", "minute", "minutes"]),
            ("S", ["s", "sec", "secs", "second", "seconds"]),
        ]
        var date: [Character: String] = [:]
        var time: [Character: String] = [:]
        var index = 0
        func unit(_ token: String) -> (Character, Bool)? {
            if let match = dateUnits.first(where: { $0.1.contains(token) }) { return (match.0, false) }
            if token == "m" { return ("M", false) }
            if allowTime, let match = timeUnits.first(where: { $0.1.contains(token) }) { return (match.0, true) }
            return nil
        }
        func isNumber(_ token: String) -> Bool { Double(token) != nil }
        while index < tokens.count {
            let token = tokens[index]
            if token.contains(":"), allowTime {
                let parts = token.split(separator: ":").map(String.init)
                guard parts.count == 3, parts.allSatisfy({ Int($0) != nil }) else {
                    throw Failure(message: "Cannot parse age '\(raw)'")
                }
                time["H"] = String(Int(parts[0])!)
                time["M"] = String(Int(parts[1])!)
                time["S"] = String(Int(parts[2])!)
                index += 1
            } else if isNumber(token), index + 1 < tokens.count, let (name, isTime) = unit(tokens[index + 1]) {
                if isTime { time[name] = token } else { date[name] = token }
                index += 2
            } else if let (name, isTime) = unit(token), index + 1 < tokens.count, isNumber(tokens[index + 1]) {
                if isTime { time[name] = tokens[index + 1] } else { date[name] = tokens[index + 1] }
                index += 2
            } else if token == "units:" || token == "units" {
                index += 1
            } else {
                throw Failure(message: "Cannot parse age '\(raw)': no rules to convert '\(token)'")
            }
        }
        guard !date.isEmpty || !time.isEmpty else { throw Failure(message: "Cannot parse age '\(raw)'") }
        var value = "P" + "YMWD".compactMap { name in date[name].map { $0 + String(name) } }.joined()
        if !time.isEmpty {
            value += "T" + "HMS".compactMap { name in time[name].map { $0 + String(name) } }.joined()
        }
        return value
    }

    /// The age from date of birth to session start, as dandi writes it (`P<days>D[T<seconds>S]`).
    public static func age(dateOfBirth: String, sessionStart: String) -> Age? {
        guard let birth = ISODate.parse(dateOfBirth), let start = ISODate.parse(sessionStart) else { return nil }
        let seconds = start.timeIntervalSince(birth)
        var days = Int((seconds / 86_400).rounded(.down))
        var rest = seconds - Double(days) * 86_400
        if rest < 0 {
            days -= 1
            rest += 86_400
        }
        var value = "P"
        if days != 0 { value += "\(days)D" }
        if rest > 0.000_000_5 {
            let whole = rest == rest.rounded() ? String(Int(rest)) : PythonRepr.float(rest)
            value += "T\(whole)S"
        }
        return Age(value: value == "P" ? "P0D" : value, gestational: false)
    }

    // MARK: Identifiers

    /// dandischema's `sanitize_value`: `_ * \ / < > : | " ' ? % @ ; ,`, whitespace and `.` become `-`.
    public static func sanitize(_ value: String) -> String {
        String(value.map { "_*\\/<>:|\"'?%@;,.".contains($0) || $0.isWhitespace ? "-" : $0 })
    }
}

/// ISO 8601 date-times as NWB writers store them, re-rendered as Python's `datetime.isoformat()`.
public enum ISODate {
    /// Parses `YYYY-MM-DD[THH:MM[:SS[.ffffff]]][Z|±HH:MM]`, also the basic form `YYYYMMDDTHHMMSS`.
    public static func parse(_ text: String) -> Date? {
        components(text).flatMap { parts in
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(secondsFromGMT: parts.offset ?? 0)!
            let date = calendar.date(
                from: DateComponents(
                    year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute,
                    second: parts.second))
            return date.map { $0.addingTimeInterval(Double(parts.microsecond) / 1_000_000) }
        }
    }

    /// True when `text` is an ISO date-time that states its time zone (`Z` or `±HH:MM`).
    public static func hasTimeZone(_ text: String) -> Bool {
        components(text)?.offset != nil
    }

    /// The wall-clock fields (year, month, day, hour, minute, second, microsecond) of an ISO date-time.
    public static func wallClock(_ text: String) -> [Int]? {
        components(text).map { [$0.year, $0.month, $0.day, $0.hour, $0.minute, $0.second, $0.microsecond] }
    }

    /// `datetime.fromisoformat(text).isoformat()`: microseconds as six digits when not zero, `Z` as `+00:00`
    /// (or `Z`, as pydantic writes UTC, with `utcAsZ`).
    /// `nil` when the text is not an ISO date-time with a time zone.
    public static func pythonISOFormat(_ text: String, utcAsZ: Bool = false, naiveAsUTC: Bool = false) -> String? {
        guard let parts = components(text), let offset = parts.offset ?? (naiveAsUTC ? 0 : nil) else { return nil }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var result =
            "\(parts.year)-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
        if parts.microsecond != 0 {
            let digits = String(parts.microsecond)
            result += "." + String(repeating: "0", count: 6 - digits.count) + digits
        }
        if utcAsZ && offset == 0 { return result + "Z" }
        let sign = offset < 0 ? "-" : "+"
        result += "\(sign)\(two(abs(offset) / 3600)):\(two(abs(offset) % 3600 / 60))"
        return result
    }

    struct Parts {
        var year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, microsecond = 0
        var offset: Int?
    }

    static func components(_ raw: String) -> Parts? {
        var text = Substring(raw.trimmingCharacters(in: .whitespaces))
        var parts = Parts()
        func number(_ count: Int) -> Int? {
            let digits = text.prefix(count)
            guard digits.count == count, digits.allSatisfy(\.isNumber) else { return nil }
            text = text.dropFirst(count)
            return Int(digits)
        }
        func skip(_ character: Character) -> Bool {
            if text.first == character {
                text = text.dropFirst()
                return true
            }
            return false
        }
        guard let year = number(4) else { return nil }
        parts.year = year
        let extended = skip("-")
        guard let month = number(2) else { return nil }
        parts.month = month
        if extended { guard skip("-") else { return nil } }
        guard let day = number(2) else { return nil }
        parts.day = day
        if skip("T") || skip(" ") {
            guard let hour = number(2) else { return nil }
            parts.hour = hour
            _ = skip(":")
            guard let minute = number(2) else { return nil }
            parts.minute = minute
            let hasSecondsSeparator = skip(":")
            if let second = number(2) {
                parts.second = second
                if skip(".") || skip(",") {
                    let fraction = text.prefix { $0.isNumber }
                    text = text.dropFirst(fraction.count)
                    let padded = (fraction + "000000").prefix(6)
                    parts.microsecond = Int(padded) ?? 0
                }
            } else if hasSecondsSeparator {
                return nil
            }
        }
        if skip("Z") || skip("z") {
            parts.offset = 0
        } else if let sign = text.first, sign == "+" || sign == "-" {
            text = text.dropFirst()
            guard let hours = number(2) else { return nil }
            _ = skip(":")
            let minutes = number(2) ?? 0
            parts.offset = (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        return text.isEmpty ? parts : nil
    }
}
