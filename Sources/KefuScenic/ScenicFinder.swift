import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1 for the scenic visitor services: a lost-person case (XR-2026-0001), a mailing (YJ-2026-0001) or a ticket
/// delivery (ST-2026-0001) found by its whole number, only where the viewer works the record's unit or above.
public struct ScenicFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] {
        [SearchKind("scenic_lost_case", Text("景区寻人", "Scenic lost-person cases")),
         SearchKind("scenic_mailing", Text("景区代邮", "Scenic mailings")), // #14 VIS-01/02
         SearchKind("scenic_ticket_delivery", Text("景区送票", "Scenic ticket deliveries"))] // #14 VIS-01/02
    }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard ScenicRules.isWorker(r.viewer.roles), let number = r.query.number else { return [] }
        let whole = number.formatted(dash: true, width: 4)
        switch number.prefix {
        case "XR" where r.wants("scenic_lost_case"):
            guard let c = try await ScenicQueries.lostCaseByNumber(db, number: whole, viewer: r.viewer) else { return [] }
            return [SearchHit(kind: "scenic_lost_case", id: c.id, number: c.number, title: Text("寻人：", "Lost person: ")(r.locale) + c.lostName,
                              detail: ScenicLabels.lostStatus(c.status)(r.locale) + " · " + c.reporterName, href: "/scenic/lost/\(c.id)")]
        case "YJ" where r.wants("scenic_mailing"):
            guard let m = try await ScenicQueries.mailingByNumber(db, number: whole, viewer: r.viewer) else { return [] }
            return [SearchHit(kind: "scenic_mailing", id: m.id, number: m.number, title: Text("代邮：", "Mailing: ")(r.locale) + m.addressee,
                              detail: ScenicLabels.mailingStatus(m.status)(r.locale) + " · " + m.visitorName, href: "/scenic/mailings/\(m.id)")]
        case "ST" where r.wants("scenic_ticket_delivery"):
            guard let t = try await ScenicQueries.ticketDeliveryByNumber(db, number: whole, viewer: r.viewer) else { return [] }
            return [SearchHit(kind: "scenic_ticket_delivery", id: t.id, number: t.number, title: Text("送票：", "Ticket delivery: ")(r.locale) + t.deliverTo,
                              detail: ScenicLabels.ticketDeliveryStatus(t.status)(r.locale) + " · " + t.reservationRef, href: "/scenic/ticket-deliveries/\(t.id)")]
        default:
            return []
        }
    }
}
