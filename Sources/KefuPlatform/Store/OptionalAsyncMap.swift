extension Optional {
    /// `map` with an async transform (a query on the value when there is one), for every feature.
    public func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
