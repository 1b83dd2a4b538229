import CCurl

/// URLs read by libcurl's own parser, so that feedwatch and libcurl agree on what a host is
/// (numeric forms such as `http://2130706433/` come back normalised as `127.0.0.1`).
enum CurlURL {
    /// The host of `url`, lowercased ("example.org", "127.0.0.1", "[::1]"); nil if it has none.
    static func host(_ url: String) -> String? {
        parts(url) { get in get(CURLUPART_HOST, 0) }
    }

    /// "scheme://host:port", lowercased: the unit the per-host transfer limit counts.
    static func hostKey(_ url: String) -> String {
        parts(url) { get in
            guard let scheme = get(CURLUPART_SCHEME, 0), let host = get(CURLUPART_HOST, 0),
                let port = get(CURLUPART_PORT, UInt32(CURLU_DEFAULT_PORT))
            else { return nil }
            return "\(scheme)://\(host):\(port)"
        } ?? url
    }

    private static func parts<T>(_ url: String, _ body: ((CURLUPart, UInt32) -> String?) -> T?) -> T? {
        guard let handle = curl_url() else { return nil }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, url, UInt32(CURLU_NON_SUPPORT_SCHEME)) == CURLUE_OK else { return nil }
        return body { which, flags in
            var out: UnsafeMutablePointer<CChar>?
            guard curl_url_get(handle, which, &out, flags) == CURLUE_OK, let out else { return nil }
            defer { curl_free(out) }
            return String(cString: out).lowercased()
        }
    }
}
