import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// #16 item 6 (CMP-01, D15): complaints the sales department accepted, and the first answer to the customer by the
/// department that accepted the complaint. The analysis, conclusion and confirmation stay with customer service (CMP-11).
extension ComplaintService {
    public struct FromSalesInput: Codable, Sendable {
        public var subject: String?
        public var description: String?
        public var channel: String?
        public var customer: CustomerInput?
        /// The customer-service unit the sales department feeds the complaint back to (篇8 §5.2.1): the ticket and its
        /// case belong to it.
        public var orgUnitId: String?
        public init(subject: String? = nil, description: String? = nil, channel: String? = nil, customer: CustomerInput? = nil, orgUnitId: String? = nil) {
            self.subject = subject; self.description = description; self.channel = channel; self.customer = customer; self.orgUnitId = orgUnitId
        }
    }

    /// Sales staff register a complaint their department accepted: a complaint ticket of the customer-service unit
    /// named, and its case, of source `sales`, in one transaction. Sales staff see every unit's after-sales records
    /// (`AftersalesScope.companyWideRoles`), so they follow the case wherever it is handled.
    public func registerFromSales(_ input: FromSalesInput, by actor: Principal, now: Date = Date()) async throws -> ComplaintView {
        try AftersalesAccess.requireAny(actor, Array(ComplaintFirstAnswerRules.salesRegistrars))
        guard let salesTickets else { throw AppError.internalError("complaints from sales are not wired") }
        let valid = try ComplaintTicketsFromSales.validate(subject: input.subject, description: input.description, channel: input.channel, customer: input.customer)
        guard let unitId = try Field.id(input.orgUnitId, "orgUnitId") else {
            throw AppError.validation("orgUnitId", Text("请选择受理投诉的客服部门", "Choose the customer-service unit that takes the complaint"))
        }
        let prepared = try await salesTickets.prepare(now: now)
        let at = Clock.millis(now)
        let id: String = try await store.write { db in
            guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId), unit.active else {
                throw AppError.validation("orgUnitId", Text("受理投诉的部门不存在或已停用", "The unit taking the complaint does not exist or is deactivated"))
            }
            // The salesperson, acting in that unit for this one record: the ticket's queue and the case's scope are CS's.
            let inUnit = Principal(userId: actor.userId, username: actor.username, displayName: actor.displayName, orgUnitId: unit.id, orgPath: unit.path,
                                   roles: actor.roles, locale: actor.locale, customerId: nil)
            let ticket = try await salesTickets.create(db, prepared, valid, by: inUnit, now: now)
            guard let row = try await db.raw("SELECT id FROM complaints WHERE ticket_id = \(bind: ticket.id)").first() else {
                throw AppError.internalError("the complaint ticket \(ticket.number) opened no case")
            }
            let id = try row.decode(column: "id", as: String.self)
            try await db.raw("UPDATE complaints SET source = \(bind: ComplaintSource.sales.rawValue) WHERE id = \(bind: id)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "source", entity: "complaint", entityId: id,
                                        detail: ["source": ComplaintSource.sales.rawValue, "ticketNumber": ticket.number], at: at + 1)
            // 篇8 §5.2.1: customer service receives the sales department's feedback and classifies it.
            try await notifier.handOff(db, HandOff(
                kind: "complaint_from_sales",
                recipients: .init(unitPath: unit.path, eligible: { roles, _ in AftersalesPermission.granted(.customerService, to: roles) && !roles.contains(.admin) }),
                title: Text("销售部反馈的投诉待分类：{0}", "Complaint fed back by sales, to classify: {0}").with(ticket.number),
                body: Text("“{0}”，由{1}登记", "“{0}”, registered by {1}").with(valid.subject, actor.displayName),
                link: "/complaints/\(id)", ticketId: ticket.id, actorId: actor.userId), at: at)
            return id
        }
        return try await get(id: id, viewer: actor, now: now)
    }

    /// Customer service records where a case came from (the sales department's feedback reached CS by phone, say),
    /// before the first answer.
    public func setSource(id: String, source raw: String?, by actor: Principal, now: Date = Date()) async throws -> ComplaintView {
        try AftersalesAccess.require(actor, .customerService)
        let source = try Field.choice(raw, "source", ComplaintSource.self)
        return try await note(id, by: actor, now: now, action: "source", detail: ["source": source.rawValue]) { db, row, _ in
            if let refusal = ComplaintFirstAnswerRules.sourceChangeRefusal(status: row.status, answered: row.firstAnswer != nil) {
                throw FlowErrors.error(FlowRefusal(refusal))
            }
            try await db.raw("UPDATE complaints SET source = \(bind: source.rawValue) WHERE id = \(bind: id)").run()
        }
    }

    /// D15: the accepting department's first answer to the customer, once, while the case is open.
    public func firstAnswer(id: String, note raw: String?, by actor: Principal, now: Date = Date()) async throws -> ComplaintView {
        try AftersalesAccess.requireAny(actor, [.customerService, .salesperson, .salesManager])
        let text = try Field.required(raw, "note", max: 4000)
        return try await note(id, by: actor, now: now, action: "first_answer", detail: ["note": text]) { db, row, at in
            if let refusal = ComplaintFirstAnswerRules.answerRefusal(roles: actor.roles, source: row.source, status: row.status, answered: row.firstAnswer != nil) {
                throw FlowErrors.error(FlowRefusal(refusal))
            }
            try await db.raw("""
                UPDATE complaints SET first_answer = \(bind: text), first_answered_by = \(bind: actor.userId), first_answered_at = \(bind: at)
                WHERE id = \(bind: id)
                """).run()
        }
    }
}

extension ComplaintService {
    /// What `/complaints/new` offers: the active units a complaint may be fed back to.
    func fromSalesFormModel(viewer: Principal) async throws -> [(id: String, name: String, path: String)] {
        try AftersalesAccess.requireAny(viewer, Array(ComplaintFirstAnswerRules.salesRegistrars))
        return try await store.read { db in try await OrgQueries.activeUnits(db) }
    }
}
