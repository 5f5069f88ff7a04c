import KefuAftersales
import KefuProperty
import KefuServiceDesk
import SQLKit

/// #14 PRP-09, RPT-10: the property service report's complaint and ticket figures, read through after-sales' and the
/// service desk's query functions.
struct PropertyServiceFiguresFromDesk: PropertyServiceFiguresSource {
    func figures(_ db: any SQLDatabase, scopePath: String, from: Int64, to: Int64) async throws -> PropertyServiceFigures {
        let complaints = try await ComplaintHandlingFigures.counts(db, scopePath: scopePath, from: from, to: to)
        return PropertyServiceFigures(complaintsReceived: complaints.received, complaintsHandled: complaints.handled,
                                      complaintsReturnVisited: complaints.returnVisited,
                                      ticketsReceived: try await TicketQueries.receivedCount(db, scopePath: scopePath, from: from, to: to))
    }
}
