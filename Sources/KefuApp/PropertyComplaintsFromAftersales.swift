import KefuAftersales
import KefuProperty
import SQLKit

/// #14 PRP-04: the complaints the property supervisor reviews each day, read through the after-sales query
/// functions (`ComplaintDayQueries`).
struct PropertyComplaintsFromAftersales: PropertyComplaintSource {
    func complaints(_ db: any SQLDatabase, underPath: String, from: Int64, to: Int64, limit: Int) async throws -> [PropertyComplaintLine] {
        try await ComplaintDayQueries.registered(db, underPath: underPath, from: from, to: to, limit: limit).map {
            PropertyComplaintLine(id: $0.id, number: $0.number, subject: $0.subject, customerName: $0.customerName, status: $0.status, registeredAt: $0.registeredAt)
        }
    }
}
