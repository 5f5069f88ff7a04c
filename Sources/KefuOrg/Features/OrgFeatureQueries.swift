import KefuDomain
import KefuPlatform
import SQLKit

/// #14 item 6: the feature switches as stored, read for the rule (`FeatureSwitches`).
public enum OrgFeatureQueries {
    static func settings(_ rows: [any SQLRow]) throws -> [FeatureSwitches.Setting] {
        try rows.compactMap { row in
            // A feature this version does not know (a newer one wrote it) is ignored.
            guard let feature = KefuFeature(rawValue: try row.decode(column: "feature", as: String.self)) else { return nil }
            return FeatureSwitches.Setting(unitPath: try row.decode(column: "path", as: String.self), feature: feature,
                                           on: try row.decode(column: "enabled", as: Int.self) == 1)
        }
    }

    /// The settings of the unit `path`, of its ancestors and of every unit below it.
    static func settings(_ db: any SQLDatabase, around path: String) async throws -> [FeatureSwitches.Setting] {
        try settings(try await db.raw("""
            SELECT o.path, f.feature, f.enabled FROM org_unit_features f JOIN org_units o ON o.id = f.org_unit_id
            WHERE o.path = substr(CAST(\(bind: path) AS TEXT), 1, length(o.path)) OR o.path LIKE \(bind: path + "%")
            """).all())
    }

    /// The settings of one feature at the unit `path` and its ancestors.
    static func settings(_ db: any SQLDatabase, of feature: KefuFeature, above path: String) async throws -> [FeatureSwitches.Setting] {
        try settings(try await db.raw("""
            SELECT o.path, f.feature, f.enabled FROM org_unit_features f JOIN org_units o ON o.id = f.org_unit_id
            WHERE f.feature = \(bind: feature.rawValue) AND o.path = substr(CAST(\(bind: path) AS TEXT), 1, length(o.path))
            """).all())
    }

    /// The signed-in user with the features in reach of their unit (read in the sign-in look-up's transaction).
    static func withFeatures(_ db: any SQLDatabase, _ p: Principal) async throws -> Principal {
        p.with(features: FeatureSwitches.inReach(userPath: p.orgPath, settings: try await settings(db, around: p.orgPath)))
    }

    /// The sign-in look-ups read the switches around the user's unit `o` in their own statement (#11.1, #18: one
    /// round trip per request, not two): one row per setting, or one row of NULLs when there is none.
    static let aroundUserJoin = """
        LEFT JOIN (org_unit_features f JOIN org_units fo ON fo.id = f.org_unit_id)
          ON fo.path = substr(o.path, 1, length(fo.path)) OR fo.path LIKE (o.path || '%')
        """
    static let aroundUserColumns = "fo.path AS f_path, f.feature AS f_feature, f.enabled AS f_enabled"

    /// The principal of the first row with the features of every row (`aroundUserJoin`), or nil when no row came.
    static func principal(_ rows: [any SQLRow]) throws -> Principal? {
        guard let first = rows.first else { return nil }
        let settings = try rows.compactMap { row -> FeatureSwitches.Setting? in
            guard let path = try row.decode(column: "f_path", as: String?.self),
                  let feature = KefuFeature(rawValue: try row.decode(column: "f_feature", as: String?.self) ?? "") else { return nil }
            return FeatureSwitches.Setting(unitPath: path, feature: feature, on: try row.decode(column: "f_enabled", as: Int?.self) == 1)
        }
        let p = try OrgQueries.principal(first)
        return p.with(features: FeatureSwitches.inReach(userPath: p.orgPath, settings: settings))
    }

    /// The unit's switches as the API and the admin page show them.
    static func unitFeatures(_ db: any SQLDatabase, unit: OrgUnitRecord) async throws -> UnitFeaturesView {
        let settings = try await settings(db, around: unit.path)
        let items = KefuFeature.allCases.map { f -> UnitFeaturesView.Item in
            let (on, source) = FeatureSwitches.resolve(f, unitPath: unit.path, settings: settings)
            return UnitFeaturesView.Item(id: f.rawValue, label: f.zh, labelEn: f.en, on: on, source: source.rawValue)
        }
        return UnitFeaturesView(unitId: unit.id, ownSetting: items.contains { $0.source == FeatureSwitches.Source.own.rawValue }, features: items)
    }
}

/// #14 item 6: a unit's feature switches: each feature on or off and where that comes from (`own`, `inherited`,
/// `default`); `ownSetting` when the unit set any itself.
public struct UnitFeaturesView: Codable, Sendable {
    public struct Item: Codable, Sendable {
        public let id: String
        public let label: String
        public let labelEn: String
        public let on: Bool
        public let source: String
    }
    public let unitId: String
    public let ownSetting: Bool
    public let features: [Item]
}
