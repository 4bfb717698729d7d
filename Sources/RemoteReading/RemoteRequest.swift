import Foundation

/// What one HTTP request gave.
public struct RemoteResponse: Sendable {
    /// The HTTP status.
    public var status: Int
    /// Header names in lower case (the final response's, after redirects).
    public var headers: [String: String]
    public var body: [UInt8]
    /// The URL the request ended at, after redirects.
    public var effectiveURL: String
}

/// Whole-body and ranged GETs with the remote-reading rules: connect and stall time-outs, and transient
/// failures (408, 429, 5xx, a reset, a stall, a short body) tried again with a growing wait or the server's
/// `Retry-After`, a bounded number of times. `RemoteSession` (the archive client's) and `RemoteFile` both
/// send through here.
public enum RemoteRequest {
    /// The most redirects one request follows.
    static let maximumRedirects = 10

    /// One GET of `url` on `connection`. Redirects (when `followRedirects`) are followed here, not by
    /// libcurl: each hop carries `headers` and only the secrets of `credentials` that belong to its own
    /// origin, so a token or signature never reaches a redirect's target on another origin (nor an `http`
    /// one after `https`). Each hop is tried again after transient failures; `requests` counts every try.
    static func send(
        _ connection: HTTPConnection, _ url: String, range: Range<Int>?, headers: [String],
        credentials: RequestCredentials = RequestCredentials(), maximumBody: Int? = nil, followRedirects: Bool = true,
        options: RemoteOptions, requests: inout Int
    ) throws(RemoteError) -> RemoteResponse {
        var target = url
        var hops = 0
        while true {
            var response = try sendOnce(
                connection, target, range: range, headers: headers + credentials.headers(for: target),
                maximumBody: maximumBody, options: options, requests: &requests)
            response.effectiveURL = target
            guard followRedirects, [301, 302, 303, 307, 308].contains(response.status) else { return response }
            guard let location = response.headers["location"], !location.isEmpty else {
                throw RemoteError("the server redirected (HTTP \(response.status)) without saying where")
            }
            hops += 1
            guard hops <= maximumRedirects else {
                throw RemoteError("more than \(maximumRedirects) redirects (the last to \(location))")
            }
            guard let next = URL(string: location, relativeTo: URL(string: target))?.absoluteString, Origin(url: next) != nil
            else { throw RemoteError("the server redirected to \(location), which is not an http(s) URL") }
            target = next
        }
    }

    /// One request on `connection` (a redirect comes back as it is), tried again after transient failures.
    private static func sendOnce(
        _ connection: HTTPConnection, _ url: String, range: Range<Int>?, headers: [String], maximumBody: Int?,
        options: RemoteOptions, requests: inout Int
    ) throws(RemoteError) -> RemoteResponse {
        let limit = maximumBody ?? range?.count ?? (64 << 20)
        var attempt = 0
        while true {
            requests += 1
            var wait = min(options.maximumRetryWait, 0.25 * pow(2, Double(attempt)))
            let reason: String
            do {
                let answer = try connection.get(url, range: range, headers: headers, maximumBody: limit)
                let response = RemoteResponse(
                    status: answer.status, headers: answer.headers, body: answer.body, effectiveURL: url)
                if range == nil, answer.body.count >= limit, response.headers["content-length"].flatMap(Int.init) ?? 0 > limit {
                    throw RemoteError("the server's answer is larger than \(limit) bytes")
                }
                let transient = [408, 429, 500, 502, 503, 504].contains(response.status)
                let short = isShort(response, range: range)
                if !transient && !short { return response }
                if let after = response.headers["retry-after"].flatMap(retryAfterSeconds) {
                    wait = min(options.maximumRetryWait, max(0, after))
                }
                reason = short ? "the server sent a short body" : describe(status: response.status)
            } catch let error as HTTPConnection.TransportError {
                guard error.isTransient else { throw RemoteError(error.message) }
                reason = error.message
            } catch let error as RemoteError {
                throw error
            } catch {
                throw RemoteError("\(error)")
            }
            attempt += 1
            if attempt > options.retries {
                throw RemoteError(attempt == 1 ? reason : "\(reason) (\(attempt) tries)")
            }
            Thread.sleep(forTimeInterval: wait)
        }
    }

    /// True when a response holds less than it says it does (a connection closed part way).
    private static func isShort(_ response: RemoteResponse, range: Range<Int>?) -> Bool {
        if let range {
            return response.status == 206 && response.body.count < range.count
                && response.body.count < (RemoteFile.totalSize(response.headers["content-range"]) ?? Int.max)
                    - range.lowerBound
        }
        guard (200..<300).contains(response.status), let length = response.headers["content-length"].flatMap(Int.init)
        else { return false }
        return response.body.count < length
    }

    /// `Retry-After` in seconds: a number, or an HTTP date (how long until then).
    static func retryAfterSeconds(_ value: String) -> Double? {
        if let seconds = Double(value.trimmingCharacters(in: .whitespaces)) { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return date.timeIntervalSinceNow
    }

    /// A failed status in words a user can act on.
    public static func describe(status: Int) -> String {
        switch status {
        case 401, 403: "access denied (HTTP \(status))"
        case 404: "not found (HTTP 404)"
        case 416: "the server refused the byte range (HTTP 416)"
        default: "the server answered HTTP \(status)"
        }
    }
}

/// Whole-body GETs, one after another on one kept-alive connection (an archive's listing pages cost one
/// connection, not one each), with the remote-reading time-outs and retries. Not shared between threads.
public final class RemoteSession {
    private let connection: HTTPConnection
    private let options: RemoteOptions

    public init(options: RemoteOptions = RemoteOptions()) {
        self.options = options
        connection = HTTPConnection(options: options)
    }

    /// GETs `url` whole (at most `maximumBody` bytes are kept; a longer body is an error), with `headers`
    /// and the secrets of `credentials` that belong to each hop's origin. With `followRedirects` false, a
    /// 3xx comes back as it is (its `location` header says where).
    public func get(
        _ url: String, headers: [String] = [], credentials: RequestCredentials = RequestCredentials(),
        maximumBody: Int = 64 << 20, followRedirects: Bool = true
    ) throws(RemoteError) -> RemoteResponse {
        var requests = 0
        return try RemoteRequest.send(
            connection, url, range: nil, headers: headers, credentials: credentials, maximumBody: maximumBody,
            followRedirects: followRedirects, options: options, requests: &requests)
    }
}
