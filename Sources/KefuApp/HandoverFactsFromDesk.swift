import KefuPeople
import KefuPlatform
import KefuServiceDesk
import KefuWorkOrders
import SQLKit

/// #15.2 SHF-03: the facts of a shift for its handover, read through the service desk's and work orders' query
/// functions (`TicketQueries.openTickets`, `TicketQueries.breaches`, `WorkOrderQueries.openOrders`).
struct HandoverFactsFromDesk: HandoverFactsSource {
    func facts(_ db: any SQLDatabase, unitPath: String, from: Int64, to: Int64) async throws -> ShiftFacts {
        let limit = ShiftFacts.limit
        return ShiftFacts(
            openTickets: try await TicketQueries.openTickets(db, unitPath: unitPath, limit: limit).map { ShiftFactLine(number: $0.number, subject: $0.subject, status: $0.state) },
            openWorkOrders: try await WorkOrderQueries.openOrders(db, unitPath: unitPath, limit: limit).map { ShiftFactLine(number: $0.number, subject: $0.location, status: $0.status) },
            breaches: try await TicketQueries.breaches(db, unitPath: unitPath, from: from, to: to, limit: limit).map { ShiftFactLine(number: $0.number, subject: $0.subject, status: $0.state) })
    }
}
