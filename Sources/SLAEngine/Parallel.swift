import Dispatch
import Foundation
import SLAConfig
import SLAModel
import SLARules
import SLATime

/// Work split over the machine's cores.
public enum Parallel {
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

    /// Runs `steps` on both cores: each core takes the first step in the list whose
    /// prerequisites have finished, so that a core done early goes on with whatever is ready
    /// instead of waiting for the other at a barrier. Returns when every step has finished.
    ///
    /// A core waits only while a step it needs runs on the other, so this also finishes when the
    /// system runs both parts on one thread.
    public static func run(_ steps: [Step], offers: Offers = Offers()) {
        let board = StepBoard(steps, offers: offers)
        forEach(2) { _ in board.work() }
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
