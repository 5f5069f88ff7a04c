import Foundation
import KefuDomain
import KefuPeople
import KefuPlatform

/// `kefu demo` (#15.4): 客服部 trained three and two months ago (with attendance) and not last month, so TRN-01's
/// month without training is flagged; next months' training plan waits for the office director (客服经理 周八, TRN-02);
/// the agents' qualifications (TRN-03): one types too slowly, one certificate expires within the warning time.
enum PeopleDemoTraining {
    static func load(_ ctx: PeopleDemoData.Context) async throws -> [String] {
        let lisi = try await ctx.principal("lisi")
        let sessions = TrainingService(store: ctx.store)
        var created: [String] = []
        let thisMonth = CivilMonth(ctx.today)
        let topics = [(thisMonth.previous.previous.previous, "演示：首问负责制与投诉处理", "李四", ["present", "present", "excused", "present"]),
                      (thisMonth.previous.previous, "演示：风机常见故障咨询话术", "周八", ["present", "absent", "present", "present"])]
        for (month, topic, trainer, marks) in topics {
            let day = CivilDay(year: month.year, month: month.month, day: 10)
            let session = try await sessions.createSession(.init(orgUnitId: ctx.unitId, topic: topic, trainer: trainer, date: day.iso, start: "14:00", end: "15:30",
                                                                 place: "客服部会议室", content: "演示培训记录"), by: lisi, now: ctx.now)
            var lines: [AttendanceInput.Line] = []
            for (name, mark) in zip(PeopleDemoData.agents, marks) {
                lines.append(.init(userId: try await ctx.principal(name).userId, status: mark, score: mark == "present" ? 85 : nil))
            }
            _ = try await sessions.recordAttendance(sessionId: session.id, .init(lines: lines), by: lisi, now: ctx.now)
            created.append("training \(session.number)")
        }
        let plans = TrainingPlanService(store: ctx.store)
        let plan = try await plans.create(.init(orgUnitId: ctx.unitId, title: "演示：客服部季度培训计划", lines: [
            .init(month: thisMonth.next.description, topic: "服务礼仪与普通话"),
            .init(month: thisMonth.next.next.description, topic: "五笔打字提速（≥80 字/分）"),
        ]), by: lisi, now: ctx.now)
        _ = try await plans.step(.submit, id: plan.id, note: nil, by: lisi, now: ctx.now)
        created.append("training plan \(plan.number)")
        let qualifications = QualificationService(store: ctx.store)
        let records: [(String, String, Int, [QualificationsInput.Certificate])] = [
            ("zhangsan", "2A", 86, [.init(name: "普通话水平测试等级证书", number: "PTH-2023-0815", expiresOn: ctx.today.adding(days: 20).iso)]),
            ("chenmei", "2B", 72, [.init(name: "客户服务管理师", number: "KF-2024-1120", expiresOn: ctx.today.adding(days: 400).iso)]),
            ("linfeng", "1B", 95, [.init(name: "普通话水平测试等级证书", number: "PTH-2022-0301", expiresOn: nil)]),
        ]
        for (name, level, speed, certificates) in records {
            _ = try await qualifications.put(userId: try await ctx.principal(name).userId, .init(mandarinLevel: level, dialects: ["张家口话"], typingSpeed: speed,
                                                                                                  typingTestedOn: ctx.today.adding(days: -30).iso, certificates: certificates),
                                             by: lisi, now: ctx.now)
        }
        created.append("qualifications")
        return created
    }
}
