import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// STO-06 maintenance records, STO-07 the warehouse access register, STO-09 safety checks and the cleaning log.
public struct StorageRegisterInput: Codable, Sendable {
    public var kind: String?
    public var warehouseId: String?
    public var date: String?
    public var subject: String?
    public var finding: String?
    public var fix: String?
    public var itemId: String?
    public var batchId: String?
    public init(kind: String? = nil, warehouseId: String? = nil, date: String? = nil, subject: String? = nil, finding: String? = nil, fix: String? = nil,
                itemId: String? = nil, batchId: String? = nil) {
        self.kind = kind; self.warehouseId = warehouseId; self.date = date; self.subject = subject; self.finding = finding; self.fix = fix
        self.itemId = itemId; self.batchId = batchId
    }
}

public struct StorageRegisterEntry: Codable, Sendable {
    public let id: String
    public let kind: String
    public let warehouseId: String
    public let warehouseCode: String
    public let date: String
    public let subject: String
    public let finding: String
    public let fix: String
    public let itemId: String?
    public let itemCode: String?
    public let batchId: String?
    public let batchNo: String?
    public let recordedBy: String
}

/// One register entry: permission (those who enter the warehouse's documents), validation, one transaction, audit
/// trail. A maintenance record of a batch moves the batch's next maintenance on by the item's cycle (STO-06).
public struct StorageRegisterService: Sendable {
    let store: any Store

    public init(store: any Store) { self.store = store }

    public func record(_ input: StorageRegisterInput, by actor: Principal, now: Date = Date()) async throws -> StorageRegisterEntry {
        let kind: StorageRegisterKind = try MaterialValidation.choice(input.kind, "kind")
        let date = try MaterialValidation.date(input.date, now: now)
        let subject = try MaterialValidation.text(input.subject, field: "subject", max: 200, required: kind.required.contains(.subject)) ?? ""
        let finding = try MaterialValidation.text(input.finding, field: "finding", max: 1000, required: kind.required.contains(.finding)) ?? ""
        let fix = try MaterialValidation.text(input.fix, field: "fix", max: 1000, required: false) ?? ""
        if StorageRegisterRules.needsFix(kind: kind, finding: finding, fix: fix) {
            throw AppError.validation("fix", Text("发现问题时请写明整改措施（STO-09）", "A finding needs its fix (STO-09)"))
        }
        let itemId = TextRules.trimmed(input.itemId), batchId = TextRules.trimmed(input.batchId)
        if kind.required.contains(.item), itemId == nil { throw AppError.validation("itemId", Text("请选择存货", "Choose an item")) }
        return try await store.write { db in
            let w = try await MasterDataService.requireWarehouse(db, id: input.warehouseId, field: "warehouseId")
            try MaterialAccess.requireView(actor, w)
            try MaterialAccess.requireEdit(actor, w)
            var cycle: Int?
            if let itemId {
                guard let item = try await MasterDataService.item(db, id: itemId) else { throw AppError.validation("itemId", Text("存货不存在", "The item does not exist")) }
                cycle = item.maintenanceCycleDays
            }
            if let batchId {
                guard try await db.raw("SELECT id FROM stock_batches WHERE id = \(bind: batchId) AND warehouse_id = \(bind: w.id) AND item_id = \(bind: itemId ?? "")").first() != nil else {
                    throw AppError.validation("batchId", Text("批次不是该存货在仓库 {0} 的批次", "The batch is not a batch of this item in warehouse {0}").with(w.code))
                }
            }
            let id = Clock.newID(), at = Clock.millis(now)
            try await db.raw("""
                INSERT INTO storage_register_entries (id, kind, warehouse_id, entry_date, subject, finding, fix, item_id, batch_id, recorded_by, created_at)
                VALUES (\(bind: id), \(bind: kind.rawValue), \(bind: w.id), \(bind: date), \(bind: subject), \(bind: finding), \(bind: fix), \(bind: itemId), \(bind: batchId),
                    \(bind: actor.userId), \(bind: at))
                """).run()
            if kind == .maintenance, let itemId {
                // STO-06: the maintained stock is due again one cycle later (the named batch, else every batch of the item there).
                let next = StorageRegisterRules.nextMaintenance(doneOn: date, cycleDays: cycle)
                try await db.raw("""
                    UPDATE stock_batches SET maintenance_due = \(bind: next)
                    WHERE warehouse_id = \(bind: w.id) AND item_id = \(bind: itemId)\(batchId.map { SQLQueryString(" AND id = \(bind: $0)") } ?? "")
                    """).run()
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "record", entity: "storage_register", entityId: id, detail: ["kind": kind.rawValue], at: at)
            return try await Self.entries(db, kind: nil, warehouseId: nil, from: nil, to: nil, id: id, viewer: actor).first!
        }
    }

    public func list(kind: String?, warehouseId: String?, from: String?, to: String?, viewer: Principal) async throws -> [StorageRegisterEntry] {
        try MaterialAccess.requireViewer(viewer)
        let kind: StorageRegisterKind? = try TextRules.trimmed(kind).map { try MaterialValidation.choice($0, "kind") }
        let now = Date()
        let from = try TextRules.trimmed(from).map { try MaterialValidation.date($0, now: now) }
        let to = try TextRules.trimmed(to).map { try MaterialValidation.date($0, now: now) }
        return try await store.read { db in
            try await Self.entries(db, kind: kind, warehouseId: TextRules.trimmed(warehouseId), from: from, to: to, id: nil, viewer: viewer)
        }
    }

    static func entries(_ db: any SQLDatabase, kind: StorageRegisterKind?, warehouseId: String?, from: String?, to: String?, id: String?,
                        viewer: Principal) async throws -> [StorageRegisterEntry] {
        var conditions: [SQLQueryString] = ["1 = 1"]
        if let kind { conditions.append("e.kind = \(bind: kind.rawValue)") }
        if let warehouseId { conditions.append("e.warehouse_id = \(bind: warehouseId)") }
        if let from { conditions.append("e.entry_date >= \(bind: from)") }
        if let to { conditions.append("e.entry_date <= \(bind: to)") }
        if let id { conditions.append("e.id = \(bind: id)") }
        if let s = StorageQueries.scope(viewer) { conditions.append(s) }
        return try await db.raw("""
            SELECT e.id, e.kind, e.warehouse_id, w.code AS warehouse_code, e.entry_date, e.subject, e.finding, e.fix, e.item_id, i.code AS item_code,
                e.batch_id, s.batch_no, e.recorded_by
            FROM storage_register_entries e JOIN warehouses w ON w.id = e.warehouse_id LEFT JOIN items i ON i.id = e.item_id
            LEFT JOIN stock_batches s ON s.id = e.batch_id
            WHERE \(SQLList(conditions, separator: SQLRaw(" AND "))) ORDER BY e.entry_date DESC, e.created_at DESC LIMIT 500
            """).all().map { r in
            StorageRegisterEntry(id: try r.decode(column: "id", as: String.self), kind: try r.decode(column: "kind", as: String.self),
                                 warehouseId: try r.decode(column: "warehouse_id", as: String.self), warehouseCode: try r.decode(column: "warehouse_code", as: String.self),
                                 date: try r.decode(column: "entry_date", as: String.self), subject: try r.decode(column: "subject", as: String.self),
                                 finding: try r.decode(column: "finding", as: String.self), fix: try r.decode(column: "fix", as: String.self),
                                 itemId: try r.decode(column: "item_id", as: String?.self), itemCode: try r.decode(column: "item_code", as: String?.self),
                                 batchId: try r.decode(column: "batch_id", as: String?.self), batchNo: try r.decode(column: "batch_no", as: String?.self),
                                 recordedBy: try r.decode(column: "recorded_by", as: String.self))
        }
    }
}

extension StorageQueries {
    /// STO-06: batches with stock whose maintenance is due within a week (or overdue).
    public func maintenanceDue(warehouseId: String?, viewer: Principal, now: Date = Date()) async throws -> [BatchStockRow] {
        try await batches(itemId: nil, warehouseId: warehouseId, viewer: viewer, now: now).filter {
            StorageRegisterRules.isDue($0.maintenanceDue, today: MaterialValidation.today(now))
        }
    }
}
