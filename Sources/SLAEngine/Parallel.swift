import Dispatch
import Foundation
import Synchronization

/// Work split over the machine's cores: the one place that decides how many threads run and
/// how work is cut into parts. Domain code is written for one part (a range of cases, of
/// events, of escalations) and returns an accumulator; the engine's passes cut the input with
/// `parts`, run the parts with `run` or `forEach`, and merge the results in part order, so that
/// any number of threads gives the same figures as one.
public enum Parallel {
    private static let threadSetting = Atomic<Int>(0)

    /// How many threads the passes use (`--threads`); every core the process may use unless
    /// set. Set it before the work starts.
    public static var threads: Int {
        get {
            let set = threadSetting.load(ordering: .relaxed)
            return set > 0 ? set : max(1, ProcessInfo.processInfo.activeProcessorCount)
        }
        set { threadSetting.store(max(1, newValue), ordering: .relaxed) }
    }

    /// `body(0) ... body(count - 1)`, on up to `threads` threads at the same time (one after
    /// the other with one thread); with more items than threads, each thread takes the next
    /// item left.
    public static func forEach(_ count: Int, threads: Int = Parallel.threads, _ body: @Sendable (Int) -> Void) {
        if threads <= 1 || count <= 1 {
            for i in 0..<count { body(i) }
        } else if count <= threads {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        } else {
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while true {
                    let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard i < count else { return }
                    body(i)
                }
            }
        }
    }

    /// `first()` and `second()`, at the same time when there are two threads or more.
    public static func both<A: Sendable, B: Sendable>(
        _ first: @Sendable () -> A, _ second: @Sendable () -> B
    ) -> (A, B) {
        let a = PartResults<A>(1)
        let b = PartResults<B>(1)
        forEach(2) { i in
            if i == 0 { a[0] = first() } else { b[0] = second() }
        }
        return (a.take(0), b.take(0))
    }

    /// A piece of work for `run`: `body` may start once the steps numbered in `after` (earlier in
    /// the list) have finished.
    public struct Step: Sendable {
        public var after: [Int]
        public var body: @Sendable () -> Void

        public init(after: [Int] = [], _ body: @escaping @Sendable () -> Void) {
            self.after = after
            self.body = body
        }
    }

    /// Runs `steps` on `threads` threads: each takes the first step in the list whose
    /// prerequisites have finished, so that a thread done early goes on with whatever is ready
    /// instead of waiting for the others at a barrier. Returns when every step has finished.
    ///
    /// A thread waits only while a step it needs runs on another, so this also finishes when
    /// the system runs the threads one after the other.
    public static func run(_ steps: [Step], threads: Int = Parallel.threads, offers: Offers = Offers()) {
        let board = StepBoard(steps, offers: offers)
        let count = max(1, min(threads, steps.count))
        forEach(count, threads: count) { _ in board.work() }
    }

    /// Work that a running step lets a core with no step to take help with, such as parsing a
    /// file ahead of the step that reads it.
    public protocol Helpable: AnyObject, Sendable {
        /// Helps until there is nothing left to help with for now; whether it did anything.
        func help() -> Bool
    }

    /// What the running steps of one `run` offer to help with.
    public final class Offers: @unchecked Sendable {
        /// Also the condition of the `run` these offers are for, so that an offer wakes a core
        /// waiting there.
        fileprivate let condition = NSCondition()
        fileprivate var items: [any Helpable] = []
        /// Counts the offers made, so that a core can tell a new one from one it has asked.
        fileprivate var made = 0

        public init() {}

        /// Offers `item` until it is withdrawn.
        public func offer(_ item: any Helpable) {
            condition.lock()
            items.append(item)
            made += 1
            condition.broadcast()
            condition.unlock()
        }

        public func withdraw(_ item: any Helpable) {
            condition.lock()
            items.removeAll { $0 === item }
            condition.unlock()
        }
    }

    /// `0..<count` cut into `parts` ranges of nearly equal size, in order, each cut moved to
    /// the first index from there where `canSplit` holds (later ranges may be empty).
    public static func parts(
        _ count: Int, _ parts: Int = Parallel.threads, canSplit: (Int) -> Bool = { _ in true }
    ) -> [Range<Int>] {
        var bounds = [0]
        for p in 1..<max(parts, 1) {
            var cut = max(count * p / parts, bounds[bounds.count - 1])
            while cut < count, !canSplit(cut) { cut += 1 }
            bounds.append(cut)
        }
        bounds.append(count)
        return (0..<bounds.count - 1).map { bounds[$0]..<bounds[$0 + 1] }
    }
}

/// One result per part of a parallel pass: each part writes only its own slot, and the slots
/// are read once every part has finished (after `Parallel.run` or `forEach` returns).
public final class PartResults<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>

    public init(_ count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    public var count: Int { slots.count }

    /// Part `part`'s result; set only by that part.
    public subscript(part: Int) -> T? {
        get { slots[part] }
        set { slots[part] = newValue }
    }

    /// Moves part `part`'s result out; every part has finished, so it is there.
    public func take(_ part: Int) -> T {
        guard let result = slots[part].take() else { preconditionFailure("part \(part) of the work left no result") }
        return result
    }
}

/// The steps of one `Parallel.run` and how far each has got.
private final class StepBoard: @unchecked Sendable {
    private enum State { case waiting, running, done }

    private let steps: [Parallel.Step]
    private var states: [State]
    private let offers: Parallel.Offers
    private var condition: NSCondition { offers.condition }

    init(_ steps: [Parallel.Step], offers: Parallel.Offers) {
        self.offers = offers
        for (i, step) in steps.enumerated() {
            precondition(step.after.allSatisfy { $0 < i }, "a step can only come after earlier steps")
        }
        self.steps = steps
        states = Array(repeating: .waiting, count: steps.count)
    }

    /// Takes and runs ready steps, and helps with what the others offer, until every step has
    /// finished.
    func work() {
        condition.lock()
        defer { condition.unlock() }
        // When the offers had nothing left to help with, how many had been made: they are not
        // asked again before another comes (a helper that gives up is done with its item).
        var exhausted = -1
        while states.contains(where: { $0 != .done }) {
            guard let i = states.indices.first(where: { ready($0) }) else {
                // What the waiting steps need is running on the other core: help it, if it lets.
                if offers.made != exhausted {
                    let made = offers.made
                    let items = offers.items
                    condition.unlock()
                    var helped = false
                    for item in items where item.help() { helped = true }
                    condition.lock()
                    if !helped { exhausted = made }
                    continue
                }
                condition.wait()
                continue
            }
            states[i] = .running
            condition.unlock()
            steps[i].body()
            condition.lock()
            states[i] = .done
            condition.broadcast()
        }
    }

    private func ready(_ i: Int) -> Bool {
        states[i] == .waiting && steps[i].after.allSatisfy { states[$0] == .done }
    }
}
