import Foundation
import KefuDomain
import KefuPeople
import KefuPlatform

/// `kefu demo` (#15): the requests and logs on the demo roster — swaps (one awaiting the colleague's consent, one
/// approved by 客服经理 周八; a swap the rules refuse is not recorded, so none is shown), leave (one approved, one
/// pending), yesterday's handovers (one accepted, one awaiting the night shift), an announcement read by two agents,
/// an absence (KG) and work-area leaves (LG: one back in time, one awaiting the duty manager).
enum PeopleDemoRequests {
    static func load(_ ctx: PeopleDemoData.Context) async throws -> [String] {
        var created: [String] = []
        created += try await swapsAndLeave(ctx)
        created += try await handovers(ctx)
        created += try await attendance(ctx)
        return created
    }

    /// Entries of `user` from `from` days ahead to `to` days ahead.
    static func entries(_ ctx: PeopleDemoData.Context, _ user: String, from: Int, to: Int) -> [RosterEntryView] {
        let low = ctx.today.adding(days: from).iso, high = ctx.today.adding(days: to).iso
        return (ctx.entries[user] ?? []).filter { $0.date >= low && $0.date <= high }
    }

    /// Pairs of a's and b's entries on the same day (the usual swap: the two trade their shifts of that day).
    static func sameDayPairs(_ ctx: PeopleDemoData.Context, _ a: String, _ b: String, from: Int, to: Int) -> [(RosterEntryView, RosterEntryView)] {
        let theirs = entries(ctx, b, from: from, to: to)
        return entries(ctx, a, from: from, to: to).flatMap { mine in theirs.filter { $0.date == mine.date }.map { (mine, $0) } }
    }

    static func swapsAndLeave(_ ctx: PeopleDemoData.Context) async throws -> [String] {
        let swaps = SwapService(store: ctx.store)
        let zhangsan = try await ctx.principal("zhangsan"), chenmei = try await ctx.principal("chenmei")
        let linfeng = try await ctx.principal("linfeng"), huangli = try await ctx.principal("huangli")
        let zhouba = try await ctx.principal("zhouba"), lisi = try await ctx.principal("lisi")
        // SHF-06: 张三 asks 陈梅; she has not answered yet.
        let pending = try await PeopleDemoData.first(sameDayPairs(ctx, "zhangsan", "chenmei", from: 3, to: 12)) { pair in
            try await swaps.request(.init(requesterShiftId: pair.0.id, counterpartShiftId: pair.1.id, reason: "演示：家中有事，想与陈梅换班"), by: zhangsan, now: ctx.now)
        }
        // SHF-06: 林峰 asks 黄丽, she consents, 客服经理 周八 approves: the roster entries change hands.
        let effective = try await PeopleDemoData.first(sameDayPairs(ctx, "linfeng", "huangli", from: 4, to: 14)) { pair in
            try await swaps.request(.init(requesterShiftId: pair.0.id, counterpartShiftId: pair.1.id, reason: "演示：孩子开家长会"), by: linfeng, now: ctx.now)
        }
        _ = try await swaps.consent(id: effective.id, by: huangli, now: ctx.now)
        _ = try await swaps.approve(id: effective.id, .init(note: "演示：同意换班"), by: zhouba, now: ctx.now)
        // SHF-05: 陈梅's leave waits for the supervisor; 林峰's was approved by 李四 (neither on a swapped or holiday shift).
        let asked = try await PeopleDemoData.first(entries(ctx, "chenmei", from: 15, to: 40)) { e in
            try await swaps.requestLeave(.init(shiftId: e.id, reason: "演示：体检"), by: chenmei, now: ctx.now)
        }
        let granted = try await PeopleDemoData.first(entries(ctx, "linfeng", from: 16, to: 40)) { e in
            try await swaps.requestLeave(.init(shiftId: e.id, reason: "演示：回老家办事"), by: linfeng, now: ctx.now)
        }
        _ = try await swaps.approveLeave(id: granted.id, by: lisi, now: ctx.now)
        return ["swap \(pending.number)", "swap \(effective.number)", "leave \(asked.number)", "leave \(granted.number)"]
    }

    /// SHF-02..04: yesterday's early shift handed over to the late shift (accepted); yesterday's late shift handed over
    /// and waiting for the night shift to accept. An announcement to 客服部 that two agents have read.
    static func handovers(_ ctx: PeopleDemoData.Context) async throws -> [String] {
        let service = HandoverService(store: ctx.store, facts: HandoverFactsFromDesk())
        let yesterday = ctx.today.adding(days: -1).iso
        func on(_ code: String) -> (String, RosterEntryView)? {
            for name in PeopleDemoData.agents { if let e = ctx.entries[name]?.first(where: { $0.date == yesterday && $0.shiftCode == code }) { return (name, e) } }
            return nil
        }
        func next(after code: String) -> String? {
            let (day, nextCode) = code == "E" ? (yesterday, "L") : (ctx.today.iso, "N")
            return PeopleDemoData.agents.first { name in ctx.entries[name]?.contains { $0.date == day && $0.shiftCode == nextCode } == true }
        }
        var created: [String] = []
        let logs = [("E", "工作站 3 台正常；录音系统正常", "3号风机齿轮箱漏油工单待现场回复", "", true),
                    ("L", "工作站正常；2 号座席耳麦杂音，已报修", "客户投诉维修响应慢，待主管回电", "夜班黄丽病假，由林峰顶班", false)]
        for (code, equipment, issues, staffing, accept) in logs {
            guard let (outgoing, entry) = on(code) else { continue }
            let actor = try await ctx.principal(outgoing)
            let draft = try await service.create(.init(entryId: entry.id, equipment: "演示：" + equipment, issues: issues, staffing: staffing, notes: "演示交接班记录"),
                                                 by: actor, now: ctx.now)
            _ = try await service.submit(id: draft.id, by: actor, now: ctx.now)
            if accept, let incoming = next(after: code) { _ = try await service.accept(id: draft.id, by: try await ctx.principal(incoming), now: ctx.now) }
            created.append("handover \(draft.number)")
        }
        let announcements = AnnouncementService(store: ctx.store)
        let notice = try await announcements.publish(.init(orgUnitId: ctx.unitId, title: "演示公告：节假日值班安排",
                                                           body: "节假日当班人员不得换班、请假（SHF-10）。交接班须双方签字，接班人确认后交班人方可离岗。",
                                                           expiresOn: ctx.today.adding(days: 30).iso), by: try await ctx.principal("lisi"), now: ctx.now)
        for reader in ["zhangsan", "linfeng"] { _ = try await announcements.open(id: notice.id, by: try await ctx.principal(reader), now: ctx.now) }
        created.append("announcement")
        return created
    }

    /// SHF-05/11: 黄丽 missed a shift three days ago (KG); SHF-12: 张三 left the work area for 10 minutes and came back in 9,
    /// 林峰 asks for 40 minutes (beyond the allowed 15) and waits for the duty manager.
    static func attendance(_ ctx: PeopleDemoData.Context) async throws -> [String] {
        let lisi = try await ctx.principal("lisi")
        let absence = try await PeopleDemoData.first(entries(ctx, "huangli", from: -5, to: -2).reversed()) { e in
            try await AbsenceService(store: ctx.store).record(.init(shiftId: e.id, note: "演示：未请假未到岗，电话联系不上"), by: lisi, now: ctx.now)
        }
        let leaves = WorkAreaLeaveService(store: ctx.store)
        let zhangsan = try await ctx.principal("zhangsan")
        let back = try await leaves.request(.init(minutes: 10, reason: "演示：取快递"), by: zhangsan, now: ctx.now.addingTimeInterval(-40 * 60))
        _ = try await leaves.returned(id: back.id, by: zhangsan, now: ctx.now.addingTimeInterval(-31 * 60))
        let waiting = try await leaves.request(.init(minutes: 40, reason: "演示：去银行办理业务"), by: try await ctx.principal("linfeng"), now: ctx.now)
        return ["absence \(absence.number)", "work-area leave \(back.number)", "work-area leave \(waiting.number)"]
    }
}
