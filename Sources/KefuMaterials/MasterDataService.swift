import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Items, suppliers and warehouses (MAT-02, MAT-04..06): HQ maintains them, everyone with a materials role reads them.
public struct MasterDataService: Sendable {
    let store: any Store

    public init(store: any Store) { self.store = store }

    // MARK: items

    struct ValidItem: Sendable {
        let code, name, spec, model, unit: String
        let category: ItemCategory
        let repairClass: RepairClass
        let abcClass: ABCClass
        let shelfLifeDays: Int?
        let maintenanceCycleDays: Int?
        let maker, origin: String
        let reserveQuota: Quantity?
        let onSparePartsList: Bool
        let storageAttributes: Set<StorageAttribute>
        let nearExpiryDays: Int?
    }

    static func days(_ value: Int?, _ field: String) throws -> Int? {
        if let value, !(1...36_500).contains(value) {
            throw AppError.validation(field, MaterialFieldNames.message(Text("{0}应在 1 到 36500 天之间", "{0} must be between 1 and 36,500 days"), field))
        }
        return value
    }

    /// STO-01: the attributes named must be known ones.
    static func storageAttributes(_ raw: [String]?) throws -> Set<StorageAttribute> {
        try Set((raw ?? []).map { name in
            guard let a = StorageAttribute(rawValue: name) else {
                throw AppError.validation("storageAttributes", MaterialFieldNames.message(Text("{0}的取值必须是：{1}", "{0} must be among: {1}"),
                    "storageAttributes", StorageAttribute.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            return a
        })
    }

    static func validate(_ input: ItemInput) throws -> ValidItem {
        let shelf = try days(input.shelfLifeDays, "shelfLifeDays")
        let cycle = try days(input.maintenanceCycleDays, "maintenanceCycleDays")
        if let q = input.reserveQuota, q.milli < 0 {
            throw AppError.validation("reserveQuota", Text("储备定额不能为负数", "Reserve quota cannot be negative"))
        }
        return ValidItem(
            code: try MaterialValidation.code(input.code),
            name: try MaterialValidation.text(input.name, field: "name", max: 200, required: true)!,
            spec: try MaterialValidation.text(input.spec, field: "spec", max: 200, required: false) ?? "",
            model: try MaterialValidation.text(input.model, field: "model", max: 200, required: false) ?? "",
            unit: try MaterialValidation.text(input.unit, field: "unit", max: 20, required: true)!,
            category: try MaterialValidation.choice(input.category, "category"),
            repairClass: try MaterialValidation.choice(input.repairClass, "repairClass"),
            abcClass: try MaterialValidation.choice(input.abcClass, "abcClass", default: ABCClass.C),
            shelfLifeDays: shelf, maintenanceCycleDays: cycle,
            maker: try MaterialValidation.text(input.maker, field: "maker", max: 200, required: false) ?? "",
            origin: try MaterialValidation.text(input.origin, field: "origin", max: 200, required: false) ?? "",
            reserveQuota: input.reserveQuota, onSparePartsList: input.onSparePartsList ?? false,
            storageAttributes: try storageAttributes(input.storageAttributes), nearExpiryDays: try days(input.nearExpiryDays, "nearExpiryDays"))
    }

    static func insert(_ db: any SQLDatabase, _ v: ValidItem, actorId: String, at: Int64) async throws -> String {
        let id = Clock.newID()
        try await db.raw("""
            INSERT INTO items (id, code, name, spec, model, unit, category, repair_class, abc_class, shelf_life_days, maintenance_cycle_days, maker, origin,
                               reserve_quota, on_spare_list, storage_attributes, near_expiry_days, created_by, created_at, updated_at)
            VALUES (\(bind: id), \(bind: v.code), \(bind: v.name), \(bind: v.spec), \(bind: v.model), \(bind: v.unit), \(bind: v.category.rawValue),
                    \(bind: v.repairClass.rawValue), \(bind: v.abcClass.rawValue), \(bind: v.shelfLifeDays), \(bind: v.maintenanceCycleDays), \(bind: v.maker),
                    \(bind: v.origin), \(bind: v.reserveQuota?.milli), \(bind: v.onSparePartsList ? 1 : 0),
                    \(bind: StorageAttribute.encode(v.storageAttributes)), \(bind: v.nearExpiryDays), \(bind: actorId), \(bind: at), \(bind: at))
            """).run()
        return id
    }

    static func codeTaken(_ db: any SQLDatabase, table: String, code: String) async throws -> Bool {
        try await db.raw("SELECT 1 AS x FROM \(unsafeRaw: table) WHERE code = \(bind: code)").first() != nil
    }

    public func createItem(_ input: ItemInput, by actor: Principal) async throws -> ItemView {
        try MaterialAccess.requireMasterData(actor, what: Text("存货编码", "item codes"))
        let v = try Self.validate(input)
        return try await store.write { db in
            if try await Self.codeTaken(db, table: "items", code: v.code) {
                throw AppError.conflict("code_taken", Text("存货编码 {0} 已存在", "Item code {0} already exists").with(v.code))
            }
            let at = Clock.millis()
            let id = try await Self.insert(db, v, actorId: actor.userId, at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "item", entityId: id, detail: ["code": v.code], at: at)
            return try await Self.item(db, id: id)!
        }
    }

    static func item(_ db: any SQLDatabase, id: String) async throws -> ItemView? {
        try await db.raw("SELECT \(unsafeRaw: ItemView.columns) FROM items WHERE id = \(bind: id)").first().map(ItemView.init(row:))
    }

    public func items(q: String?, paging: Paging, viewer: Principal) async throws -> ListPage<ItemView> {
        try MaterialAccess.requireViewer(viewer)
        let term = TextRules.trimmed(q).map { "%" + $0.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%" }
        return try await store.read { db in
            let filter: SQLQueryString = term.map { "WHERE code LIKE \(bind: $0) OR name LIKE \(bind: $0)" } ?? ""
            let total = try await db.raw("SELECT COUNT(*) AS n FROM items \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw("SELECT \(unsafeRaw: ItemView.columns) FROM items \(filter) ORDER BY code LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)").all()
            return ListPage(items: try rows.map(ItemView.init(row:)), page: paging.page, per: paging.per, total: total)
        }
    }

    public func allItems(viewer: Principal) async throws -> [ItemView] {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await Self.allItems(db) }
    }

    static func allItems(_ db: any SQLDatabase) async throws -> [ItemView] {
        try await db.raw("SELECT \(unsafeRaw: ItemView.columns) FROM items ORDER BY code").all().map(ItemView.init(row:))
    }

    // MARK: CSV import / export of items

    public static let csvHeader = ["code", "name", "spec", "model", "unit", "category", "repairClass", "abcClass", "shelfLifeDays",
                                   "maintenanceCycleDays", "maker", "origin", "reserveQuota", "onSparePartsList", "active"]

    /// A whole number of days from a CSV cell (empty: none).
    static func csvInt(_ text: String?, _ field: String) throws -> Int? {
        guard let t = TextRules.trimmed(text) else { return nil }
        guard let n = Int(t) else { throw AppError.validation(field, MaterialFieldNames.message(Text("{0}必须是整数", "{0} must be a whole number"), field)) }
        return n
    }

    /// true/false, 1/0, yes/no, 是/否 (empty: the default).
    static func csvBool(_ text: String?, _ field: String) throws -> Bool? {
        guard let t = TextRules.trimmed(text)?.lowercased() else { return nil }
        if ["true", "1", "yes", "y", "是"].contains(t) { return true }
        if ["false", "0", "no", "n", "否"].contains(t) { return false }
        throw AppError.validation(field, MaterialFieldNames.message(Text("{0}应为 true 或 false", "{0} must be true or false"), field))
    }

    public struct ImportError: Codable, Sendable {
        public let row: Int
        public let code: String
        public let field: String?
        public let message: String
    }

    public struct ImportReport: Codable, Sendable {
        public let imported: Int
        public let errors: [ImportError]
    }

    /// All or nothing: when any row is wrong nothing is imported and every wrong row is reported (row 1 is the header).
    public func importItems(csv: String?, by actor: Principal) async throws -> ImportReport {
        try MaterialAccess.requireMasterData(actor, what: Text("存货编码", "item codes"))
        guard let csv, !csv.isEmpty else { throw AppError.validation("csv", Text("请提供 CSV 内容", "The CSV text is required")) }
        guard csv.utf8.count <= 900_000 else { throw AppError.validation("csv", Text("CSV 过大", "The CSV is too large")) }
        let rows = CSV.parse(csv)
        guard let header = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces) }), header.contains("code") else {
            throw AppError.validation("csv", Text("第一行必须是表头：{0}", "The first row must be the header: {0}").with(Self.csvHeader.joined(separator: ",")))
        }
        let unknown = header.filter { !Self.csvHeader.contains($0) }
        if !unknown.isEmpty {
            throw AppError.validation("csv", Text("未知的列：{0}", "Unknown columns: {0}").with(unknown.joined(separator: ", ")))
        }
        let locale = actor.locale
        var valid: [(Int, ValidItem)] = []
        var errors: [ImportError] = []
        var seen: [String: Int] = [:]
        for (i, fields) in rows.dropFirst().enumerated() {
            let rowNo = i + 2
            func get(_ name: String) -> String? { header.firstIndex(of: name).flatMap { $0 < fields.count ? fields[$0] : nil } }
            do {
                if fields.count > header.count {
                    throw AppError.validation("row", Text("本行的列数多于表头", "This row has more columns than the header"))
                }
                var quota: Quantity?
                if let q = TextRules.trimmed(get("reserveQuota")) {
                    guard let parsed = Quantity.parse(q) else {
                        throw AppError.validation("reserveQuota", Text("储备定额应为数量（最多三位小数）", "Reserve quota must be a quantity (at most three decimals)"))
                    }
                    quota = parsed
                }
                if try Self.csvBool(get("active"), "active") == false {
                    throw AppError.validation("active", Text("导入的存货不能是停用状态", "Imported items cannot be deactivated"))
                }
                let v = try Self.validate(ItemInput(code: get("code"), name: get("name"), spec: get("spec"), model: get("model"), unit: get("unit"),
                                                    category: get("category"), repairClass: get("repairClass"), abcClass: get("abcClass"),
                                                    shelfLifeDays: try Self.csvInt(get("shelfLifeDays"), "shelfLifeDays"),
                                                    maintenanceCycleDays: try Self.csvInt(get("maintenanceCycleDays"), "maintenanceCycleDays"),
                                                    maker: get("maker"), origin: get("origin"), reserveQuota: quota,
                                                    onSparePartsList: try Self.csvBool(get("onSparePartsList"), "onSparePartsList")))
                if let first = seen[v.code] {
                    throw AppError(.conflict, "duplicate_in_file", Text("存货编码 {0} 与第 {1} 行重复", "Item code {0} repeats row {1}").with(v.code, String(first)), details: ["field": "code"])
                }
                seen[v.code] = rowNo
                valid.append((rowNo, v))
            } catch let e as AppError {
                errors.append(ImportError(row: rowNo, code: e.code, field: e.details["field"], message: e.message(locale)))
            }
        }
        let validRows = valid
        let parseErrors = errors
        return try await store.write { db in
            var errors = parseErrors
            for (rowNo, v) in validRows where try await Self.codeTaken(db, table: "items", code: v.code) {
                errors.append(ImportError(row: rowNo, code: "code_taken", field: "code",
                                          message: Text("存货编码 {0} 已存在", "Item code {0} already exists").with(v.code)(locale)))
            }
            guard errors.isEmpty else { return ImportReport(imported: 0, errors: errors.sorted { $0.row < $1.row }) }
            let at = Clock.millis()
            for (_, v) in validRows { _ = try await Self.insert(db, v, actorId: actor.userId, at: at) }
            try await AuditTrail.record(db, actorId: actor.userId, action: "import", entity: "item", entityId: "csv", detail: ["rows": String(validRows.count)], at: at)
            return ImportReport(imported: validRows.count, errors: [])
        }
    }

    public func exportItemsCSV(viewer: Principal) async throws -> String {
        let items = try await allItems(viewer: viewer)
        return CSV.document([Self.csvHeader] + items.map {
            [$0.code, $0.name, $0.spec, $0.model, $0.unit, $0.category, $0.repairClass, $0.abcClass, $0.shelfLifeDays.map(String.init) ?? "",
             $0.maintenanceCycleDays.map(String.init) ?? "", $0.maker, $0.origin, $0.reserveQuota?.text ?? "", $0.onSparePartsList ? "true" : "false",
             $0.active ? "true" : "false"]
        })
    }

    // MARK: suppliers

    public func createSupplier(_ input: SupplierInput, by actor: Principal) async throws -> SupplierView {
        try MaterialAccess.requireMasterData(actor, what: Text("供应商", "suppliers"))
        let code = try MaterialValidation.code(input.code)
        let name = try MaterialValidation.text(input.name, field: "name", max: 200, required: true)!
        let contact = try MaterialValidation.text(input.contact, field: "contact", max: 200, required: false) ?? ""
        return try await store.write { db in
            if try await Self.codeTaken(db, table: "suppliers", code: code) {
                throw AppError.conflict("code_taken", Text("供应商编码 {0} 已存在", "Supplier code {0} already exists").with(code))
            }
            let id = Clock.newID()
            let at = Clock.millis()
            try await db.raw("INSERT INTO suppliers (id, code, name, contact, created_at) VALUES (\(bind: id), \(bind: code), \(bind: name), \(bind: contact), \(bind: at))").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "supplier", entityId: id, detail: ["code": code], at: at)
            return try await Self.supplier(db, id: id)!
        }
    }

    public func suppliers(viewer: Principal) async throws -> [SupplierView] {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await Self.allSuppliers(db) }
    }

    static func allSuppliers(_ db: any SQLDatabase) async throws -> [SupplierView] {
        try await db.raw("SELECT \(unsafeRaw: SupplierView.columns) FROM suppliers ORDER BY code").all().map(SupplierView.init(row:))
    }

    static func supplier(_ db: any SQLDatabase, id: String) async throws -> SupplierView? {
        try await db.raw("SELECT \(unsafeRaw: SupplierView.columns) FROM suppliers WHERE id = \(bind: id)").first().map(SupplierView.init(row:))
    }

    // MARK: warehouses

    public func createWarehouse(_ input: WarehouseInput, by actor: Principal) async throws -> WarehouseView {
        try MaterialAccess.requireMasterData(actor, what: Text("仓库", "warehouses"))
        let code = try MaterialValidation.code(input.code)
        let name = try MaterialValidation.text(input.name, field: "name", max: 100, required: true)!
        let condition: WarehouseCondition = try MaterialValidation.choice(input.condition, "condition")
        guard let unitId = TextRules.trimmed(input.orgUnitId) else {
            throw AppError.validation("orgUnitId", Text("请选择仓库所属的组织", "Choose the org unit the warehouse belongs to"))
        }
        return try await store.write { db in
            guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId), unit.active else {
                throw AppError.validation("orgUnitId", Text("组织不存在或已停用", "The org unit does not exist or is deactivated"))
            }
            if try await Self.codeTaken(db, table: "warehouses", code: code) {
                throw AppError.conflict("code_taken", Text("仓库编码 {0} 已存在", "Warehouse code {0} already exists").with(code))
            }
            let dept = try await Self.businessDepartment(db, path: unit.path)
            let id = Clock.newID()
            let at = Clock.millis()
            try await db.raw("""
                INSERT INTO warehouses (id, code, name, org_unit_id, org_path, dept_id, condition, created_at)
                VALUES (\(bind: id), \(bind: code), \(bind: name), \(bind: unit.id), \(bind: unit.path), \(bind: dept), \(bind: condition.rawValue), \(bind: at))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "warehouse", entityId: id, detail: ["code": code], at: at)
            return try await Self.warehouse(db, id: id)!
        }
    }

    /// The 业务部 on a unit's path (the unit itself or an ancestor), if any.
    static func businessDepartment(_ db: any SQLDatabase, path: String) async throws -> String? {
        try await OrgQueries.firstUnit(db, ofKind: "business", among: path.split(separator: "/").map(String.init))
    }

    static func warehouse(_ db: any SQLDatabase, id: String) async throws -> WarehouseView? {
        try await db.raw("SELECT \(unsafeRaw: WarehouseView.columns) FROM warehouses WHERE id = \(bind: id)").first().map(WarehouseView.init(row:))
    }

    static func requireWarehouse(_ db: any SQLDatabase, id: String?, field: String) async throws -> WarehouseView {
        guard let id = TextRules.trimmed(id) else {
            throw AppError.validation(field, Text("请选择仓库", "Choose a warehouse"))
        }
        guard let w = try await warehouse(db, id: id) else {
            throw AppError.validation(field, Text("仓库不存在", "The warehouse does not exist"))
        }
        return w
    }

    /// A warehouse for a new or edited document or transfer: it must exist and be active.
    static func requireActiveWarehouse(_ db: any SQLDatabase, id: String?, field: String) async throws -> WarehouseView {
        let w = try await requireWarehouse(db, id: id, field: field)
        guard w.active else {
            throw AppError(.unprocessableContent, "deactivated", Text("仓库 {0} 已停用，不能用于新单据", "Warehouse {0} is deactivated and cannot be used on new documents").with(w.code),
                           details: ["field": field])
        }
        return w
    }

    /// The warehouses the viewer can see (HQ and department accountants: all, D16).
    public func warehouses(viewer: Principal) async throws -> [WarehouseView] {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            try await Self.visibleWarehouses(db, viewer: viewer)
        }
    }

    /// Names of the org units that own the given warehouses, or whose departments they belong to (for list filters).
    public func ownerUnits(of warehouses: [WarehouseView]) async throws -> [(id: String, name: String)] {
        try await store.read { db in try await Self.ownerUnits(db, of: warehouses) }
    }

    static func ownerUnits(_ db: any SQLDatabase, of warehouses: [WarehouseView]) async throws -> [(id: String, name: String)] {
        let ids = Set(warehouses.map(\.orgUnitId) + warehouses.compactMap(\.departmentId))
        let names = try await OrgQueries.unitNames(db, ids: ids)
        return names.map { (id: $0.key, name: $0.value) }.sorted { $0.name < $1.name }
    }

    static func visibleWarehouses(_ db: any SQLDatabase, viewer: Principal) async throws -> [WarehouseView] {
        let all = MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath)
        let filter: SQLQueryString = all ? "" : "WHERE org_path LIKE \(bind: viewer.orgPath + "%")"
        return try await db.raw("SELECT \(unsafeRaw: WarehouseView.columns) FROM warehouses \(filter) ORDER BY code").all().map(WarehouseView.init(row:))
    }
}
