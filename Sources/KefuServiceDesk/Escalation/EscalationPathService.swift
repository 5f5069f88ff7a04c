import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #15.6 (ESC-02): reading and replacing a unit's escalation path. A supervisor (CS supervisor or manager) sets the
/// path of their unit and the units below it; an administrator any unit in their scope. Rules in
/// `EscalationPathRules`; every change is audited.
public struct EscalationPathService: Sendable {
    let store: any Store

    public init(store: any Store) { self.store = store }

    /// The same people who set the unit's webhook: an administrator or a supervisor, in their unit and below.
    static func mayConfigure(_ actor: Principal, unitPath: String) -> Bool {
        NotificationService.mayConfigureWebhook(actor, unitPath: unitPath)
    }

    static func unit(_ db: any SQLDatabase, _ unitId: String, actor: Principal) async throws -> OrgQueries.UnitSummary {
        guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId) else { throw AppError.notFound(Text("部门", "Org unit")) }
        guard mayConfigure(actor, unitPath: unit.path) else {
            throw AppError.forbidden(Text("只有管理员或本部门及上级部门的客服主管可以查看和设置升级路径",
                                          "Only an administrator or a supervisor of this unit or a unit above can see and set its escalation path"))
        }
        return unit
    }

    /// The unit's own path (`source` `own` or `none`).
    public func own(unitId: String, viewer: Principal) async throws -> EscalationPathView {
        try await store.read { db in try await EscalationPathQueries.view(db, unit: try await Self.unit(db, unitId, actor: viewer), effective: false) }
    }

    /// The path the unit follows: its own, inherited, or the default.
    public func effective(unitId: String, viewer: Principal) async throws -> EscalationPathView {
        try await store.read { db in try await EscalationPathQueries.view(db, unit: try await Self.unit(db, unitId, actor: viewer), effective: true) }
    }

    /// Replaces the unit's own path; no levels removes it (the unit then inherits). Returns the unit's own path.
    public func replace(unitId: String, _ input: EscalationPathInput, by actor: Principal, now: Date = Date()) async throws -> EscalationPathView {
        let levelsInput = (input.levels ?? []).map { l in
            EscalationPathRules.LevelInput(level: l.level, afterMinutes: l.afterMinutes, recipients: l.recipients.map(\.input))
        }
        let at = Clock.millis(now)
        return try await store.write { db in
            let unit = try await Self.unit(db, unitId, actor: actor)
            let named = Set(levelsInput.flatMap(\.recipients).compactMap(\.userId))
            let active = try await Self.activeStaff(db, among: named)
            let levels: [EscalationPathRules.Level]
            switch EscalationPathRules.validate(levelsInput, unitChain: OrgPath.ids(unit.path), activeUserIds: active) {
            case .success(let ok): levels = ok
            case .failure(let refusal): throw AppError.validation(refusal.field, EscalationPathMessages.text(refusal))
            }
            if levels.isEmpty {
                try await db.raw("DELETE FROM escalation_paths WHERE org_unit_id = \(bind: unit.id)").run()
            } else {
                try await db.raw("""
                    INSERT INTO escalation_paths (org_unit_id, levels, updated_by, updated_at)
                    VALUES (\(bind: unit.id), \(bind: EscalationPathCodec.encode(levels)), \(bind: actor.userId), \(bind: at))
                    ON CONFLICT (org_unit_id) DO UPDATE SET levels = excluded.levels, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                    """).run()
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: levels.isEmpty ? "escalation_path.remove" : "escalation_path.set",
                                        entity: "org_unit", entityId: unit.id,
                                        detail: ["levels": String(levels.count), "path": EscalationPathCodec.encode(levels)], at: at)
            return try await EscalationPathQueries.view(db, unit: unit, effective: false)
        }
    }

    /// Of `ids`, the active staff (not customers' accounts).
    static func activeStaff(_ db: any SQLDatabase, among ids: Set<String>) async throws -> Set<String> {
        var found = Set<String>()
        for id in ids.sorted().prefix(EscalationPathRules.maxLevels * EscalationPathRules.maxRecipientsPerLevel) {
            if let u = try await OrgQueries.userSummary(db, userId: id), u.active, !Role.isCustomerOnly(Role.set(u.roles)) { found.insert(id) }
        }
        return found
    }
}
