import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// TKT-05 [篇7 §二(二).9]: an agent proposes flagging a customer as bad (劣质客户) with the reason; only a CS supervisor
/// confirms it (or rejects it); a confirmed flag is shown on every ticket of the customer until a supervisor clears
/// it. Everything is kept as history and in the audit trail. The customer must be in the caller's scope (#10.6).
public struct CustomerFlagService: Sendable {
    let store: any Store
    /// #16 item 6: the supervisors who decide are told of a proposal (the composition root passes the notifications).
    public var notifier: any HandOffNotifier = NoHandOffs()

    public init(store: any Store) { self.store = store }

    static func reason(_ raw: String?, field: String, required: Bool) throws -> String? {
        let text = raw?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if text.isEmpty {
            guard !required else { throw AppError.validation(field, field == "reason" ? Text("请填写标记原因", "Give the reason for the flag")
                                                                                      : Text("请填写说明", "Give a note")) }
            return nil
        }
        guard text.count <= CustomerFlagRules.maxReason else {
            throw AppError.validation(field, Text("最多 \(CustomerFlagRules.maxReason) 个字", "At most \(CustomerFlagRules.maxReason) characters"))
        }
        return text
    }

    static func customer(_ db: any SQLDatabase, _ id: String, viewer: Principal) async throws -> CustomerRecord {
        guard let c = try await CustomerScope.record(db, id: id, viewer: viewer) else { throw AppError.notFound(Text("客户", "Customer")) }
        return c
    }

    /// `ticketId`: the ticket the agent proposed it from, where the supervisor decides (else the customer's newest ticket).
    public func propose(customerId: String, reason raw: String?, ticketId: String? = nil, by actor: Principal, now: Date = Date()) async throws -> CustomerFlagsView {
        guard CustomerFlagRules.mayPropose(actor.roles) else {
            throw AppError.forbidden(Text("只有客服人员可以提议标记劣质客户", "Only customer-service staff propose flagging a customer"))
        }
        let reason = try Self.reason(raw, field: "reason", required: true)!
        let at = Clock.millis(now)
        do {
            return try await store.write { db in
                let customer = try await Self.customer(db, customerId, viewer: actor)
                let open = try await CustomerFlagQueries.open(db, customerId: customer.id)
                guard CustomerFlagRules.mayPropose(over: open?.status) else { throw Self.alreadyOpen(open!.status) }
                let id = Clock.newID()
                try await db.raw("""
                    INSERT INTO customer_flags (id, customer_id, status, reason, org_path, proposed_by, proposed_at)
                    VALUES (\(bind: id), \(bind: customer.id), \(bind: CustomerFlagRules.Status.proposed.rawValue), \(bind: reason), \(bind: actor.orgPath),
                            \(bind: actor.userId), \(bind: at))
                    """).run()
                try await AuditTrail.record(db, actorId: actor.userId, action: "customer_flag.propose", entity: "customer", entityId: customer.id,
                                            detail: ["flag": id, "reason": reason], at: at)
                try await Self.tellSupervisors(db, notifier, customer: customer, reason: reason, ticketId: ticketId, by: actor, at: at)
                return try await CustomerFlagQueries.flags(db, customerId: customer.id, viewer: actor)
            }
        } catch where TransactionRetry.isUniqueViolation(error) {
            // Two proposals at once on PostgreSQL: the index keeps one open flag; the second is told so.
            throw Self.alreadyOpen(.proposed)
        }
    }

    /// TKT-05: only a CS supervisor confirms a flag, so the supervisors over the proposer's unit are told in the bell
    /// (and their unit's webhook), with a link to the ticket the decision is taken on.
    static func tellSupervisors(_ db: any SQLDatabase, _ notifier: any HandOffNotifier, customer: CustomerRecord, reason: String, ticketId: String?,
                                by actor: Principal, at: Int64) async throws {
        var ticket: SQLRow?
        if let ticketId {
            ticket = try await db.raw("SELECT id, number FROM tickets WHERE id = \(bind: ticketId) AND customer_id = \(bind: customer.id)").first()
        }
        if ticket == nil {
            ticket = try await db.raw("SELECT id, number FROM tickets WHERE customer_id = \(bind: customer.id) ORDER BY received_at DESC, id DESC LIMIT 1").first()
        }
        let linkedTicket = try ticket?.decode(column: "id", as: String.self)
        let proposerPath = actor.orgPath
        let recipients = HandOff.Recipients(eligible: { roles, userPath in
            CustomerFlagRules.mayDecide(roles) && !roles.contains(.admin) && OrgPath.contains(userPath, proposerPath)
        })
        let handOff = HandOff(kind: "customer_flag_proposed", recipients: recipients,
                              title: Text("劣质客户标记待确认：{0}", "Customer flag awaiting a decision: {0}").with(customer.name),
                              body: Text("{0} 提议：{1}", "{0} proposes: {1}").with(actor.displayName, reason),
                              link: linkedTicket.map { "/tickets/\($0)" } ?? "/customers", ticketId: linkedTicket, actorId: actor.userId)
        try await notifier.handOff(db, handOff, at: at)
    }

    static func alreadyOpen(_ status: CustomerFlagRules.Status) -> AppError {
        AppError.conflict("flag_open", status == .confirmed ? Text("该客户已被确认为劣质客户", "The customer is already flagged")
                                                            : Text("该客户已有待主管确认的标记提议", "A flag on the customer already awaits a supervisor"))
    }

    /// A supervisor's step on the customer's open flag: confirm or reject the proposal, or clear a confirmed flag.
    public func decide(customerId: String, step rawStep: String, note raw: String?, by actor: Principal, now: Date = Date()) async throws -> CustomerFlagsView {
        guard CustomerFlagRules.mayDecide(actor.roles) else {
            throw AppError.forbidden(Text("只有客服主管可以确认、驳回或解除劣质客户标记", "Only a CS supervisor confirms, rejects or clears a customer flag"))
        }
        guard let step = CustomerFlagRules.Step(rawValue: rawStep) else { throw AppError.notFound(Text("操作", "Step")) }
        let note = try Self.reason(raw, field: "note", required: CustomerFlagRules.needsNote(step))
        let at = Clock.millis(now)
        return try await store.write { db in
            let customer = try await Self.customer(db, customerId, viewer: actor)
            guard let open = try await CustomerFlagQueries.open(db, customerId: customer.id),
                  let next = CustomerFlagRules.next(step, from: open.status) else {
                throw AppError.conflict("invalid_transition", step == .clear ? Text("该客户没有已确认的标记", "The customer has no confirmed flag")
                                                                             : Text("该客户没有待确认的标记提议", "No flag on the customer awaits a decision"))
            }
            let set: SQLQueryString = step == .clear
                ? "status = \(bind: next.rawValue), cleared_by = \(bind: actor.userId), cleared_at = \(bind: at), clear_note = \(bind: note)"
                : "status = \(bind: next.rawValue), decided_by = \(bind: actor.userId), decided_at = \(bind: at), decision_note = \(bind: note)"
            guard try await db.raw("UPDATE customer_flags SET \(set) WHERE id = \(bind: open.id) AND status = \(bind: open.status.rawValue) RETURNING id").first() != nil else {
                throw AppError.conflict("invalid_transition", Text("该标记刚被他人处理，请刷新", "Someone else has just handled the flag; reload"))
            }
            var detail = ["flag": open.id, "status": next.rawValue]
            if let note { detail["note"] = note }
            try await AuditTrail.record(db, actorId: actor.userId, action: "customer_flag.\(step.rawValue)", entity: "customer", entityId: customer.id,
                                        detail: detail, at: at)
            return try await CustomerFlagQueries.flags(db, customerId: customer.id, viewer: actor)
        }
    }

    public func flags(customerId: String, viewer: Principal) async throws -> CustomerFlagsView {
        guard CustomerFlagRules.mayPropose(viewer.roles) else {
            throw AppError.forbidden(Text("只有客服人员可以查看客户标记", "Only customer-service staff see customer flags"))
        }
        return try await store.read { db in
            let customer = try await Self.customer(db, customerId, viewer: viewer)
            return try await CustomerFlagQueries.flags(db, customerId: customer.id, viewer: viewer)
        }
    }

    /// The supervisor's list: flags by status (default the proposals awaiting a decision), in the caller's scope.
    public func list(status raw: String?, paging: Paging, viewer: Principal) async throws -> ListPage<CustomerFlagView> {
        guard CustomerFlagRules.mayDecide(viewer.roles) else {
            throw AppError.forbidden(Text("只有客服主管可以查看劣质客户标记", "Only a CS supervisor sees the customer flags"))
        }
        let status = raw.flatMap { $0.isEmpty ? nil : $0 } ?? CustomerFlagRules.Status.proposed.rawValue
        guard let s = CustomerFlagRules.Status(rawValue: status) else {
            throw AppError.validation("status", Text("状态须为 proposed、confirmed、rejected 或 cleared", "status is proposed, confirmed, rejected or cleared"))
        }
        return try await store.read { db in try await CustomerFlagQueries.list(db, status: s, paging: paging, viewer: viewer) }
    }
}
