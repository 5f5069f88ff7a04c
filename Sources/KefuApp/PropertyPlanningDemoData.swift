import Foundation
import KefuDomain
import KefuPlatform
import KefuProperty
import SQLKit

/// #14 PRP-08/05/11 in `kefu demo`, for 翠湖花园's service centre (客服部): next month's work plan written by 孙丽 and
/// approved by the project manager 周八 (awaiting the company); a cleaning contractor with an approved plan and an
/// evaluation; a uniform register with a delivery and an issue, and a welfare log. Once: when a plan exists, nothing.
enum PropertyPlanningDemoData {
    static func load(store: any Store, now: Date = Date()) async throws -> [String] {
        let exists = try await store.read { db in try await db.raw("SELECT 1 AS x FROM property_work_plans").first() != nil }
        if exists { return [] }
        let sunli = try await MaterialsDemoData.principal(store, "sunli")
        let zhouba = try await MaterialsDemoData.principal(store, "zhouba")
        let next = PropertyNow.month(now).adding(months: 1).iso
        let plans = WorkPlanService(store: store)
        let plan = try await plans.create(WorkPlanBody(orgUnitId: sunli.orgUnitId, month: next, lines: [
            .init(item: "清洗二次供水水箱", owner: "张伟", targetDate: next + "-10"),
            .init(item: "消防设施月检", owner: "李娜", targetDate: next + "-15"),
            .init(item: "绿化修剪与补种", owner: "王强", targetDate: next + "-20"),
        ]), by: sunli, now: now)
        _ = try await plans.submit(id: plan.id, by: sunli, now: now)
        _ = try await plans.approve(id: plan.id, by: zhouba, now: now)

        var made = ["work plan \(plan.number)"]
        let estateId = try await store.read { db in
            try await db.raw("SELECT id FROM property_estates WHERE name = '翠湖花园'").first()?.decode(column: "id", as: String.self)
        }
        if let estateId {
            let contractors = ContractorService(store: store)
            let c = try await contractors.create(estateId: estateId, FlatBody(["serviceType": "cleaning", "company": "洁美保洁服务有限公司", "contact": "刘经理 13900001111",
                                                                               "contractFrom": "2026-01-01", "contractTo": "2027-12-31"]), by: sunli, now: now)
            let withPlan = try await contractors.addPlan(contractorId: c.id, FlatBody(["month": next, "content": "楼道每日清扫两次，垃圾日产日清，每周冲洗地面"]), by: sunli, now: now)
            if let p = withPlan.plans.first { _ = try await contractors.review(planId: p.id, approve: true, FlatBody([:]), by: zhouba, now: now) }
            _ = try await contractors.evaluate(contractorId: c.id, ContractorEvaluationBody(evaluatedOn: nil, evaluator: "孙丽", scores: [
                .init(criterion: "清洁度", score: 88), .init(criterion: "及时性", score: 92), .init(criterion: "服务态度", score: 85)], remarks: "楼道清洁到位"), by: sunli, now: now)
            made.append("contractor \(c.number)")
        }
        let registers = AdminRegisterService(store: store)
        let item = try await registers.createItem(FlatBody(["kind": "uniform", "name": "夏季工服", "unitLabel": "套"]), by: sunli, now: now)
        _ = try await registers.move(itemId: item.id, FlatBody(["direction": "in", "quantity": "20", "party": "采购"]), by: sunli, now: now)
        _ = try await registers.move(itemId: item.id, FlatBody(["direction": "out", "quantity": "3", "party": "张伟"]), by: sunli, now: now)
        _ = try await registers.addLog(FlatBody(["kind": "welfare", "person": "服务中心全体", "detail": "中秋月饼每人一盒"]), by: sunli, now: now)
        return made + ["admin register 夏季工服 (17 套)"]
    }
}
