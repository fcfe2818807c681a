import Dispatch

/// Work split over the machine's cores.
public enum Parallel {
    /// `body(0) ... body(count - 1)`, run at the same time on as many cores as there are; the
    /// results in order.
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.results[i] = body(i) }
        return slots.results.map { Slots.finished($0) }
    }

    /// `body(0) ... body(count - 1)`, run at the same time on as many cores as there are.
    public static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }

    /// `first()` and `second()`, run at the same time.
    public static func both<A: Sendable, B: Sendable>(
        _ first: @Sendable () -> A, _ second: @Sendable () -> B
    ) -> (A, B) {
        let a = Slots<A>(1)
        let b = Slots<B>(1)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if i == 0 { a.results[0] = first() } else { b.results[0] = second() }
        }
        return (Slots.finished(a.results[0]), Slots.finished(b.results[0]))
    }

    /// `0..<count` cut in two near the middle, at the first index from there where `canSplit`
    /// holds (the second half may be empty).
    public static func halves(_ count: Int, canSplit: (Int) -> Bool = { _ in true }) -> [Range<Int>] {
        var middle = count / 2
        while middle < count, !canSplit(middle) { middle += 1 }
        return [0..<middle, middle..<count]
    }
}

/// Where `Parallel`'s parts leave their results: each writes only its own slot, and all are
/// read after every part has finished.
private final class Slots<T>: @unchecked Sendable {
    let results: UnsafeMutableBufferPointer<T?>

    init(_ n: Int) {
        results = .allocate(capacity: n)
        results.initialize(repeating: nil)
    }

    deinit {
        _ = results.deinitialize()
        results.deallocate()
    }

    /// A part's result; every part has finished when the results are read.
    static func finished(_ result: T?) -> T {
        guard let result else { preconditionFailure("a part of the work left no result") }
        return result
    }
}
