import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// STO-02: the period and thresholds an ABC classification is computed with (query `from`, `to`, `a`, `b`).
public struct ABCFilter: Sendable, Equatable, Codable {
    public var from: String
    public var to: String
    public var thresholds: ABCClassification.Thresholds

    /// Defaults: the last 12 months to today (#12 §4), thresholds 80 % / 95 %. Dates as people type them.
    public static func parse(from: String?, to: String?, a: String?, b: String?, now: Date = Date()) throws -> ABCFilter {
        func day(_ raw: String?, _ field: String, _ fallback: String) throws -> String {
            guard TextRules.trimmed(raw) != nil else { return fallback }
            do { return try MaterialValidation.date(raw, now: now) } catch {
                throw AppError.validation(field, Text("日期格式应为 YYYY-MM-DD", "The date must be YYYY-MM-DD"))
            }
        }
        func percent(_ raw: String?, _ field: String, _ fallback: Int) throws -> Int {
            guard let t = TextRules.trimmed(raw) else { return fallback }
            guard let n = Int(UsualInput.number(t) ?? t) else {
                throw AppError.validation(field, Text("累计占比应为 1–100 的整数", "The cumulative share is a whole percent, 1–100"))
            }
            return n
        }
        let today = MaterialValidation.today(now)
        let yearAgo = CivilDay(iso: today).map { $0.adding(days: -364).iso } ?? today
        let f = ABCFilter(from: try day(from, "from", yearAgo), to: try day(to, "to", today),
                          thresholds: .init(a: try percent(a, "a", ABCClassification.Thresholds.standard.a), b: try percent(b, "b", ABCClassification.Thresholds.standard.b)))
        if f.from > f.to { throw AppError.validation("to", Text("结束日期不能早于开始日期", "The end date cannot be before the start")) }
        if !f.thresholds.isValid {
            throw AppError.validation("b", Text("应满足 0 < A 类累计占比 < B 类累计占比 ≤ 100", "The shares must satisfy 0 < A < B ≤ 100"))
        }
        return f
    }
}

public struct ABCRow: Codable, Sendable {
    public let itemId: String
    public let itemCode: String
    public let itemName: String
    public let unit: String
    /// Issue lines posted in the period.
    public let issues: Int
    public let quantity: Quantity
    /// "12.34" (percent of all issue lines).
    public let share: String
    public let cumulativeShare: String
    public let currentClass: String
    public let proposedClass: String
}

public struct ABCReport: Codable, Sendable {
    public let filter: ABCFilter
    public let totalIssues: Int
    public let rows: [ABCRow]
    /// Items whose proposed class differs from the one they carry.
    public let changes: Int
    /// HQ's materials office confirms the proposal (MAT-05: it keeps the item master).
    public let canApply: Bool
}

public struct ABCApplied: Codable, Sendable {
    public let changed: Int
    public let report: ABCReport
}

/// STO-02 (#12 §4): ABC classes computed from the period's issues, proposed on a page and applied to the item master on
/// confirmation by HQ (业务管理部). Counted over the warehouses the viewer can see; HQ sees all.
extension StorageQueries {
    public func abcReport(_ filter: ABCFilter, viewer: Principal) async throws -> ABCReport {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await Self.abcReport(db, filter, viewer: viewer) }
    }

    /// Issue reasons that consume stock (transfers and stocktake losses do not).
    static let consumingReasons: [StockReason] = [.selfUse, .repairReturn, .scrap]

    static func abcReport(_ db: any SQLDatabase, _ f: ABCFilter, viewer: Principal) async throws -> ABCReport {
        var conditions: [SQLQueryString] = [
            "m.direction = 'out'", "m.doc_date >= \(bind: f.from)", "m.doc_date <= \(bind: f.to)",
            "m.reason IN (\(SQLList(consumingReasons.map { SQLQueryString("\(bind: $0.rawValue)") })))",
        ]
        if let s = scope(viewer) { conditions.append(s) }
        let rows = try await db.raw("""
            SELECT i.id, i.code, i.name, i.unit, i.abc_class, u.issues, u.issued FROM items i LEFT JOIN (
                SELECT m.item_id, CAST(SUM(CASE WHEN m.reversal = 1 THEN -1 ELSE 1 END) AS BIGINT) AS issues, CAST(-SUM(m.quantity) AS BIGINT) AS issued
                FROM stock_movements m JOIN warehouses w ON w.id = m.warehouse_id
                WHERE \(SQLList(conditions, separator: SQLRaw(" AND "))) GROUP BY m.item_id
            ) u ON u.item_id = i.id
            WHERE i.active = 1
            """).all()
        struct Item { let name: String; let unit: String; let current: String }
        var items: [String: Item] = [:]
        var usages: [ABCClassification.Usage] = []
        for r in rows {
            let id = try r.decode(column: "id", as: String.self)
            items[id] = Item(name: try r.decode(column: "name", as: String.self), unit: try r.decode(column: "unit", as: String.self),
                             current: try r.decode(column: "abc_class", as: String.self))
            usages.append(.init(itemId: id, code: try r.decode(column: "code", as: String.self), issues: Int(try r.decode(column: "issues", as: Int64?.self) ?? 0),
                                quantity: try r.decode(column: "issued", as: Int64?.self) ?? 0))
        }
        let ranked = ABCClassification.classify(usages, thresholds: f.thresholds)
        let out = ranked.map { x in
            let item = items[x.usage.itemId]!
            return ABCRow(itemId: x.usage.itemId, itemCode: x.usage.code, itemName: item.name, unit: item.unit, issues: max(0, x.usage.issues),
                          quantity: Quantity(milli: x.usage.quantity), share: ABCClassification.percentText(x.shareBasisPoints),
                          cumulativeShare: ABCClassification.percentText(x.cumulativeBasisPoints), currentClass: item.current, proposedClass: x.proposed.rawValue)
        }
        return ABCReport(filter: f, totalIssues: usages.reduce(0) { $0 + max(0, $1.issues) }, rows: out,
                         changes: out.filter { $0.currentClass != $0.proposedClass }.count,
                         canApply: MaterialPermissions.canMaintainMasterData(viewer.roles, userPath: viewer.orgPath))
    }
}

extension MasterDataService {
    /// STO-02: HQ confirms the proposal — every item whose class changes gets it, with one audit entry per item naming
    /// the old and new class; one transaction, the proposal computed inside it (what is applied is what was counted).
    public func applyABC(_ filter: ABCFilter, by actor: Principal) async throws -> ABCApplied {
        try MaterialAccess.requireMasterData(actor, what: Text("存货档案", "items"))
        return try await store.write { db in
            let report = try await StorageQueries.abcReport(db, filter, viewer: actor)
            let at = Clock.millis()
            var changed = 0
            for row in report.rows where row.currentClass != row.proposedClass {
                try await db.raw("UPDATE items SET abc_class = \(bind: row.proposedClass), updated_at = \(bind: at) WHERE id = \(bind: row.itemId)").run()
                try await AuditTrail.record(db, actorId: actor.userId, action: "abc_class", entity: "item", entityId: row.itemId,
                                            detail: ["code": row.itemCode, "from": row.currentClass, "to": row.proposedClass,
                                                     "period": "\(filter.from)..\(filter.to)", "thresholds": "\(filter.thresholds.a)/\(filter.thresholds.b)"], at: at)
                changed += 1
            }
            return ABCApplied(changed: changed, report: try await StorageQueries.abcReport(db, filter, viewer: actor))
        }
    }
}
