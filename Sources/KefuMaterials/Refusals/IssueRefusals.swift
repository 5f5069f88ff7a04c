import Foundation
import Hummingbird
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

public struct IssueRefusalInput: Codable, Sendable {
    public var warehouseId: String?
    public var itemId: String?
    public var quantity: Quantity?
    /// Who asked for the goods (name, team).
    public var requestedBy: String?
    /// What they wanted them for.
    public var purpose: String?
    /// Why the storekeeper refused (ISS-05: not normal site work).
    public var reason: String?
}

public struct IssueRefusalView: Codable, Sendable {
    public let id: String
    public let warehouseId: String
    public let warehouseCode: String
    public let itemId: String?
    public let quantity: Quantity?
    public let requestedBy: String
    public let purpose: String
    public let reason: String
    public let refusedBy: String
    public let refusedAt: String
    /// How many people (site chief, department manager) were told.
    public let reportedTo: Int

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        warehouseId = try row.decode(column: "warehouse_id", as: String.self)
        warehouseCode = try row.decode(column: "code", as: String.self)
        itemId = try row.decode(column: "item_id", as: String?.self)
        quantity = try row.decode(column: "quantity", as: Int64?.self).map(Quantity.init(milli:))
        requestedBy = try row.decode(column: "requested_by", as: String.self)
        purpose = try row.decode(column: "purpose", as: String.self)
        reason = try row.decode(column: "reason", as: String.self)
        refusedBy = try row.decode(column: "refused_by", as: String.self)
        refusedAt = Times.rfc3339(try row.decode(column: "refused_at", as: Int64.self))
        reportedTo = try row.decode(column: "reported_to", as: Int.self)
    }
}

/// ISS-05: the storekeeper logs a refusal at the counter; the site chief and the department manager are told.
public struct IssueRefusalService: Sendable {
    let store: any Store
    var notifier: any HandOffNotifier

    static let select = """
        SELECT r.id, r.warehouse_id, w.code, r.item_id, r.quantity, r.requested_by, r.purpose, r.reason, r.refused_by, r.refused_at, r.reported_to
        FROM issue_refusals r JOIN warehouses w ON w.id = r.warehouse_id
        """

    public func record(_ input: IssueRefusalInput, by actor: Principal, now: Date = Date()) async throws -> IssueRefusalView {
        let requestedBy = try MaterialValidation.text(input.requestedBy, field: "requestedBy", max: 200, required: true)!
        let purpose = try MaterialValidation.text(input.purpose, field: "purpose", max: 500, required: true)!
        guard let reason = try MaterialValidation.text(input.reason, field: "reason", max: 500, required: false) else {
            throw AppError.validation("reason", Text("请写明拒绝发放的原因（ISS-05）", "Say why the issue was refused (ISS-05)"))
        }
        if let q = input.quantity, !q.isPositive { throw AppError.validation("quantity", Text("数量必须大于零", "The quantity must be above zero")) }
        let notifier = self.notifier
        return try await store.write { db in
            let w = try await MasterDataService.requireWarehouse(db, id: input.warehouseId, field: "warehouseId")
            try MaterialAccess.requireEdit(actor, w)
            let itemId = TextRules.trimmed(input.itemId)
            if let itemId { try await StockDocumentService.requireItems(db, [itemId]) }
            let id = Clock.newID(), at = Clock.millis(now)
            let path = w.orgPath
            let told = try await notifier.handOff(db, HandOff(
                kind: "issue_refused",
                recipients: .init(unitPath: nil, eligible: { roles, userPath in IssueRefusalRules.isReportedTo(roles, userPath: userPath, warehousePath: path) }),
                title: Text("现场拒绝发放：\(w.code)", "Issue refused at \(w.code)"),
                body: Text("{0} 申领用于“{1}”，被拒绝：{2}", "{0} asked for it for \"{1}\"; refused: {2}").with(requestedBy, purpose, reason),
                link: "/materials/site-ledgers", actorId: actor.userId), at: at)
            try await db.raw("""
                INSERT INTO issue_refusals (id, warehouse_id, org_path, item_id, quantity, requested_by, purpose, reason, refused_by, refused_at, reported_to)
                VALUES (\(bind: id), \(bind: w.id), \(bind: w.orgPath), \(bind: itemId), \(bind: input.quantity?.milli), \(bind: requestedBy), \(bind: purpose),
                    \(bind: reason), \(bind: actor.userId), \(bind: at), \(bind: told))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "refuse_issue", entity: "issue_refusal", entityId: id,
                                        detail: ["warehouse": w.code, "reason": reason], at: at)
            return try await db.raw("\(unsafeRaw: Self.select) WHERE r.id = \(bind: id)").first().map(IssueRefusalView.init(row:))!
        }
    }

    /// The refusals the viewer sees (its unit and below; HQ and department accountants all, D16), newest first.
    public func list(warehouseId: String?, orgUnitId: String?, viewer: Principal) async throws -> [IssueRefusalView] {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            var conditions: [SQLQueryString] = []
            if !MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) { conditions.append("r.org_path LIKE \(bind: viewer.orgPath + "%")") }
            if let v = TextRules.trimmed(warehouseId) { conditions.append("r.warehouse_id = \(bind: v)") }
            if let v = TextRules.trimmed(orgUnitId) {
                conditions.append("r.org_path LIKE \(bind: (try await OrgQueries.unitPath(db, unitId: v) ?? "-") + "%")")
            }
            let whereClause: SQLQueryString = conditions.isEmpty ? "" : "WHERE \(SQLList(conditions, separator: SQLRaw(" AND ")))"
            return try await db.raw("\(unsafeRaw: Self.select) \(whereClause) ORDER BY r.refused_at DESC LIMIT 500").all().map(IssueRefusalView.init(row:))
        }
    }

    func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        routes.schema("IssueRefusalInput", ["type": "object", "required": ["warehouseId", "requestedBy", "purpose", "reason"], "properties": [
            "warehouseId": str, "itemId": str, "quantity": ["type": "number", "minimum": 0], "requestedBy": str, "purpose": str, "reason": str]])
        routes.schema("IssueRefusal", ["type": "object", "properties": [
            "id": str, "warehouseId": str, "warehouseCode": str, "itemId": ["type": ["string", "null"]], "quantity": ["type": ["number", "null"]],
            "requestedBy": str, "purpose": str, "reason": str, "refusedBy": str, "refusedAt": str, "reportedTo": ["type": "integer"]]])
        routes.itemsSchema("IssueRefusalList", item: "IssueRefusal")
        routes.add(.init(.post, "/api/v1/issue-refusals", summary: "Log a refusal at the counter; the site chief and department manager are told (ISS-05)",
                         tag: "materials", request: "IssueRefusalInput", response: "IssueRefusal", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await record(try await JSONIO.decode(IssueRefusalInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/issue-refusals", summary: "Refusals at the counter (ISS-05)", tag: "materials", response: "IssueRefusalList",
                         query: ["warehouseId", "orgUnitId"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(Items(items: try await list(warehouseId: q["warehouseId"], orgUnitId: q["orgUnitId"], viewer: principal)))
        }
    }
}
