import KefuDomain
import KefuPlatform
import SQLKit

/// Who may see and work a ticket. Staff act on tickets of their unit and below (by the ticket's owning unit or
/// the unit now handling it), and on tickets they own or are assigned; customers see only their own tickets.
/// #10.20: by the owning unit only with a customer-service role (`Role.seesUnitTickets`).
enum TicketAccess {
    static func canView(_ p: Principal, _ t: TicketRow) -> Bool {
        if p.isCustomer { return p.customerId != nil && t.customerId == p.customerId }
        let byUnit = Role.seesUnitTickets(p.roles)
        if byUnit, p.coversWholeOrganisation { return true }
        if t.ownerId == p.userId || t.assigneeId == p.userId { return true }
        if byUnit, p.covers(unitPath: t.orgPath) { return true }
        // A ticket's team is its owning unit until it is forwarded: other roles see it once forwarded to their unit.
        if let team = t.teamPath, p.covers(unitPath: team), byUnit || team != t.orgPath { return true }
        return false
    }

    /// #17.6 RET-04: an archived ticket's tombstone keeps only its unit's path: staff who see that unit's tickets see it.
    static func canViewArchived(_ p: Principal, orgPath: String?) -> Bool {
        guard !p.isCustomer, Role.seesUnitTickets(p.roles), let orgPath else { return false }
        return p.coversWholeOrganisation || p.covers(unitPath: orgPath)
    }

    static func requireView(_ p: Principal, _ t: TicketRow) throws {
        guard canView(p, t) else {
            throw AppError.forbidden(Text("该工单不在您的权限范围内", "This ticket is outside your scope"))
        }
    }

    static func requireWork(_ p: Principal, _ t: TicketRow) throws {
        try requireView(p, t)
        guard !p.isCustomer, p.has(.workTicket) else {
            throw AppError.forbidden(Text("只有客服人员可以处理工单", "Only staff can work on tickets"))
        }
    }

    static func requireOpen(_ t: TicketRow) throws {
        if t.status == .closed {
            throw AppError.conflict("ticket_closed", Text("工单已关闭，不能再修改", "The ticket is closed and cannot change"))
        }
    }
}

extension TicketQueries {
    /// #16.1: whether `viewer` may see the ticket (for records of other features that belong to it, e.g. a mail's
    /// attachments); false for a ticket that does not exist.
    public static func mayView(_ db: any SQLDatabase, ticketId: String, viewer: Principal) async throws -> Bool {
        guard let row = try await row(db, id: ticketId, lock: "") else { return false }
        return TicketAccess.canView(viewer, row)
    }
}
