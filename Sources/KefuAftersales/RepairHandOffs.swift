import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.4: tells whoever must act next on a repair order (`RepairHandOffRule`): the fee approval to customer service,
/// the approved repair to the repair group.
struct RepairHandOffs: Sendable {
    let notifier: any HandOffNotifier

    func stepped(_ db: any SQLDatabase, id: String, from: RepairStatus, to: RepairStatus, by actor: Principal, at: Int64) async throws {
        guard let who = RepairHandOffRule.nextActor(from: from, to: to),
              let row = try await db.raw("SELECT number, ticket_id, org_path, fee_fen FROM repair_orders WHERE id = \(bind: id)").first() else { return }
        let number = try row.decode(column: "number", as: String.self)
        let fee = try row.decode(column: "fee_fen", as: Int64?.self).map { Yuan.text($0) } ?? "—"
        let recipients: HandOff.Recipients
        let title: Text
        switch who {
        case .customerService:
            recipients = .init(unitPath: try row.decode(column: "org_path", as: String.self),
                               eligible: { roles, _ in AftersalesPermission.granted(.customerService, to: roles) && !roles.contains(.admin) })
            title = Text("维修报价待客户确认：{0}（{1} 元）", "Repair fee awaiting the customer's approval: {0} (CNY {1})").with(number, fee)
        case .repairGroup:
            recipients = .init(eligible: { roles, _ in AftersalesPermission.granted(.repairGroup, to: roles) && !roles.contains(.admin) })
            title = Text("客户已同意维修报价，请维修：{0}", "The customer approved the fee; please repair: {0}").with(number)
        }
        let handOff = HandOff(kind: "repair_" + who.rawValue, recipients: recipients, title: title,
                              body: Text("由{0}转来", "Handed on by {0}").with(actor.displayName),
                              link: "/repair-orders/\(id)", ticketId: try row.decode(column: "ticket_id", as: String?.self), actorId: actor.userId)
        try await notifier.handOff(db, handOff, at: at)
    }
}
