import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #15.6: reading the escalation paths (one read per question; the scanner and the pages use the same functions).
enum EscalationPathQueries {
    struct Own {
        let levels: [EscalationPathRules.Level]
        let updatedAt: Int64
    }

    /// The units among `unitIds` that have a path of their own.
    static func own(_ db: any SQLDatabase, unitIds: [String]) async throws -> [String: Own] {
        guard !unitIds.isEmpty else { return [:] }
        let rows = try await db.raw("""
            SELECT org_unit_id, levels, updated_at FROM escalation_paths WHERE org_unit_id IN (\(SQLList(unitIds.map { SQLBind($0) })))
            """).all()
        var found: [String: Own] = [:]
        for row in rows {
            found[try row.decode(column: "org_unit_id", as: String.self)] = Own(
                levels: EscalationPathCodec.decode(try row.decode(column: "levels", as: String.self)),
                updatedAt: try row.decode(column: "updated_at", as: Int64.self))
        }
        return found
    }

    /// The path the unit at `unitPath` follows: its own or its nearest ancestor's (nil: the default of #3).
    static func effective(_ db: any SQLDatabase, unitPath: String) async throws -> (unitId: String, levels: [EscalationPathRules.Level])? {
        let chain = OrgPath.ids(unitPath)
        let paths = try await own(db, unitIds: chain).filter { !$0.value.levels.isEmpty }
        return EscalationPathRules.effective(unitChain: chain, paths: paths).map { ($0.unitId, $0.path.levels) }
    }

    /// The API view of a unit's own path (`effective: false`) or of the path it follows (`effective: true`), with the
    /// names of the units and people it names.
    static func view(_ db: any SQLDatabase, unit: OrgQueries.UnitSummary, effective: Bool) async throws -> EscalationPathView {
        let chain = OrgPath.ids(unit.path)
        let paths = try await own(db, unitIds: chain).filter { !$0.value.levels.isEmpty }
        let from: (unitId: String, path: Own)? = effective ? EscalationPathRules.effective(unitChain: chain, paths: paths) : paths[unit.id].map { (unit.id, $0) }
        let levels = from?.path.levels ?? []
        let unitIds = Set(levels.flatMap(\.recipients).compactMap { if case .unitRole(_, let u) = $0 { return u } else { return nil } } + [from?.unitId].compactMap { $0 })
        let userIds = Set(levels.flatMap(\.recipients).compactMap { if case .user(let u) = $0 { return u } else { return nil } })
        let unitNames = try await OrgQueries.unitNames(db, ids: unitIds)
        let userNames = try await OrgQueries.displayNames(db, ids: userIds)
        let views = levels.enumerated().map { i, level in
            EscalationLevelView(level: i + 1, afterMinutes: level.afterMinutes, recipients: level.recipients.map { r in
                var v = EscalationRecipientView(r)
                switch r {
                case .role: break
                case .unitRole(_, let u): v.name = unitNames[u]
                case .user(let u): v.name = userNames[u]
                }
                return v
            })
        }
        let source = from == nil ? "default" : (from!.unitId == unit.id ? "own" : "inherited")
        return EscalationPathView(orgUnitId: unit.id, orgUnitName: unit.name, source: effective ? source : (from == nil ? "none" : "own"),
                                  fromOrgUnitId: from?.unitId, fromOrgUnitName: from.flatMap { unitNames[$0.unitId] }, levels: views,
                                  updatedAt: Times.rfc3339(from?.path.updatedAt))
    }
}
