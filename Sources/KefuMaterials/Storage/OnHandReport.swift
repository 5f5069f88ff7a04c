import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// RPT-01: on-hand by department and site, drilling down to warehouse, bin and batch, within the viewer's scope.
public struct OnHandReport: Codable, Sendable {
    public enum Level: String, CaseIterable, Codable, Sendable { case department, site, warehouse, bin, batch }

    public struct Row: Codable, Sendable {
        /// The group (department, org unit, warehouse, bin or batch id; "" = none: HQ, not put away, no batch).
        public let groupId: String
        public let groupLabel: String
        public let itemId: String
        public let itemCode: String
        public let itemName: String
        public let unit: String
        public let quantity: Quantity
        /// The query of the next level down for this row (nil at batch level).
        public let drill: String?
        /// Batch level: the batch's expiry and whether it is near.
        public let expiryDate: String?
    }

    public let level: Level
    public let rows: [Row]
    public let total: Quantity
}

public struct OnHandReportFilter: Sendable {
    public var level: String?
    public var departmentId: String?
    public var unitId: String?
    public var warehouseId: String?
    public var binId: String?
    public var itemId: String?
    public init(level: String? = nil, departmentId: String? = nil, unitId: String? = nil, warehouseId: String? = nil, binId: String? = nil, itemId: String? = nil) {
        self.level = level; self.departmentId = departmentId; self.unitId = unitId; self.warehouseId = warehouseId; self.binId = binId; self.itemId = itemId
    }

    public static func from(_ q: [String: String]) -> OnHandReportFilter {
        OnHandReportFilter(level: q["level"], departmentId: q["departmentId"], unitId: q["unitId"], warehouseId: q["warehouseId"], binId: q["binId"], itemId: q["itemId"])
    }
}

extension StorageQueries {
    public func onHandReport(_ filter: OnHandReportFilter, viewer: Principal) async throws -> OnHandReport {
        try MaterialAccess.requireViewer(viewer)
        let level: OnHandReport.Level = try MaterialValidation.choice(filter.level, "level", default: .department)
        return try await store.read { db in try await Self.onHandReport(db, level: level, filter, viewer: viewer) }
    }

    static func onHandReport(_ db: any SQLDatabase, level: OnHandReport.Level, _ f: OnHandReportFilter, viewer: Principal) async throws -> OnHandReport {
        var conditions: [SQLQueryString] = ["p.quantity <> 0"]
        if let d = TextRules.trimmed(f.departmentId) { conditions.append(d == "-" ? "w.dept_id IS NULL" : "w.dept_id = \(bind: d)") }
        if let u = TextRules.trimmed(f.unitId) { conditions.append("w.org_unit_id = \(bind: u)") }
        if let w = TextRules.trimmed(f.warehouseId) { conditions.append("p.warehouse_id = \(bind: w)") }
        if let b = TextRules.trimmed(f.binId) { conditions.append("p.bin_id = \(bind: b == "-" ? "" : b)") }
        if let i = TextRules.trimmed(f.itemId) { conditions.append("p.item_id = \(bind: i)") }
        if let s = scope(viewer) { conditions.append(s) }
        let rows = try await db.raw("""
            SELECT w.dept_id, w.org_unit_id, p.warehouse_id, w.code AS warehouse_code, w.name AS warehouse_name, w.condition, p.bin_id, n.code AS bin_code,
                p.batch_id, s.batch_no, s.expiry_date, p.item_id, i.code AS item_code, i.name AS item_name, i.unit, p.quantity
            FROM stock_places p JOIN warehouses w ON w.id = p.warehouse_id JOIN items i ON i.id = p.item_id
            LEFT JOIN bins n ON n.id = p.bin_id LEFT JOIN stock_batches s ON s.id = p.batch_id
            WHERE \(SQLList(conditions, separator: SQLRaw(" AND ")))
            """).all()
        struct Key: Hashable { let group: String; let item: String }
        var sums: [Key: Int64] = [:]
        var labels: [String: String] = [:], drills: [String: String?] = [:], expiry: [String: String?] = [:]
        var items: [String: (code: String, name: String, unit: String)] = [:]
        var unitIds = Set<String>()
        var pending: [(group: String, item: String, quantity: Int64)] = []
        for r in rows {
            let dept = try r.decode(column: "dept_id", as: String?.self), unit = try r.decode(column: "org_unit_id", as: String.self)
            let wid = try r.decode(column: "warehouse_id", as: String.self)
            let binId = try r.decode(column: "bin_id", as: String.self), batchId = try r.decode(column: "batch_id", as: String.self)
            let itemId = try r.decode(column: "item_id", as: String.self)
            items[itemId] = (try r.decode(column: "item_code", as: String.self), try r.decode(column: "item_name", as: String.self), try r.decode(column: "unit", as: String.self))
            let group: String
            switch level {
            case .department:
                group = dept ?? ""
                if let dept { unitIds.insert(dept) }
                drills[group] = "level=site&departmentId=" + (dept ?? "-")
            case .site:
                group = unit
                unitIds.insert(unit)
                drills[group] = "level=warehouse&unitId=" + unit
            case .warehouse:
                group = wid
                // STO-08, MAT-02: damaged stock lies in its own warehouses and is reported apart, marked.
                let damaged = try r.decode(column: "condition", as: String.self) == WarehouseCondition.damaged.rawValue
                labels[group] = try r.decode(column: "warehouse_code", as: String.self) + " " + (try r.decode(column: "warehouse_name", as: String.self))
                    + (damaged ? "（损坏品库）" : "")
                drills[group] = "level=bin&warehouseId=" + wid
            case .bin:
                group = binId
                labels[group] = try r.decode(column: "bin_code", as: String?.self) ?? "未上架"
                drills[group] = "level=batch&warehouseId=\(wid)&binId=" + (binId.isEmpty ? "-" : binId)
            case .batch:
                group = batchId + "\u{1}" + binId
                labels[group] = (try r.decode(column: "batch_no", as: String?.self) ?? "无批次") + " @ " + (try r.decode(column: "bin_code", as: String?.self) ?? "未上架")
                drills[group] = .some(nil)
                expiry[group] = try r.decode(column: "expiry_date", as: String?.self)
            }
            pending.append((group, itemId, try r.decode(column: "quantity", as: Int64.self)))
        }
        let names = try await OrgQueries.unitNames(db, ids: unitIds)
        for p in pending { sums[Key(group: p.group, item: p.item), default: 0] += p.quantity }
        let out = sums.filter { $0.value != 0 }.map { k, q -> OnHandReport.Row in
            let label = labels[k.group] ?? (k.group.isEmpty ? "总部及职能部门" : names[k.group] ?? k.group)
            let it = items[k.item]!
            return OnHandReport.Row(groupId: k.group, groupLabel: label, itemId: k.item, itemCode: it.code, itemName: it.name, unit: it.unit,
                                    quantity: Quantity(milli: q), drill: drills[k.group] ?? nil, expiryDate: expiry[k.group] ?? nil)
        }.sorted { ($0.groupLabel, $0.itemCode) < ($1.groupLabel, $1.itemCode) }
        return OnHandReport(level: level, rows: out, total: Quantity(milli: out.reduce(0) { $0 + $1.quantity.milli }))
    }
}
