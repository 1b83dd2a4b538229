import CCurl
import FeedCore
import Foundation

/// One transfer: its easy handle, the buffers its callbacks fill, and the continuation waiting for it.
/// Lives on the engine's thread from start to finish; callbacks reach it through libcurl's user
/// pointers, never through captured context.
final class CurlTransfer {
    let request: FetchRequest
    let id: UInt64
    let hostKey: String
    let easy: UnsafeMutableRawPointer
    private var continuation: CheckedContinuation<FetchResult, Never>?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    private(set) var body: [UInt8] = []
    private(set) var bodyTooLarge = false
    private(set) var headersTooLarge = false
    private var headerBytes = 0
    /// Header lines of the response being received (reset at each status line: one per redirect hop).
    private var currentHeaders: [(name: String, value: String)] = []
    /// Status and Location of each response received, in order.
    private var hops: [(status: Int, location: String?)] = []
    /// The first connection the private-network guard refused.
    private(set) var refused: RefusedConnection?

    /// Configures `easy` (fresh, or reset by the engine's pool) for `request`.
    init(
        easy: UnsafeMutableRawPointer, request: FetchRequest, id: UInt64, hostKey: String, userAgent: String,
        continuation: CheckedContinuation<FetchResult, Never>
    ) {
        self.request = request
        self.id = id
        self.hostKey = hostKey
        self.easy = easy
        self.continuation = continuation
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        configure(userAgent: userAgent)
    }

    /// The easy handle itself belongs to the engine, which resets and reuses it.
    deinit {
        if let headerList { curl_slist_free_all(headerList) }
        errorBuffer.deallocate()
    }

    private func configure(userAgent: String) {
        let limits = request.limits
        let me = Unmanaged.passUnretained(self).toOpaque()
        setString(CURLOPT_URL, request.url)
        setLong(CURLOPT_NOSIGNAL, 1)
        setString(CURLOPT_PROTOCOLS_STR, request.allowFile ? "http,https,file" : "http,https")
        setString(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")  // never file:// after a redirect
        setLong(CURLOPT_FOLLOWLOCATION, 1)
        setLong(CURLOPT_MAXREDIRS, limits.maxRedirects)
        setLong(CURLOPT_CONNECTTIMEOUT_MS, Int(limits.connectTimeout * 1000))
        setLong(CURLOPT_TIMEOUT_MS, Int(limits.totalTimeout * 1000))
        setLong(CURLOPT_LOW_SPEED_LIMIT, limits.lowSpeedBytesPerSecond)
        setLong(CURLOPT_LOW_SPEED_TIME, limits.lowSpeedSeconds)
        _ = fw_curl_easy_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(limits.maxBodyBytes))
        setString(CURLOPT_ACCEPT_ENCODING, "")  // every encoding this libcurl decodes: gzip, deflate, br, zstd
        setLong(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS)
        setLong(CURLOPT_PIPEWAIT, 1)
        setString(CURLOPT_USERAGENT, userAgent)
        if !request.verifyTLS {
            setLong(CURLOPT_SSL_VERIFYPEER, 0)
            setLong(CURLOPT_SSL_VERIFYHOST, 0)
        }
        var headers = [
            "Accept: application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.9, */*;q=0.8"
        ]
        if let body = request.postBody {
            setLong(CURLOPT_POST, 1)
            _ = fw_curl_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBytes {
                _ = fw_curl_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress))
            }
            headers = ["Accept: */*", "Content-Type: \(request.postContentType ?? "application/json")", "Expect:"]
        }
        if let etag = request.etag { headers.append("If-None-Match: \(etag)") }
        if let lastModified = request.lastModified { headers.append("If-Modified-Since: \(lastModified)") }
        for header in headers { headerList = curl_slist_append(headerList, header) }
        _ = fw_curl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList)
        _ = fw_curl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = fw_curl_easy_setopt_pointer(easy, CURLOPT_PRIVATE, me)
        _ = fw_curl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me)
        _ = fw_curl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me)
        _ = fw_curl_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue().receiveBody(data, size * count)
        }
        _ = fw_curl_easy_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue().receiveHeader(data, size * count)
        }
        if request.privateNetworks != .anywhere { installGuard(me) }
    }

    /// The private-network guard: each new socket is checked against the address it is about to
    /// connect to (after DNS, so names and numeric forms are judged by where they lead), and each
    /// request on a kept-alive connection against the address that connection went to — a
    /// connection opened for a trusted URL must not serve an untrusted one on the same name.
    private func installGuard(_ me: UnsafeMutableRawPointer) {
        _ = fw_curl_easy_setopt_pointer(easy, CURLOPT_OPENSOCKETDATA, me)
        _ = fw_curl_easy_setopt_opensocket_callback(easy) { context, _, address in
            guard let context, let address else { return CURL_SOCKET_BAD }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().openSocket(address)
        }
        _ = fw_curl_easy_setopt_pointer(easy, CURLOPT_PREREQDATA, me)
        _ = fw_curl_easy_setopt_prereq_callback(easy) { context, primaryIP, _, _, _ in
            guard let context, let primaryIP else { return CURL_PREREQFUNC_ABORT }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            // file:// (only where the request allows it) makes no connection and has no address.
            if primaryIP.pointee == 0 && transfer.request.allowFile { return CURL_PREREQFUNC_OK }
            guard let address = IPAddress(String(cString: primaryIP)), transfer.admits(address) else { return CURL_PREREQFUNC_ABORT }
            return CURL_PREREQFUNC_OK
        }
    }

    private func openSocket(_ address: UnsafeMutablePointer<curl_sockaddr>) -> curl_socket_t {
        let family = address.pointee.family
        guard let ip = IPAddress(socketAddress: fw_curl_sockaddr_address(address), family: family), admits(ip) else {
            return CURL_SOCKET_BAD
        }
        // Close-on-exec, which libcurl's own sockets lack: command sinks must not inherit connections.
        return socket(family, address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue), address.pointee.protocol)
    }

    /// Whether the guard lets this transfer use `address` for the URL it is on now (after redirects).
    private func admits(_ address: IPAddress) -> Bool {
        var url: String?
        let allowed = request.privateNetworks.allows(address) {
            url = effectiveURL
            return CurlURL.host(url!)
        }
        if !allowed && refused == nil {
            refused = RefusedConnection(address: address, range: address.specialRange ?? .reserved, url: url ?? effectiveURL)
        }
        return allowed
    }

    /// The URL being fetched: the request's, or the latest redirect's.
    private var effectiveURL: String {
        var pointer: UnsafeMutablePointer<CChar>?
        _ = fw_curl_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &pointer)
        return pointer.map { String(cString: $0) } ?? request.url
    }

    private func setLong(_ option: CURLoption, _ value: Int) {
        _ = fw_curl_easy_setopt_long(easy, option, value)
    }

    private func setString(_ option: CURLoption, _ value: String) {
        _ = fw_curl_easy_setopt_string(easy, option, value)  // libcurl copies strings it is given
    }

    // MARK: Callbacks (engine thread)

    /// Body bytes, already decoded: the size limit therefore also stops decompression bombs.
    private func receiveBody(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard let data else { return 0 }
        if body.count + count > request.limits.maxBodyBytes {
            bodyTooLarge = true
            return 0  // makes libcurl abort with CURLE_WRITE_ERROR
        }
        if body.isEmpty, let length = contentLength, length > 0 {
            body.reserveCapacity(min(length, request.limits.maxBodyBytes))
        }
        data.withMemoryRebound(to: UInt8.self, capacity: count) { body.append(contentsOf: UnsafeBufferPointer(start: $0, count: count)) }
        return count
    }

    private func receiveHeader(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard let data else { return 0 }
        headerBytes += count
        if headerBytes > request.limits.maxHeaderBytes {
            headersTooLarge = true
            return 0
        }
        let line = data.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }.trimmingASCIIWhitespace()
        if line.hasPrefix("HTTP/") {
            // A new response: a redirect hop, or the final answer.
            let parts = line.split(separator: " ", maxSplits: 2)
            hops.append((parts.count > 1 ? Int(parts[1]) ?? 0 : 0, nil))
            currentHeaders = []
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingASCIIWhitespace().asciiLowercased()
            let value = line[line.index(after: colon)...].trimmingASCIIWhitespace()
            currentHeaders.append((name, value))
            if name == "location", !hops.isEmpty { hops[hops.count - 1].location = value }
        }
        return count
    }

    private var contentLength: Int? {
        currentHeaders.last { $0.name == "content-length" }.flatMap { Int($0.value) }
    }

    // MARK: Completion

    /// Builds the result from libcurl's final state and hands it to the waiting task.
    func complete(code: CURLcode) {
        var status = 0
        _ = fw_curl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        let finalURL = effectiveURL
        var redirects = 0
        _ = fw_curl_easy_getinfo_long(easy, CURLINFO_REDIRECT_COUNT, &redirects)
        let isFile = finalURL.lowercased().hasPrefix("file:")
        if isFile && code == CURLE_OK { status = 200 }

        var result = FetchResult(
            request: request, status: status, notModified: status == 304, finalURL: finalURL,
            redirects: redirects, permanentURL: permanentURL(),
            headers: HeaderParsing.headers(from: currentHeaders), body: body,
            timings: timings(), error: nil)
        result.error = error(for: code, status: status)
        result.address = primaryAddress
        result.refused = refused
        if result.error != nil && result.error?.kind != .http { result.body = [] }
        body = []
        finish(result)
    }

    func finish(_ result: FetchResult) {
        continuation?.resume(returning: result)
        continuation = nil
    }

    private var primaryAddress: IPAddress? {
        var pointer: UnsafeMutablePointer<CChar>?
        _ = fw_curl_easy_getinfo_string(easy, CURLINFO_PRIMARY_IP, &pointer)
        return pointer.flatMap { IPAddress(String(cString: $0)) }
    }

    private func timings() -> FetchTimings {
        func seconds(_ info: CURLINFO) -> Double {
            var microseconds: curl_off_t = 0
            _ = fw_curl_easy_getinfo_off(easy, info, &microseconds)
            return Double(microseconds) / 1_000_000
        }
        return FetchTimings(
            dns: seconds(CURLINFO_NAMELOOKUP_TIME_T), connect: seconds(CURLINFO_CONNECT_TIME_T),
            tls: seconds(CURLINFO_APPCONNECT_TIME_T), firstByte: seconds(CURLINFO_STARTTRANSFER_TIME_T),
            total: seconds(CURLINFO_TOTAL_TIME_T))
    }

    /// The URL after the leading run of 301/308 redirects, resolving each Location against its hop.
    private func permanentURL() -> String? {
        var url = request.url
        var moved = false
        for hop in hops.dropLast() {
            guard hop.status == 301 || hop.status == 308, let location = hop.location else { break }
            url = URLResolution.resolve(location, against: url)
            moved = true
        }
        return moved ? url : nil
    }

    private func error(for code: CURLcode, status: Int) -> FetchError? {
        let raw = Int(code.rawValue)
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        if let refused, code != CURLE_OK {
            return FetchError(kind: .privateNetwork, curlCode: raw, message: refused.description)
        }
        switch code {
        case CURLE_OK:
            if status >= 400 { return FetchError(kind: .http, message: "HTTP \(status)") }
            return nil
        case CURLE_WRITE_ERROR where bodyTooLarge, CURLE_FILESIZE_EXCEEDED:
            return FetchError(kind: .tooLarge, curlCode: raw, message: "body larger than \(request.limits.maxBodyBytes) bytes")
        case CURLE_WRITE_ERROR where headersTooLarge:
            return FetchError(kind: .tooLarge, curlCode: raw, message: "headers larger than \(request.limits.maxHeaderBytes) bytes")
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return FetchError(kind: .dns, curlCode: raw, message: message)
        case CURLE_COULDNT_CONNECT:
            return FetchError(kind: .connectionRefused, curlCode: raw, message: message)
        case CURLE_OPERATION_TIMEDOUT:
            return FetchError(kind: .timeout, curlCode: raw, message: message)
        case CURLE_TOO_MANY_REDIRECTS:
            return FetchError(kind: .tooManyRedirects, curlCode: raw, message: "more than \(request.limits.maxRedirects) redirects")
        case CURLE_UNSUPPORTED_PROTOCOL where detail.contains("HTTP/0.9"):
            return FetchError(kind: .connection, curlCode: raw, message: "not an HTTP response (a body without a status line)")
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return FetchError(kind: .protocolNotAllowed, curlCode: raw, message: message)
        case CURLE_OUT_OF_MEMORY where status > 0, CURLcode(rawValue: 100):  // 100: CURLE_TOO_LARGE, libcurl 8.6+
            // libcurl before 8.6 says "out of memory" for a response header line longer than it accepts.
            return FetchError(kind: .tooLarge, curlCode: raw, message: "a header line longer than libcurl accepts (100 kB)")
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_CRL_BADFILE:
            return FetchError(kind: .tls, curlCode: raw, message: message)
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE, CURLE_WEIRD_SERVER_REPLY,
            CURLE_BAD_CONTENT_ENCODING, CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_HTTP3:
            return FetchError(kind: .connection, curlCode: raw, message: message)
        default:
            return FetchError(kind: .other, curlCode: raw, message: message)
        }
    }
}
