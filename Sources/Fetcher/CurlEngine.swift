import CCurl
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One libcurl multi handle driven by one dedicated thread.
///
/// Requests arrive from any task through a locked inbox; the thread admits them within the global
/// and per-host limits, runs `curl_multi_perform`, and resumes each waiting task with its result.
/// Connections, TLS sessions and DNS answers are kept in the multi handle across fetches.
final class CurlEngine: @unchecked Sendable {
    private let configuration: FetcherConfiguration
    private let multi: UnsafeMutableRawPointer
    private let lock = NSLock()
    // Guarded by `lock`:
    private var inbox: [(FetchRequest, UInt64, CheckedContinuation<FetchResult, Never>)] = []
    private var cancellations: Set<UInt64> = []
    private var stopping = false
    private var nextID: UInt64 = 0
    // Engine thread only:
    private var waiting = HostQueues<(FetchRequest, UInt64, CheckedContinuation<FetchResult, Never>)>()
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    private var activePerHost: [String: Int] = [:]
    /// Easy handles of finished transfers, reset for reuse: creating one costs several allocations
    /// (libcurl's transfer buffers), more than a whole small transfer over a kept-alive connection.
    private var idleHandles: [UnsafeMutableRawPointer] = []
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)

    init(configuration: FetcherConfiguration) {
        CurlGlobal.ensureInitialized()
        self.configuration = configuration
        multi = curl_multi_init()
        _ = fw_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxTransfersPerHost)
        _ = fw_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(64, configuration.maxConcurrentTransfers * 4))
        let thread = Thread { [unowned self] in self.run() }
        thread.name = "feedwatch-curl"
        self.thread = thread
        thread.start()
    }

    deinit {
        for easy in idleHandles { curl_easy_cleanup(easy) }
        curl_multi_cleanup(multi)
    }

    func newID() -> UInt64 {
        lock.lock(); defer { lock.unlock() }
        nextID += 1
        return nextID
    }

    func submit(_ request: FetchRequest, id: UInt64, continuation: CheckedContinuation<FetchResult, Never>) {
        lock.lock()
        if stopping {
            lock.unlock()
            continuation.resume(returning: Self.failure(request, .cancelled, "the fetcher is shut down"))
            return
        }
        inbox.append((request, id, continuation))
        lock.unlock()
        curl_multi_wakeup(multi)
    }

    func cancel(id: UInt64) {
        lock.lock()
        cancellations.insert(id)
        lock.unlock()
        curl_multi_wakeup(multi)
    }

    /// Abandons every transfer, resumes their tasks as cancelled, and stops the thread.
    func shutdown() {
        lock.lock()
        let already = stopping
        stopping = true
        lock.unlock()
        guard !already else { return }
        curl_multi_wakeup(multi)
        finished.wait()
    }

    // MARK: The engine thread

    private func run() {
        while true {
            lock.lock()
            for item in inbox { waiting.append(item, host: CurlURL.hostKey(item.0.url)) }
            inbox.removeAll()
            let cancelled = cancellations
            cancellations.removeAll()
            let stop = stopping
            lock.unlock()

            if stop { abandonAll(); break }
            if !cancelled.isEmpty { cancel(cancelled) }
            admit()
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            collectCompleted()
            admit()
            // Sleeps until a socket is ready, a timeout is due, or `curl_multi_wakeup` is called.
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        finished.signal()
    }

    /// Starts waiting requests while the global and per-host limits allow, taking hosts in turn so
    /// that one site with many feeds cannot hold back the others.
    private func admit() {
        while active.count < configuration.maxConcurrentTransfers,
            let (host, item) = waiting.next(where: { activePerHost[$0, default: 0] < configuration.maxTransfersPerHost })
        {
            let (request, id, continuation) = item
            guard let easy = idleHandles.popLast() ?? curl_easy_init() else {
                continuation.resume(returning: Self.failure(request, .other, "libcurl could not create a transfer"))
                continue
            }
            let transfer = CurlTransfer(
                easy: easy, request: request, id: id, hostKey: host,
                userAgent: configuration.userAgent, continuation: continuation)
            active[transfer.easy] = transfer
            activePerHost[host, default: 0] += 1
            curl_multi_add_handle(multi, transfer.easy)
        }
    }

    private func collectCompleted() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            guard let transfer = remove(easy) else { continue }
            transfer.complete(code: code)
            recycle(transfer)
        }
    }

    private func remove(_ easy: UnsafeMutableRawPointer) -> CurlTransfer? {
        guard let transfer = active.removeValue(forKey: easy) else { return nil }
        curl_multi_remove_handle(multi, easy)
        activePerHost[transfer.hostKey, default: 1] -= 1
        if activePerHost[transfer.hostKey] == 0 { activePerHost[transfer.hostKey] = nil }
        return transfer
    }

    /// Returns a finished transfer's handle to the pool (after its result has been built from it).
    private func recycle(_ transfer: CurlTransfer) {
        curl_easy_reset(transfer.easy)
        if idleHandles.count < configuration.maxConcurrentTransfers {
            idleHandles.append(transfer.easy)
        } else {
            curl_easy_cleanup(transfer.easy)
        }
    }

    private func cancel(_ ids: Set<UInt64>) {
        for (request, _, continuation) in waiting.remove(where: { ids.contains($0.1) }) {
            continuation.resume(returning: Self.failure(request, .cancelled, "cancelled"))
        }
        for transfer in active.values where ids.contains(transfer.id) {
            _ = remove(transfer.easy)
            transfer.finish(Self.failure(transfer.request, .cancelled, "cancelled"))
            recycle(transfer)
        }
    }

    private func abandonAll() {
        lock.lock()
        let unread = inbox
        inbox.removeAll()
        lock.unlock()
        for (request, _, continuation) in waiting.remove(where: { _ in true }) + unread {
            continuation.resume(returning: Self.failure(request, .cancelled, "the fetcher is shut down"))
        }
        for transfer in Array(active.values) {
            _ = remove(transfer.easy)
            transfer.finish(Self.failure(transfer.request, .cancelled, "the fetcher is shut down"))
            recycle(transfer)
        }
    }

    static func failure(_ request: FetchRequest, _ kind: FetchErrorKind, _ message: String) -> FetchResult {
        FetchResult(
            request: request, status: 0, notModified: false, finalURL: request.url, redirects: 0, permanentURL: nil,
            headers: ResponseHeaders(), body: [], timings: FetchTimings(), error: FetchError(kind: kind, message: message))
    }
}

/// Process-wide libcurl set-up, done once before any thread uses it.
enum CurlGlobal {
    private static let initialized: Void = {
        curl_global_init(Int(CURL_GLOBAL_ALL))
        // With CURLOPT_NOSIGNAL libcurl no longer ignores SIGPIPE itself; a peer that closes mid-write
        // must not kill the daemon.
        signal(SIGPIPE, SIG_IGN)
    }()

    static func ensureInitialized() { _ = initialized }

    /// The encodings this libcurl can decode, for documentation and `fetch --verbose`.
    static var version: String { String(cString: curl_version()) }
}
