import CCurl
import Foundation

/// One HTTP(S) connection through libcurl (kept alive between requests), for ranged GETs with timeouts.
/// Not shared between threads.
final class HTTPConnection {
    /// What one request gave.
    struct Response {
        var status: Int
        /// Header names in lower case.
        var headers: [String: String]
        var body: [UInt8]
    }

    /// Why a request gave no response.
    struct TransportError: Error {
        var code: CURLcode
        var message: String
        /// True when trying again may succeed (a reset, a stall, a refused connection).
        var isTransient: Bool
    }

    private let handle: UnsafeMutableRawPointer
    private let options: RemoteOptions
    /// libcurl's words for the last failure (`CURLOPT_ERRORBUFFER`).
    private let errorText = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    init(options: RemoteOptions) {
        Self.initializeLibrary
        handle = curl_easy_init()
        self.options = options
    }

    deinit {
        curl_easy_cleanup(handle)
        errorText.deallocate()
    }

    /// What went wrong, in words that name the cause: a certificate's fault (self-signed, an unknown
    /// authority, another host's, expired), a header too large, else libcurl's own words for it.
    private func describe(_ code: CURLcode) -> String {
        // libcurl's words, without the milliseconds it took (a line should read the same every time).
        let detail = String(cString: errorText).replacingOccurrences(
            of: #" after \d+ ms"#, with: "", options: .regularExpression)
        let words = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        let hint = "; give its authority's certificate with --ca-bundle FILE (or CURL_CA_BUNDLE, SSL_CERT_FILE, SSL_CERT_DIR)"
        switch code {
        case CURLE_PEER_FAILED_VERIFICATION:
            var result = 0
            _ = ccurl_info_long(handle, CURLINFO_SSL_VERIFYRESULT, &result)
            switch result {
            case 18, 19: return "the server's certificate is self-signed, so it cannot be trusted" + hint
            case 2, 20, 21: return "the server's certificate is signed by an authority this machine does not trust" + hint
            case 10: return "the server's certificate has expired"
            case 9: return "the server's certificate is not valid yet"
            case 62: return "the server's certificate is for another host name (\(words))"
            default:
                if words.contains("subject name") || words.contains("host name") {
                    return "the server's certificate is for another host name (\(words))"
                }
                return "the server's certificate cannot be trusted (\(words))"
            }
        case CURLE_SSL_CACERT_BADFILE:
            return "the certificate authorities cannot be read (\(words)); check --ca-bundle, CURL_CA_BUNDLE or SSL_CERT_FILE"
        case CURLE_SSL_CONNECT_ERROR: return "the TLS handshake failed (\(words))"
        case CURLE_OUT_OF_MEMORY:
            // What libcurl says when a header passes its limit (its buffer refuses to grow): no allocation
            // of this process failed.
            return "the server's answer has a header larger than libcurl takes (100 KB)"
        case CURLE_URL_MALFORMAT: return "not a URL libcurl can read (\(words))"
        default: return words
        }
    }

    /// Whole seconds for libcurl, at least 1 and at most a day (a number libcurl's longs hold).
    static func seconds(_ value: Double) -> Int {
        guard value.isFinite else { return 86_400 }
        return Int(min(86_400, max(1, value.rounded(.up))))
    }

    /// libcurl's global set-up, once per process, before any handle.
    private static let initializeLibrary: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// Collects a response's body and headers; refuses a body longer than `limit` (a server that ignores the
    /// Range header would otherwise send the whole file).
    private final class Collector {
        var body: [UInt8] = []
        var headers: [String: String] = [:]
        let limit: Int
        var overLimit = false
        init(limit: Int) { self.limit = limit }
    }

    /// GETs `url` (bytes `range` of it when given); `maximumBody` bounds what is kept. libcurl follows no
    /// redirect: a 3xx comes back with its `location` header, and `RemoteRequest` decides where to go and
    /// with which credentials.
    func get(_ url: String, range: Range<Int>?, headers extra: [String], maximumBody: Int) throws(TransportError) -> Response
    {
        curl_easy_reset(handle)
        let collector = Collector(limit: maximumBody)
        let context = Unmanaged.passRetained(collector)
        defer { context.release() }
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for header in extra { list = curl_slist_append(list, header) }
        defer { curl_slist_free_all(list) }

        _ = ccurl_setopt_string(handle, CURLOPT_URL, url)
        _ = ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.seconds(options.connectTimeout) * 1000)
        // A response slower than the minimum rate for the stall time is given up, and so is one that takes
        // longer than the deadline in all (the options are validated; the clamps keep libcurl's longs sane).
        _ = ccurl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, max(1, min(options.minimumBytesPerSecond, 1 << 30)))
        _ = ccurl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, Self.seconds(options.stallTimeout))
        _ = ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.seconds(options.requestDeadline) * 1000)
        _ = ccurl_setopt_string(handle, CURLOPT_USERAGENT, "nwbkit")
        errorText[0] = 0
        _ = ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorText))
        if let file = options.certificateAuthorities { _ = ccurl_setopt_string(handle, CURLOPT_CAINFO, file) }
        if let folder = options.certificateAuthorityFolder { _ = ccurl_setopt_string(handle, CURLOPT_CAPATH, folder) }
        _ = ccurl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = ccurl_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        if let range { _ = ccurl_setopt_string(handle, CURLOPT_RANGE, "\(range.lowerBound)-\(range.upperBound - 1)") }
        if list != nil { _ = ccurl_setopt_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(list!)) }
        _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context.toOpaque())
        _ = ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context.toOpaque())
        _ = ccurl_setopt_write(handle) { data, size, count, pointer in
            let collector = Unmanaged<Collector>.fromOpaque(pointer!).takeUnretainedValue()
            let length = size * count
            guard collector.body.count + length <= collector.limit else {
                collector.overLimit = true
                return 0  // ends the transfer (CURLE_WRITE_ERROR)
            }
            data!.withMemoryRebound(to: UInt8.self, capacity: length) {
                collector.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
            }
            return length
        }
        _ = ccurl_setopt_header(handle) { data, size, count, pointer in
            let collector = Unmanaged<Collector>.fromOpaque(pointer!).takeUnretainedValue()
            let length = size * count
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
            if line.hasPrefix("HTTP/") {
                collector.headers = [:]  // a new response (after a redirect or a 100 Continue)
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].lowercased()
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
                collector.headers[name] = value
            }
            return length
        }
        let code = curl_easy_perform(handle)
        var status = 0
        _ = ccurl_info_long(handle, CURLINFO_RESPONSE_CODE, &status)
        if collector.overLimit { return Response(status: status, headers: collector.headers, body: collector.body) }
        guard code == CURLE_OK else {
            var elapsed = 0.0
            _ = ccurl_info_double(handle, CURLINFO_TOTAL_TIME, &elapsed)
            let message: String
            if code == CURLE_OPERATION_TIMEDOUT {
                message =
                    elapsed >= options.requestDeadline - 0.5
                    ? "the request took longer than \(Self.seconds(options.requestDeadline)) s in all"
                    : collector.body.isEmpty
                        ? "the server sent nothing for \(options.stallTimeout.formatted()) s (--stall-timeout)"
                        : "the server sent less than \(options.minimumBytesPerSecond) bytes a second for \(options.stallTimeout.formatted()) s (--stall-timeout)"
            } else {
                message = describe(code)
            }
            let transient: Set<UInt32> = [
                CURLE_COULDNT_CONNECT.rawValue, CURLE_OPERATION_TIMEDOUT.rawValue, CURLE_RECV_ERROR.rawValue,
                CURLE_SEND_ERROR.rawValue, CURLE_PARTIAL_FILE.rawValue, CURLE_GOT_NOTHING.rawValue,
                CURLE_COULDNT_RESOLVE_HOST.rawValue, CURLE_HTTP2.rawValue, CURLE_HTTP2_STREAM.rawValue,
            ]
            throw TransportError(code: code, message: message, isTransient: transient.contains(code.rawValue))
        }
        return Response(status: status, headers: collector.headers, body: collector.body)
    }
}
