import Foundation
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLARules
@testable import SLATime

@Suite("Parallel.run")
struct ParallelRunTests {
    /// What the steps did, in the order they did it.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [String] = []

        func add(_ entry: String) { lock.withLock { entries.append(entry) } }
        var all: [String] { lock.withLock { entries } }
    }

    @Test(
        "Every step runs once, and only after the steps it comes after have finished, on any number of threads",
        arguments: [1, 2, 3, 5])
    func order(threads: Int) {
        // The shape of the loader's steps: three independent ones, two after the first two,
        // one after those, two after that, one after the first three.
        let after: [[Int]] = [[], [], [], [0, 1], [0, 1], [3, 4], [5], [5], [0, 1, 2]]
        for round in 0..<50 {
            let log = Log()
            Parallel.run(
                after.enumerated().map { i, prerequisites in
                    Parallel.Step(after: prerequisites) {
                        log.add("start \(i)")
                        // Uneven lengths, so that the cores meet the steps in different orders.
                        if (i + round) % 3 == 0 { usleep(200) }
                        log.add("end \(i)")
                    }
                }, threads: threads)
            let entries = log.all
            #expect(entries.count == 2 * after.count)
            for (i, prerequisites) in after.enumerated() {
                let start = entries.firstIndex(of: "start \(i)")
                #expect(entries.filter { $0 == "start \(i)" }.count == 1)
                for p in prerequisites {
                    let end = entries.firstIndex(of: "end \(p)")
                    #expect(start != nil && end != nil && end! < start!, "step \(i) started before step \(p) ended")
                }
            }
        }
    }

    @Test("A core that is free takes the next ready step instead of waiting")
    func freeCoreTakesReadySteps() {
        // Step 0 holds one core until step 2 has run: only the other core can run steps 1 and
        // 2, so `run` returns only if that core goes on from step 1 to step 2 by itself.
        let twoDone = DispatchSemaphore(value: 0)
        let log = Log()
        Parallel.run([
            .init {
                _ = twoDone.wait(timeout: .now() + 10)
                log.add("0")
            },
            .init { log.add("1") },
            .init(after: [1]) {
                log.add("2")
                twoDone.signal()
            },
        ])
        #expect(log.all == ["1", "2", "0"])
    }

    /// Counts its `help` calls and the threads they came from; never has anything to help with.
    final class Probe: Parallel.Helpable, @unchecked Sendable {
        private let lock = NSLock()
        private var threads: [Thread] = []
        let asked = DispatchSemaphore(value: 0)

        func help() -> Bool {
            lock.withLock { threads.append(Thread.current) }
            asked.signal()
            return false
        }

        var callers: [Thread] { lock.withLock { threads } }
    }

    @Test("A core with no step ready helps with what a running step offers, once while nothing changes")
    func freeCoreHelps() {
        // Step 0 offers the probe and holds its core until the probe is asked for help: only
        // the other core, with no step left to take (step 1 comes after step 0), can ask it.
        // The probe has nothing to help with, so it is not asked again while step 0 still runs.
        let offers = Parallel.Offers()
        let probe = Probe()
        let log = Log()
        let stepThread = LockedThread()
        Parallel.run(
            [
                .init {
                    stepThread.set(Thread.current)
                    offers.offer(probe)
                    let asked = probe.asked.wait(timeout: .now() + 10) == .success
                    log.add(asked ? "helped" : "not helped")
                    usleep(20_000)
                    offers.withdraw(probe)
                },
                .init(after: [0]) { log.add("1") },
            ], offers: offers)
        #expect(log.all == ["helped", "1"])
        #expect(probe.callers.count == 1)
        #expect(probe.callers.allSatisfy { $0 !== stepThread.value })
    }

    final class LockedThread: @unchecked Sendable {
        private let lock = NSLock()
        private var thread: Thread?
        func set(_ t: Thread) { lock.withLock { thread = t } }
        var value: Thread? { lock.withLock { thread } }
    }

    /// Runs `action` when asked for help, then has nothing to help with.
    final class GivingUp: Parallel.Helpable, @unchecked Sendable {
        var action: @Sendable () -> Void = {}
        func help() -> Bool {
            action()
            return false
        }
    }

    @Test("An offer made while a core gives up on another is still taken up")
    func offerWhileGivingUp() {
        // The first offer, when asked, swaps itself for a second one before it answers that it
        // has nothing to help with: that second offer's wake-up comes while the core is not
        // waiting, and the core must still ask it (step 0 holds its own core until then).
        let offers = Parallel.Offers()
        let first = GivingUp()
        let second = Probe()
        first.action = { [unowned first] in
            offers.withdraw(first)
            offers.offer(second)
        }
        let log = Log()
        Parallel.run(
            [
                .init {
                    offers.offer(first)
                    let asked = second.asked.wait(timeout: .now() + 10) == .success
                    log.add(asked ? "second asked" : "second not asked")
                    offers.withdraw(second)
                },
                .init(after: [0]) { log.add("1") },
            ], offers: offers)
        #expect(log.all == ["second asked", "1"])
    }

    @Test("parts: nearly equal ranges in order, covering every index once; cuts moved to where canSplit holds")
    func parts() {
        // 10 in 3: cuts at 10*1/3 = 3 and 10*2/3 = 6.
        #expect(Parallel.parts(10, 3) == [0..<3, 3..<6, 6..<10])
        #expect(Parallel.parts(10, 1) == [0..<10])
        #expect(Parallel.parts(0, 2) == [0..<0, 0..<0])
        // More parts than items: the cuts 0, 0, 1, 1 (2*p/4), so two parts are empty.
        #expect(Parallel.parts(2, 4) == [0..<0, 0..<1, 1..<1, 1..<2])
        // Only even indices may start a part: the cut at 3 moves to 4, the one at 6 stays.
        #expect(Parallel.parts(10, 3) { $0 % 2 == 0 } == [0..<4, 4..<6, 6..<10])
        // A cut that cannot move anywhere goes to the end: the later parts are empty.
        #expect(Parallel.parts(10, 3) { $0 == 0 } == [0..<10, 10..<10, 10..<10])
    }

    @Test("forEach runs every item once, on at most the threads asked for", arguments: [1, 2, 3])
    func forEachCapped(threads: Int) {
        let done = Log()
        let together = Log()
        let lock = NSLock()
        nonisolated(unsafe) var running = 0
        Parallel.forEach(10, threads: threads) { i in
            lock.withLock {
                running += 1
                together.add("\(running)")
            }
            usleep(2000)  // long enough for the threads to overlap
            lock.withLock { running -= 1 }
            done.add("\(i)")
        }
        #expect(done.all.compactMap { Int($0) }.sorted() == Array(0..<10))
        #expect((together.all.compactMap { Int($0) }.max() ?? 0) <= threads)
    }
}
