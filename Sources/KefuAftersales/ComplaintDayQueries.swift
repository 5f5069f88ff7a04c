import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #14 PRP-04: what the property supervisor's daily review reads of the complaints registered in a unit (and the
/// units below it) in a time window. No scope check here: the review page checks the unit against its viewer.
public enum ComplaintDayQueries {
    public struct DayComplaint: Sendable {
        public let id: String
        public let number: String
        public let subject: String
        public let customerName: String?
        public let status: String
        public let registeredAt: Int64
    }

    /// The complaints registered in [from, to) (UTC millis) under `pathPrefix`, oldest first, at most `limit`.
    public static func registered(_ db: any SQLDatabase, underPath pathPrefix: String, from: Int64, to: Int64, limit: Int) async throws -> [DayComplaint] {
        try await db.raw("""
            SELECT c.id, c.number, c.subject, c.customer_name, c.status, c.registered_at FROM complaints c
            WHERE c.org_path >= \(bind: pathPrefix) AND c.org_path < \(bind: FindQuery.upperBound(ofPrefix: pathPrefix))
            AND c.registered_at >= \(bind: from) AND c.registered_at < \(bind: to)
            ORDER BY c.registered_at, c.number LIMIT \(bind: limit)
            """).all().map {
            DayComplaint(id: try $0.decode(column: "id", as: String.self), number: try $0.decode(column: "number", as: String.self),
                         subject: try $0.decode(column: "subject", as: String.self), customerName: try $0.decode(column: "customer_name", as: String?.self),
                         status: try $0.decode(column: "status", as: String.self), registeredAt: try $0.decode(column: "registered_at", as: Int64.self))
        }
    }
}
