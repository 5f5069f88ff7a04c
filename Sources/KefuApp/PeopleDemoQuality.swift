import Foundation
import KefuDomain
import KefuPeople
import KefuPlatform

/// `kefu demo` (#15.5): 客服经理 周八's call standard (items and weights, KPI-03); 客服主管 李四 enters three of
/// yesterday's calls and scores them — 陈梅's answered after 5 rings, which proposes a penalty record (KPI-02); 周八's
/// reward and penalty plan for last month waits for the general manager 高总 (KPI-04).
enum PeopleDemoQuality {
    static func load(_ ctx: PeopleDemoData.Context) async throws -> [String] {
        let zhouba = try await ctx.principal("zhouba"), lisi = try await ctx.principal("lisi")
        let standard = try await InspectionStandardService(store: ctx.store).create(.init(orgUnitId: ctx.unitId, name: "演示：来电服务质检标准", kind: "call", items: [
            .init(label: "礼貌用语与开场白", weight: NumberText("30")),
            .init(label: "业务解答准确", weight: NumberText("40")),
            .init(label: "工单记录完整", weight: NumberText("30")),
        ]), by: zhouba, now: ctx.now)
        let inspections = InspectionService(store: ctx.store, tickets: InspectionTicketsFromDesk())
        let yesterday = ctx.today.adding(days: -1).iso
        let calls = [("zhangsan", "10:15", "13800138001", 2, [95, 90, 100], "演示：应答规范"),
                     ("chenmei", "11:40", "13900139002", 5, [80, 85, 70], "演示：响铃超过 3 声"),
                     ("linfeng", "15:05", "13700137003", 3, [90, 75, 85], "演示：解答需更准确")]
        var created = ["inspection standard"]
        for (name, time, caller, rings, scores, comment) in calls {
            let call = try await inspections.enterCall(.init(agentId: try await ctx.principal(name).userId, calledAt: "\(yesterday) \(time)", callerNumber: caller,
                                                             rings: rings, durationSeconds: 180, note: "演示来电记录"), by: lisi, now: ctx.now)
            let done = try await inspections.inspect(.init(standardId: standard.id, callId: call.id, scores: scores, comment: comment), by: lisi, now: ctx.now)
            created.append("inspection \(done.number)")
        }
        let appraisals = AppraisalService(store: ctx.store)
        let plan = try await appraisals.create(.init(orgUnitId: ctx.unitId, period: CivilMonth(ctx.today).previous.description, lines: [
            .init(userId: try await ctx.principal("zhangsan").userId, kind: "reward", amount: "200.00", reason: "演示：本月满意度第一", evidence: "回访记录"),
            .init(userId: try await ctx.principal("chenmei").userId, kind: "penalty", amount: "50.00", reason: "演示：来电响铃超过 3 声", evidence: "质检记录"),
        ]), by: zhouba, now: ctx.now)
        _ = try await appraisals.step(.submit, id: plan.id, note: nil, by: zhouba, now: ctx.now)
        created.append("appraisal plan \(plan.number)")
        return created
    }
}
