import Foundation

/// A task executor with one thread of its own. SQLite's calls are synchronous: run on Swift's cooperative pool (one
/// thread per core, 2 here), a 30-ms queue page held one of its two threads, and everything else in the process (the
/// writer's group commits, request parsing, rendering) waited behind the reads; in the mixed workload of #17.7 a ticket
/// create then took 150 ms at p50. Each SQLite connection now runs its work on a thread of its own
/// (`withTaskExecutorPreference`), so a read blocks only its connection's thread and the writer never queues behind one.
final class ThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false
    private var stopped = false

    /// `name`: at most 15 bytes, the kernel's limit ("kefu-sql-r0").
    init(name: String) {
        let thread = Thread { [self] in
            Self.nameCurrentThread(name)
            run()
        }
        thread.name = name
        thread.start()
    }

    /// On Linux, Foundation's `Thread.name` never reaches the kernel: a new thread keeps its creator's name, here the
    /// cooperative pool's. The kernel's name is the one `top -H`, `perf` and the tests see.
    private static func nameCurrentThread(_ name: String) {
        #if os(Linux)
        try? name.write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
        #endif
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        if stopped {
            // Only work sent after `stop()` finished gets here; it runs on the caller's thread rather than never.
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
            return
        }
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread run what is queued, then end.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty {
                stopped = true
                condition.unlock()
                return
            }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
