import KefuDomain
import KefuPlatform
import SQLKit

/// #14 item 6: an administrator switches the features of a unit in their scope: each on or off, or back to the
/// unit above (`inherit`). One transaction, audited.
extension OrgService {
    public struct FeaturesInput: Codable, Sendable {
        /// The features on at the unit; every other one is off there. Required unless `inherit`.
        public var enabled: [String]?
        /// True: the unit drops its own setting and follows the unit above.
        public var inherit: Bool?
        public init(enabled: [String]? = nil, inherit: Bool? = nil) {
            self.enabled = enabled
            self.inherit = inherit
        }
    }

    static func validFeatures(_ input: FeaturesInput) throws -> Set<KefuFeature>? {
        if input.inherit == true { return nil }
        guard let raw = input.enabled else {
            throw AppError.validation("enabled", Text("请给出开通的功能（enabled），或选择沿用上级设置（inherit）",
                                                      "Give the features switched on (enabled), or follow the unit above (inherit)"))
        }
        return Set(try raw.map { id in
            guard let f = KefuFeature(rawValue: id) else {
                throw AppError.validation("enabled", Text("未知功能 {0}", "Unknown feature {0}").with(id))
            }
            return f
        })
    }

    /// The unit and its switches, for an administrator whose scope covers the unit.
    static func scopedUnit(_ db: any SQLDatabase, id: String, actor: Principal) async throws -> OrgUnitRecord {
        guard let unit = try await Self.unit(db, id: id) else { throw AppError.notFound(Text("组织", "Org unit")) }
        guard actor.covers(unitPath: unit.path) else { throw Self.outOfScope() }
        return unit
    }

    public func features(unitId: String, viewer: Principal) async throws -> UnitFeaturesView {
        try Self.requireAdmin(viewer)
        return try await store.read { db in
            try await OrgFeatureQueries.unitFeatures(db, unit: try await Self.scopedUnit(db, id: unitId, actor: viewer))
        }
    }

    public func setFeatures(unitId: String, _ input: FeaturesInput, by actor: Principal) async throws -> UnitFeaturesView {
        try Self.requireAdmin(actor)
        let enabled = try Self.validFeatures(input)
        return try await store.write { db in
            let unit = try await Self.scopedUnit(db, id: unitId, actor: actor)
            let now = Clock.millis()
            try await db.raw("DELETE FROM org_unit_features WHERE org_unit_id = \(bind: unit.id)").run()
            if let enabled {
                for f in KefuFeature.allCases {
                    try await db.raw("""
                        INSERT INTO org_unit_features (org_unit_id, feature, enabled, updated_at, updated_by)
                        VALUES (\(bind: unit.id), \(bind: f.rawValue), \(bind: enabled.contains(f) ? 1 : 0), \(bind: now), \(bind: actor.userId))
                        """).run()
                }
            }
            let detail = enabled.map { on in ["enabled": KefuFeature.allCases.filter { on.contains($0) }.map(\.rawValue).joined(separator: ",")] } ?? ["inherit": "true"]
            try await AuditTrail.record(db, actorId: actor.userId, action: "org_unit.features", entity: "org_unit", entityId: unit.id, detail: detail, at: now)
            return try await OrgFeatureQueries.unitFeatures(db, unit: unit)
        }
    }

    /// #11.6: the unit edit page's model — the unit and its switches, read in one transaction.
    func unitEditPageModel(unitId: String, viewer: Principal) async throws -> UnitEditPageModel {
        try Self.requireStaff(viewer)
        return try await store.read { db in
            guard let unit = try await Self.unit(db, id: unitId) else { throw AppError.notFound(Text("组织", "Org unit")) }
            return UnitEditPageModel(unit: unit, features: try await OrgFeatureQueries.unitFeatures(db, unit: unit))
        }
    }
}

/// #11.6: the unit edit page: the unit and its feature switches (#14 item 6), from one read.
struct UnitEditPageModel: Sendable {
    let unit: OrgUnitRecord
    let features: UnitFeaturesView
}
