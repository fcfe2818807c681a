extension BusinessCalendar {
    /// The instant by which `target`, measured on `clock`, is reached when counting from `from`.
    ///
    /// On `24x7` it is wall-clock time (`1d` = 86 400 s, whatever the DST switches); on
    /// `business` it is business time, where `1d` is one working day's length
    /// (`settings.workingDaySeconds`, the total of `hours`): see
    /// `instant(afterBusinessMillis:from:)`.
    public func deadline(for target: SLADuration, clock: SLAClock, from: Instant) -> Instant {
        switch clock {
        case .twentyFourSeven:
            return from.adding(millis: target.wallClockSeconds * 1000)
        case .business:
            let seconds = target.seconds(workingDaySeconds: settings.workingDaySeconds)
            return instant(afterBusinessMillis: seconds * 1000, from: from)
        }
    }

    /// The time elapsed from `from` to `to` on `clock`, in milliseconds; 0 when `to <= from`.
    ///
    /// On `24x7` it is real elapsed time (an hour skipped by a DST switch does not count); on
    /// `business` it is `businessMillis(from:to:)`. Both clocks clamp to zero, so callers that
    /// need to detect negative durations (SPEC 3.1 `negative-duration`) compare the instants.
    public func elapsed(from: Instant, to: Instant, clock: SLAClock) -> Int64 {
        switch clock {
        case .twentyFourSeven: return max(0, to.millis - from.millis)
        case .business: return businessMillis(from: from, to: to)
        }
    }

    /// The last instant at which a reply would still meet `target` counted from `from`: the
    /// moment a target is missed for good.
    ///
    /// On `24x7` this is `deadline`. On `business`, when the target runs out exactly at the end
    /// of a working window, a reply before the next window opens has still used exactly the
    /// target, so the latest such instant is that next window's start (a reply on Saturday to a
    /// target that ran out Friday at 17:00 is met).
    public func lastMomentToMeet(_ target: SLADuration, clock: SLAClock, from: Instant) -> Instant {
        guard clock == .business else { return deadline(for: target, clock: clock, from: from) }
        let seconds = target.seconds(workingDaySeconds: settings.workingDaySeconds)
        // One walk over the windows finds both the instant the target runs out and the next
        // window's start (a split shift's 12:00 end waits for its 13:00 start).
        return businessDeadline(afterMillis: seconds * 1000, from: from, lastMoment: true).lastMoment
    }
}
