import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// The requests' side of REQ-10's plan against actual (#13.1 item 2): per item, how much a unit and its sites asked for
/// in a year (requests past the draft, urgent releases included) and how much of it left production or the supplier.
extension MaterialRequestService {
    struct ItemActual: Sendable {
        var requested: Int64 = 0
        var shipped: Int64 = 0
    }

    /// The epoch-millisecond bounds of `year` in the organisation's time zone.
    static func yearBounds(_ year: Int) -> (from: Int64, to: Int64) {
        let offset = Int64(Times.zone.secondsFromGMT()) * 1000
        let start = Int64(CivilDay(year: year, month: 1, day: 1).number) * 86_400_000 - offset
        let end = Int64(CivilDay(year: year + 1, month: 1, day: 1).number) * 86_400_000 - offset
        return (start, end)
    }

    /// Item id → requested and shipped thousandths, for requests of the unit at `orgPath` and below written in `year`.
    static func actualByItem(_ db: any SQLDatabase, orgPath: String, year: Int, itemIds: [String]? = nil) async throws -> [String: ItemActual] {
        let (from, to) = yearBounds(year)
        let shipped = [MaterialRequestState.supplierShipping, .arrived, .closed].map { SQLBind($0.rawValue) }
        var conditions: [SQLQueryString] = [
            "r.org_path LIKE \(bind: orgPath + "%")", "r.created_at >= \(bind: from)", "r.created_at < \(bind: to)",
            "r.state <> \(bind: MaterialRequestState.draft.rawValue)",
        ]
        if let itemIds {
            guard !itemIds.isEmpty else { return [:] }
            conditions.append("l.item_id IN (\(SQLList(itemIds.map { SQLBind($0) })))")
        }
        let rows = try await db.raw("""
            SELECT l.item_id, CAST(SUM(l.quantity) AS BIGINT) AS requested,
                CAST(SUM(CASE WHEN r.shipped_at IS NOT NULL OR r.state IN (\(SQLList(shipped))) THEN l.quantity ELSE 0 END) AS BIGINT) AS shipped
            FROM material_requests r JOIN material_request_lines l ON l.request_id = r.id
            WHERE \(SQLList(conditions, separator: SQLRaw(" AND "))) GROUP BY l.item_id
            """).all()
        var result: [String: ItemActual] = [:]
        for row in rows {
            result[try row.decode(column: "item_id", as: String.self)] = ItemActual(requested: try row.decode(column: "requested", as: Int64.self),
                                                                                   shipped: try row.decode(column: "shipped", as: Int64.self))
        }
        return result
    }
}
