import KefuAftersales
import KefuOrg
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// `kefu demo`: a small wind-farm service organisation to click through. Running it again changes nothing.
public enum DemoData {
    struct UnitSpec { let code, name, kind: String; let parent: String? }
    struct UserSpec { let username, name, unit: String; let roles: [String] }

    static let units = [
        UnitSpec(code: "CS", name: "客服部", kind: "department", parent: nil),
        UnitSpec(code: "QA", name: "品管部", kind: "department", parent: nil),
        UnitSpec(code: "YWGL", name: "业务管理部", kind: "management", parent: nil),
        UnitSpec(code: "BD-N", name: "华北业务部", kind: "business", parent: nil),
        UnitSpec(code: "SITE-ZB", name: "张北风电场", kind: "site", parent: "BD-N"),
        UnitSpec(code: "FD", name: "商场服务台", kind: "department", parent: nil), // #14.4
        UnitSpec(code: "WY", name: "翠湖花园物业服务中心", kind: "site", parent: "CS"), // #14 item 6: the estate's own unit
    ]
    static let users = [
        UserSpec(username: "zhangsan", name: "张三", unit: "CS", roles: ["cs_agent"]),
        UserSpec(username: "lisi", name: "李四", unit: "CS", roles: ["cs_supervisor"]),
        UserSpec(username: "wangwu", name: "王五", unit: "QA", roles: ["qa"]),
        UserSpec(username: "zhaoliu", name: "赵六", unit: "SITE-ZB", roles: ["site_keeper"]),
        // After-sales (篇8): repair group, management representative, sales, finance.
        UserSpec(username: "sunqi", name: "孙七", unit: "CS", roles: ["engineer"]),
        UserSpec(username: "zhouba", name: "周八", unit: "CS", roles: ["cs_manager"]),
        UserSpec(username: "wujiu", name: "吴九", unit: "BD-N", roles: ["sales"]),
        UserSpec(username: "zhengshi", name: "郑十", unit: "BD-N", roles: ["sales_manager"]),
        UserSpec(username: "qianyi", name: "钱一", unit: "CS", roles: ["finance"]),
        // Materials (篇2–4): HQ materials and planning offices, the 业务部's accountant and planner (zhaoliu keeps the site's stock).
        UserSpec(username: "fengwz", name: "冯物资", unit: "YWGL", roles: ["mgmt_materials"]),
        UserSpec(username: "chenjh", name: "陈计划", unit: "YWGL", roles: ["mgmt_planner"]),
        UserSpec(username: "hekj", name: "何会计", unit: "BD-N", roles: ["dept_accountant"]),
        UserSpec(username: "luojh", name: "罗计划", unit: "BD-N", roles: ["dept_planner"]),
        // The supply loops (#13): the site lead who keeps the loan forms, the department manager who approves freight.
        UserSpec(username: "liuzd", name: "刘站长", unit: "SITE-ZB", roles: ["site_lead"]),
        UserSpec(username: "majl", name: "马经理", unit: "BD-N", roles: ["dept_manager"]),
        // People (#15): three more agents for 客服部's 24-hour rota, and the general manager who approves appraisal plans (KPI-04).
        UserSpec(username: "chenmei", name: "陈梅", unit: "CS", roles: ["cs_agent"]),
        UserSpec(username: "linfeng", name: "林峰", unit: "CS", roles: ["cs_agent"]),
        UserSpec(username: "huangli", name: "黄丽", unit: "CS", roles: ["cs_agent"]),
        UserSpec(username: "gaozong", name: "高总", unit: "HQ", roles: ["general_manager"]),
        // Front desk (#14.4): the shopping centre's service-desk clerk.
        UserSpec(username: "xuqing", name: "徐晴", unit: "FD", roles: ["front_desk"]),
        UserSpec(username: "sunli", name: "孙丽", unit: "WY", roles: ["property_admin"]), // #14 item 2; #14 item 6: in the estate's unit
    ]
    static let tickets: [(String, String, String, String, String)] = [
        ("3号风机齿轮箱漏油", "客户来电：张北风电场3号风机齿轮箱底部漏油，需派人检查。", "repair", "13800138001", "刘经理"),
        ("变桨系统温度报警咨询", "客户询问变桨系统温度报警的处理方法。", "inquiry", "13900139002", "陈工"),
        ("对维修响应速度不满意", "客户投诉上次维修等待时间过长。", "complaint", "13700137003", "周女士"),
    ]

    public static func load(store: any Store, password: String) async throws -> String {
        let admin = try await AdminTasks.adminPrincipal(store)
        let org = OrgService(store: store)
        let root = try await AdminTasks.unitId(store, code: nil)
        var created: [String] = []
        for spec in units {
            if (try? await AdminTasks.unitId(store, code: spec.code)) != nil { continue }
            let parent = spec.parent == nil ? root : try await AdminTasks.unitId(store, code: spec.parent)
            _ = try await org.createUnit(.init(code: spec.code, name: spec.name, kind: spec.kind, parentId: parent), by: admin)
            created.append("unit \(spec.code)")
        }
        for spec in users {
            let exists = try await store.read { db in try await db.raw("SELECT 1 AS x FROM users WHERE username = \(bind: spec.username)").first() != nil }
            if exists { continue }
            _ = try await org.createUser(.init(username: spec.username, password: password, displayName: spec.name,
                                               orgUnitId: try await AdminTasks.unitId(store, code: spec.unit), roles: spec.roles), by: admin)
            created.append("user \(spec.username)")
        }
        let hasTickets = try await store.read { db in try await db.raw("SELECT 1 AS x FROM tickets LIMIT 1").first() != nil }
        if !hasTickets {
            let agentId = try await store.read { db in
                try await db.raw("SELECT id FROM users WHERE username = 'zhangsan'").first()!.decode(column: "id", as: String.self)
            }
            guard let agent = try await AuthService(store: store).principal(userId: agentId) else { throw AppError.internalError("demo agent") }
            var service = TicketService(store: store)
            service.observers.append(ComplaintTicketObserver())
            for (subject, description, type, phone, name) in tickets {
                _ = try await service.create(.init(subject: subject, description: description, type: type, channel: "phone",
                                                   customer: .init(name: name, phone: phone)), by: agent)
                created.append("ticket \(subject)")
            }
        }
        created += try await MaterialsDemoData.load(store: store)
        created += try await FreightDemoData.load(store: store) // #13.4
        created += try await SupplyLoopDemoData.load(store: store) // #13: arrivals, tool loans, damaged parts, a return batch
        created += try await PeopleDemoData.load(store: store) // #15: roster, swaps, leave, handovers, training, quality, appraisal, attendance
        created += try await LossResponsibilityDemoData.load(store: store) // #15.5 KPI-06
        created += try await SatisfactionDemoData.load(store: store) // #15.5 SAT-09: rewards and notices
        created += try await FrontDeskDemoData.load(store: store) // #14.4 front desk registers
        created += try await PropertyDemoData.load(store: store) // #14 item 2: 翠湖花园, its fees and last month's notices
        created += try await PropertyOperationsDemoData.load(store: store) // #14 PRP-07 PRP-04 PRP-10: patrols, a vacant-unit check, proposals, a review
        created += try await ScenicDemoData.load(store: store, password: password) // #14.3 scenic area: units, zhaoyun, wheelchairs, a lost-person case
        created += try await QualityAnalysisDemoData.load(store: store) // #15 KPI-07: an approved analysis, one line done, one open
        created += try await PropertyPlanningDemoData.load(store: store) // #14 PRP-08 PRP-05 PRP-11: a work plan, a contractor, a register
        created += try await FeatureDemoData.load(store: store) // #14 item 6: the estate, scenic and desk units' features
        created += try await ScenicDeliveryDemoData.load(store: store) // #14 VIS-01/02: a mailing sent, a ticket delivery scheduled
        created += try await PropertyEventDemoData.load(store: store) // #14 ESC-03: an important event, emergencies followed up and open
        created += try await OwnerFileDemoData.load(store: store) // #14 PRP-06 owner files: a renovation under supervision, a rental
        return created.isEmpty ? "Demo data already loaded." : "Loaded: " + created.joined(separator: ", ") + ". Demo users' password: \(password)"
    }
}
