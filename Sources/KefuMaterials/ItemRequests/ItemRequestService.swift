import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

public struct ItemRequestInput: Codable, Sendable {
    /// The requesting unit (default: the actor's own).
    public var orgUnitId: String?
    public var name: String?
    public var spec: String?
    public var unit: String?
    /// What the site needs it for.
    public var purpose: String?
}

/// One of the three photos sent with the request's form (MAT-05).
public struct ItemRequestPhoto: Sendable {
    public let kind: ItemRequestPhotoKind
    public let fileName: String?
    public let bytes: [UInt8]

    public init(kind: ItemRequestPhotoKind, fileName: String?, bytes: [UInt8]) {
        self.kind = kind
        self.fileName = fileName
        self.bytes = bytes
    }
}

/// HQ's decision: approve gives the item master fields (the code chosen by HQ, MAT-05); reject gives the reason.
public struct ItemRequestDecision: Codable, Sendable {
    public var item: ItemInput?
    public var reason: String?
}

public struct ItemRequestView: Encodable, Sendable {
    public let id: String
    public let orgUnitId: String
    public let name: String
    public let spec: String
    public let unit: String
    public let purpose: String
    public let status: String
    /// The item HQ created on approval.
    public let itemId: String?
    public let reason: String?
    public let requestedBy: String
    public let createdAt: String
    let orgPath: String
    /// The same instant for the pages, which format it (#11.6).
    let createdMillis: Int64

    static let columns = "id, org_unit_id, org_path, name, spec, unit, purpose, status, item_id, reason, requested_by, created_at"

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        name = try row.decode(column: "name", as: String.self)
        spec = try row.decode(column: "spec", as: String.self)
        unit = try row.decode(column: "unit", as: String.self)
        purpose = try row.decode(column: "purpose", as: String.self)
        status = try row.decode(column: "status", as: String.self)
        itemId = try row.decode(column: "item_id", as: String?.self)
        reason = try row.decode(column: "reason", as: String?.self)
        requestedBy = try row.decode(column: "requested_by", as: String.self)
        createdMillis = try row.decode(column: "created_at", as: Int64.self)
        createdAt = Times.rfc3339(createdMillis)
    }

    enum CodingKeys: String, CodingKey { case id, orgUnitId, name, spec, unit, purpose, status, itemId, reason, requestedBy, createdAt }
}

/// MAT-05 (#12.5): a site asks for a new item code with three photos, its department forwards, HQ creates the item
/// or rejects with a reason. Each step: permission, state, one transaction, audit trail, the next actor told.
public struct ItemRequestService: Sendable {
    let store: any Store
    var notifier: any HandOffNotifier
    /// Where the photos sent with the page's form are stored (the attachments' disk).
    var disk: AttachmentDisk?

    static func row(_ db: any SQLDatabase, id: String) async throws -> ItemRequestView? {
        try await db.raw("SELECT \(unsafeRaw: ItemRequestView.columns) FROM item_requests WHERE id = \(bind: id)").first().map(ItemRequestView.init(row:))
    }

    /// D16 as for the books: HQ and department accountants see every request; the others their unit and below.
    static func requireView(_ viewer: Principal, _ r: ItemRequestView) throws {
        try MaterialAccess.requireViewer(viewer)
        guard MaterialPermissions.canView(viewer.roles, covers: viewer.covers(unitPath: r.orgPath)) else {
            throw AppError.forbidden(Text("您不能查看该新增存货编码申请", "You cannot see this item-code request"))
        }
    }

    static func require(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> ItemRequestView {
        guard let r = try await row(db, id: id) else { throw AppError.notFound(Text("新增存货编码申请", "Item-code request")) }
        try requireView(viewer, r)
        return r
    }

    /// The photo kinds (attachment labels) present on a request.
    static func photoKinds(_ db: any SQLDatabase, id: String) async throws -> Set<ItemRequestPhotoKind> {
        Set(try await Attachments.list(db, ownerKind: ItemRequestAttachments.ownerKind, ownerId: id).compactMap { ItemRequestPhotoKind(rawValue: $0.label) })
    }

    /// The request's text, checked (MAT-05: what the site needs and why).
    struct ValidInput: Sendable { let unitId: String?; let name: String; let spec: String; let unit: String; let purpose: String }

    static func validate(_ input: ItemRequestInput) throws -> ValidInput {
        ValidInput(unitId: TextRules.trimmed(input.orgUnitId),
                   name: try MaterialValidation.text(input.name, field: "name", max: 200, required: true)!,
                   spec: try MaterialValidation.text(input.spec, field: "spec", max: 200, required: true)!,
                   unit: try MaterialValidation.text(input.unit, field: "unit", max: 20, required: true)!,
                   purpose: try MaterialValidation.text(input.purpose, field: "purpose", max: 500, required: true)!)
    }

    /// Inserts a draft for the actor's unit (or `v.unitId`, which the actor's unit must cover) inside the caller's transaction.
    static func insert(_ db: any SQLDatabase, _ v: ValidInput, by actor: Principal, at: Int64) async throws -> ItemRequestView {
        let unitId = v.unitId ?? actor.orgUnitId
        guard let path = try await OrgQueries.unitPath(db, unitId: unitId) else {
            throw AppError.validation("orgUnitId", Text("没有这个组织单位", "No such org unit"))
        }
        try MaterialAccess.requireViewer(actor)
        guard ItemRequestRules.mayCreate(roles: actor.roles, userPath: actor.orgPath, requestPath: path) else {
            throw AppError.forbidden(Text("只有本现场或本业务部可以申请新增存货编码（MAT-05）", "Only the site or its business department asks for a new item code (MAT-05)"))
        }
        let id = Clock.newID()
        try await db.raw("""
            INSERT INTO item_requests (id, org_unit_id, org_path, name, spec, unit, purpose, status, requested_by, created_at, updated_at)
            VALUES (\(bind: id), \(bind: unitId), \(bind: path), \(bind: v.name), \(bind: v.spec), \(bind: v.unit), \(bind: v.purpose),
                \(bind: ItemRequestStatus.draft.rawValue), \(bind: actor.userId), \(bind: at), \(bind: at))
            """).run()
        try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "item_request", entityId: id, detail: ["name": v.name], at: at)
        return try await Self.row(db, id: id)!
    }

    public func create(_ input: ItemRequestInput, by actor: Principal, now: Date = Date()) async throws -> ItemRequestView {
        let v = try Self.validate(input)
        return try await store.write { db in try await Self.insert(db, v, by: actor, at: Clock.millis(now)) }
    }

    /// The page's one step (MAT-05, #12.5): the request with its photos and, when `submit`, its submission to the
    /// department, in one transaction — a refused submit (a photo missing) leaves nothing behind.
    public func ask(_ input: ItemRequestInput, photos: [ItemRequestPhoto], submit: Bool, by actor: Principal, now: Date = Date()) async throws -> ItemRequestView {
        let v = try Self.validate(input)
        var checked: [(ItemRequestPhoto, AttachmentType)] = []
        for photo in photos {
            do {
                let type = try Attachments.checked(photo.bytes, field: "photos")
                guard type.isImage else {
                    throw AppError.validation("photos", Text("请上传照片（JPEG、PNG 或 WebP）", "Send a photo (JPEG, PNG or WebP)"))
                }
                checked.append((photo, type))
            } catch let e as AppError {
                // Too large or not a photo: a refusal of what was chosen, shown under the photos (422, the form kept).
                let kind = ItemRequestLabels.photo(photo.kind)
                throw AppError.validation("photos", Text(kind.zh + "：" + e.message.zh, kind.en + ": " + e.message.en))
            }
        }
        if submit { try Self.requireAllPhotos(Set(photos.map(\.kind))) }
        guard let disk else { throw AppError(.serviceUnavailable, "attachments_unavailable", Text("附件存储不可用", "File storage is not available")) }
        let notifier = self.notifier, files = checked
        return try await store.write { db in
            let at = Clock.millis(now)
            let r = try await Self.insert(db, v, by: actor, at: at)
            if !files.isEmpty, !ItemRequestRules.mayAct(.submit, status: .draft, roles: actor.roles, userPath: actor.orgPath, requestPath: r.orgPath) {
                throw AppError.forbidden(Text("只有申请单位可以上传照片", "Only the requesting unit adds photos"))
            }
            for (photo, type) in files {
                _ = try await Attachments.insert(db, disk: disk, ownerKind: ItemRequestAttachments.ownerKind, ownerId: r.id, label: photo.kind.rawValue,
                                                 fileName: photo.fileName, bytes: photo.bytes, type: type, actorId: actor.userId, at: at)
            }
            guard submit else { return r }
            return try await Self.step(db, notifier, .submit, id: r.id, ItemRequestDecision(), by: actor, at: at)
        }
    }

    /// MAT-05: the three photos before submit; the message names the missing ones in the reader's language.
    static func requireAllPhotos(_ present: Set<ItemRequestPhotoKind>) throws {
        let missing = ItemRequestRules.missingPhotos(present)
        guard !missing.isEmpty else { return }
        let zh = missing.map { ItemRequestLabels.photo($0).zh }.joined(separator: "、")
        let en = missing.map { ItemRequestLabels.photo($0).en }.joined(separator: ", ")
        throw AppError.validation("photos", Text("提交前请上传远景、近景和规格型号三张照片（MAT-05），缺：" + zh,
                                                 "Upload the distant, close-up and spec/model photos before submitting (MAT-05); missing: " + en))
    }

    public func request(id: String, viewer: Principal) async throws -> ItemRequestView {
        try await store.read { db in try await Self.require(db, id: id, viewer: viewer) }
    }

    /// Newest first, in the viewer's scope (D16).
    public func list(status: String?, viewer: Principal) async throws -> [ItemRequestView] {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            var conditions: [SQLQueryString] = []
            if !MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) { conditions.append("org_path LIKE \(bind: viewer.orgPath + "%")") }
            if let s = TextRules.trimmed(status) { conditions.append("status = \(bind: s)") }
            let whereClause: SQLQueryString = conditions.isEmpty ? "" : "WHERE \(SQLList(conditions, separator: SQLRaw(" AND ")))"
            return try await db.raw("SELECT \(unsafeRaw: ItemRequestView.columns) FROM item_requests \(whereClause) ORDER BY created_at DESC LIMIT 500")
                .all().map(ItemRequestView.init(row:))
        }
    }

    /// One step of MAT-05: submit (three photos present), forward, approve (creates the item) or reject (reason).
    public func act(_ action: ItemRequestAction, id: String, _ decision: ItemRequestDecision, by actor: Principal, now: Date = Date()) async throws -> ItemRequestView {
        let notifier = self.notifier
        return try await store.write { db in try await Self.step(db, notifier, action, id: id, decision, by: actor, at: Clock.millis(now)) }
    }

    static func step(_ db: any SQLDatabase, _ notifier: any HandOffNotifier, _ action: ItemRequestAction, id: String, _ decision: ItemRequestDecision,
                     by actor: Principal, at: Int64) async throws -> ItemRequestView {
        let r = try await Self.require(db, id: id, viewer: actor)
        let status = ItemRequestStatus(rawValue: r.status) ?? .draft
        guard ItemRequestRules.mayAct(action, status: status, roles: actor.roles, userPath: actor.orgPath, requestPath: r.orgPath) else {
            throw AppError.forbidden(Text("您不能对该申请执行此操作：现场提交，业务部转报，业务管理部物资管理室审批（MAT-05）",
                                          "You cannot take this step: the site submits, its department forwards, the HQ materials office decides (MAT-05)"))
        }
        guard let next = ItemRequestRules.next(status, action) else {
            throw AppError.conflict("invalid_state", Text("申请当前状态不允许此操作", "The request's state does not allow this step"))
        }
        let reason = action == .reject ? try MaterialValidation.text(decision.reason, field: "reason", max: 500, required: true) : nil
        let validItem = action == .approve ? try MasterDataService.validate(decision.item ?? ItemInput()) : nil
        if action == .submit { try requireAllPhotos(try await Self.photoKinds(db, id: id)) }
        var itemId: String?
        if let v = validItem {
            if try await MasterDataService.codeTaken(db, table: "items", code: v.code) {
                throw AppError(.conflict, "code_taken", Text("存货编码 {0} 已存在", "Item code {0} already exists").with(v.code), details: ["field": "code"])
            }
            itemId = try await MasterDataService.insert(db, v, actorId: actor.userId, at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "item", entityId: itemId!, detail: ["code": v.code, "request": id], at: at)
        }
        try await db.raw("""
            UPDATE item_requests SET status = \(bind: next.rawValue), item_id = COALESCE(\(bind: itemId), item_id), reason = COALESCE(\(bind: reason), reason),
                updated_at = \(bind: at) WHERE id = \(bind: id)
            """).run()
        var detail = ["status": next.rawValue]
        if let reason { detail["reason"] = reason }
        if let itemId, let v = validItem { detail["item"] = itemId; detail["code"] = v.code }
        try await AuditTrail.record(db, actorId: actor.userId, action: action.rawValue, entity: "item_request", entityId: id, detail: detail, at: at)
        try await Self.tell(db, notifier, r, next, actor: actor, at: at)
        return try await Self.row(db, id: id)!
    }

    /// The next actor: the department for a submitted request, HQ for a forwarded one, the requester once decided.
    static func tell(_ db: any SQLDatabase, _ notifier: any HandOffNotifier, _ r: ItemRequestView, _ next: ItemRequestStatus, actor: Principal, at: Int64) async throws {
        let path = r.orgPath
        let recipients: HandOff.Recipients
        switch next {
        case .submitted:
            recipients = .init(eligible: { roles, userPath in OrgPath.contains(userPath, path) && !roles.isDisjoint(with: ItemRequestRules.forwarders) })
        case .forwarded:
            recipients = .init(eligible: { roles, _ in !roles.isDisjoint(with: ItemRequestRules.deciders) })
        case .approved, .rejected:
            recipients = .init(userIds: [r.requestedBy])
        case .draft:
            return
        }
        _ = try await notifier.handOff(db, HandOff(
            kind: "item_request_\(next.rawValue)", recipients: recipients,
            title: Text("新增存货编码申请：{0}", "Item-code request: {0}").with(r.name),
            body: Text("申请状态：" + ItemRequestLabels.status(next).zh, "Request is now: " + ItemRequestLabels.status(next).en),
            link: "/materials/item-requests/\(r.id)", actorId: actor.userId), at: at)
    }
}
