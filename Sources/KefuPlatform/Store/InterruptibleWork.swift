import NIOConcurrencyHelpers

/// #18.6: database work the shutdown can cut off. Once `interrupt()` is called, every call still waiting answers
/// `AppError.shuttingDown` at once, whatever its connection does: a statement that PostgresNIO never completes (a
/// closed connection can leave one waiting for ever) must not hold the request, nor the shutdown, past the grace.
/// The work runs in its own task so that its caller can stop waiting; that task inherits the caller's task-local
/// values and hears the caller's cancellation.
public final class InterruptibleWork: Sendable {
    private struct State {
        var interrupted = false
        var nextID = 0
        var waiting: [Int: @Sendable () -> Void] = [:]
    }

    private let state = NIOLockedValueBox(State())

    public init() {}

    public var isInterrupted: Bool { state.withLockedValue { $0.interrupted } }

    /// From now on nothing waits: the calls in progress and every later call answer `shuttingDown`.
    public func interrupt() {
        let waiting = state.withLockedValue { state -> [@Sendable () -> Void] in
            state.interrupted = true
            defer { state.waiting = [:] }
            return Array(state.waiting.values)
        }
        for stop in waiting { stop() }
    }

    /// Runs `work`; once interrupted, its failure (or its not ending) is heard as `shuttingDown`.
    public func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        if isInterrupted { throw AppError.shuttingDown }
        let worker = NIOLockedValueBox<Task<Void, Never>?>(nil)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                let answer = AnswerOnce(continuation)
                let id: Int? = state.withLockedValue { state in
                    guard !state.interrupted else { return nil }
                    let id = state.nextID
                    state.nextID += 1
                    state.waiting[id] = { answer.fail(AppError.shuttingDown) }
                    return id
                }
                guard let id else { return answer.fail(AppError.shuttingDown) }
                worker.withLockedValue { $0 = Task {
                    let result: Result<T, any Error>
                    do { result = .success(try await work()) } catch { result = .failure(error) }
                    let interrupted = self.state.withLockedValue { state in
                        state.waiting[id] = nil
                        return state.interrupted
                    }
                    switch result {
                    case .success(let value): answer.succeed(value)
                    case .failure(let error): answer.fail(interrupted ? AppError.shuttingDown : error)
                    }
                } }
                if Task.isCancelled { worker.withLockedValue { $0?.cancel() } }
            }
        } onCancel: {
            worker.withLockedValue { $0?.cancel() }
        }
    }
}

/// A continuation resumed by whichever of the work and the interrupt comes first; the other is ignored.
private final class AnswerOnce<T: Sendable>: Sendable {
    private let continuation: NIOLockedValueBox<CheckedContinuation<T, any Error>?>

    init(_ continuation: CheckedContinuation<T, any Error>) {
        self.continuation = NIOLockedValueBox(continuation)
    }

    func succeed(_ value: T) { take()?.resume(returning: value) }
    func fail(_ error: any Error) { take()?.resume(throwing: error) }

    private func take() -> CheckedContinuation<T, any Error>? {
        continuation.withLockedValue { current in
            defer { current = nil }
            return current
        }
    }
}
