import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.5: the stock documents waiting for the viewer's audit (DOC-03): saved, in the viewer's scope, and auditable by
/// the viewer now (DOC-08 rights and the transfer-pair rules of 4.1/4.2), oldest first.
public struct AuditQueue: Sendable {
    public struct Row: Sendable {
        public let id: String
        public let number: String
        /// 其他入库单 / 其他出库单, and the business type (采购入库 …).
        public let kind: Text
        public let reason: Text
        public let warehouseName: String
        public let date: String
    }

    public let rows: [Row]
    public let count: Int

    static let scanned = 300

    /// Reads within the caller's transaction.
    public static func read(_ db: any SQLDatabase, viewer: Principal, shown: Int = 8) async throws -> AuditQueue {
        guard !viewer.roles.isDisjoint(with: MaterialPermissions.viewers) else { return AuditQueue(rows: [], count: 0) }
        var conditions: [SQLQueryString] = ["d.status = \(bind: DocumentStatus.saved.rawValue)"]
        if !MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) { conditions.append("d.org_path LIKE \(bind: viewer.orgPath + "%")") }
        let rows = try await db.raw("""
            SELECT \(unsafeRaw: DocumentRow.columns) FROM stock_documents d JOIN warehouses w ON w.id = d.warehouse_id
            WHERE \(SQLList(conditions, separator: SQLRaw(" AND "))) ORDER BY d.doc_date, d.created_at, d.number LIMIT \(bind: scanned)
            """).all().map(DocumentRow.init(row:))
        var waiting: [Row] = []
        for d in rows where MaterialPermissions.canAuditDocuments(viewer.roles, covers: viewer.covers(unitPath: d.orgPath)) {
            guard try await DocumentQueries.actions(db, d, viewer: viewer).contains(DocumentRules.Action.audit.rawValue) else { continue }
            waiting.append(Row(id: d.id, number: d.number, kind: MaterialLabels.direction(d.direction), reason: MaterialLabels.reason(d.reason), warehouseName: d.warehouseName, date: d.date))
        }
        return AuditQueue(rows: Array(waiting.prefix(shown)), count: waiting.count)
    }
}
