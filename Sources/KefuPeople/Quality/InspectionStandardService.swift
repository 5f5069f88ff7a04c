import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Inspection standards (KPI-03, 质检标准): each change one transaction with its permission, validation and an audit-trail
/// entry. A standard applies to its unit and the units below; inspections keep a snapshot of its items, so editing a
/// standard never changes an old score.
public struct InspectionStandardService: Sendable {
    let store: any Store

    public init(store: any Store) { self.store = store }

    static func requireKeeper(_ actor: Principal, unitPath: String) throws {
        guard !actor.roles.isDisjoint(with: InspectionScoring.standardKeepers), actor.covers(unitPath: unitPath) else {
            throw AppError.forbidden(Text("只有本单位的质检员、客服经理或管理员可以维护质检标准（KPI-03）",
                                          "Only the unit's QA inspectors, customer-service manager or administrators keep inspection standards (KPI-03)"))
        }
    }

    struct Checked: Sendable {
        let name: String, kind: InspectionScoring.Kind, status: InspectionScoring.StandardStatus, items: [(label: String, weight: Int)]
    }

    /// KPI-03: a name, a kind, 1–30 items each with a label and a weight (more than 0, two decimals at most) totalling 100.
    static func check(_ input: InspectionStandardInput) throws -> Checked {
        let name = try TrainingService.text(input.name, field: "name", max: 100, required: Text("请填写标准名称", "The name is required"))
        guard let kind = InspectionScoring.Kind(rawValue: TextRules.trimmed(input.kind) ?? "") else {
            throw AppError.validation("kind", Text("类别应为 工单 或 来电", "The kind is ticket or call"))
        }
        var status = InspectionScoring.StandardStatus.active
        if let raw = TextRules.trimmed(input.status) {
            guard let s = InspectionScoring.StandardStatus(rawValue: raw) else { throw AppError.validation("status", Text("状态应为 启用 或 停用", "The status is active or retired")) }
            status = s
        }
        var items: [(label: String, weight: Int)] = []
        for (i, item) in (input.items ?? []).enumerated() {
            let label = TextRules.trimmed(item.label) ?? ""
            let typed = TextRules.trimmed(item.weight?.text) ?? ""
            if label.isEmpty && typed.isEmpty { continue } // an empty line of the grid
            let line = String(i + 1)
            guard !label.isEmpty, label.count <= 100 else {
                throw AppError.validation("items", Text("第 {0} 行：请填写项目（最长 100 字）", "Line {0}: the item is required (at most 100 characters)").with(line))
            }
            guard let weight = InspectionScoring.weightHundredths(UsualInput.number(typed) ?? typed) else {
                throw AppError.validation("items", Text("第 {0} 行：权重应为大于 0、不超过 100 的数，最多两位小数", "Line {0}: the weight is more than 0, at most 100, two decimals at most").with(line))
            }
            items.append((label, weight))
        }
        switch InspectionScoring.check(weights: items.map(\.weight)) {
        case .itemCount?:
            throw AppError.validation("items", Text("标准应有 1 至 {0} 个项目", "A standard has 1 to {0} items").with(String(InspectionScoring.maximumItems)))
        case .notHundred?:
            let total = InspectionScoring.text(items.map(\.weight).reduce(0, +))
            throw AppError.validation("items", Text("各项权重合计应为 100（现为 {0}）", "The weights must total 100 (now {0})").with(total))
        case nil: break
        }
        return Checked(name: name, kind: kind, status: status, items: items)
    }

    static func writeItems(_ db: any SQLDatabase, standardId: String, _ items: [(label: String, weight: Int)]) async throws {
        try await db.raw("DELETE FROM inspection_standard_items WHERE standard_id = \(bind: standardId)").run()
        for (i, item) in items.enumerated() {
            try await db.raw("""
                INSERT INTO inspection_standard_items (standard_id, line, label, weight) VALUES (\(bind: standardId), \(bind: i + 1), \(bind: item.label), \(bind: item.weight))
                """).run()
        }
    }

    static func auditDetail(_ c: Checked) -> [String: String] {
        ["name": c.name, "kind": c.kind.rawValue, "status": c.status.rawValue,
         "items": c.items.map { "\($0.label) \(InspectionScoring.text($0.weight))" }.joined(separator: "; ")]
    }

    public func create(_ input: InspectionStandardInput, by actor: Principal, now: Date = Date()) async throws -> InspectionStandardView {
        guard let unitId = TextRules.trimmed(input.orgUnitId) else { throw AppError.validation("orgUnitId", Text("请选择组织", "Choose the org unit")) }
        let checked = try Self.check(input)
        return try await store.write { db in
            guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId) else { throw AppError.validation("orgUnitId", Text("组织不存在", "The org unit does not exist")) }
            try Self.requireKeeper(actor, unitPath: unit.path)
            let id = Clock.newID(), at = Clock.millis(now)
            try await db.raw("""
                INSERT INTO inspection_standards (id, org_unit_id, org_path, name, kind, status, created_by, created_at, updated_at)
                VALUES (\(bind: id), \(bind: unit.id), \(bind: unit.path), \(bind: checked.name), \(bind: checked.kind.rawValue), \(bind: checked.status.rawValue),
                    \(bind: actor.userId), \(bind: at), \(bind: at))
                """).run()
            try await Self.writeItems(db, standardId: id, checked.items)
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "inspection_standard", entityId: id, detail: Self.auditDetail(checked), at: at)
            return try await QualityQueries.standard(db, id: id, viewer: actor)
        }
    }

    /// Rewrites the standard (name, kind, items, active/retired); its unit stays. Past inspections keep their snapshot.
    public func update(id: String, _ input: InspectionStandardInput, by actor: Principal, now: Date = Date()) async throws -> InspectionStandardView {
        let checked = try Self.check(input)
        let lock = store.dialect.rowLock(of: "s")
        return try await store.write { db in
            guard let row = try await QualityQueries.standardRow(db, id: id, lock: lock) else { throw AppError.notFound(Text("质检标准", "Inspection standard")) }
            try Self.requireKeeper(actor, unitPath: row.orgPath)
            let at = Clock.millis(now)
            try await db.raw("""
                UPDATE inspection_standards SET name = \(bind: checked.name), kind = \(bind: checked.kind.rawValue), status = \(bind: checked.status.rawValue),
                    updated_at = \(bind: at) WHERE id = \(bind: row.id)
                """).run()
            try await Self.writeItems(db, standardId: row.id, checked.items)
            try await AuditTrail.record(db, actorId: actor.userId, action: "update", entity: "inspection_standard", entityId: row.id, detail: Self.auditDetail(checked), at: at)
            return try await QualityQueries.standard(db, id: row.id, viewer: actor)
        }
    }

    public func standard(id: String, viewer: Principal) async throws -> InspectionStandardView {
        try await store.read { db in try await QualityQueries.standard(db, id: id, viewer: viewer) }
    }

    public func standards(viewer: Principal, status: String?, kind: String?, paging: Paging) async throws -> ListPage<InspectionStandardView> {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        let status = TextRules.trimmed(status), kind = TextRules.trimmed(kind)
        if let status, InspectionScoring.StandardStatus(rawValue: status) == nil { throw AppError.validation("status", Text("状态应为 active 或 retired", "status is active or retired")) }
        if let kind, InspectionScoring.Kind(rawValue: kind) == nil { throw AppError.validation("kind", Text("类别应为 ticket 或 call", "kind is ticket or call")) }
        return try await store.read { db in try await QualityQueries.standards(db, viewer: viewer, status: status, kind: kind, paging: paging) }
    }
}
