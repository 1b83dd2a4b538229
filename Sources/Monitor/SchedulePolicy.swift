import Config
import Fetcher
import Foundation

/// When each feed is polled next.
struct SchedulePolicy {
    let schedule: Configuration.Schedule

    /// After a success: the latest of the feed's interval, its `ttl`, the HTTP max-age / Expires and any
    /// Retry-After, clamped to the configured bounds, with jitter.
    func nextPoll(
        after now: Date, interval: TimeInterval?, ttlMinutes: Int?, headers: ResponseHeaders?,
        jitter: Double = Double.random(in: -1...1)
    ) -> Date {
        var wait = interval ?? schedule.interval
        if let ttl = ttlMinutes { wait = max(wait, TimeInterval(ttl) * 60) }
        if let maxAge = headers?.maxAge { wait = max(wait, TimeInterval(maxAge)) }
        if let expires = headers?.expires { wait = max(wait, expires.timeIntervalSince(now)) }
        if let retry = headers?.retryAfter { wait = max(wait, retry.delay(from: now)) }
        wait = min(max(wait, schedule.minInterval), schedule.maxInterval)
        return now.addingTimeInterval(wait * (1 + schedule.jitter * jitter))
    }

    /// After the `failures`-th failure in a row: the interval doubled per failure up to the cap (and never
    /// below a Retry-After), so a feed is never dropped, only asked less often.
    func nextRetry(
        after now: Date, interval: TimeInterval?, failures: Int, retryAfter: RetryAfter?,
        jitter: Double = Double.random(in: -1...1)
    ) -> Date {
        let base = max(interval ?? schedule.interval, 60)
        var wait = min(schedule.backoffCap, base * pow(2, Double(min(max(failures - 1, 0), 20))))
        if let retryAfter { wait = max(wait, min(retryAfter.delay(from: now), schedule.backoffCap)) }
        return now.addingTimeInterval(wait * (1 + schedule.jitter * jitter))
    }

    /// Statuses that mean "slow down" for the whole host.
    static func slowsHost(_ status: Int) -> Bool { status == 429 || status == 503 || status == 403 }
}
