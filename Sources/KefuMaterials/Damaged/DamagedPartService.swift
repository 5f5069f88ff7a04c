import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// Every change to the damaged-parts register and its return batches (DMG-01..05): permission, validation, one
/// transaction, an audit-trail entry.
public struct DamagedPartService: Sendable {
    let store: any Store
    var notifier: any HandOffNotifier

    public init(store: any Store, notifier: any HandOffNotifier = NoHandOffs()) {
        self.store = store
        self.notifier = notifier
    }

    /// "SH-2026-000001" (损坏件) and "FH-2026-000001" (返回批次): per kind and year, gapless, in the record's own
    /// transaction (one counter row per transaction, #18).
    static func nextNumber(_ db: any SQLDatabase, prefix: String, day: String) async throws -> String {
        let year = String(day.prefix(4))
        let n = try await Counters.next("damaged:\(prefix):\(year)", in: db)
        return DocumentNumber(prefix: prefix, year: Int(year) ?? 0, sequence: n).formatted(dash: true, width: 6)
    }

    static let partPrefix = "SH"
    static let returnPrefix = "FH"

    static func pastDay(_ typed: String?, field: String, now: Date) throws -> String {
        let day = try MaterialValidation.date(typed, now: now)
        guard day <= MaterialValidation.today(now) else {
            throw AppError.validation(field, Text("日期不能晚于今天", "The date cannot be later than today"))
        }
        return day
    }

    /// DMG-02: every column of the register is filled in; the refusal names the column.
    static func text(_ raw: String?, _ field: String, _ label: Text, max: Int, required: Bool = true) throws -> String? {
        let t = TextRules.trimmed(raw)
        if required, t == nil { throw AppError.validation(field, Text("请填写{0}（DMG-02）", "Fill in {1} (DMG-02)").with(label.zh, label.en)) }
        if let t, t.count > max { throw AppError.validation(field, Text("{0}最长 {2} 字", "{1} is at most {2} characters").with(label.zh, label.en, String(max))) }
        return t
    }

    // MARK: register (DMG-01, DMG-02)

    /// DMG-02: the site's storekeeper registers one removed part in the site's warehouse.
    public func register(_ input: DamagedPartInput, by actor: Principal, now: Date = Date()) async throws -> DamagedPartView {
        let checked = try Self.checked(input, now: now)
        return try await store.write { db in
            let w = try await MasterDataService.requireActiveWarehouse(db, id: input.warehouseId, field: "warehouseId")
            let id = try await Self.insert(db, checked, warehouse: w, by: actor, at: Clock.millis(now))
            return try await DamagedPartQueries.partView(db, id: id, viewer: actor)
        }
    }

    /// A part's register columns as typed, checked before the transaction (DMG-01/02). `field` prefixes the names a
    /// refusal points at (#13.6: `removed[0].` when the part is one line of a ticket's parts step).
    struct Checked: Sendable {
        let quantity: Quantity, turbine: String, replacedBy: String, replacedOn: String, newSerial: String, oldSerial: String, cause: String
        var ticketId: String?
        let typedClass: RepairClass?, packedVolume: Quantity?, item: String?, registeredOn: String, field: String
    }

    static func checked(_ input: DamagedPartInput, now: Date, field: String = "") throws -> Checked {
        guard let quantity = input.quantity, quantity.isPositive else {
            throw AppError.validation(field + "quantity", Text("数量必须大于零", "The quantity must be above zero"))
        }
        let turbine = try Self.text(input.turbineNumber, field + "turbineNumber", Text("风机号", "the turbine number"), max: 100)!
        let replacedBy = try Self.text(input.replacedBy, field + "replacedBy", Text("更换人", "who replaced it"), max: 100)!
        let replacedOn = try Self.pastDay(input.replacedOn, field: field + "replacedOn", now: now)
        let newSerial = try Self.text(input.newSerial, field + "newSerial", Text("新备件编号", "the new part's serial number"), max: 100)!
        let oldSerial = try Self.text(input.oldSerial, field + "oldSerial", Text("旧备件编号", "the old part's serial number"), max: 100)!
        let cause = try Self.text(input.cause, field + "cause", Text("损坏原因", "the cause of the damage"), max: 500)!
        let ticketId = try Self.text(input.ticketId, field + "ticketId", Text("工单号", "the ticket number"), max: 100, required: false)
        let typedClass: RepairClass? = try TextRules.trimmed(input.repairClass).map { try MaterialValidation.choice($0, field + "repairClass") }
        if let v = input.packedVolume, !v.isPositive {
            throw AppError.validation(field + "packedVolume", Text("装箱体积必须大于零（立方米）", "The packed volume must be above zero (m³)"))
        }
        return Checked(quantity: quantity, turbine: turbine, replacedBy: replacedBy, replacedOn: replacedOn, newSerial: newSerial, oldSerial: oldSerial,
                       cause: cause, ticketId: ticketId, typedClass: typedClass, packedVolume: input.packedVolume, item: TextRules.trimmed(input.itemId),
                       registeredOn: MaterialValidation.today(now), field: field)
    }

    /// Writes one checked part into warehouse `w`'s register inside the caller's transaction, with its audit-trail entry.
    static func insert(_ db: any SQLDatabase, _ c: Checked, warehouse w: WarehouseView, by actor: Principal, at: Int64) async throws -> String {
        guard DamagedReturnRule.canRegister(actor.roles, covers: actor.covers(unitPath: w.orgPath)) else {
            throw AppError.forbidden(Text("您不能在仓库“{0}”登记损坏件：现场库管员登记本现场的损坏件（DMG-02）",
                                          "You cannot register damaged parts at warehouse {0}: a site's storekeeper registers its own site's parts (DMG-02)").with(w.name))
        }
        guard let typedItem = c.item else {
            throw AppError.validation(c.field + "itemId", Text("请选择存货", "Choose the item"))
        }
        // The picker posts the item's id, or the code as typed.
        guard let item = try await db.raw("SELECT id, code, repair_class, active FROM items WHERE id = \(bind: typedItem) OR code = \(bind: typedItem)").first() else {
            throw AppError.validation(c.field + "itemId", Text("存货不存在", "The item does not exist"))
        }
        let itemId = try item.decode(column: "id", as: String.self)
        let itemClass = RepairClass(rawValue: try item.decode(column: "repair_class", as: String.self)) ?? .I
        let repairClass = c.typedClass ?? itemClass
        let id = Clock.newID()
        let number = try await Self.nextNumber(db, prefix: Self.partPrefix, day: c.registeredOn)
        try await db.raw("""
            INSERT INTO damaged_parts (id, number, warehouse_id, org_unit_id, org_path, item_id, quantity, turbine_number, replaced_by, replaced_on,
                new_serial, old_serial, cause, repair_class, ticket_id, packed_volume, status, return_id, registered_on, created_by, created_at)
            VALUES (\(bind: id), \(bind: number), \(bind: w.id), \(bind: w.orgUnitId), \(bind: w.orgPath), \(bind: itemId), \(bind: c.quantity.milli),
                \(bind: c.turbine), \(bind: c.replacedBy), \(bind: c.replacedOn), \(bind: c.newSerial), \(bind: c.oldSerial), \(bind: c.cause),
                \(bind: repairClass.rawValue), \(bind: c.ticketId), \(bind: c.packedVolume?.milli), 'registered', NULL, \(bind: c.registeredOn),
                \(bind: actor.userId), \(bind: at))
            """).run()
        try await AuditTrail.record(db, actorId: actor.userId, action: "register", entity: "damaged_part", entityId: id,
                                    detail: ["number": number, "warehouse": w.code, "item": try item.decode(column: "code", as: String.self),
                                             "turbine": c.turbine, "class": repairClass.rawValue], at: at)
        return id
    }

    // MARK: return batches (DMG-03..05)

    /// DMG-03: a site packs registered parts of its own into a return batch to the production warehouse.
    public func createReturn(_ input: DamagedReturnInput, by actor: Principal, now: Date = Date()) async throws -> DamagedReturnView {
        let ids = Array(Set((input.partIds ?? []).compactMap { TextRules.trimmed($0) })).sorted()
        guard !ids.isEmpty else { throw AppError.validation("partIds", Text("请选择要装箱返回的损坏件", "Choose the damaged parts to pack")) }
        guard ids.count <= 500 else { throw AppError.validation("partIds", Text("一个批次最多 500 件", "A batch holds at most 500 parts")) }
        let note = try MaterialValidation.text(input.note, field: "note", max: 500, required: false) ?? ""
        let today = MaterialValidation.today(now)
        return try await store.write { db in
            let rows = try await db.raw("""
                SELECT id, number, org_unit_id, org_path, status FROM damaged_parts WHERE id IN (\(SQLList(ids.map { SQLBind($0) })))
                ORDER BY id\(unsafeRaw: store.dialect.rowLock())
                """).all()
            guard rows.count == ids.count else { throw AppError.validation("partIds", Text("有损坏件不存在", "A damaged part does not exist")) }
            let units = Set(try rows.map { try $0.decode(column: "org_unit_id", as: String.self) })
            guard units.count == 1, let unit = units.first else {
                throw AppError.validation("partIds", Text("一个返回批次只装同一现场的损坏件", "A return batch carries the parts of one site only"))
            }
            let path = try rows[0].decode(column: "org_path", as: String.self)
            guard DamagedReturnRule.canRegister(actor.roles, covers: actor.covers(unitPath: path)) else {
                throw AppError.forbidden(Text("您不能为该现场装箱返回损坏件", "You cannot pack this site's damaged parts for return"))
            }
            for row in rows {
                guard try row.decode(column: "status", as: String.self) != DamagedPartStatus.registered.rawValue else { continue }
                throw AppError.conflict("part_already_packed", Text("损坏件 {0} 已在其他返回批次中", "Damaged part {0} is already in a return batch")
                    .with(try row.decode(column: "number", as: String.self)))
            }
            // #13.3 DMG-06: a part in a commercial-repair application goes to the repairer, not back in a crate.
            if let held = try await CommercialRepairQueries.heldParts(db, ids: ids).sorted().first,
               let row = try rows.first(where: { try $0.decode(column: "id", as: String.self) == held }) {
                throw AppError.conflict("part_in_repair", Text("损坏件 {0} 已在商修申请中，不能装箱返回", "Damaged part {0} is in a repair application and cannot be packed")
                    .with(try row.decode(column: "number", as: String.self)))
            }
            let id = Clock.newID(), at = Clock.millis(now)
            let number = try await Self.nextNumber(db, prefix: Self.returnPrefix, day: today)
            try await db.raw("""
                INSERT INTO damaged_returns (id, number, org_unit_id, org_path, status, note, created_by, created_at)
                VALUES (\(bind: id), \(bind: number), \(bind: unit), \(bind: path), 'packing', \(bind: note), \(bind: actor.userId), \(bind: at))
                """).run()
            try await db.raw("UPDATE damaged_parts SET status = 'packed', return_id = \(bind: id) WHERE id IN (\(SQLList(ids.map { SQLBind($0) })))").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "damaged_return", entityId: id,
                                        detail: ["number": number, "parts": String(ids.count)], at: at)
            return try await DamagedPartQueries.returnView(db, id: id, viewer: actor)
        }
    }

    /// Loads a batch for a step, locked on PostgreSQL, and checks that the actor sees it.
    func locked(_ db: any SQLDatabase, id: String, actor: Principal) async throws -> DamagedReturnRow {
        _ = try await db.raw("SELECT id FROM damaged_returns WHERE id = \(bind: id)\(unsafeRaw: store.dialect.rowLock())").first()
        guard let r = try await DamagedPartQueries.returnRow(db, id: id) else { throw AppError.notFound(Text("损坏件返回批次", "Damaged-part return")) }
        try DamagedPartQueries.requireView(actor, r)
        return r
    }

    static func requirePacker(_ actor: Principal, _ r: DamagedReturnRow) throws {
        guard DamagedReturnRule.canRegister(actor.roles, covers: actor.covers(unitPath: r.orgPath)) else {
            throw AppError.forbidden(Text("只有该现场的库管员可以装箱和发运返回批次", "Only the site's storekeeper packs and ships its return batch"))
        }
    }

    static func requireAllowed(_ step: DamagedReturnRule.Step, _ r: DamagedReturnRow) throws {
        guard DamagedReturnRule.allows(step, r.status) else {
            let state = DamagedLabels.returnStatus(r.status.rawValue)
            throw AppError.conflict("return_\(r.status.rawValue)", Text("该返回批次当前状态为“{0}”，不能执行此操作", "The return batch is {1}; this step is not possible now").with(state.zh, state.en))
        }
    }

    /// DMG-04: the packer ticks (or unticks) the checks of the crate.
    public func checklist(id: String, _ input: DamagedChecklistInput, by actor: Principal, now: Date = Date()) async throws -> DamagedReturnView {
        try await store.write { db in
            let r = try await locked(db, id: id, actor: actor)
            try Self.requirePacker(actor, r)
            try Self.requireAllowed(.check, r)
            let c = r.checklist
            let crate = input.woodenCrate ?? c.woodenCrate, lining = input.plasticLining ?? c.plasticLining, separators = input.separators ?? c.separators
            let at = Clock.millis(now)
            try await db.raw("""
                UPDATE damaged_returns SET wooden_crate = \(bind: crate ? 1 : 0), plastic_lining = \(bind: lining ? 1 : 0), separators = \(bind: separators ? 1 : 0),
                    checked_by = \(bind: actor.userId), checked_at = \(bind: at) WHERE id = \(bind: id)
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "checklist", entity: "damaged_return", entityId: id,
                                        detail: ["woodenCrate": crate ? "yes" : "no", "plasticLining": lining ? "yes" : "no", "separators": separators ? "yes" : "no"], at: at)
            return try await DamagedPartQueries.returnView(db, id: id, viewer: actor)
        }
    }

    /// DMG-04, DMG-05: ships a packed batch whose checklist is complete; records the day; the electronic list goes to the
    /// production warehouse (every production user is told, with the list's link).
    public func ship(id: String, _ input: DamagedShipInput, by actor: Principal, now: Date = Date()) async throws -> DamagedReturnView {
        let shippedOn = try Self.pastDay(input.shippedOn, field: "shippedOn", now: now)
        let handOffs = DamagedHandOffs(notifier: notifier)
        return try await store.write { db in
            let r = try await locked(db, id: id, actor: actor)
            try Self.requirePacker(actor, r)
            try Self.requireAllowed(.ship, r)
            let missing = DamagedReturnRule.missingChecks(r.checklist.ticked)
            if let first = missing.first {
                throw AppError(.unprocessableContent, "packing_checklist_incomplete",
                               Text("装箱检查未完成：{0}（DMG-04）", "The packing checklist is not complete: {1} (DMG-04)")
                                .with(missing.map { DamagedLabels.check($0).zh }.joined(separator: "、"), missing.map { DamagedLabels.check($0).en }.joined(separator: ", ")),
                               details: ["field": first.rawValue])
            }
            let at = Clock.millis(now)
            try await db.raw("""
                UPDATE damaged_returns SET status = 'shipped', shipped_on = \(bind: shippedOn), shipped_by = \(bind: actor.userId), shipped_at = \(bind: at)
                WHERE id = \(bind: id)
                """).run()
            try await db.raw("UPDATE damaged_parts SET status = 'shipped' WHERE return_id = \(bind: id)").run()
            try await handOffs.shipped(db, number: r.number, id: id, siteName: r.orgUnitName, parts: r.partCount, shippedOn: shippedOn, by: actor, at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: "ship", entity: "damaged_return", entityId: id,
                                        detail: ["number": r.number, "shippedOn": shippedOn], at: at)
            return try await DamagedPartQueries.returnView(db, id: id, viewer: actor)
        }
    }

    /// DMG-05: the production warehouse records the batch as received.
    public func receive(id: String, by actor: Principal, now: Date = Date()) async throws -> DamagedReturnView {
        try await store.write { db in
            let r = try await locked(db, id: id, actor: actor)
            guard DamagedReturnRule.canReceive(actor.roles) else {
                throw AppError.forbidden(Text("只有生产管理部库房可以签收返回的损坏件", "Only the production warehouse receives returned damaged parts"))
            }
            try Self.requireAllowed(.receive, r)
            let at = Clock.millis(now)
            try await db.raw("UPDATE damaged_returns SET status = 'received', received_by = \(bind: actor.userId), received_at = \(bind: at) WHERE id = \(bind: id)").run()
            try await db.raw("UPDATE damaged_parts SET status = 'received' WHERE return_id = \(bind: id)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "receive", entity: "damaged_return", entityId: id, detail: ["number": r.number], at: at)
            return try await DamagedPartQueries.returnView(db, id: id, viewer: actor)
        }
    }

    // MARK: reads

    public func part(id: String, viewer: Principal) async throws -> DamagedPartView {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await DamagedPartQueries.partView(db, id: id, viewer: viewer) }
    }

    public func parts(_ q: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<DamagedPartView> {
        try MaterialAccess.requireViewer(viewer)
        let filter = try DamagedPartQueries.PartFilter.parse(q)
        return try await store.read { db in try await DamagedPartQueries.parts(db, filter, paging: paging, viewer: viewer) }
    }

    public func returnBatch(id: String, viewer: Principal) async throws -> DamagedReturnView {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await DamagedPartQueries.returnView(db, id: id, viewer: viewer) }
    }

    public func returns(_ q: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<DamagedReturnView> {
        try MaterialAccess.requireViewer(viewer)
        let status: DamagedReturnStatus? = try TextRules.trimmed(q["status"]).map { try MaterialValidation.choice($0, "status") }
        return try await store.read { db in
            try await DamagedPartQueries.returns(db, orgUnitId: TextRules.trimmed(q["orgUnitId"]), status: status, paging: paging, viewer: viewer)
        }
    }

    /// RPT-08: the sites' return status (today in the organisation's time zone).
    public func returnStatus(orgUnitId: String?, viewer: Principal, now: Date = Date()) async throws -> [DamagedReturnStatusRow] {
        try MaterialAccess.requireViewer(viewer)
        let today = CivilDay(iso: MaterialValidation.today(now)) ?? CivilDay(number: 0)
        return try await store.read { db in
            try await DamagedPartQueries.returnStatus(db, orgUnitId: TextRules.trimmed(orgUnitId), viewer: viewer, today: today)
        }
    }
}
