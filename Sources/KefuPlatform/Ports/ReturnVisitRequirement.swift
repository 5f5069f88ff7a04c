import SQLKit

/// CMP-15: whether a complaint of the unit at `orgPath` may close only after a recorded return visit (property
/// organisations: handling and return visit both 100 %). After-sales asks, inside its closing transaction; the
/// property feature answers (it knows which units keep estates); the composition root wires them, so neither feature
/// depends on the other.
public protocol ReturnVisitRequirement: Sendable {
    func required(_ db: any SQLDatabase, orgPath: String) async throws -> Bool
}

/// For a service built without the property feature (tools, tests of one feature): no unit needs it.
public struct NoReturnVisitRequirement: ReturnVisitRequirement {
    public init() {}
    public func required(_ db: any SQLDatabase, orgPath: String) async throws -> Bool { false }
}
