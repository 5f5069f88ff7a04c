import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #16 item 5 (CH-03, CH-04): the phrase library. Supervisors and managers of customer service write the templates of
/// their unit and the units below (the head office's also the company-wide ones); every member of staff reads those
/// in force for their unit and inserts them, filled in for the ticket, from the reply box. Templates are switched off,
/// never deleted, so an old reply can still be traced to its wording in the audit trail.
public struct ReplyTemplateService: Sendable {
    let store: any Store

    public init(store: any Store) { self.store = store }

    static func requireStaff(_ viewer: Principal) throws {
        guard !viewer.isCustomer else { throw AppError.forbidden(Text("只有员工可以使用回复模板", "Only staff use reply templates")) }
    }

    static func requireWriter(_ actor: Principal) throws {
        guard actor.isAdmin || actor.has(.manageReplyTemplates) else {
            throw AppError.forbidden(Text("只有客服主管、客服经理或管理员可以编辑回复模板", "Only a CS supervisor, a CS manager or an administrator edits reply templates"))
        }
    }

    static func valid(_ b: FlatBody) throws -> ReplyTemplateRules.Valid {
        let input = ReplyTemplateRules.Input(kind: b["kind"], channel: b["channel"], category: b["category"], title: b["title"], code: b["code"],
                                             body: b["body"], locale: b["locale"])
        switch ReplyTemplateRules.validate(input) {
        case .success(let v): return v
        case .failure(let r): throw AppError.validation(r.field, ReplyTemplateMessages.text(r))
        }
    }

    /// The unit a template is for: `orgUnitId` (empty: the whole company), which the actor must be allowed to write for.
    static func owner(_ db: any SQLDatabase, unitId raw: String?, actor: Principal) async throws -> (id: String?, path: String) {
        let unitId = raw.flatMap { $0.isEmpty ? nil : $0 }
        var path = ReplyTemplateRules.companyWidePath
        if let unitId {
            guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId) else {
                throw AppError.validation("orgUnitId", Text("没有这个部门", "No such org unit"))
            }
            path = unit.path
        }
        guard ReplyTemplateRules.mayManage(roles: actor.roles, userPath: actor.orgPath, templatePath: path) else {
            throw AppError.forbidden(unitId == nil ? Text("全公司的回复模板只能由总部设置", "Company-wide templates are set at the head office")
                                                   : Text("您只能设置本部门及下级部门的回复模板", "You set the templates of your unit and the units below it"))
        }
        return (unitId, path)
    }

    public func create(_ b: FlatBody, by actor: Principal, now: Date = Date()) async throws -> ReplyTemplateView {
        try Self.requireWriter(actor)
        let v = try Self.valid(b)
        let at = Clock.millis(now)
        return try await store.write { db in
            let unit = try await Self.owner(db, unitId: b["orgUnitId"] ?? actor.orgUnitId, actor: actor)
            let id = Clock.newID()
            try await db.raw("""
                INSERT INTO reply_templates (id, org_unit_id, org_path, kind, channel, category, title, code, body, locale, active, created_by, created_at, updated_by, updated_at)
                VALUES (\(bind: id), \(bind: unit.id), \(bind: unit.path), \(bind: v.kind.rawValue), \(bind: v.channel?.rawValue), \(bind: v.category), \(bind: v.title),
                        \(bind: v.code), \(bind: v.body), \(bind: v.locale), 1, \(bind: actor.userId), \(bind: at), \(bind: actor.userId), \(bind: at))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "reply_template.create", entity: "reply_template", entityId: id,
                                        detail: ["title": v.title, "kind": v.kind.rawValue, "unit": unit.id ?? "company"], at: at)
            return try await ReplyTemplateQueries.view(db, id: id, viewer: actor)
        }
    }

    /// Replaces the template's wording and settings (`active`: "false" switches it off, "true" on again). Its unit
    /// stays: a template for another unit is a new template.
    public func update(id: String, _ b: FlatBody, by actor: Principal, now: Date = Date()) async throws -> ReplyTemplateView {
        try Self.requireWriter(actor)
        let v = try Self.valid(b)
        let active: Bool? = switch b["active"] {
        case nil, "": nil
        case "true", "1", "on": true
        case "false", "0", "off": false
        default: throw AppError.validation("active", Text("启用须为 true 或 false", "active is true or false"))
        }
        let at = Clock.millis(now)
        return try await store.write { db in
            guard let row = try await ReplyTemplateQueries.row(db, id: id) else { throw AppError.notFound(Text("回复模板", "Reply template")) }
            guard ReplyTemplateQueries.mayEdit(row, actor) else {
                throw AppError.forbidden(Text("您只能修改本部门及下级部门的回复模板", "You change the templates of your unit and the units below it"))
            }
            let nowActive = active ?? row.active
            try await db.raw("""
                UPDATE reply_templates SET kind = \(bind: v.kind.rawValue), channel = \(bind: v.channel?.rawValue), category = \(bind: v.category),
                    title = \(bind: v.title), code = \(bind: v.code), body = \(bind: v.body), locale = \(bind: v.locale), active = \(bind: nowActive ? 1 : 0),
                    updated_by = \(bind: actor.userId), updated_at = \(bind: at)
                WHERE id = \(bind: id)
                """).run()
            var detail = ["title": v.title]
            if v.body != row.body { detail["previousBody"] = row.body }
            if nowActive != row.active { detail["active"] = String(nowActive) }
            try await AuditTrail.record(db, actorId: actor.userId, action: "reply_template.update", entity: "reply_template", entityId: id, detail: detail, at: at)
            return try await ReplyTemplateQueries.view(db, id: id, viewer: actor)
        }
    }

    public func list(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<ReplyTemplateView> {
        try Self.requireStaff(viewer)
        var f = try ReplyTemplateQueries.Filter.parse(query)
        if !(viewer.isAdmin || viewer.has(.manageReplyTemplates)) { f.includeInactive = false }
        let filter = f
        return try await store.read { db in try await ReplyTemplateQueries.list(db, filter, paging: paging, viewer: viewer) }
    }

    public func template(id: String, viewer: Principal) async throws -> ReplyTemplateView {
        try Self.requireStaff(viewer)
        return try await store.read { db in try await ReplyTemplateQueries.view(db, id: id, viewer: viewer) }
    }

    func pageModel(_ query: [String: String], paging: Paging, editing id: String?, viewer: Principal) async throws -> ReplyTemplatesPageModel {
        try Self.requireStaff(viewer)
        var f = try ReplyTemplateQueries.Filter.parse(query)
        let writer = viewer.isAdmin || viewer.has(.manageReplyTemplates)
        if !writer { f.includeInactive = false }
        let filter = f
        return try await store.read { db in
            let list = try await ReplyTemplateQueries.list(db, filter, paging: paging, viewer: viewer)
            var units: [(id: String, name: String)] = []
            if writer {
                let all = try await OrgQueries.activeUnitSummaries(db)
                units = all.filter { ReplyTemplateRules.mayManage(roles: viewer.roles, userPath: viewer.orgPath, templatePath: $0.path) }
                    .sorted { ($0.id == viewer.orgUnitId ? 0 : 1, $0.path) < ($1.id == viewer.orgUnitId ? 0 : 1, $1.path) }
                    .map { ($0.id, $0.name) }
                if OrgPath.isRoot(viewer.orgPath) { units.append(("", Text("全公司", "Whole company")(viewer.locale))) }
            }
            var editing: ReplyTemplateView?
            if let id { editing = try await ReplyTemplateQueries.view(db, id: id, viewer: viewer) }
            return ReplyTemplatesPageModel(templates: list, units: units, editing: editing)
        }
    }
}
