import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.4: tells whoever must act next on a complaint (`ComplaintHandOffRule`), through the notifier the composition
/// root gives the complaint service.
struct ComplaintHandOffs: Sendable {
    let notifier: any HandOffNotifier

    /// After a step of `before` to `next` (the row is read again: the step may have named the responsible unit).
    func stepped(_ db: any SQLDatabase, before: ComplaintRow, next: ComplaintStatus, internalFaultFound: Bool?, by actor: Principal,
                 today: String, at: Int64) async throws {
        guard let who = ComplaintHandOffRule.nextActor(from: before.status, to: next, internalFaultFound: internalFaultFound) else { return }
        let row = try await ComplaintService.load(db, id: before.id, today: today, viewer: actor)
        let recipients: HandOff.Recipients
        let title: Text
        switch who {
        case .quality:
            recipients = .init(eligible: { roles, _ in AftersalesPermission.granted(.quality, to: roles) && !roles.contains(.admin) })
            title = Text("投诉待品管分析：{0}", "Complaint for QA to investigate: {0}")
        case .responsibleUnit:
            guard let path = row.responsibleOrgPath else { return }
            recipients = .init(unitPath: path, eligible: { roles, _ in !roles.contains(.admin) && !roles.isEmpty })
            title = next == .actionInProgress ? Text("请执行纠正预防措施：{0}", "Carry out the corrective actions: {0}")
                                              : Text("请制定纠正预防措施：{0}", "Plan the corrective and preventive actions: {0}")
        case .approvers:
            recipients = .init(eligible: { roles, _ in AftersalesPermission.granted(.approveActions, to: roles) && !roles.contains(.admin) })
            title = Text("纠正预防措施待批准：{0}", "Corrective actions awaiting approval: {0}")
        case .customerService:
            recipients = .init(unitPath: row.orgPath, eligible: { roles, _ in AftersalesPermission.granted(.customerService, to: roles) && !roles.contains(.admin) })
            title = Text("请向客户答复投诉结论：{0}", "Give the customer the complaint's conclusion: {0}")
        }
        let handOff = HandOff(kind: "complaint_" + who.rawValue, recipients: recipients, title: title.with(row.number),
                              body: Text("“{0}”，由{1}转来", "“{0}”, handed on by {1}").with(row.subject, actor.displayName),
                              link: "/complaints/\(row.id)", ticketId: row.ticketId, actorId: actor.userId)
        try await notifier.handOff(db, handOff, at: at)
    }
}
