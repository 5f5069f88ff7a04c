import KefuDomain
import SQLKit

/// #14 item 6: the one question a feature asks before it creates a record in a unit — is the feature switched on
/// there? The organisation answers it (`OrgFeatureGate` in KefuOrg, passed in by the composition root); a feature never
/// reads the organisation's tables for it. Asked inside the write's transaction.
public protocol FeatureGate: Sendable {
    /// Throws 403 `feature_off` (zh-CN first) when `feature` is off at the unit `unitId`.
    func requireOn(_ feature: KefuFeature, unitId: String, in db: any SQLDatabase) async throws
}

/// Every feature on everywhere: the default of a service built without the organisation (tests of one feature).
public struct AllFeaturesOn: FeatureGate {
    public init() {}
    public func requireOn(_ feature: KefuFeature, unitId: String, in db: any SQLDatabase) async throws {}
}
