import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// VIS-01/02 reads: mailings and ticket deliveries in the viewer's unit and below, searched by number, name or phone.
extension ScenicQueries {
    static func mailing(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> MailingView {
        guard let row = try await db.raw("\(unsafeRaw: MailingView.select) WHERE m.id = \(bind: id)").first() else {
            throw AppError.notFound(Text("代邮登记", "Mailing"))
        }
        let v = try MailingView(row: row, viewer: viewer)
        try requireScope(viewer, v.orgPath)
        return v
    }

    static func mailings(_ db: any SQLDatabase, _ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<MailingView> {
        var c: [SQLQueryString] = [inScope("m.org_path", viewer)]
        if let s = TextRules.trimmed(query["status"]) {
            guard let st = MailingRules.Status(rawValue: s) else {
                throw AppError.validation("status", Text("状态的取值必须是：requested, sent, delivered", "State must be one of: requested, sent, delivered"))
            }
            c.append("m.status = \(bind: st.rawValue)")
        }
        if let q = TextRules.trimmed(query["q"]) {
            c.append("""
                (m.number = \(bind: q.uppercased()) OR m.tracking_no = \(bind: q) OR m.visitor_name LIKE \(bind: like(q)) OR m.addressee LIKE \(bind: like(q))
                 OR m.phone = \(bind: TextRules.phoneKey(q) ?? q))
                """)
        }
        let (found, total) = try await RegisterQuery.page(db, from: "scenic_mailings m", select: MailingView.select, where: c, order: "m.requested_at DESC, m.id DESC", paging: paging)
        let rows = try found.map { try MailingView(row: $0, viewer: viewer) }
        return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
    }

    static func mailingByNumber(_ db: any SQLDatabase, number: String, viewer: Principal) async throws -> MailingView? {
        guard let row = try await db.raw("\(unsafeRaw: MailingView.select) WHERE m.number = \(bind: number)").first() else { return nil }
        let v = try MailingView(row: row, viewer: viewer)
        return ScenicRules.mayWork(roles: viewer.roles, userPath: viewer.orgPath, recordPath: v.orgPath) ? v : nil
    }

    static func ticketDelivery(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> TicketDeliveryView {
        guard let row = try await db.raw("\(unsafeRaw: TicketDeliveryView.select) WHERE t.id = \(bind: id)").first() else {
            throw AppError.notFound(Text("送票登记", "Ticket delivery"))
        }
        let v = try TicketDeliveryView(row: row, viewer: viewer)
        try requireScope(viewer, v.orgPath)
        return v
    }

    static func ticketDeliveries(_ db: any SQLDatabase, _ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<TicketDeliveryView> {
        var c: [SQLQueryString] = [inScope("t.org_path", viewer)]
        if let s = TextRules.trimmed(query["status"]) {
            guard let st = TicketDeliveryRules.Status(rawValue: s) else {
                throw AppError.validation("status", Text("状态的取值必须是：scheduled, delivered", "State must be one of: scheduled, delivered"))
            }
            c.append("t.status = \(bind: st.rawValue)")
        }
        if let q = TextRules.trimmed(query["q"]) {
            c.append("""
                (t.number = \(bind: q.uppercased()) OR t.reservation_ref = \(bind: q.uppercased()) OR t.reservation_ref LIKE \(bind: like(q))
                 OR t.deliver_to LIKE \(bind: like(q)) OR t.phone = \(bind: TextRules.phoneKey(q) ?? q))
                """)
        }
        let (found, total) = try await RegisterQuery.page(db, from: "scenic_ticket_deliveries t", select: TicketDeliveryView.select, where: c, order: "t.created_at DESC, t.id DESC", paging: paging)
        let rows = try found.map { try TicketDeliveryView(row: $0, viewer: viewer) }
        return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
    }

    static func ticketDeliveryByNumber(_ db: any SQLDatabase, number: String, viewer: Principal) async throws -> TicketDeliveryView? {
        guard let row = try await db.raw("\(unsafeRaw: TicketDeliveryView.select) WHERE t.number = \(bind: number)").first() else { return nil }
        let v = try TicketDeliveryView(row: row, viewer: viewer)
        return ScenicRules.mayWork(roles: viewer.roles, userPath: viewer.orgPath, recordPath: v.orgPath) ? v : nil
    }
}
