import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// RPT-07 (part): stocktake gains and losses by month, warehouse (site) and reason, from posted stocktakes.
public struct StocktakeDifferenceRow: Codable, Sendable {
    public let month: String
    public let warehouseId: String
    public let warehouseCode: String
    public let warehouseName: String
    public let orgUnitId: String
    public let reasonCode: String
    public let lines: Int
    public let gain: Quantity
    public let loss: Quantity
    public let net: Quantity
}

enum StocktakeReport {
    /// `from`/`to`: posting days (YYYY-MM-DD, inclusive) in the organisation's zone.
    static func rows(_ db: any SQLDatabase, viewer: Principal, from: String?, to: String?) async throws -> [StocktakeDifferenceRow] {
        let all = MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath)
        let scope: SQLQueryString = all ? "" : " AND s.org_path LIKE \(bind: viewer.orgPath + "%")"
        let raw = try await db.raw("""
            SELECT s.posted_at, l.warehouse_id, w.code, w.name, w.org_unit_id, l.reason_code, l.counted, l.snapshot, l.movements_posted
            FROM stocktake_lines l JOIN stocktakes s ON s.id = l.stocktake_id JOIN warehouses w ON w.id = l.warehouse_id
            WHERE s.status IN ('adjusted', 'closed') AND l.counted IS NOT NULL\(scope)
            """).all()
        struct Key: Hashable { let month: String; let warehouse: String; let reason: String }
        var groups: [Key: (code: String, name: String, unit: String, lines: Int, gain: Int64, loss: Int64)] = [:]
        for r in raw {
            let day = MaterialValidation.today(Clock.date(millis: try r.decode(column: "posted_at", as: Int64.self)))
            if let from, day < from { continue }
            if let to, day > to { continue }
            let counted = try r.decode(column: "counted", as: Int64.self), snapshot = try r.decode(column: "snapshot", as: Int64.self)
            let moved = try r.decode(column: "movements_posted", as: Int64?.self) ?? 0
            let diff = counted - snapshot - moved
            guard diff != 0 else { continue }
            let key = Key(month: String(day.prefix(7)), warehouse: try r.decode(column: "warehouse_id", as: String.self),
                          reason: try r.decode(column: "reason_code", as: String?.self) ?? "")
            let code = try r.decode(column: "code", as: String.self), name = try r.decode(column: "name", as: String.self)
            let unit = try r.decode(column: "org_unit_id", as: String.self)
            var g = groups[key] ?? (code, name, unit, 0, 0, 0)
            g.lines += 1
            if diff > 0 { g.gain += diff } else { g.loss -= diff }
            groups[key] = g
        }
        return groups.map { k, g in
            StocktakeDifferenceRow(month: k.month, warehouseId: k.warehouse, warehouseCode: g.code, warehouseName: g.name, orgUnitId: g.unit, reasonCode: k.reason,
                                   lines: g.lines, gain: Quantity(milli: g.gain), loss: Quantity(milli: g.loss), net: Quantity(milli: g.gain - g.loss))
        }.sorted { ($0.month, $0.warehouseCode, $0.reasonCode) < ($1.month, $1.warehouseCode, $1.reasonCode) }
    }

    static func table(_ rows: [StocktakeDifferenceRow], locale l: AppLocale) -> ExportTable {
        ExportTable(sheetName: Text("盘盈盘亏", "Stocktake differences")(l), columns: [
            .init(Text("月份", "Month"), locale: l), .init(Text("仓库编码", "Warehouse code"), locale: l), .init(Text("仓库名称", "Warehouse"), locale: l),
            .init(Text("差异原因", "Reason"), locale: l), .init(Text("行数", "Lines"), .number, locale: l), .init(Text("盘盈数量", "Gain"), .number, locale: l),
            .init(Text("盘亏数量", "Loss"), .number, locale: l), .init(Text("净差异", "Net"), .number, locale: l),
        ], rows: rows.map { r in
            [.text(r.month), .text(r.warehouseCode), .text(r.warehouseName),
             .text(StocktakeReasonCode(rawValue: r.reasonCode).map { StocktakeLabels.reason($0)(l) } ?? r.reasonCode),
             .integer(r.lines), .quantity(r.gain), .quantity(r.loss), .quantity(r.net)]
        })
    }
}

extension StocktakeService {
    public func differences(from: String?, to: String?, viewer: Principal) async throws -> [StocktakeDifferenceRow] {
        try MaterialAccess.requireViewer(viewer)
        let now = Date()
        let from = try TextRules.trimmed(from).map { try MaterialValidation.date($0, now: now) }
        let to = try TextRules.trimmed(to).map { try MaterialValidation.date($0, now: now) }
        return try await store.read { db in try await StocktakeReport.rows(db, viewer: viewer, from: from, to: to) }
    }
}
