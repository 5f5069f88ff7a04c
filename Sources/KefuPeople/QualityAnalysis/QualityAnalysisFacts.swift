import SQLKit

/// What after-sales adds to a unit's quality analysis (KPI-07): the complaints verified against the unit's agents
/// (CMP-02/CMP-17) and the company's satisfaction target (SAT-09). Implemented in the composition root with
/// after-sales' query functions (this feature never reads its tables), inside the caller's read transaction.
public struct UnitQualityExtras: Sendable, Equatable {
    public var verifiedComplaints: Int
    public var satisfactionTargetBasisPoints: Int?
    public init(verifiedComplaints: Int = 0, satisfactionTargetBasisPoints: Int? = nil) {
        self.verifiedComplaints = verifiedComplaints
        self.satisfactionTargetBasisPoints = satisfactionTargetBasisPoints
    }
}

public protocol UnitQualityExtrasSource: Sendable {
    /// For `agentIds`, complaints registered from `from` up to (not including) `to` (epoch millis).
    func extras(_ db: any SQLDatabase, agentIds: [String], from: Int64, to: Int64) async throws -> UnitQualityExtras
}

/// No after-sales behind (tests of the feature alone).
public struct NoUnitQualityExtras: UnitQualityExtrasSource {
    public init() {}
    public func extras(_ db: any SQLDatabase, agentIds: [String], from: Int64, to: Int64) async throws -> UnitQualityExtras { UnitQualityExtras() }
}
