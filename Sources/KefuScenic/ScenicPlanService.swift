import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// VIS-05 special-group reservations: market ops draws up the reception plan (facilities to hire, meals, special
/// needs) and sends it to the departments chosen, who are told; each department confirms its preparation.
extension ScenicService {
    static let planEntity = "scenic_reception_plan"

    public func createPlan(_ body: ScenicBody, by actor: Principal, now date: Date = Date()) async throws -> ReceptionPlanView {
        try ScenicQueries.requireWorker(actor)
        let now = ScenicNow(date)
        let group = try ScenicInput.required(body["groupName"], field: "groupName", label: Text("团体名称", "Group"), max: 100)
        let visit = try ScenicInput.day(body["visitDate"], field: "visitDate", label: Text("来访日期", "Visit date"))
        guard let size = TextRules.trimmed(body["groupSize"]).flatMap(UsualInput.number).flatMap({ Int($0) }), (1...10_000).contains(size) else {
            throw AppError.validation("groupSize", Text("人数应为 1 到 10000 的整数", "Group size must be a whole number from 1 to 10000"))
        }
        let contact = try ScenicInput.required(body["contactName"], field: "contactName", label: Text("联系人", "Contact"), max: 60)
        let phone = try ScenicInput.required(body["contactPhone"], field: "contactPhone", label: Text("联系电话", "Contact phone"), max: 40)
        let facilities = try ScenicInput.text(body["facilities"], field: "facilities", label: Text("租用游览设施", "Facilities to hire"), max: 500, required: false) ?? ""
        let meals = try ScenicInput.text(body["meals"], field: "meals", label: Text("订餐", "Meals"), max: 500, required: false) ?? ""
        let needs = try ScenicInput.text(body["specialNeeds"], field: "specialNeeds", label: Text("特殊要求", "Special needs"), max: 1000, required: false) ?? ""
        let deptIds = Array(Set((body["departmentIds"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })).sorted()
        guard !deptIds.isEmpty, deptIds.count <= ReceptionPlanRules.maxDepartments else {
            throw AppError.validation("departmentIds", Text("请选择接收计划的部门", "Choose the departments the plan goes to"))
        }
        return try await store.write { db in
            let (unitId, unitPath) = try await newRecordUnit(db, body, actor: actor)
            let paths = try await OrgQueries.unitPaths(db, ids: Set(deptIds))
            guard paths.count == deptIds.count else { throw AppError.validation("departmentIds", Text("没有这个部门", "No such department")) }
            let id = Clock.newID()
            let number = try await ScenicInput.nextNumber(db, prefix: "JD", day: now.day)
            try await db.raw("""
                INSERT INTO scenic_reception_plans (id, number, org_unit_id, org_path, group_name, visit_date, group_size, contact_name, contact_phone, facilities, meals,
                    special_needs, created_at, created_by)
                VALUES (\(bind: id), \(bind: number), \(bind: unitId), \(bind: unitPath), \(bind: group), \(bind: visit.iso), \(bind: size), \(bind: contact),
                    \(bind: TextRules.phoneKey(phone) ?? phone), \(bind: facilities), \(bind: meals), \(bind: needs), \(bind: now.millis), \(bind: actor.userId))
                """).run()
            for dept in deptIds {
                let path = paths[dept]!
                try await db.raw("INSERT INTO scenic_plan_departments (plan_id, org_unit_id, org_path) VALUES (\(bind: id), \(bind: dept), \(bind: path))").run()
                try await notifier.handOff(db, HandOff(
                    kind: "scenic_reception_plan_sent",
                    recipients: .init(unitPath: path, eligible: { roles, _ in ScenicRules.isWorker(roles) && !roles.contains(.admin) }),
                    title: Text("特殊团体接待计划待确认：{0}", "Reception plan to confirm: {0}").with(number),
                    body: Text("{0}（{1}，{2} 人）：请安排本部门的准备工作并确认（VIS-05）", "{0} ({1}, {2} people): prepare your department's part and confirm (VIS-05)")
                        .with(group, visit.iso, String(size)),
                    link: "/scenic/plans/\(id)", actorId: actor.userId), at: now.millis)
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: Self.planEntity, entityId: id,
                                        detail: ["number": number, "departments": deptIds.joined(separator: ",")], at: now.millis)
            return try await ScenicQueries.plan(db, id: id, viewer: actor)
        }
    }

    /// A department confirms its preparation (`orgUnitId`: which one, default the only one the caller may confirm for).
    public func confirmPlan(id: String, _ body: ScenicBody, by actor: Principal, now date: Date = Date()) async throws -> ReceptionPlanView {
        try ScenicQueries.requireWorker(actor)
        let now = ScenicNow(date)
        let note = try ScenicInput.text(body["note"], field: "note", label: Text("准备情况", "Preparation"), max: 500, required: false)
        return try await store.write { db in
            let plan = try await ScenicQueries.plan(db, id: id, viewer: actor)
            let mine = plan.departments.filter { ScenicRules.mayWork(roles: actor.roles, userPath: actor.orgPath, recordPath: $0.orgPath) }
            guard !mine.isEmpty else {
                throw AppError.forbidden(Text("只有接收计划的部门才能确认准备", "Only a department the plan was sent to confirms its preparation"))
            }
            let chosen = TextRules.trimmed(body["orgUnitId"])
            let open = mine.filter { !$0.confirmed && (chosen == nil || $0.orgUnitId == chosen) }
            guard let dept = open.first else {
                throw AppError.conflict("already_confirmed", Text("本部门已确认过该接待计划", "Your department has already confirmed this plan"))
            }
            try await db.raw("""
                UPDATE scenic_plan_departments SET confirmed_at = \(bind: now.millis), confirmed_by = \(bind: actor.userId), note = \(bind: note)
                WHERE plan_id = \(bind: id) AND org_unit_id = \(bind: dept.orgUnitId) AND confirmed_at IS NULL
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "confirm", entity: Self.planEntity, entityId: id, detail: ["department": dept.orgUnitId], at: now.millis)
            return try await ScenicQueries.plan(db, id: id, viewer: actor)
        }
    }

    public func plan(id: String, viewer: Principal) async throws -> ReceptionPlanView {
        try ScenicQueries.requireWorker(viewer)
        return try await store.read { db in try await ScenicQueries.plan(db, id: id, viewer: viewer) }
    }

    public func plans(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<ReceptionPlanView> {
        try ScenicQueries.requireWorker(viewer)
        return try await store.read { db in try await ScenicQueries.plans(db, query, paging: paging, viewer: viewer) }
    }

    /// The plan form's model: the department units to choose from.
    public func planForm(viewer: Principal) async throws -> [(id: String, name: String)] {
        try ScenicQueries.requireWorker(viewer)
        return try await store.read { db in try await ScenicQueries.departments(db) }
    }
}
