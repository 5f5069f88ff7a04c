import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

public struct AdminItemView: Encodable, Sendable {
    public struct Move: Encodable, Sendable {
        public let id: String
        public let direction: AdminMoveDirection
        public let quantity: Int64
        public let balanceAfter: Int64
        public let movedOn: String
        public let party: String?
        public let note: String?
        public let by: String
    }
    public let id: String
    public let orgUnitId: String
    public let unitName: String
    public let kind: AdminRegisterKind
    public let name: String
    public let unitLabel: String
    public let balance: Int64
    public var moves: [Move]
    let orgPath: String

    enum CodingKeys: String, CodingKey { case id, orgUnitId, unitName, kind, name, unitLabel, balance, moves }

    static var select: String { """
        SELECT i.id, i.org_unit_id, i.org_path, i.kind, i.name, i.unit_label, i.balance, \(OrgQueries.unitNameSQL("i.org_unit_id")) AS unit_name
        FROM property_admin_items i
        """ }

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        unitName = try row.decode(column: "unit_name", as: String?.self) ?? "—"
        kind = AdminRegisterKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .consumable
        name = try row.decode(column: "name", as: String.self)
        unitLabel = try row.decode(column: "unit_label", as: String.self)
        balance = try row.decode(column: "balance", as: Int64.self)
        moves = []
    }
}

public struct AdminLogView: Encodable, Sendable {
    public let id: String
    public let orgUnitId: String
    public let kind: AdminLogKind
    public let loggedOn: String
    public let person: String
    public let detail: String
    public let by: String
}

/// PRP-11 (篇1 §4〈7〉–〈10〉) the service centre's admin registers: fixed assets, low-value consumables, office
/// supplies and uniforms as items with a whole-number balance moved in and out (never below zero), and staff
/// movements and welfare hand-outs as dated logs.
public struct AdminRegisterService: Sendable {
    let store: any Store
    /// #14 item 6: whether the property feature is on at the register's unit.
    let features: any FeatureGate

    public init(store: any Store, features: any FeatureGate = AllFeaturesOn()) {
        self.store = store
        self.features = features
    }

    static func unit(_ db: any SQLDatabase, _ raw: String?, actor: Principal) async throws -> (id: String, path: String) {
        let unitId = TextRules.trimmed(raw) ?? actor.orgUnitId
        guard let path = try await OrgQueries.unitPath(db, unitId: unitId) else {
            throw AppError.validation("orgUnitId", Text("没有这个组织单位", "No such org unit"))
        }
        guard PropertyRules.mayWork(roles: actor.roles, userPath: actor.orgPath, estatePath: path) else {
            throw AppError.forbidden(Text("您只能登记本单位及下级单位的行政台账", "You keep the admin registers of your unit and below only"))
        }
        return (unitId, path)
    }

    public func createItem(_ body: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> AdminItemView {
        try PropertyQueries.requireWorker(actor)
        let kind = try PropertyInput.choice(body["kind"], field: "kind", label: Text("类别", "Kind"),
                                            aliases: ["固定资产": .fixedAsset, "低值易耗品": .consumable, "办公用品": .officeSupply, "工服": .uniform]) as AdminRegisterKind
        let name = try PropertyInput.text(body["name"], field: "name", label: Text("名称", "Name"), max: 100, required: true)!
        let label = try PropertyInput.text(body["unitLabel"], field: "unitLabel", label: Text("计量单位", "Unit"), max: 10, required: false) ?? "件"
        let at = Clock.millis(date)
        return try await store.write { db in
            let u = try await Self.unit(db, body["orgUnitId"], actor: actor)
            try await features.requireOn(.property, unitId: u.id, in: db) // #14 item 6
            if try await db.raw("""
                SELECT id FROM property_admin_items WHERE org_unit_id = \(bind: u.id) AND kind = \(bind: kind.rawValue) AND name = \(bind: name)
                """).first() != nil {
                throw AppError(.conflict, "item_exists", Text("台账中已有“\(name)”", "The register already has \(name)"), details: ["field": "name"])
            }
            let id = Clock.newID()
            try await db.raw("""
                INSERT INTO property_admin_items (id, org_unit_id, org_path, kind, name, unit_label, balance, created_at, created_by)
                VALUES (\(bind: id), \(bind: u.id), \(bind: u.path), \(bind: kind.rawValue), \(bind: name), \(bind: label), 0, \(bind: at), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "property_admin_item", entityId: id, detail: ["name": name, "kind": kind.rawValue], at: at)
            return try await Self.item(db, id: id, viewer: actor)
        }
    }

    /// A move in or out; an issue that would take the balance below zero is refused (422 insufficient_balance).
    public func move(itemId: String, _ body: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> AdminItemView {
        try PropertyQueries.requireWorker(actor)
        let direction = try PropertyInput.choice(body["direction"], field: "direction", label: Text("出入", "Direction"),
                                                 aliases: ["入库": .stockIn, "领用": .stockOut, "出库": .stockOut]) as AdminMoveDirection
        guard let raw = TextRules.trimmed(body["quantity"]), raw.allSatisfy({ ("0"..."9").contains($0) }), raw.count <= 7, let qty = Int64(raw), qty > 0,
              qty <= Int64(AdminRegisterRules.maxQuantity) else {
            throw AppError.validation("quantity", Text("数量应为正整数", "The quantity must be a whole number above zero"))
        }
        let on = try PropertyInput.day(body["movedOn"], field: "movedOn", label: Text("日期", "Date"), default: Times.day(date))!
        let party = try PropertyInput.text(body["party"], field: "party", label: Text("领用人/来源", "Who / from"), max: 60, required: false)
        let note = try PropertyInput.text(body["note"], field: "note", label: Text("备注", "Note"), max: 200, required: false)
        let at = Clock.millis(date)
        return try await store.write { db in
            let item = try await Self.item(db, id: itemId, viewer: actor)
            guard PropertyRules.mayWork(roles: actor.roles, userPath: actor.orgPath, estatePath: item.orgPath) else {
                throw AppError.forbidden(Text("您只能登记本单位及下级单位的行政台账", "You keep the admin registers of your unit and below only"))
            }
            guard let after = AdminRegisterRules.balance(after: item.balance, direction, quantity: qty) else {
                throw AppError(.unprocessableContent, "insufficient_balance",
                               Text("结存 \(item.balance)\(item.unitLabel)，不足 \(qty)\(item.unitLabel)", "Only \(item.balance) \(item.unitLabel) in hand, not \(qty)"),
                               details: ["field": "quantity"])
            }
            // The guard on the old balance keeps two concurrent issues from both passing: the loser finds another balance and rolls back.
            try await db.raw("""
                UPDATE property_admin_items SET balance = \(bind: after) WHERE id = \(bind: itemId) AND balance = \(bind: item.balance)
                """).run()
            let now = try await db.raw("SELECT balance FROM property_admin_items WHERE id = \(bind: itemId)").first()?.decode(column: "balance", as: Int64.self)
            guard now == after else { throw AppError.conflict("balance_changed", Text("结存刚被他人改动，请重试", "The balance just changed; try again")) }
            try await db.raw("""
                INSERT INTO property_admin_moves (id, item_id, direction, quantity, balance_after, moved_on, party, note, moved_at, moved_by)
                VALUES (\(bind: Clock.newID()), \(bind: itemId), \(bind: direction.rawValue), \(bind: qty), \(bind: after), \(bind: on.iso), \(bind: party), \(bind: note),
                    \(bind: at), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "move_" + direction.rawValue, entity: "property_admin_item", entityId: itemId,
                                        detail: ["quantity": String(qty), "balance": String(after)], at: at)
            return try await Self.item(db, id: itemId, viewer: actor)
        }
    }

    public func addLog(_ body: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> AdminLogView {
        try PropertyQueries.requireWorker(actor)
        let kind = try PropertyInput.choice(body["kind"], field: "kind", label: Text("类别", "Kind"), aliases: ["人员异动": .staffMovement, "福利发放": .welfare]) as AdminLogKind
        let on = try PropertyInput.day(body["loggedOn"], field: "loggedOn", label: Text("日期", "Date"), default: Times.day(date))!
        let person = try PropertyInput.text(body["person"], field: "person", label: Text("人员", "Person"), max: 60, required: true)!
        let detail = try PropertyInput.text(body["detail"], field: "detail", label: Text("内容", "Detail"), max: 500, required: true)!
        let at = Clock.millis(date)
        return try await store.write { db in
            let u = try await Self.unit(db, body["orgUnitId"], actor: actor)
            try await features.requireOn(.property, unitId: u.id, in: db) // #14 item 6
            let id = Clock.newID()
            try await db.raw("""
                INSERT INTO property_admin_logs (id, org_unit_id, org_path, kind, logged_on, person, detail, created_at, created_by)
                VALUES (\(bind: id), \(bind: u.id), \(bind: u.path), \(bind: kind.rawValue), \(bind: on.iso), \(bind: person), \(bind: detail), \(bind: at), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "property_admin_log", entityId: id, detail: ["kind": kind.rawValue], at: at)
            return AdminLogView(id: id, orgUnitId: u.id, kind: kind, loggedOn: on.iso, person: person, detail: detail, by: actor.displayName)
        }
    }

    public func items(_ query: [String: String], viewer: Principal) async throws -> [AdminItemView] {
        try PropertyQueries.requireReader(viewer)
        let kind = try TextRules.trimmed(query["kind"]).map { try PropertyInput.choice($0, field: "kind", label: Text("类别", "Kind")) as AdminRegisterKind }
        return try await store.read { db in try await Self.items(db, kind: kind, viewer: viewer) }
    }

    static func items(_ db: any SQLDatabase, kind: AdminRegisterKind?, viewer: Principal) async throws -> [AdminItemView] {
        var c: [SQLQueryString] = [PropertyQueries.scope("i", viewer)]
        if let kind { c.append("i.kind = \(bind: kind.rawValue)") }
        return try await db.raw("\(unsafeRaw: AdminItemView.select) WHERE \(SQLList(c, separator: SQLRaw(" AND "))) ORDER BY i.kind, i.name LIMIT 500")
            .all().map(AdminItemView.init(row:))
    }

    public func item(id: String, viewer: Principal) async throws -> AdminItemView {
        try PropertyQueries.requireReader(viewer)
        return try await store.read { db in try await Self.item(db, id: id, viewer: viewer) }
    }

    public func logs(_ query: [String: String], viewer: Principal) async throws -> [AdminLogView] {
        try PropertyQueries.requireReader(viewer)
        let kind = try TextRules.trimmed(query["kind"]).map { try PropertyInput.choice($0, field: "kind", label: Text("类别", "Kind")) as AdminLogKind }
        return try await store.read { db in try await Self.logs(db, kind: kind, viewer: viewer) }
    }

    static func logs(_ db: any SQLDatabase, kind: AdminLogKind?, viewer: Principal) async throws -> [AdminLogView] {
        var c: [SQLQueryString] = [PropertyQueries.scope("l", viewer)]
        if let kind { c.append("l.kind = \(bind: kind.rawValue)") }
        return try await db.raw("""
            SELECT l.id, l.org_unit_id, l.kind, l.logged_on, l.person, l.detail, \(unsafeRaw: OrgQueries.userNameSQL("l.created_by")) AS by_name
            FROM property_admin_logs l WHERE \(SQLList(c, separator: SQLRaw(" AND "))) ORDER BY l.logged_on DESC, l.created_at DESC LIMIT 500
            """).all().map {
            AdminLogView(id: try $0.decode(column: "id", as: String.self), orgUnitId: try $0.decode(column: "org_unit_id", as: String.self),
                         kind: AdminLogKind(rawValue: try $0.decode(column: "kind", as: String.self)) ?? .welfare,
                         loggedOn: try $0.decode(column: "logged_on", as: String.self), person: try $0.decode(column: "person", as: String.self),
                         detail: try $0.decode(column: "detail", as: String.self), by: try $0.decode(column: "by_name", as: String?.self) ?? "—")
        }
    }

    static func item(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> AdminItemView {
        guard let row = try await db.raw("\(unsafeRaw: AdminItemView.select) WHERE i.id = \(bind: id)").first() else {
            throw AppError.notFound(Text("台账物品", "Register item"))
        }
        var item = try AdminItemView(row: row)
        guard PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: item.orgPath) else {
            throw AppError.forbidden(Text("您只能查看本单位及下级单位的行政台账", "You see the admin registers of your unit and below only"))
        }
        item.moves = try await db.raw("""
            SELECT m.id, m.direction, m.quantity, m.balance_after, m.moved_on, m.party, m.note, \(unsafeRaw: OrgQueries.userNameSQL("m.moved_by")) AS by_name
            FROM property_admin_moves m WHERE m.item_id = \(bind: id) ORDER BY m.moved_at, m.id
            """).all().map {
            AdminItemView.Move(id: try $0.decode(column: "id", as: String.self),
                               direction: AdminMoveDirection(rawValue: try $0.decode(column: "direction", as: String.self)) ?? .stockIn,
                               quantity: try $0.decode(column: "quantity", as: Int64.self), balanceAfter: try $0.decode(column: "balance_after", as: Int64.self),
                               movedOn: try $0.decode(column: "moved_on", as: String.self), party: try $0.decode(column: "party", as: String?.self),
                               note: try $0.decode(column: "note", as: String?.self), by: try $0.decode(column: "by_name", as: String?.self) ?? "—")
        }
        return item
    }
}
