import Foundation
import KefuDomain
import KefuMaterials
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// #13.6: tickets that consume parts, joined here so that neither feature reads the other's tables. The materials step
/// reads the ticket through the desk's query function (`MaterialTicketDesk`); the ticket page reads the ticket's parts
/// through the materials' query function (`TicketPartsProvider`), both inside the caller's transaction.
struct DeskTicketsForMaterials: MaterialTicketDesk {
    /// `typed`: the ticket's id, or the number people know (KF2026-000004, #11.1's `TicketNumberLookup`).
    func ticket(_ db: any SQLDatabase, id typed: String, viewer: Principal) async throws -> MaterialTicket? {
        guard let id = try await TicketNumberLookup.id(db, typed), let found = try await TicketQueries.facts(db, ticketId: id, viewer: viewer) else { return nil }
        let f = found.facts
        return MaterialTicket(id: f.id, number: f.number, customerName: f.customerName, faultType: f.type, visible: found.visible, closed: found.closed)
    }

    func ticketsNumberedLookup(query: FindQuery, now: Date) -> (sql: SQLQueryString, numbers: [String])? {
        TicketNumberLookup.numberedLookup(query, now: now)
    }

    func faultLabel(_ raw: String) -> Text { TicketType(rawValue: raw).map(TicketLabels.type) ?? Text(raw, raw) }
}

struct MaterialsPartsForTickets: TicketPartsProvider {
    func section(_ db: any SQLDatabase, ticketId: String, ticketNumber: String, viewer: Principal, closed: Bool) async throws -> TicketPartsSection? {
        let parts = try await TicketPartsQueries.list(db, ticketId: ticketId, ticketNumber: ticketNumber, viewer: viewer, closed: closed)
        return TicketPartsSection(
            used: parts.used.map {
                .init(documentHref: TicketPartsList.documentHref($0.documentId), documentNumber: $0.documentNumber, status: TicketPartsList.statusText($0.status),
                      item: "\($0.itemCode) \($0.itemName)", quantity: "\($0.quantity.text) \($0.unit)")
            },
            removed: parts.removed.map {
                .init(href: TicketPartsList.damagedPartHref($0.id), number: $0.number, item: "\($0.itemCode) \($0.itemName)", quantity: $0.quantity.text,
                      turbine: $0.turbineNumber)
            },
            warehouses: parts.warehouses.map { (id: $0.id, label: "\($0.code) \($0.name)") },
            formAction: TicketPartsList.formAction(ticketId: ticketId), itemSearch: TicketPartsList.itemSearch)
    }
}
