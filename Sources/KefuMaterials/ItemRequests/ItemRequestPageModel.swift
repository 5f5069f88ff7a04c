import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// One request as the pages show it (MAT-05): the request's row (`ItemRequestView`, as the API gives it) with its
/// unit's and requester's names, its state, and the code of the item HQ created.
@dynamicMemberLookup
struct ItemRequestSummary: Encodable, Sendable {
    let request: ItemRequestView
    let status: ItemRequestStatus
    let createdAt: Instant
    let unitName: String
    let requesterName: String
    let itemCode: String?

    subscript<T>(dynamicMember field: KeyPath<ItemRequestView, T>) -> T { request[keyPath: field] }

    static let select = """
        SELECT \(ItemRequestView.columns), (SELECT i.code FROM items i WHERE i.id = r.item_id) AS item_code,
            \(OrgQueries.unitNameSQL("r.org_unit_id")) AS unit_name, \(OrgQueries.userNameSQL("r.requested_by")) AS requester_name
        FROM item_requests r
        """

    init(row: any SQLRow) throws {
        request = try ItemRequestView(row: row)
        status = ItemRequestStatus(rawValue: request.status) ?? .draft
        createdAt = Instant(millis: request.createdMillis)
        unitName = try row.decode(column: "unit_name", as: String?.self) ?? "—"
        requesterName = try row.decode(column: "requester_name", as: String?.self) ?? "—"
        itemCode = try row.decode(column: "item_code", as: String?.self)
    }

    func encode(to encoder: any Encoder) throws { try request.encode(to: encoder) }
}

/// The list page (`/materials/item-requests`): a page of the requests in the viewer's scope, newest first, optionally of
/// one state, and whether the viewer may ask for a code.
struct ItemRequestListPageModel: Sendable {
    let requests: ListPage<ItemRequestSummary>
    let status: ItemRequestStatus?
    let canAsk: Bool
}

/// The form (`/materials/item-requests/new`): the units the viewer may ask for, and whether it sends the photos (the
/// requesting unit) or records a draft only (HQ taking a request received on paper).
struct ItemRequestFormModel: Sendable {
    let units: [(id: String, name: String)]
    let ownUnitId: String
    let sendsPhotos: Bool
}

/// The request page (`/materials/item-requests/{id}`): the request, its photos, its timeline and the steps the viewer
/// may take now.
struct ItemRequestPageModel: Sendable {
    struct Event: Sendable { let at: Instant; let actorName: String; let action: String; let detail: [String: String] }
    let request: ItemRequestSummary
    let photos: [Attachments.View]
    let timeline: [Event]
    /// The steps the viewer may take in the request's state (MAT-05: the site submits, its department forwards, HQ decides).
    let actions: [ItemRequestAction]
    /// The draft's photos may still be added by the viewer.
    let canAddPhotos: Bool
    var missingPhotos: [ItemRequestPhotoKind] { ItemRequestRules.missingPhotos(Set(photos.compactMap { ItemRequestPhotoKind(rawValue: $0.label) })) }
}

extension ItemRequestService {
    static func scope(_ viewer: Principal) -> SQLQueryString? {
        MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) ? nil : "r.org_path LIKE \(bind: viewer.orgPath + "%")"
    }

    func listPageModel(status: String?, paging: Paging, viewer: Principal) async throws -> ItemRequestListPageModel {
        try MaterialAccess.requireViewer(viewer)
        let wanted = TextRules.trimmed(status).flatMap(ItemRequestStatus.init(rawValue:))
        return try await store.read { db in
            var conditions: [SQLQueryString] = []
            if let s = Self.scope(viewer) { conditions.append(s) }
            if let wanted { conditions.append("r.status = \(bind: wanted.rawValue)") }
            let whereClause: SQLQueryString = conditions.isEmpty ? "" : "WHERE \(SQLList(conditions, separator: SQLRaw(" AND ")))"
            let total = try await db.raw("SELECT COUNT(*) AS n FROM item_requests r \(whereClause)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw("\(unsafeRaw: ItemRequestSummary.select) \(whereClause) ORDER BY r.created_at DESC, r.id LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)")
                .all().map(ItemRequestSummary.init(row:))
            return ItemRequestListPageModel(requests: ListPage(items: rows, page: paging.page, per: paging.per, total: total), status: wanted,
                                            canAsk: !viewer.roles.isDisjoint(with: ItemRequestRules.creators))
        }
    }

    func formModel(viewer: Principal) async throws -> ItemRequestFormModel {
        try MaterialAccess.requireViewer(viewer)
        guard !viewer.roles.isDisjoint(with: ItemRequestRules.creators) else {
            throw AppError.forbidden(Text("只有现场、业务部或业务管理部物资管理室可以申请新增存货编码（MAT-05）",
                                          "Only a site, its business department or the HQ materials office asks for a new item code (MAT-05)"))
        }
        return try await store.read { db in
            let units = try await OrgQueries.activeUnits(db).filter {
                ItemRequestRules.mayCreate(roles: viewer.roles, userPath: viewer.orgPath, requestPath: $0.path)
            }.map { (id: $0.id, name: $0.name) }
            return ItemRequestFormModel(units: units, ownUnitId: viewer.orgUnitId, sendsPhotos: !viewer.roles.isDisjoint(with: ItemRequestRules.requesters))
        }
    }

    func pageModel(id: String, viewer: Principal) async throws -> ItemRequestPageModel {
        try await store.read { db in
            _ = try await Self.require(db, id: id, viewer: viewer)
            let request = try await db.raw("\(unsafeRaw: ItemRequestSummary.select) WHERE r.id = \(bind: id)").first().map(ItemRequestSummary.init(row:))!
            let photos = try await Attachments.list(db, ownerKind: ItemRequestAttachments.ownerKind, ownerId: id)
            let entries = try await AuditTrail.entries(db, entity: "item_request", entityId: id)
            let names = try await OrgQueries.displayNames(db, ids: Set(entries.compactMap(\.actorId)))
            let timeline = entries.map { ItemRequestPageModel.Event(at: $0.at, actorName: $0.actorId.flatMap { names[$0] } ?? "—", action: $0.action, detail: $0.detail) }
            let actions = ItemRequestAction.allCases.filter { a in
                ItemRequestRules.next(request.status, a) != nil
                    && ItemRequestRules.mayAct(a, status: request.status, roles: viewer.roles, userPath: viewer.orgPath, requestPath: request.orgPath)
            }
            let canAdd = request.status == .draft
                && ItemRequestRules.mayAct(.submit, status: .draft, roles: viewer.roles, userPath: viewer.orgPath, requestPath: request.orgPath)
            return ItemRequestPageModel(request: request, photos: photos, timeline: timeline, actions: actions, canAddPhotos: canAdd)
        }
    }
}
