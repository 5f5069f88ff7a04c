import KefuDomain
import KefuPlatform
import SQLKit

/// #12.4: the storage invariant, checkable at any time (tests, operators): per warehouse and item, Σ over places
/// (bin × batch) = the balance — so Σ over bins = Σ over batches = the warehouse balance — no place is below zero, and
/// every place names a batch of that item and a bin of that warehouse.
public enum StorageCheck {
    public static func problems(_ store: any Store) async throws -> [String] {
        try await store.read { db in try await problems(db) }
    }

    static func problems(_ db: any SQLDatabase) async throws -> [String] {
        var out: [String] = []
        for r in try await db.raw("""
            SELECT b.warehouse_id, b.item_id, b.quantity AS balance, COALESCE((SELECT CAST(SUM(p.quantity) AS BIGINT) FROM stock_places p
                WHERE p.warehouse_id = b.warehouse_id AND p.item_id = b.item_id), 0) AS placed
            FROM stock_balances b
            """).all() {
            let balance = try r.decode(column: "balance", as: Int64.self), placed = try r.decode(column: "placed", as: Int64.self)
            if balance != placed {
                out.append("warehouse \(try r.decode(column: "warehouse_id", as: String.self)) item \(try r.decode(column: "item_id", as: String.self)): balance \(Quantity(milli: balance).text), places \(Quantity(milli: placed).text)")
            }
        }
        for r in try await db.raw("""
            SELECT p.warehouse_id, p.item_id, p.bin_id, p.batch_id, p.quantity FROM stock_places p
            LEFT JOIN stock_batches s ON s.id = p.batch_id LEFT JOIN bins n ON n.id = p.bin_id
            WHERE p.quantity < 0 OR (p.batch_id <> '' AND (s.id IS NULL OR s.item_id <> p.item_id OR s.warehouse_id <> p.warehouse_id))
               OR (p.bin_id <> '' AND (n.id IS NULL OR n.warehouse_id <> p.warehouse_id))
            """).all() {
            out.append("place \(try r.decode(column: "warehouse_id", as: String.self))/\(try r.decode(column: "item_id", as: String.self))/bin \(try r.decode(column: "bin_id", as: String.self))/batch \(try r.decode(column: "batch_id", as: String.self)): \(Quantity(milli: try r.decode(column: "quantity", as: Int64.self)).text)")
        }
        return out
    }
}
