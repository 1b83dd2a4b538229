import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM / SIGINT (stop) and SIGHUP (reload), caught with dispatch sources so that their default
/// actions never kill the process.
final class SignalFlags: @unchecked Sendable {
    private let lock = NSLock()
    private var stop = false
    private var reload = false
    private var sources: [DispatchSourceSignal] = []

    func install() {
        // A parent may have left these blocked (shells and test runners do); a daemon must hear them.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&unblock, signal) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for signal in [SIGTERM, SIGINT, SIGHUP] {
            Glibc.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.lock.lock()
                if signal == SIGHUP { self.reload = true } else { self.stop = true }
                self.lock.unlock()
            }
            source.resume()
            sources.append(source)
        }
    }

    var stopRequested: Bool { lock.lock(); defer { lock.unlock() }; return stop }

    func takeReload() -> Bool {
        lock.lock(); defer { lock.unlock() }
        let value = reload
        reload = false
        return value
    }
}
