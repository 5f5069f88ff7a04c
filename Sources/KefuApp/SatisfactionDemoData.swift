import Foundation
import KefuAftersales
import KefuDomain
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// SAT-09 in `kefu demo` (#15.5): last month's returned survey forms — 客服部 rated 4, 2, 2 (33.33%) and 华北业务部 rated
/// 5 and 4 (100%) — a 90% quality target, and the head office's assessment of last month: a reward record for 华北业务部
/// and a corrective/criticism notice for 客服部, acknowledged by its manager (周八). Through the services, once: when any
/// assessment exists, nothing is added. The forms are moved into last month and onto 华北业务部 by writing their rows
/// (the composition root seeds tables directly; the survey links themselves are 客服部's tickets).
enum SatisfactionDemoData {
    static let levels: [(unit: String, overall: Int)] = [("CS", 4), ("CS", 2), ("CS", 2), ("BD-N", 5), ("BD-N", 4)]

    static func load(store: any Store, now: Date = Date()) async throws -> [String] {
        let any = try await store.read { db in try await db.raw("SELECT 1 AS x FROM satisfaction_assessments LIMIT 1").first() != nil }
        if any { return [] }
        let admin = try await AdminTasks.adminPrincipal(store)
        let agent = try await MaterialsDemoData.principal(store, "zhangsan")
        let tickets = TicketService(store: store)
        let surveys = SurveyService(store: store, tickets: tickets)
        let ticketId = try await store.read { db in
            try await db.raw("SELECT id FROM tickets WHERE type = 'repair' ORDER BY created_at LIMIT 1").first()?.decode(column: "id", as: String.self)
        }
        guard let ticketId else { return [] }
        let settings = SlaSettings(store: store)
        let today = try await settings.current(now: now).calendar.day(of: Clock.millis(now))
        let lastMonth = CivilMonth(today).previous
        let at = Clock.millis(Times.calendar().date(from: DateComponents(year: lastMonth.year, month: lastMonth.month, day: 15, hour: 10))!)
        for (unit, overall) in levels {
            let inv = try await surveys.invite(ticketId: ticketId, repairOrderId: nil, validDays: nil, baseURL: "", by: agent, now: now)
            let receipt = try await surveys.submit(token: inv.token, try JSONDecoder().decode(SurveySubmission.self, from: Data("{\"overall\":\(overall)}".utf8)), now: now)
            let unitId = try await AdminTasks.unitId(store, code: unit)
            try await store.write { db in
                try await db.raw("""
                    UPDATE survey_responses SET submitted_at = \(bind: at), org_unit_id = \(bind: unitId),
                      org_path = (SELECT path FROM org_units WHERE id = \(bind: unitId)) WHERE id = \(bind: receipt.id)
                    """).run()
            }
        }
        if try await surveys.target() == nil { _ = try await surveys.setTarget(percent: "90", by: admin, now: now) }
        var assessments = SatisfactionAssessmentService(store: store, settings: settings)
        assessments.notifier = NotificationService(store: store, webhookTargets: WebhookTargets())
        let run = try await assessments.assess(period: lastMonth.description, note: "演示：上月满意度考核", by: admin, now: now)
        var created = run.departments.map { "satisfaction \($0.number)" }
        let manager = try await MaterialsDemoData.principal(store, "zhouba")
        if let notice = run.departments.first(where: { $0.outcome == SatisfactionOutcome.corrective.rawValue }) {
            _ = try await assessments.acknowledge(id: notice.assessmentId, note: "演示：已收到，组织服务规范培训", by: manager, now: now)
            created.append("acknowledged \(notice.number)")
        }
        return created
    }
}
