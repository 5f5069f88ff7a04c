import KefuDomain
import KefuPlatform
import SQLKit

/// #11.4 for #13.3: who must act next on a commercial repair is told (the bell and the webhook): 业务管理部's materials
/// office when an application is submitted and when a repair is late (ESC-05); the department when HQ decides.
struct CommercialRepairHandOffs: Sendable {
    let notifier: any HandOffNotifier

    static func link(_ id: String) -> String { "/materials/commercial-repairs/\(id)" }

    static let headquarters: HandOff.Recipients = .init(eligible: { roles, _ in !roles.isDisjoint(with: CommercialRepairRules.headquarters) })

    static func department(_ c: CommercialRepairRow) -> HandOff.Recipients {
        .init(unitPath: c.orgPath, eligible: { roles, _ in !roles.contains(.admin) && !roles.isDisjoint(with: CommercialRepairRules.department) })
    }

    func submitted(_ db: any SQLDatabase, _ c: CommercialRepairRow, by actorId: String, at: Int64) async throws {
        _ = try await notifier.handOff(db, HandOff(
            kind: "commercial_repair_submitted", recipients: Self.headquarters,
            title: Text("商修申请待审批：{0}", "Commercial repair to approve: {0}").with(c.number),
            body: Text("{0} 申请商修 {1} 件二类损坏件（DMG-06）", "{0} applies for the commercial repair of {1} class II parts (DMG-06)").with(c.orgUnitName, String(c.partCount)),
            link: Self.link(c.id), actorId: actorId), at: at)
    }

    func decided(_ db: any SQLDatabase, _ c: CommercialRepairRow, approved: Bool, comment: String?, by actorId: String, at: Int64) async throws {
        _ = try await notifier.handOff(db, HandOff(
            kind: approved ? "commercial_repair_approved" : "commercial_repair_returned", recipients: Self.department(c),
            title: approved ? Text("商修申请已批准：{0}", "Commercial repair approved: {0}").with(c.number)
                            : Text("商修申请被退回：{0}", "Commercial repair sent back: {0}").with(c.number),
            body: approved ? Text("请安排送修并跟踪进度。{0}", "Send the parts for repair and track them. {0}").with(comment ?? "")
                           : Text("退回原因：{0}", "Reason: {0}").with(comment ?? ""),
            link: Self.link(c.id), actorId: actorId), at: at)
    }

    /// ESC-05: the late repair goes up to 业务管理部, which coordinates; the department is told it was escalated.
    func escalated(_ db: any SQLDatabase, _ c: CommercialRepairRow, daysLate: Int, at: Int64) async throws {
        let body = Text("{0} 的维修（{1}）应于 {2} 返回，已逾期 {3} 天，已上报业务管理部协调（ESC-05）",
                        "{0}'s repair by {1} was due back on {2} and is {3} days late; escalated to HQ to coordinate (ESC-05)")
            .with(c.orgUnitName, c.repairer ?? "", c.dueOn ?? "", String(daysLate))
        _ = try await notifier.handOff(db, HandOff(kind: "commercial_repair_escalated", recipients: Self.headquarters,
                                                   title: Text("商修逾期上报：{0}", "Late repair escalated: {0}").with(c.number), body: body,
                                                   link: Self.link(c.id), actorId: ""), at: at)
        _ = try await notifier.handOff(db, HandOff(kind: "commercial_repair_escalated", recipients: Self.department(c),
                                                   title: Text("商修逾期已上报业务管理部：{0}", "Late repair escalated to HQ: {0}").with(c.number), body: body,
                                                   link: Self.link(c.id), actorId: ""), at: at)
    }
}
