import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// The front desk registers (#14.4, FRD-02..07). Each change: permission and scope, validation, one transaction, an
/// audit-trail entry. The rules are in `KefuDomain/FrontDesk`; the shared machinery (numbers, list, search, export,
/// print) is the same for every register, each register's own fields are declared in `FrontDeskRegister.fields`.
public struct FrontDeskService: Sendable {
    let store: any Store
    /// #14 item 6: whether the front desk feature is on at the desk's unit.
    let features: any FeatureGate

    public init(store: any Store, features: any FeatureGate = AllFeaturesOn()) {
        self.store = store
        self.features = features
    }

    static let entity = "front_desk_record"

    /// "SW-2026-000001": per register and year, gapless (one counter row, moved in the record's own transaction).
    static func nextNumber(_ db: any SQLDatabase, _ register: FrontDeskRegister, day: CivilDay) async throws -> String {
        let year = String(day.year)
        let digits = String(try await Counters.next("front_desk:\(register.rawValue):\(year)", in: db))
        return "\(register.numberPrefix)-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    // MARK: validation

    static func text(_ raw: String?, field: String, label: Text, max: Int = 100, required: Bool) throws -> String? {
        let t = TextRules.trimmed(raw)
        if required, t == nil { throw AppError.validation(field, Text("请填写" + label.zh, label.en + " is required")) }
        if let t, t.count > max { throw AppError.validation(field, Text(label.zh + "最长 \(max) 字", label.en + " is at most \(max) characters")) }
        return t
    }

    static func register(_ raw: String?) throws -> FrontDeskRegister {
        guard let t = TextRules.trimmed(raw), let r = FrontDeskRegister(rawValue: t) ?? FrontDeskRegister(slug: t) else {
            let allowed = FrontDeskRegister.allCases.map(\.rawValue).joined(separator: ", ")
            throw AppError.validation("register", Text("登记簿的取值必须是：" + allowed, "Register must be one of: " + allowed))
        }
        return r
    }

    /// A whole number of pieces, 1 … `GiftStockRules.maxPerMove` ("1,200" and full-width digits accepted).
    static func count(_ raw: String?, field: String, label: Text, required: Bool) throws -> Int? {
        guard let t = TextRules.trimmed(raw) else {
            if required { throw AppError.validation(field, Text("请填写" + label.zh, label.en + " is required")) }
            return nil
        }
        guard let n = UsualInput.number(t).flatMap({ Int($0) }), n >= 1, n <= GiftStockRules.maxPerMove else {
            throw AppError.validation(field, Text(label.zh + "必须是 1 到 \(GiftStockRules.maxPerMove) 的整数", label.en + " must be a whole number from 1 to \(GiftStockRules.maxPerMove)"))
        }
        return n
    }

    /// Yuan with at most two decimals, kept as text "1234.50": exact, never a binary float.
    static func money(_ raw: String, field: String, label: Text) throws -> String {
        let bad = AppError.validation(field, Text(label.zh + "应为金额，最多两位小数，如 128.50", label.en + " must be an amount with at most two decimals, e.g. 128.50"))
        guard let v = FrontDeskMoney.normalised(raw) else { throw bad }
        return v
    }

    /// The register's own fields, checked and normalised; `ref` comes back apart (it has a column of its own).
    static func fields(_ r: FrontDeskRegister, _ body: FrontDeskBody) throws -> (values: [String: String], ref: String?) {
        var values: [String: String] = [:]
        var ref: String?
        for f in r.fields {
            let label = FrontDeskLabels.field(r, f.key)
            let raw = TextRules.trimmed(body[f.key])
            if raw == nil {
                if f.required { throw AppError.validation(f.key, Text("请填写" + label.zh, label.en + " is required")) }
                continue
            }
            let t = raw!
            let value: String
            switch f.kind {
            case .text, .longText:
                value = try text(t, field: f.key, label: label, max: f.maxLength, required: f.required)!
            case .day:
                guard let d = UsualInput.day(t) else { throw AppError.validation(f.key, Text(label.zh + "应为日期，如 2026-10-20", label.en + " must be a date, e.g. 2026-10-20")) }
                value = d.iso
            case .count:
                value = String(try count(t, field: f.key, label: label, required: f.required)!)
            case .money:
                value = try money(t, field: f.key, label: label)
            case .choice(let allowed):
                guard allowed.contains(t) else {
                    throw AppError.validation(f.key, Text(label.zh + "的取值必须是：" + allowed.joined(separator: ", "), label.en + " must be one of: " + allowed.joined(separator: ", ")))
                }
                value = t
            }
            if f.key == "ref" { ref = value } else { values[f.key] = value }
        }
        return (values, ref)
    }

    /// The desk a write is for (`orgUnitId`, default the caller's unit), in the caller's unit and below (403 otherwise).
    static func deskUnit(_ db: any SQLDatabase, _ body: FrontDeskBody, actor: Principal) async throws -> (id: String, path: String) {
        let unitId = TextRules.trimmed(body["orgUnitId"]) ?? actor.orgUnitId
        guard let unitPath = try await OrgQueries.unitPath(db, unitId: unitId) else {
            throw AppError.validation("orgUnitId", Text("没有这个组织单位", "No such org unit"))
        }
        guard FrontDeskRules.mayWork(roles: actor.roles, userPath: actor.orgPath, recordPath: unitPath) else {
            throw AppError.forbidden(Text("您只能为本单位及下级单位登记", "You record for your unit and below only"))
        }
        return (unitId, unitPath)
    }

    // MARK: record

    /// Writes a register entry (and, for a gift hand-out, takes the pieces out of the desk's stock in the same transaction).
    public func record(_ body: FrontDeskBody, by actor: Principal, now date: Date = Date()) async throws -> FrontDeskRecordView {
        try FrontDeskQueries.requireWorker(actor)
        let register = try Self.register(body["register"])
        let person = try Self.text(body["personName"], field: "personName", label: FrontDeskLabels.person(register), required: true)!
        let phone = try Self.text(body["personPhone"], field: "personPhone", label: Text("联系电话", "Phone"), max: 40, required: register.phoneRequired) ?? ""
        let summary = try Self.text(body["summary"], field: "summary", label: FrontDeskLabels.summary(register), max: 200, required: true)!
        let (values, ref) = try Self.fields(register, body)
        let now = FrontDeskNow(date)
        return try await store.write { db in
            let (unitId, unitPath) = try await Self.deskUnit(db, body, actor: actor)
            try await features.requireOn(.frontDesk, unitId: unitId, in: db) // #14 item 6
            let refKey = ref.map(FrontDeskRules.normalisedRef)
            if register == .bagStorage, let key = refKey {
                // FRD-05: a tag is handed out once until its bag is retrieved.
                let inUse = try await db.raw("""
                    SELECT number FROM front_desk_records WHERE register = 'bag_storage' AND ref_key = \(bind: key) AND status = 'stored' AND org_unit_id = \(bind: unitId)
                    """).first()
                if let n = try inUse?.decode(column: "number", as: String.self) {
                    throw AppError(.conflict, "tag_in_use", Text("寄存牌 \(ref!) 尚未取回（\(n)），请换一个寄存牌", "Tag \(ref!) is still out (\(n)): hand out another tag"),
                                   details: ["field": "ref"])
                }
            }
            let id = Clock.newID()
            let number = try await Self.nextNumber(db, register, day: now.day)
            if register == .giftHandout {
                try await Self.takeGifts(db, unitId: unitId, gift: summary, quantity: Int(values["quantity"] ?? "") ?? 0, recordId: id, note: number, by: actor, at: now.millis)
            }
            try await db.raw("""
                INSERT INTO front_desk_records (id, number, register, org_unit_id, org_path, status, person_name, person_phone, summary, ref, ref_key, fields,
                    recorded_on, recorded_at, recorded_by, updated_at)
                VALUES (\(bind: id), \(bind: number), \(bind: register.rawValue), \(bind: unitId), \(bind: unitPath), \(bind: register.initialStatus.rawValue),
                    \(bind: person), \(bind: TextRules.phoneKey(phone) ?? phone), \(bind: summary), \(bind: ref), \(bind: refKey), \(bind: FrontDeskRecordView.json(values)),
                    \(bind: now.day.iso), \(bind: now.millis), \(bind: actor.userId), \(bind: now.millis))
                """).run()
            var detail = ["number": number, "register": register.rawValue, "summary": summary]
            if let ref { detail["ref"] = ref }
            if let d = values["noticeDepartment"] { detail["noticeDepartment"] = d }
            try await AuditTrail.record(db, actorId: actor.userId, action: "record", entity: Self.entity, entityId: id, detail: detail, at: now.millis)
            return try await FrontDeskQueries.view(db, id: id, viewer: actor, now: now)
        }
    }

    // MARK: steps

    /// Claim (FRD-03), hand over (FRD-03, after the holding period), retrieve (FRD-05, with the tag's number), issue
    /// the card (FRD-06).
    public func step(_ step: FrontDeskStep, id: String, _ body: FrontDeskBody, by actor: Principal, now date: Date = Date()) async throws -> FrontDeskRecordView {
        try FrontDeskQueries.requireWorker(actor)
        let now = FrontDeskNow(date)
        return try await store.write { db in
            let r = try await FrontDeskQueries.view(db, id: id, viewer: actor, now: now)
            guard let next = FrontDeskRules.next(r.register, r.status, step) else {
                throw AppError.conflict("invalid_state", Text("该登记处于“\(FrontDeskLabels.status(r.status).zh)”，不能\(FrontDeskLabels.step(step).zh)",
                                                              "The record is \(FrontDeskLabels.status(r.status).en.lowercased()): cannot \(FrontDeskLabels.step(step).en.lowercased())"))
            }
            var closerName: String?, closerPhone: String?
            var facts: [String: String] = [:]
            switch step {
            case .claim:
                closerName = try Self.text(body["claimantName"], field: "claimantName", label: Text("认领人", "Claimant"), required: true)
                closerPhone = try Self.text(body["claimantPhone"], field: "claimantPhone", label: Text("认领人电话", "Claimant's phone"), max: 40, required: true)
                let idType = try Self.text(body["idType"], field: "idType", label: FrontDeskLabels.closeField("idType"), max: 40, required: false) ?? "id_card"
                let idNumber = try Self.text(body["idNumber"], field: "idNumber", label: FrontDeskLabels.closeField("idNumber"), max: 40, required: false)
                let checked = ["true", "1", "on", "yes"].contains(body["idChecked"]?.lowercased() ?? "")
                switch LostPropertyRules.claimProblem(idChecked: checked, idNumber: idNumber) {
                case .idNotChecked?:
                    throw AppError(.unprocessableContent, "id_not_checked", Text("认领须核验认领人的有效证件（FRD-03）：请核验后勾选", "A claim needs the claimant's ID checked (FRD-03): check it and tick the box"),
                                   details: ["field": "idChecked"])
                case .idNumberMissing?:
                    throw AppError(.unprocessableContent, "id_number_required", Text("请登记认领人的证件号码", "Record the claimant's ID number"), details: ["field": "idNumber"])
                case nil: break
                }
                facts = ["idType": idType, "idNumber": idNumber!, "idChecked": "true"]
            case .handOver:
                let foundOn = r.fields["foundOn"].flatMap(CivilDay.init(iso:)) ?? CivilDay(iso: r.recordedOn) ?? now.day
                guard LostPropertyRules.mayHandOver(foundOn: foundOn, today: now.day) else {
                    let from = LostPropertyRules.handOverFrom(foundOn: foundOn).iso
                    throw AppError.conflict("holding_period", Text("失物须保管 \(LostPropertyRules.holdDays) 天，\(from) 起无人认领方可移交",
                                                                   "Lost property is kept \(LostPropertyRules.holdDays) days: it may be handed over from \(from) if unclaimed"))
                }
                closerName = try Self.text(body["receivedBy"], field: "receivedBy", label: FrontDeskLabels.closeField("receivedBy"), required: true)
                if let note = try Self.text(body["note"], field: "note", label: Text("说明", "Note"), max: 500, required: false) { facts["note"] = note }
            case .retrieve:
                let presented = try Self.text(body["ticketNumber"], field: "ticketNumber", label: FrontDeskLabels.closeField("ticketNumber"), max: 40, required: true)!
                guard BagStorageRules.tagMatches(handedOut: r.ref ?? "", presented: presented) else {
                    throw AppError(.unprocessableContent, "ticket_mismatch", Text("寄存牌号不符，不能取件（FRD-05）", "The tag number does not match: the bag cannot be handed out (FRD-05)"),
                                   details: ["field": "ticketNumber"])
                }
                closerName = try Self.text(body["collectorName"], field: "collectorName", label: Text("取件人", "Collected by"), required: false) ?? r.personName
                facts["ticketNumber"] = presented
            case .issueCard:
                facts["cardNumber"] = try Self.text(body["cardNumber"], field: "cardNumber", label: FrontDeskLabels.closeField("cardNumber"), max: 40, required: true)!
                closerName = r.personName
            }
            let changed = try await db.raw("""
                UPDATE front_desk_records SET status = \(bind: next.rawValue), closer_name = \(bind: closerName), closer_phone = \(bind: closerPhone.map { TextRules.phoneKey($0) ?? $0 }),
                    close_fields = \(bind: FrontDeskRecordView.json(facts)), closed_at = \(bind: now.millis), closed_by = \(bind: actor.userId), updated_at = \(bind: now.millis)
                WHERE id = \(bind: id) AND status = \(bind: r.status.rawValue) RETURNING id
                """).first()
            guard changed != nil else { throw AppError.conflict("invalid_state", Text("该登记刚刚已被办理", "This record was moved on a moment ago")) }
            var detail = facts
            detail["status"] = next.rawValue
            if let closerName { detail["closer"] = closerName }
            try await AuditTrail.record(db, actorId: actor.userId, action: step.rawValue, entity: Self.entity, entityId: id, detail: detail, at: now.millis)
            return try await FrontDeskQueries.view(db, id: id, viewer: actor, now: now)
        }
    }

    // MARK: gifts (FRD-04)

    /// Pieces into the desk's gift stock (a delivery from marketing), written to the ledger.
    public func receiveGifts(_ body: FrontDeskBody, by actor: Principal, now date: Date = Date()) async throws -> GiftStockView {
        try FrontDeskQueries.requireWorker(actor)
        let gift = try Self.text(body["gift"], field: "gift", label: Text("赠品", "Gift"), required: true)!
        let quantity = try Self.count(body["quantity"], field: "quantity", label: Text("数量", "Quantity"), required: true)!
        let note = try Self.text(body["note"], field: "note", label: Text("说明", "Note"), max: 500, required: false)
        let at = Clock.millis(date)
        return try await store.write { db in
            let (unitId, unitPath) = try await Self.deskUnit(db, body, actor: actor)
            try await features.requireOn(.frontDesk, unitId: unitId, in: db) // #14 item 6
            let row = try await db.raw("""
                INSERT INTO front_desk_gift_stock (org_unit_id, gift, org_path, balance, updated_at) VALUES (\(bind: unitId), \(bind: gift), \(bind: unitPath), \(bind: quantity), \(bind: at))
                ON CONFLICT (org_unit_id, gift) DO UPDATE SET balance = front_desk_gift_stock.balance + excluded.balance, updated_at = excluded.updated_at
                RETURNING balance
                """).first()
            let balance = try row?.decode(column: "balance", as: Int.self) ?? quantity
            let moveId = Clock.newID()
            try await db.raw("""
                INSERT INTO front_desk_gift_moves (id, org_unit_id, gift, quantity, record_id, note, moved_at, moved_by)
                VALUES (\(bind: moveId), \(bind: unitId), \(bind: gift), \(bind: quantity), NULL, \(bind: note), \(bind: at), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "gift_receipt", entity: "front_desk_gift", entityId: moveId,
                                        detail: ["gift": gift, "quantity": String(quantity), "balance": String(balance)], at: at)
            return GiftStockView(orgUnitId: unitId, gift: gift, balance: balance, unitName: "")
        }
    }

    /// Takes pieces out of the stock for a hand-out; refused (409) when the stock does not cover them: never negative.
    static func takeGifts(_ db: any SQLDatabase, unitId: String, gift: String, quantity: Int, recordId: String, note: String, by actor: Principal, at: Int64) async throws {
        let balance = try await db.raw("SELECT balance FROM front_desk_gift_stock WHERE org_unit_id = \(bind: unitId) AND gift = \(bind: gift)").first()?
            .decode(column: "balance", as: Int.self) ?? 0
        guard GiftStockRules.balanceAfterHandout(balance: balance, quantity: quantity) != nil,
              try await db.raw("""
                UPDATE front_desk_gift_stock SET balance = balance - \(bind: quantity), updated_at = \(bind: at)
                WHERE org_unit_id = \(bind: unitId) AND gift = \(bind: gift) AND balance >= \(bind: quantity) RETURNING balance
                """).first() != nil else {
            throw AppError(.conflict, "insufficient_stock", Text("赠品“\(gift)”库存 \(balance) 件，不足 \(quantity) 件（FRD-04）",
                                                                 "Only \(balance) of the gift \"\(gift)\" in stock, fewer than \(quantity) (FRD-04)"),
                           details: ["field": "quantity"])
        }
        try await db.raw("""
            INSERT INTO front_desk_gift_moves (id, org_unit_id, gift, quantity, record_id, note, moved_at, moved_by)
            VALUES (\(bind: Clock.newID()), \(bind: unitId), \(bind: gift), \(bind: -quantity), \(bind: recordId), \(bind: note), \(bind: at), \(bind: actor.userId))
            """).run()
    }

    // MARK: reads

    public func get(id: String, viewer: Principal, now: Date = Date()) async throws -> FrontDeskRecordView {
        try FrontDeskQueries.requireWorker(viewer)
        return try await store.read { db in try await FrontDeskQueries.view(db, id: id, viewer: viewer, now: FrontDeskNow(now)) }
    }

    public func list(_ query: [String: String], paging: Paging, viewer: Principal, now: Date = Date()) async throws -> ListPage<FrontDeskRecordView> {
        try FrontDeskQueries.requireWorker(viewer)
        let filter = try FrontDeskQueries.Filter.parse(query)
        return try await store.read { db in try await FrontDeskQueries.list(db, filter, paging: paging, viewer: viewer, now: FrontDeskNow(now)) }
    }

    public func giftStock(viewer: Principal) async throws -> [GiftStockView] {
        try FrontDeskQueries.requireWorker(viewer)
        return try await store.read { db in try await FrontDeskQueries.giftStock(db, viewer: viewer) }
    }
}

extension FrontDeskService {
    /// FRD-04: one gift's ledger at one desk, one read.
    public func giftLedger(unitId: String?, gift: String?, paging: Paging, viewer: Principal) async throws -> GiftLedgerModel {
        try FrontDeskQueries.requireWorker(viewer)
        guard let unitId = TextRules.trimmed(unitId) else { throw AppError.validation("orgUnitId", Text("请指定服务台", "Name the desk")) }
        guard let gift = TextRules.trimmed(gift) else { throw AppError.validation("gift", Text("请指定赠品", "Name the gift")) }
        return try await store.read { db in try await GiftLedgerQueries.ledger(db, unitId: unitId, gift: gift, paging: paging, viewer: viewer) }
    }

    /// The record page's model: the record and its photos in one read.
    public func recordPage(id: String, viewer: Principal, now: Date = Date()) async throws -> FrontDeskRecordPageModel {
        try FrontDeskQueries.requireWorker(viewer)
        return try await store.read { db in
            let record = try await FrontDeskQueries.view(db, id: id, viewer: viewer, now: FrontDeskNow(now))
            let photos = FrontDeskPhotoRule.takesPhotos(record.register)
                ? try await Attachments.list(db, ownerKind: FrontDeskAttachments.ownerKind, ownerId: id) : []
            return FrontDeskRecordPageModel(record: record, photos: photos, canAddPhotos: FrontDeskPhotoRule.mayAddPhoto(record.register, record.status))
        }
    }
}
