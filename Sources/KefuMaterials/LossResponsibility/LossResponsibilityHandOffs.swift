import KefuDomain
import KefuPlatform
import SQLKit

/// KPI-06: who must act next is told — 业务管理部 of a proposal, the responsible person (and the proposer's side) of the decision.
struct LossResponsibilityHandOffs: Sendable {
    let notifier: any HandOffNotifier

    func proposed(_ db: any SQLDatabase, number: String, id: String, by actor: Principal, at: Int64) async throws {
        let handOff = HandOff(
            kind: "loss_responsibility_proposed",
            recipients: .init(eligible: { roles, _ in !roles.isDisjoint(with: LossResponsibilityRules.approvers) }),
            title: Text("材料损失处罚待审批：\(number)", "Loss penalty to decide: \(number)"),
            body: Text("业务部已提出处罚意见，请审批（KPI-06）", "The business department proposed a penalty; approve or reject it (KPI-06)"),
            link: "/materials/loss-responsibilities/\(id)", actorId: actor.userId)
        try await notifier.handOff(db, handOff, at: at)
    }

    func decided(_ db: any SQLDatabase, number: String, id: String, approved: Bool, responsibleId: String, sitePath: String, by actor: Principal, at: Int64) async throws {
        let handOff = HandOff(
            kind: approved ? "loss_responsibility_approved" : "loss_responsibility_rejected",
            // Approved: the responsible person; rejected: the site's business department, which may propose again.
            recipients: approved ? .init(userIds: [responsibleId])
                : .init(eligible: { roles, userPath in !roles.isDisjoint(with: LossResponsibilityRules.proposers) && OrgPath.contains(userPath, sitePath) }),
            title: approved ? Text("材料损失处罚已批准：\(number)", "Loss penalty approved: \(number)")
                            : Text("材料损失处罚意见被驳回：\(number)", "Loss penalty proposal rejected: \(number)"),
            body: approved ? Text("您是该项材料损失的责任人，处罚已由业务管理部批准（KPI-06）", "You are responsible for this material loss; 业务管理部 approved the penalty (KPI-06)")
                           : Text("业务管理部驳回了处罚意见，见责任单", "业务管理部 rejected the proposed penalty; see the record"),
            link: "/materials/loss-responsibilities/\(id)", actorId: actor.userId)
        try await notifier.handOff(db, handOff, at: at)
    }
}
