import KefuDomain
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// #11.5: one record linked from another's page (ticket ↔ repair order, complaint, return), by its human number.
public struct RelatedRecord: Sendable {
    /// The element id the link carries (`related-ticket`, `related-repair-…`).
    public let elementId: String
    public let label: Text
    public let href: String
}

/// #11.5: every after-sales record links to the records that belong to the same ticket, both ways: a repair order,
/// complaint or return names its ticket (by number) and the other after-sales records of that ticket; the ticket's
/// page lists them through `AftersalesTicketLinks`. Records outside the viewer's after-sales scope are left out.
enum RelatedRecords {
    static func ofTicket(_ db: any SQLDatabase, ticketId: String, viewer: Principal, except: String? = nil) async throws -> [RelatedRecord] {
        guard AftersalesPermission.granted(.view, to: viewer.roles) else { return [] }
        var out: [RelatedRecord] = []
        let kinds: [(table: String, kind: String, href: String, label: Text)] = [
            ("complaints", "complaint", "/complaints/", Text("投诉处理单 {0}", "Complaint case {0}")),
            ("repair_orders", "repair", "/repair-orders/", Text("返修单 {0}", "Repair order {0}")),
            ("returns", "return", "/returns/", Text("退换货单 {0}", "Return {0}")),
        ]
        for k in kinds {
            let scope = k.table == "complaints"
                ? AftersalesRecords.condition(viewer, path: "r.org_path", responsibleUnit: "r.responsible_org_unit_id")
                : AftersalesRecords.condition(viewer, path: "r.org_path")
            for row in try await db.raw("""
                SELECT r.id, r.number FROM \(unsafeRaw: k.table) r WHERE r.ticket_id = \(bind: ticketId) AND \(scope) ORDER BY r.number
                """).all() {
                let id = try row.decode(column: "id", as: String.self)
                guard id != except else { continue }
                out.append(RelatedRecord(elementId: "related-\(k.kind)-\(id)", label: k.label.with(try row.decode(column: "number", as: String.self)), href: k.href + id))
            }
        }
        return out
    }

    /// The page's related records: its ticket first (by number), then the ticket's other after-sales records.
    static func of(_ db: any SQLDatabase, ticketId: String?, recordId: String, viewer: Principal) async throws -> [RelatedRecord] {
        guard let ticketId else { return [] }
        let number = try await TicketNumbers.numbers(db, ids: [ticketId])[ticketId] ?? ticketId
        let ticket = RelatedRecord(elementId: "related-ticket", label: Text("工单 {0}", "Ticket {0}").with(number), href: "/tickets/" + ticketId)
        return [ticket] + (try await ofTicket(db, ticketId: ticketId, viewer: viewer, except: recordId))
    }
}

/// #11.5: the repair orders and returns of a ticket, on the ticket's page (its complaint case comes from
/// `ComplaintTicketLinks`).
public struct AftersalesTicketLinks: TicketLinkProvider {
    public init() {}
    public func links(_ db: any SQLDatabase, ticketId: String, viewer: Principal) async throws -> [TicketLink] {
        guard !viewer.isCustomer else { return [] }
        return try await RelatedRecords.ofTicket(db, ticketId: ticketId, viewer: viewer)
            .filter { !$0.elementId.hasPrefix("related-complaint-") }
            .map { TicketLink(label: $0.label, href: $0.href) }
    }
}
