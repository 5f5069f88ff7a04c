import KefuDomain
import KefuPlatform
import SQLKit

/// #15.2 (SHF-03): what the shift handover reads of the work orders of a unit and below, inside its own transaction.
extension WorkOrderQueries {
    public struct ShiftOrderLine: Sendable {
        public let number: String
        public let location: String
        public let status: String
    }

    /// The unit's open work orders (not completed or return-visited: `WorkOrderStatus.isOpen`), oldest first, at most `limit`.
    public static func openOrders(_ db: any SQLDatabase, unitPath: String, limit: Int) async throws -> [ShiftOrderLine] {
        let closed = WorkOrderStatus.allCases.filter { !$0.isOpen }.map { SQLBind($0.rawValue) }
        return try await db.raw("""
            SELECT number, location, status FROM work_orders WHERE org_path LIKE \(bind: unitPath + "%") AND status NOT IN (\(SQLList(closed)))
            ORDER BY issued_at, number LIMIT \(bind: limit)
            """).all().map {
            ShiftOrderLine(number: try $0.decode(column: "number", as: String.self), location: try $0.decode(column: "location", as: String.self),
                           status: try $0.decode(column: "status", as: String.self))
        }
    }
}
