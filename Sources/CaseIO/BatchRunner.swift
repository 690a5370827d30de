import Dispatch
import Foundation

/// Runs `work` on every index in 0..<count on `jobs` threads, keeping results in input order.
/// `progress` is called (serialised) after each item with the number done so far.
public enum BatchRunner {
    public static func run<T: Sendable>(count: Int, jobs: Int, progress: (@Sendable (Int) -> Void)? = nil,
                                        _ work: @Sendable (Int) -> T) -> [T] {
        let box = ResultBox<T>(count: count)
        let threads = max(1, min(jobs, count))
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let i = box.claim() {
                let value = work(i)
                let done = box.store(value, at: i)
                progress?(done)
            }
        }
        return box.results()
    }

    /// Local cores, as the default for `--jobs`.
    public static var localCores: Int { ProcessInfo.processInfo.activeProcessorCount }
}

private final class ResultBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var done = 0
    private var slots: [T?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < slots.count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ value: T, at i: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        slots[i] = value
        done += 1
        return done
    }

    func results() -> [T] { slots.map { $0! } }
}
