import KefuDomain
import KefuMaterials
import KefuOrg
import KefuPlatform
import SQLKit

/// The material books of `kefu demo` (issue #4): good and damaged warehouses for 业务管理部, 华北业务部 and 张北风电场,
/// items, suppliers, a few receipts and issues (audited and saved) and one audited transfer. Everything goes through the
/// services, so the ledger and balances are real; running it again changes nothing (codes and documents are looked up first).
enum MaterialsDemoData {
    struct ItemSpec { let code, name, spec, unit, category, repairClass, abcClass: String }
    struct WarehouseSpec { let code, name, unit, condition: String }
    struct DocumentSpec { let by, direction, reason, warehouse: String; let supplier: String?; let lines: [(String, Int64)]; let audit: Bool; let remark: String }

    static let warehouses = [
        WarehouseSpec(code: "WH-HQ-G", name: "业务管理部完好品库", unit: "YWGL", condition: "good"),
        WarehouseSpec(code: "WH-HQ-D", name: "业务管理部损坏品库", unit: "YWGL", condition: "damaged"),
        WarehouseSpec(code: "WH-BDN-G", name: "华北业务部完好品库", unit: "BD-N", condition: "good"),
        WarehouseSpec(code: "WH-BDN-D", name: "华北业务部损坏品库", unit: "BD-N", condition: "damaged"),
        WarehouseSpec(code: "WH-ZB-G", name: "张北风电场完好品库", unit: "SITE-ZB", condition: "good"),
        WarehouseSpec(code: "WH-ZB-D", name: "张北风电场损坏品库", unit: "SITE-ZB", condition: "damaged"),
    ]
    static let items = [
        ItemSpec(code: "BOLT-M20", name: "高强度螺栓", spec: "M20×120 10.9级", unit: "个", category: "consumable", repairClass: "I", abcClass: "C"),
        ItemSpec(code: "GBX-BRG-01", name: "齿轮箱轴承", spec: "SKF 23148", unit: "套", category: "spare_part", repairClass: "II", abcClass: "A"),
        ItemSpec(code: "PITCH-MOT", name: "变桨电机", spec: "SL1500 用", unit: "台", category: "spare_part", repairClass: "II", abcClass: "A"),
        ItemSpec(code: "OIL-GBX-320", name: "齿轮油", spec: "VG320 20L", unit: "桶", category: "consumable", repairClass: "I", abcClass: "B"),
        ItemSpec(code: "FLT-OIL-01", name: "滤芯", spec: "齿轮箱润滑系统", unit: "个", category: "consumable", repairClass: "I", abcClass: "C"),
        ItemSpec(code: "TOOL-TQ-01", name: "液压力矩扳手", spec: "3000N·m", unit: "把", category: "tool", repairClass: "I", abcClass: "B"),
    ]
    static let suppliers = [("SUP-HR", "华锐配件厂", "刘经理 010-88886666"), ("SUP-ZJ", "张家口轴承商贸", "王女士 0313-5551234")]
    /// The first receipts stock the 业务部 and the site; the site uses some; a damaged bearing waits in the damaged store.
    static let documents = [
        DocumentSpec(by: "hekj", direction: "in", reason: "purchase", warehouse: "WH-BDN-G", supplier: "SUP-HR",
                     lines: [("BOLT-M20", 200), ("GBX-BRG-01", 10), ("OIL-GBX-320", 50)], audit: true, remark: "演示：年度采购入库"),
        DocumentSpec(by: "hekj", direction: "in", reason: "purchase", warehouse: "WH-ZB-G", supplier: "SUP-ZJ",
                     lines: [("BOLT-M20", 100), ("FLT-OIL-01", 20)], audit: true, remark: "演示：现场采购入库"),
        DocumentSpec(by: "fengwz", direction: "in", reason: "purchase", warehouse: "WH-HQ-G", supplier: "SUP-HR",
                     lines: [("PITCH-MOT", 3), ("TOOL-TQ-01", 2)], audit: true, remark: "演示：储备采购"),
        DocumentSpec(by: "hekj", direction: "out", reason: "self_use", warehouse: "WH-ZB-G", supplier: nil,
                     lines: [("BOLT-M20", 30)], audit: true, remark: "演示：3号风机定检领用"),
        DocumentSpec(by: "zhaoliu", direction: "in", reason: "damaged", warehouse: "WH-ZB-D", supplier: nil,
                     lines: [("GBX-BRG-01", 1)], audit: false, remark: "演示：换下的损坏轴承"),
        DocumentSpec(by: "zhaoliu", direction: "out", reason: "self_use", warehouse: "WH-ZB-G", supplier: nil,
                     lines: [("FLT-OIL-01", 4)], audit: false, remark: "演示：待审核的领用"),
    ]
    /// The 业务部 sends bearings and bolts to the site (intra-department, by its accountant); both sides audited.
    static let transfer = (by: "hekj", from: "WH-BDN-G", to: "WH-ZB-G", lines: [("GBX-BRG-01", Int64(4)), ("BOLT-M20", Int64(50))], remark: "演示：业务部向现场调拨")

    static func load(store: any Store) async throws -> [String] {
        var created: [String] = []
        let hq = try await principal(store, "fengwz")
        let master = MasterDataService(store: store)
        for w in warehouses where try await id(store, "warehouses", w.code) == nil {
            _ = try await master.createWarehouse(.init(code: w.code, name: w.name, orgUnitId: try await AdminTasks.unitId(store, code: w.unit), condition: w.condition), by: hq)
            created.append("warehouse \(w.code)")
        }
        for i in items where try await id(store, "items", i.code) == nil {
            _ = try await master.createItem(.init(code: i.code, name: i.name, spec: i.spec, unit: i.unit, category: i.category,
                                                  repairClass: i.repairClass, abcClass: i.abcClass), by: hq)
            created.append("item \(i.code)")
        }
        for (code, name, contact) in suppliers where try await id(store, "suppliers", code) == nil {
            _ = try await master.createSupplier(.init(code: code, name: name, contact: contact), by: hq)
            created.append("supplier \(code)")
        }
        // The documents go in once: when the books already hold any document, they are left as they are.
        let hasDocuments = try await store.read { db in
            let documents = try await db.raw("SELECT 1 AS x FROM stock_documents LIMIT 1").first()
            let transfers = try await db.raw("SELECT 1 AS x FROM transfers LIMIT 1").first()
            return documents != nil || transfers != nil
        }
        if hasDocuments { return created }
        let docs = StockDocumentService(store: store)
        for d in documents {
            let actor = try await principal(store, d.by)
            let doc = try await docs.create(.init(direction: d.direction, reason: d.reason, warehouseId: try await id(store, "warehouses", d.warehouse),
                                                  supplierId: try await d.supplier.asyncMap { try await id(store, "suppliers", $0) }, remark: d.remark,
                                                  lines: try await lines(store, d.lines)), by: actor)
            if d.audit { _ = try await docs.audit(id: doc.id, by: actor) }
            created.append("document \(doc.number)")
        }
        let accountant = try await principal(store, transfer.by)
        let transfers = TransferService(store: store)
        let t = try await transfers.create(.init(fromWarehouseId: try await id(store, "warehouses", transfer.from), toWarehouseId: try await id(store, "warehouses", transfer.to),
                                                 remark: transfer.remark, lines: try await lines(store, transfer.lines)), by: accountant)
        let audited = try await transfers.audit(id: t.id, by: accountant)
        for generated in [audited.outDocumentId, audited.inDocumentId].compactMap({ $0 }) {
            _ = try await docs.audit(id: generated, by: accountant)
        }
        created.append("transfer \(t.number)")
        return created
    }

    static func lines(_ store: any Store, _ specs: [(String, Int64)]) async throws -> [LineInput] {
        var out: [LineInput] = []
        for (code, n) in specs { out.append(LineInput(itemId: try await id(store, "items", code), quantity: Quantity(milli: n * Quantity.scale))) }
        return out
    }

    static func id(_ store: any Store, _ table: String, _ code: String) async throws -> String? {
        try await store.read { db in
            try await db.raw("SELECT id FROM \(unsafeRaw: table) WHERE code = \(bind: code)").first()?.decode(column: "id", as: String.self)
        }
    }

    static func principal(_ store: any Store, _ username: String) async throws -> Principal {
        let userId = try await store.read { db in
            try await db.raw("SELECT id FROM users WHERE username = \(bind: username)").first()?.decode(column: "id", as: String.self)
        }
        guard let userId, let p = try await AuthService(store: store).principal(userId: userId) else { throw AppError.internalError("demo user \(username)") }
        return p
    }
}

private extension Optional {
    func asyncMap<T>(_ f: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let v = self else { return nil }
        return try await f(v)
    }
}
