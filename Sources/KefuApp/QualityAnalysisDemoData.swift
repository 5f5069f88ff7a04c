import Foundation
import KefuDomain
import KefuPeople
import KefuPlatform
import SQLKit

/// `kefu demo` (#15 KPI-07): 客服部's service-quality analysis of last month by its supervisor 李四, approved by the
/// office director (客服经理 周八): one rectification line carried out, one still open. Once: nothing is added when
/// 客服部 already has an analysis.
enum QualityAnalysisDemoData {
    static func load(store: any Store, now: Date = Date()) async throws -> [String] {
        let unitId = try await AdminTasks.unitId(store, code: "CS")
        let exists = try await store.read { db in try await db.raw("SELECT 1 AS x FROM quality_analyses WHERE org_unit_id = \(bind: unitId)").first() != nil }
        if exists { return [] }
        let lisi = try await MaterialsDemoData.principal(store, "lisi"), zhouba = try await MaterialsDemoData.principal(store, "zhouba")
        let zhangsan = try await MaterialsDemoData.principal(store, "zhangsan")
        let today = Times.day(now)
        let service = QualityAnalysisService(store: store, notifier: NoHandOffs(), facts: ScorecardFactsFromDesk(), quality: InspectionQualitySource(),
                                             extras: QualityAnalysisExtrasFromAftersales())
        let a = try await service.create(.init(orgUnitId: unitId, period: CivilMonth(today).previous.description,
                                               findings: "演示：夜班时段首次响应偏慢，部分报修未在时限内解决；投诉集中在回访不及时。", lines: [
            .init(problem: "夜班首次响应超时", measure: "夜班增配一名坐席，响应超时自动提醒主管", responsibleId: lisi.userId, due: today.adding(days: -3).iso),
            .init(problem: "报修回访不及时", measure: "报修关闭后 24 小时内完成回访并登记", responsibleId: zhangsan.userId, due: today.adding(days: 10).iso),
        ]), by: lisi, now: now)
        _ = try await service.step(.submit, id: a.id, note: nil, by: lisi, now: now)
        let approved = try await service.step(.approve, id: a.id, note: "同意，按期落实", by: zhouba, now: now)
        if let first = approved.lines.first {
            _ = try await service.markDone(id: a.id, lineId: first.id, result: "已于本周起夜班增配坐席，超时提醒已启用", by: lisi, now: now)
        }
        return ["quality analysis \(a.number)"]
    }
}
