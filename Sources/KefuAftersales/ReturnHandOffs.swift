import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.4: tells whoever must act next on a return or exchange (`ReturnHandOffRule`): QA to inspect, the sales manager
/// to override or sign, the salesperson named on the red copy, finance to book, customer service to issue the slip or
/// finish the case — each with a link to the return.
struct ReturnHandOffs: Sendable {
    let notifier: any HandOffNotifier

    func stepped(_ db: any SQLDatabase, id: String, step: ReturnStep, to: ReturnStatus, by actor: Principal, at: Int64) async throws {
        guard let who = ReturnHandOffRule.nextActor(after: step, to: to),
              let row = try await db.raw("""
                SELECT number, kind, model, reason, ticket_id, org_path, salesperson_id, slip_number, replacement_shipped_at FROM returns WHERE id = \(bind: id)
                """).first() else { return }
        let number = try row.decode(column: "number", as: String.self)
        let exchange = try row.decode(column: "kind", as: String.self) == ReturnKind.exchange.rawValue
        let slip = try row.decode(column: "slip_number", as: String?.self) ?? "—"
        let recipients: HandOff.Recipients
        let title: Text
        switch who {
        case .quality:
            recipients = Self.everyone(with: .quality)
            title = Text("退回货物待品管检验：{0}", "Returned goods for QA to inspect: {0}").with(number)
        case .customerService:
            recipients = .init(unitPath: try row.decode(column: "org_path", as: String.self),
                               eligible: { roles, _ in AftersalesPermission.granted(.customerService, to: roles) && !roles.contains(.admin) })
            if step == .financeBook {
                let shipped = try row.decode(column: "replacement_shipped_at", as: Int64?.self) != nil
                title = exchange && !shipped ? Text("财务已入账，请发出换货并结案：{0}", "Booked by finance; ship the replacement and close: {0}").with(number)
                                             : Text("财务已入账，请结案：{0}", "Booked by finance; close the case: {0}").with(number)
            } else {
                title = Text("退换货已同意，请开具红联：{0}", "Return accepted; issue the red copy: {0}").with(number)
            }
        case .salesperson:
            // RMA-10: the red copy goes to the salesperson named on it; none named: to the sales department.
            if let named = try row.decode(column: "salesperson_id", as: String?.self) {
                recipients = .init(userIds: [named])
            } else {
                recipients = Self.everyone(with: .salesperson)
            }
            title = Text("请在红联上批注发货日期和原因：{0}（红联 {1}）", "Annotate ship date and reason on the red copy: {0} (slip {1})").with(number, slip)
        case .salesManager:
            recipients = Self.everyone(with: .salesManager)
            title = to == .rejected
                ? Text("退换货不符合三个月质量规则，待销售经理决定是否特批：{0}", "Return refused by the 3-month rule; the sales manager may override: {0}").with(number)
                : Text("红联待销售经理签字：{0}（红联 {1}）", "Red copy awaiting the sales manager's signature: {0} (slip {1})").with(number, slip)
        case .finance:
            recipients = Self.everyone(with: .finance)
            title = Text("红联待财务入账：{0}（红联 {1}）", "Red copy for finance to book: {0} (slip {1})").with(number, slip)
        }
        let model = try row.decode(column: "model", as: String.self)
        let reason = String(try row.decode(column: "reason", as: String.self).prefix(120))
        let handOff = HandOff(kind: "return_" + who.rawValue, recipients: recipients, title: title,
                              body: Text("{0}：{1}，由{2}转来", "{0}: {1}; handed on by {2}").with(model, reason, actor.displayName),
                              link: "/returns/\(id)", ticketId: try row.decode(column: "ticket_id", as: String?.self), actorId: actor.userId)
        try await notifier.handOff(db, handOff, at: at)
    }

    /// A company-wide department of the procedure (QA, sales, finance: `AftersalesScope.companyWideRoles`): everyone
    /// whose roles grant the step, administrators aside (they may act, but the work is not theirs).
    static func everyone(with permission: AftersalesPermission) -> HandOff.Recipients {
        .init(eligible: { roles, _ in AftersalesPermission.granted(permission, to: roles) && !roles.contains(.admin) })
    }
}
