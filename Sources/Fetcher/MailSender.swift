import CCurl
import Foundation

/// Where and how a message is sent: an SMTP server the user configured (trusted, like a webhook URL).
public struct MailEnvelope: Sendable {
    /// `smtp://host:port` (STARTTLS when `requireTLS`) or `smtps://host:port` (TLS from the start).
    public var url: String
    public var from: String
    public var to: [String]
    /// For `smtp://`: refuse to send unless the server upgrades to TLS (STARTTLS). Off only for a relay
    /// on this machine or a trusted network.
    public var requireTLS: Bool
    public var username: String?
    public var password: String?
    public var connectTimeout: TimeInterval
    /// The whole conversation, connection to QUIT.
    public var timeout: TimeInterval

    public init(
        url: String, from: String, to: [String], requireTLS: Bool = true, username: String? = nil, password: String? = nil,
        connectTimeout: TimeInterval = 10, timeout: TimeInterval = 30
    ) {
        self.url = url
        self.from = from
        self.to = to
        self.requireTLS = requireTLS
        self.username = username
        self.password = password
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}

/// Why a message was not sent: libcurl's words, and the server's last reply code (e.g. 451, 550) when it gave one.
public struct MailError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var replyCode: Int

    public var description: String { replyCode > 0 ? "\(message) (SMTP \(replyCode))" : message }

    public init(message: String, replyCode: Int) {
        self.message = message
        self.replyCode = replyCode
    }
}

/// Sends one RFC 5322 message through libcurl's SMTP support. Each send is one connection on a
/// thread of its own (a sink sends one message at a time; the feed fetches keep their engine).
public enum MailSender {
    public static func send(_ message: [UInt8], envelope: MailEnvelope) async -> MailError? {
        CurlGlobal.ensureInitialized()
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: sendBlocking(message, envelope: envelope)) }
        }
    }

    /// The message's bytes as libcurl reads them, in pieces.
    private final class Upload {
        let bytes: [UInt8]
        var offset = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }

    private static func sendBlocking(_ message: [UInt8], envelope: MailEnvelope) -> MailError? {
        guard let easy = curl_easy_init() else { return MailError(message: "could not start libcurl", replyCode: 0) }
        defer { curl_easy_cleanup(easy) }
        let upload = Upload(message)
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        var recipients: UnsafeMutablePointer<curl_slist>?
        for address in envelope.to { recipients = curl_slist_append(recipients, "<\(address)>") }
        defer { curl_slist_free_all(recipients) }

        _ = fw_curl_easy_setopt_string(easy, CURLOPT_URL, envelope.url)
        _ = fw_curl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        _ = fw_curl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        _ = fw_curl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Int(envelope.connectTimeout * 1000))
        _ = fw_curl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Int(envelope.timeout * 1000))
        _ = fw_curl_easy_setopt_long(easy, CURLOPT_USE_SSL, Int(envelope.requireTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_NONE.rawValue))
        _ = fw_curl_easy_setopt_string(easy, CURLOPT_MAIL_FROM, "<\(envelope.from)>")
        _ = fw_curl_easy_setopt_slist(easy, CURLOPT_MAIL_RCPT, recipients)
        if let username = envelope.username { _ = fw_curl_easy_setopt_string(easy, CURLOPT_USERNAME, username) }
        if let password = envelope.password { _ = fw_curl_easy_setopt_string(easy, CURLOPT_PASSWORD, password) }
        _ = fw_curl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = fw_curl_easy_setopt_long(easy, CURLOPT_UPLOAD, 1)
        _ = fw_curl_easy_setopt_off(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.count))
        _ = fw_curl_easy_setopt_pointer(easy, CURLOPT_READDATA, Unmanaged.passUnretained(upload).toOpaque())
        _ = fw_curl_easy_setopt_data_callback(easy, CURLOPT_READFUNCTION) { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            let upload = Unmanaged<Upload>.fromOpaque(context).takeUnretainedValue()
            let n = min(size * count, upload.bytes.count - upload.offset)
            guard n > 0 else { return 0 }
            upload.bytes.withUnsafeBufferPointer { source in
                UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + upload.offset, byteCount: n)
            }
            upload.offset += n
            return n
        }
        let code = withExtendedLifetime(upload) { curl_easy_perform(easy) }
        guard code != CURLE_OK else { return nil }
        var reply = 0
        _ = fw_curl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &reply)
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        return MailError(message: message, replyCode: reply)
    }
}
