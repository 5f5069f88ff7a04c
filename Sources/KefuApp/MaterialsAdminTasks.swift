import Foundation
import KefuDomain
import KefuMaterials
import KefuPlatform
import SQLKit

/// Command-line work on the material books: the ledger consistency check and the benchmark's bulk ledger.
public enum MaterialsAdminTasks {
    public struct CheckReport: Sendable {
        public let differences: [LedgerCheck.Difference]
        public let repaired: Bool
        public var consistent: Bool { differences.isEmpty }
        public var text: String {
            if differences.isEmpty { return "Ledger and balances agree." }
            let head = "\(differences.count) balance(s) differ from the ledger" + (repaired ? " (repaired from the ledger):" : ":")
            return ([head] + differences.map { "  " + $0.description }).joined(separator: "\n")
        }
    }

    public static func checkLedger(_ store: any Store, repair: Bool) async throws -> CheckReport {
        CheckReport(differences: try await LedgerCheck.run(store, repair: repair), repaired: repair)
    }

    /// Adds `rows` synthetic receipts of 1 unit to `warehouses` × `items` (ids `bench-w-*`, `bench-i-*`) over two years of
    /// document dates, in batches of a million rows per transaction, entirely in SQL; balances are rebuilt from the ledger.
    public static func seedLedger(_ store: any Store, rows: Int, warehouses: Int, items: Int) async throws -> String {
        let at = Clock.millis()
        let postgres = store.dialect == .postgres
        let offset: Int = try await store.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM stock_movements WHERE document_id LIKE 'bench-%'").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        try await store.write { db in
            let root = try await db.raw("SELECT id, path FROM org_units WHERE parent_id IS NULL ORDER BY created_at LIMIT 1").first()!
            let rootId = try root.decode(column: "id", as: String.self), rootPath = try root.decode(column: "path", as: String.self)
            let unitPath = rootPath + "bench-unit/"
            try await db.raw("""
                INSERT INTO org_units (id, code, name, kind, parent_id, path, active, created_at, updated_at)
                VALUES ('bench-unit', 'BENCH', '基准测试业务部', 'business', \(bind: rootId), \(bind: unitPath), 1, \(bind: at), \(bind: at)) ON CONFLICT DO NOTHING
                """).run()
            for w in 0..<warehouses {
                try await db.raw("""
                    INSERT INTO warehouses (id, code, name, org_unit_id, org_path, dept_id, condition, created_at)
                    VALUES (\(bind: "bench-w-\(w)"), \(bind: "BW\(w)"), \(bind: "基准仓库\(w)"), 'bench-unit', \(bind: unitPath), 'bench-unit', 'good', \(bind: at)) ON CONFLICT DO NOTHING
                    """).run()
            }
            var i = 0
            while i < items {
                let values = SQLList((i..<min(i + 500, items)).map { k in
                    SQLQueryString("(\(bind: "bench-i-\(k)"), \(bind: "BI\(k)"), \(bind: "基准存货\(k)"), '', '', '个', 'spare_part', 'II', 'C', \(bind: at), \(bind: at))")
                })
                try await db.raw("INSERT INTO items (id, code, name, spec, model, unit, category, repair_class, abc_class, created_at, updated_at) VALUES \(values) ON CONFLICT DO NOTHING").run()
                i += 500
            }
        }
        // Row n: warehouse n % W, item (n / W) % I, the k-th movement of its pair (k = n / (W·I)), so balance_after = (k+1)·1000.
        let batch = 1_000_000
        var done = 0
        while done < rows {
            let lo = offset + done, hi = offset + min(rows, done + batch) - 1
            let total = offset + rows
            try await store.write { db in
                let series: SQLQueryString = postgres
                    ? "SELECT n FROM generate_series(\(bind: lo), \(bind: hi)) AS s(n)"
                    : "WITH RECURSIVE s(n) AS (SELECT \(bind: lo) UNION ALL SELECT n + 1 FROM s WHERE n < \(bind: hi)) SELECT n FROM s"
                let date: SQLQueryString = postgres
                    ? "to_char(DATE '2025-01-01' + (n::bigint * 730 / \(unsafeRaw: String(total)))::int, 'YYYY-MM-DD')"
                    : "date('2025-01-01', '+' || (n * 730 / \(unsafeRaw: String(total))) || ' days')"
                let text: SQLQueryString = postgres ? "::text" : ""
                try await db.raw("""
                    INSERT INTO stock_movements (warehouse_id, item_id, doc_date, document_id, document_number, direction, reason, quantity, balance_after,
                        reversal, remark, posted_by, posted_at)
                    SELECT 'bench-w-' || (n % \(unsafeRaw: String(warehouses)))\(text), 'bench-i-' || ((n / \(unsafeRaw: String(warehouses))) % \(unsafeRaw: String(items)))\(text),
                        \(date), 'bench-doc-' || (n / 5)\(text), 'BENCH-' || (n / 5)\(text), 'in', 'purchase', 1000,
                        (n / \(unsafeRaw: String(warehouses * items)) + 1) * 1000, 0, '', 'bench', \(bind: at)
                    FROM (\(series)) AS g
                    """).run()
            }
            done += batch
        }
        try await store.write { db in
            try await db.raw("""
                INSERT INTO stock_balances (warehouse_id, item_id, quantity, updated_at)
                SELECT warehouse_id, item_id, CAST(SUM(quantity) AS BIGINT), \(bind: at) FROM stock_movements WHERE document_id LIKE 'bench-%' GROUP BY warehouse_id, item_id
                ON CONFLICT (warehouse_id, item_id) DO UPDATE SET quantity = excluded.quantity, updated_at = excluded.updated_at
                """).run()
        }
        try await store.write { db in try await db.raw("ANALYZE").run() }
        return "seeded \(rows) ledger rows (\(offset + rows) in all) over \(warehouses) warehouses × \(items) items"
    }
}
