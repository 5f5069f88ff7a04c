import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.5: the open corrective and preventive actions (CAPA, CMP-06…CMP-09) in the viewer's scope: complaints whose
/// actions are planned, awaiting the customer's confirmation or in progress, the earliest action due date first,
/// with the overdue ones marked.
public struct OpenCapa: Sendable {
    public struct Row: Sendable {
        public let id: String
        public let number: String
        public let subject: String
        public let status: Text
        /// The earliest due date of the current round's actions (yyyy-MM-dd), if any.
        public let dueDate: String?
        public let overdue: Bool
    }

    public let rows: [Row]
    public let count: Int
    public let overdueCount: Int

    static let running: [ComplaintStatus] = [.actionPlanned, .awaitingConfirmation, .actionInProgress]

    /// Reads within the caller's transaction; nothing for a viewer without the after-sales view right.
    public static func read(_ db: any SQLDatabase, viewer: Principal, now: Date = Date(), shown: Int = 8) async throws -> OpenCapa {
        guard AftersalesPermission.granted(.view, to: viewer.roles) else { return OpenCapa(rows: [], count: 0, overdueCount: 0) }
        let today = Today.date(now).description
        let rows = try await db.raw("""
            SELECT c.id, c.number, c.subject, c.status,
              (SELECT MIN(a.due_date) FROM complaint_actions a WHERE a.complaint_id = c.id AND a.round = c.plan_round) AS due_date
            FROM complaints c
            WHERE c.status IN (\(SQLList(running.map { SQLBind($0.rawValue) }))) AND \(AftersalesRecords.condition(viewer, path: "c.org_path", responsibleUnit: "c.responsible_org_unit_id"))
            ORDER BY CASE WHEN (SELECT MIN(a.due_date) FROM complaint_actions a WHERE a.complaint_id = c.id AND a.round = c.plan_round) IS NULL THEN 1 ELSE 0 END,
              (SELECT MIN(a.due_date) FROM complaint_actions a WHERE a.complaint_id = c.id AND a.round = c.plan_round), c.number
            """).all().map { row -> Row in
                let due = try row.str("due_date")
                return Row(id: try row.decode(column: "id", as: String.self), number: try row.decode(column: "number", as: String.self),
                           subject: try row.decode(column: "subject", as: String.self),
                           status: AftersalesLabels.complaint(try row.decode(column: "status", as: String.self)),
                           dueDate: due, overdue: due.map { $0 < today } ?? false)
            }
        return OpenCapa(rows: Array(rows.prefix(shown)), count: rows.count, overdueCount: rows.filter(\.overdue).count)
    }
}
