import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Editing and deactivating master data (MAT-04..06, MAT-02). Nothing is deleted: documents and the ledger refer to it.
/// Only the HQ materials office changes it (MAT-05); every change leaves an audit-trail entry naming the changed fields.
extension MasterDataService {
    public func updateItem(id: String, _ patch: ItemPatch, by actor: Principal) async throws -> ItemView {
        try MaterialAccess.requireMasterData(actor, what: Text("存货档案", "items"))
        return try await store.write { db in
            guard let old = try await Self.item(db, id: id) else { throw AppError.notFound(Text("存货", "Item")) }
            let merged = ItemInput(
                code: old.code, name: patch.name ?? old.name, spec: patch.spec ?? old.spec, model: patch.model ?? old.model, unit: patch.unit ?? old.unit,
                category: patch.category ?? old.category, repairClass: patch.repairClass ?? old.repairClass, abcClass: patch.abcClass ?? old.abcClass,
                shelfLifeDays: patch.cleared.contains("shelfLifeDays") ? nil : patch.shelfLifeDays ?? old.shelfLifeDays,
                maintenanceCycleDays: patch.cleared.contains("maintenanceCycleDays") ? nil : patch.maintenanceCycleDays ?? old.maintenanceCycleDays,
                maker: patch.maker ?? old.maker, origin: patch.origin ?? old.origin,
                reserveQuota: patch.cleared.contains("reserveQuota") ? nil : patch.reserveQuota ?? old.reserveQuota,
                onSparePartsList: patch.onSparePartsList ?? old.onSparePartsList,
                storageAttributes: patch.storageAttributes ?? old.storageAttributes,
                nearExpiryDays: patch.cleared.contains("nearExpiryDays") ? nil : patch.nearExpiryDays ?? old.nearExpiryDays)
            let v = try Self.validate(merged)
            let active = patch.active ?? old.active
            let at = Clock.millis()
            try await db.raw("""
                UPDATE items SET name = \(bind: v.name), spec = \(bind: v.spec), model = \(bind: v.model), unit = \(bind: v.unit),
                    category = \(bind: v.category.rawValue), repair_class = \(bind: v.repairClass.rawValue), abc_class = \(bind: v.abcClass.rawValue),
                    shelf_life_days = \(bind: v.shelfLifeDays), maintenance_cycle_days = \(bind: v.maintenanceCycleDays), maker = \(bind: v.maker),
                    origin = \(bind: v.origin), reserve_quota = \(bind: v.reserveQuota?.milli), on_spare_list = \(bind: v.onSparePartsList ? 1 : 0),
                    storage_attributes = \(bind: StorageAttribute.encode(v.storageAttributes)), near_expiry_days = \(bind: v.nearExpiryDays),
                    active = \(bind: active ? 1 : 0), updated_at = \(bind: at)
                WHERE id = \(bind: id)
                """).run()
            let new = try await Self.item(db, id: id)!
            try await Self.recordChange(db, actor: actor, entity: "item", id: id, code: old.code, wasActive: old.active, isActive: active,
                                        changed: Self.changedFields(old, new), at: at)
            return new
        }
    }

    public func updateSupplier(id: String, _ patch: MasterPatch, by actor: Principal) async throws -> SupplierView {
        try MaterialAccess.requireMasterData(actor, what: Text("供应商", "suppliers"))
        let name = try MaterialValidation.text(patch.name, field: "name", max: 200, required: false)
        if patch.name != nil, name == nil { throw AppError.validation("name", MaterialFieldNames.message(Text("请填写{0}", "{0} is required"), "name")) }
        let contact = try MaterialValidation.text(patch.contact, field: "contact", max: 200, required: false)
        return try await store.write { db in
            guard let old = try await Self.supplier(db, id: id) else { throw AppError.notFound(Text("供应商", "Supplier")) }
            let active = patch.active ?? old.active
            let at = Clock.millis()
            let newContact = patch.contact == nil ? old.contact : contact ?? ""
            try await db.raw("""
                UPDATE suppliers SET name = \(bind: name ?? old.name), contact = \(bind: newContact), active = \(bind: active ? 1 : 0) WHERE id = \(bind: id)
                """).run()
            var changed: [String] = []
            if (name ?? old.name) != old.name { changed.append("name") }
            if newContact != old.contact { changed.append("contact") }
            try await Self.recordChange(db, actor: actor, entity: "supplier", id: id, code: old.code, wasActive: old.active, isActive: active, changed: changed, at: at)
            return try await Self.supplier(db, id: id)!
        }
    }

    /// A warehouse keeps its code, org unit and condition (D4 and the ledger depend on them); name and active may change.
    public func updateWarehouse(id: String, _ patch: MasterPatch, by actor: Principal) async throws -> WarehouseView {
        try MaterialAccess.requireMasterData(actor, what: Text("仓库", "warehouses"))
        let name = try MaterialValidation.text(patch.name, field: "name", max: 100, required: false)
        if patch.name != nil, name == nil { throw AppError.validation("name", MaterialFieldNames.message(Text("请填写{0}", "{0} is required"), "name")) }
        if patch.contact != nil { throw AppError.validation("contact", Text("仓库没有联系人字段", "A warehouse has no contact field")) }
        return try await store.write { db in
            guard let old = try await Self.warehouse(db, id: id) else { throw AppError.notFound(Text("仓库", "Warehouse")) }
            let active = patch.active ?? old.active
            if old.active && !active { try await Self.requirePairKept(db, deactivating: old) }
            let at = Clock.millis()
            try await db.raw("UPDATE warehouses SET name = \(bind: name ?? old.name), active = \(bind: active ? 1 : 0) WHERE id = \(bind: id)").run()
            try await Self.recordChange(db, actor: actor, entity: "warehouse", id: id, code: old.code, wasActive: old.active, isActive: active,
                                        changed: (name ?? old.name) != old.name ? ["name"] : [], at: at)
            return try await Self.warehouse(db, id: id)!
        }
    }

    public func item(id: String, viewer: Principal) async throws -> ItemView {
        try MaterialAccess.requireViewer(viewer)
        guard let item = try await store.read({ db in try await Self.item(db, id: id) }) else { throw AppError.notFound(Text("存货", "Item")) }
        return item
    }

    /// The audit trail of a master-data change: `deactivate` / `reactivate` when the state flips, `edit` with the changed fields.
    static func recordChange(_ db: any SQLDatabase, actor: Principal, entity: String, id: String, code: String, wasActive: Bool, isActive: Bool,
                             changed: [String], at: Int64) async throws {
        if !changed.isEmpty {
            try await AuditTrail.record(db, actorId: actor.userId, action: "edit", entity: entity, entityId: id,
                                        detail: ["code": code, "fields": changed.joined(separator: ",")], at: at)
        }
        if wasActive != isActive {
            try await AuditTrail.record(db, actorId: actor.userId, action: isActive ? "reactivate" : "deactivate", entity: entity, entityId: id,
                                        detail: ["code": code], at: at)
        }
    }

    static func changedFields(_ a: ItemView, _ b: ItemView) -> [String] {
        var out: [String] = []
        func cmp<T: Equatable>(_ name: String, _ x: T, _ y: T) { if x != y { out.append(name) } }
        cmp("name", a.name, b.name); cmp("spec", a.spec, b.spec); cmp("model", a.model, b.model); cmp("unit", a.unit, b.unit)
        cmp("category", a.category, b.category); cmp("repairClass", a.repairClass, b.repairClass); cmp("abcClass", a.abcClass, b.abcClass)
        cmp("shelfLifeDays", a.shelfLifeDays, b.shelfLifeDays); cmp("maintenanceCycleDays", a.maintenanceCycleDays, b.maintenanceCycleDays)
        cmp("maker", a.maker, b.maker); cmp("origin", a.origin, b.origin); cmp("reserveQuota", a.reserveQuota?.milli, b.reserveQuota?.milli)
        cmp("onSparePartsList", a.onSparePartsList, b.onSparePartsList)
        cmp("storageAttributes", a.storageAttributes, b.storageAttributes); cmp("nearExpiryDays", a.nearExpiryDays, b.nearExpiryDays)
        return out
    }

    /// The audit trail of one master-data record (newest first).
    public func history(entity: String, id: String, viewer: Principal) async throws -> [AuditTrail.Entry] {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            // #10.20: a warehouse's history is read only where the warehouse itself may be seen; elsewhere 404.
            if entity == "warehouse" {
                guard let w = try await Self.warehouse(db, id: id),
                      MaterialPermissions.canView(viewer.roles, covers: viewer.covers(unitPath: w.orgPath)) else {
                    throw AppError.notFound(Text("仓库", "Warehouse"))
                }
            }
            return try await AuditTrail.entries(db, entity: entity, entityId: id)
        }
    }
}

extension MasterDataService {
    public struct UnitChoice: Sendable { public let id, code, name: String }

    /// Active org units a new warehouse can belong to (the add form's choices).
    public func unitChoices(viewer: Principal) async throws -> [UnitChoice] {
        try MaterialAccess.requireMasterData(viewer, what: Text("仓库", "warehouses"))
        return try await store.read { db in
            try await OrgQueries.activeUnitSummaries(db).map { UnitChoice(id: $0.id, code: $0.code, name: $0.name) }
        }
    }
}
