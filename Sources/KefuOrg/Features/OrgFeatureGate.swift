import KefuDomain
import KefuPlatform
import SQLKit

/// #14 item 6: the organisation's answer to `FeatureGate` — a record of a feature switched off at its unit (by the
/// unit's own setting or the nearest ancestor's) is refused 403 `feature_off`.
public struct OrgFeatureGate: FeatureGate {
    public init() {}

    public func requireOn(_ feature: KefuFeature, unitId: String, in db: any SQLDatabase) async throws {
        // The caller has checked that the unit exists; an unknown one is the caller's refusal to make, not this one's.
        guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId) else { return }
        let settings = try await OrgFeatureQueries.settings(db, of: feature, above: unit.path)
        guard FeatureSwitches.isOn(feature, unitPath: unit.path, settings: settings) else { throw Self.refusal(feature, unitName: unit.name) }
    }

    static func refusal(_ feature: KefuFeature, unitName: String) -> AppError {
        AppError(.forbidden, "feature_off",
                 Text("“{0}”未开通“{1}”功能，不能在此登记；如需使用，请系统管理员在组织架构中为该单位开通",
                      "The {2} feature is switched off for {0}: ask an administrator to switch it on for the unit under Organisation")
                    .with(unitName, feature.zh, feature.en),
                 details: ["feature": feature.rawValue])
    }
}
