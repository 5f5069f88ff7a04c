import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// A photo of damage or a mismatch sent with the page's check (ARR-04).
public struct ArrivalPhoto: Sendable {
    public let fileName: String?
    public let bytes: [UInt8]
    public init(fileName: String?, bytes: [UInt8]) { self.fileName = fileName; self.bytes = bytes }
}

/// The receiving desk (到货验收, ARR-01..07, #13.2). Each step: permission, validation, one transaction, audit trail,
/// and those who must know are told (ARR-04 discrepancies, ARR-05 confirmation, ARR-06 late checks).
public struct ArrivalService: Sendable {
    let store: any Store
    var notifier: any HandOffNotifier
    var disk: AttachmentDisk?
    let calendar: any MaterialWorkCalendar

    static let numberPrefix = "DH"
    static let photoLabel = "damage"

    // MARK: reads

    static func row(_ db: any SQLDatabase, id: String, now: Int64, lock: String = "") async throws -> ArrivalView? {
        guard var a = try await db.raw("\(unsafeRaw: ArrivalView.select) WHERE a.id = \(bind: id)\(unsafeRaw: lock)").first().map({ try ArrivalView(row: $0, now: now) }) else {
            return nil
        }
        a.lines = try await db.raw("\(unsafeRaw: ArrivalLineView.select) WHERE l.arrival_id = \(bind: id) ORDER BY l.line_no").all().map(ArrivalLineView.init(row:))
        return a
    }

    /// D16: seen by those who see the warehouse's books; the production shipper sees what it must confirm (ARR-05).
    static func requireView(_ viewer: Principal, _ a: ArrivalView) throws {
        try MaterialAccess.requireViewer(viewer)
        let sees = MaterialPermissions.canView(viewer.roles, covers: viewer.covers(unitPath: a.orgPath))
            || (a.provisional && !viewer.roles.isDisjoint(with: ArrivalRules.confirmers))
        guard sees else { throw AppError.forbidden(Text("您不能查看该到货验收单", "You cannot see this arrival check")) }
    }

    static func require(_ db: any SQLDatabase, id: String, viewer: Principal, now: Int64) async throws -> ArrivalView {
        guard let a = try await row(db, id: id, now: now) else { throw AppError.notFound(Text("到货验收单", "Arrival check")) }
        try requireView(viewer, a)
        return a
    }

    public func arrival(id: String, viewer: Principal, now: Date = Date()) async throws -> ArrivalView {
        try await store.read { db in try await Self.require(db, id: id, viewer: viewer, now: Clock.millis(now)) }
    }

    // MARK: create

    struct Checked: Sendable {
        let warehouse: WarehouseView
        let source: ArrivalSource
        let requestId: String?
        let transferId: String?
        let supplierId: String?
        let lines: [(itemId: String, expected: Quantity, counted: Quantity, damaged: Bool, note: String)]
    }

    struct Typed: Sendable {
        let arrivedAt: Int64
        let deliveryNote: String
        let packingList: String
        let requestId: String?
        let transferId: String?
        let supplierId: String?
    }

    static func typed(_ input: ArrivalInput, now: Date) throws -> Typed {
        let requestId = try MaterialValidation.text(input.materialRequestId, field: "materialRequestId", max: 64, required: false)
        if let requestId, !requestId.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_".unicodeScalars.contains($0)) }) {
            throw AppError.validation("materialRequestId", Text("物资申请编号只能包含字母、数字和 - _", "A material request id holds only letters, digits, - and _"))
        }
        let transferId = TextRules.trimmed(input.transferId), supplierId = TextRules.trimmed(input.supplierId)
        if transferId != nil, supplierId != nil {
            throw AppError.validation("transferId", Text("到货来自调拨或供应商，只能选一个", "The goods come from a transfer or from a supplier, not both"))
        }
        if transferId == nil, supplierId == nil, requestId == nil {
            throw AppError.validation("source", Text("请注明到货来源：物资申请、调拨单或供应商", "Say where the goods come from: a material request, a transfer or a supplier"))
        }
        return Typed(arrivedAt: try arrivalTime(input.arrivedAt, now: now),
                     deliveryNote: try MaterialValidation.text(input.deliveryNoteRef, field: "deliveryNoteRef", max: 100, required: false) ?? "",
                     packingList: try MaterialValidation.text(input.packingListRef, field: "packingListRef", max: 100, required: false) ?? "",
                     requestId: requestId, transferId: transferId, supplierId: supplierId)
    }

    /// A day (taken at 09:00 local time, when a working day starts) or an RFC 3339 instant; not in the future.
    static func arrivalTime(_ raw: String?, now: Date) throws -> Int64 {
        guard let text = TextRules.trimmed(raw) else { return Clock.millis(now) }
        let millis: Int64
        if let instant = Times.parse(text) {
            millis = Clock.millis(instant)
        } else {
            guard let day = try? MaterialValidation.date(text, now: now), let d = CivilDay(iso: day) else {
                throw AppError.validation("arrivedAt", Text("到货时间格式应为 YYYY-MM-DD 或带时区的时间", "The arrival time must be YYYY-MM-DD or a time with its zone"))
            }
            // The day's 09:00, or now when that is still to come today (a check recorded early in the morning).
            let start = Int64(d.number) * 86_400_000 - Int64(Times.zone.secondsFromGMT()) * 1000
            millis = start <= Clock.millis(now) ? min(start + 9 * 3_600_000, Clock.millis(now)) : start
        }
        guard millis <= Clock.millis(now) + 3_600_000 else {
            throw AppError.validation("arrivedAt", Text("到货时间不能晚于现在", "The goods cannot arrive in the future"))
        }
        return millis
    }

    static func check(_ db: any SQLDatabase, _ input: ArrivalInput, _ t: Typed, actor: Principal, at: Int64) async throws -> Checked {
        let w = try await MasterDataService.requireActiveWarehouse(db, id: input.warehouseId, field: "warehouseId")
        try MaterialAccess.requireEdit(actor, w)
        // #13.1 item 1: the request (by id or number) waits for its goods at this warehouse's unit; its supplier and its
        // lines' quantities are the check's defaults.
        var request: MaterialRequestForArrival?
        if let reference = t.requestId {
            let r = try await MaterialRequestService.forArrival(db, reference: reference, viewer: actor, at: at)
            guard OrgPath.contains(r.orgPath, w.orgPath) || OrgPath.contains(w.orgPath, r.orgPath) else {
                throw AppError.validation("warehouseId", Text("内部联络单 {0} 的货物不是发往这个仓库所在单位的", "Material request {0} is not for this warehouse's unit").with(r.number))
            }
            request = r
        }
        let supplierId = t.supplierId ?? (t.transferId == nil ? request?.supplierId : nil)
        if t.transferId == nil, supplierId == nil {
            throw AppError.validation("supplierId", Text("请注明物资申请的货物由哪个供应商发来，或随哪张调拨单到达", "Name the supplier that shipped the request's goods, or the transfer they came with"))
        }
        var transferQuantities: [String: Quantity] = [:]
        if let transferId = t.transferId {
            guard let transfer = try await TransferService.row(db, id: transferId) else {
                throw AppError.validation("transferId", Text("没有这张调拨单", "No such transfer"))
            }
            guard transfer.toWarehouseId == w.id else {
                throw AppError.validation("transferId", Text("调拨单 {0} 不是调入本仓库的", "Transfer {0} does not go into this warehouse").with(transfer.number))
            }
            for l in try await DocumentQueries.lines(db, table: "transfer_lines", key: "transfer_id", id: transferId) {
                transferQuantities[l.itemId] = Quantity(milli: (transferQuantities[l.itemId]?.milli ?? 0) + l.quantity.milli)
            }
        }
        if let supplierId {
            guard let s = try await MasterDataService.supplier(db, id: supplierId) else {
                throw AppError.validation("supplierId", Text("供应商不存在", "The supplier does not exist"))
            }
            guard s.active else {
                throw AppError(.unprocessableContent, "deactivated", Text("供应商 {0} 已停用", "Supplier {0} is deactivated").with(s.code), details: ["field": "supplierId"])
            }
        }
        guard let raw = input.lines, !raw.isEmpty else { throw AppError.validation("lines", Text("请至少填写一行到货存货", "Add at least one line")) }
        guard raw.count <= MaterialValidation.maxLines else {
            throw AppError.validation("lines", Text("一张验收单最多 {0} 行", "An arrival check has at most {0} lines").with(String(MaterialValidation.maxLines)))
        }
        // Items by id or code, as on the documents (#11.3).
        let asLines = try raw.enumerated().map { i, l -> MaterialValidation.Line in
            let code = TextRules.trimmed(l.itemCode)
            guard let itemId = TextRules.trimmed(l.itemId) ?? code.map({ _ in "" }) else {
                throw AppError.validation("lines[\(i)].itemId", Text("第 {0} 行缺少存货", "Line {0} has no item").with(String(i + 1)))
            }
            guard let counted = l.countedQuantity else {
                throw AppError.validation("lines[\(i)].countedQuantity", Text("第 {0} 行缺少实收数量（先清点，再入库，ARR-01）", "Line {0} has no counted quantity (count first, then book, ARR-01)").with(String(i + 1)))
            }
            return MaterialValidation.Line(itemId: itemId, quantity: counted, remark: "", itemCode: code)
        }
        let resolved = try await StockDocumentService.resolveItems(db, asLines)
        try await StockDocumentService.requireItems(db, resolved.map(\.itemId))
        var requestQuantities: [String: Quantity] = [:]
        for l in request?.lines ?? [] { requestQuantities[l.itemId] = Quantity(milli: (requestQuantities[l.itemId]?.milli ?? 0) + l.quantity.milli) }
        var lines: [(itemId: String, expected: Quantity, counted: Quantity, damaged: Bool, note: String)] = []
        for (i, l) in raw.enumerated() {
            let itemId = resolved[i].itemId
            guard let expected = l.expectedQuantity ?? transferQuantities[itemId] ?? requestQuantities[itemId] else {
                throw AppError.validation("lines[\(i)].expectedQuantity", Text("第 {0} 行缺少应收数量（送货单或装箱单上的数量）", "Line {0} has no expected quantity (as on the delivery note or packing list)").with(String(i + 1)))
            }
            let note = try MaterialValidation.text(l.note, field: "lines[\(i)].note", max: 500, required: false) ?? ""
            lines.append((itemId, expected, resolved[i].quantity, l.damaged ?? false, note))
        }
        if let v = ArrivalRules.validateLines(lines.map { ($0.expected, $0.counted) }) {
            switch v {
            case .badQuantity(let n):
                throw AppError(.unprocessableContent, "quantity_invalid", Text("第 {0} 行：数量不能为负，且应收和实收不能都为零", "Line {0}: quantities are not negative and a line expects or counts something").with(String(n)),
                               details: ["field": "lines[\(n - 1)].countedQuantity"])
            default:
                throw AppError.validation("lines", Text("请至少填写一行到货存货", "Add at least one line"))
            }
        }
        let source: ArrivalSource = t.requestId != nil ? .materialRequest : (t.transferId != nil ? .transfer : .supplier)
        return Checked(warehouse: w, source: source, requestId: request?.id, transferId: t.transferId, supplierId: supplierId, lines: lines)
    }

    public func create(_ input: ArrivalInput, photos: [ArrivalPhoto] = [], by actor: Principal, now: Date = Date()) async throws -> ArrivalView {
        let t = try Self.typed(input, now: now)
        var checkedPhotos: [(ArrivalPhoto, AttachmentType)] = []
        for photo in photos {
            let type = try Attachments.checked(photo.bytes, field: "photos")
            guard type.isImage else { throw AppError.validation("photos", Text("请上传照片（JPEG、PNG 或 WebP）", "Send a photo (JPEG, PNG or WebP)")) }
            checkedPhotos.append((photo, type))
        }
        let disk = self.disk
        if !checkedPhotos.isEmpty, disk == nil {
            throw AppError(.serviceUnavailable, "attachments_unavailable", Text("附件存储不可用", "File storage is not available"))
        }
        let calendar = try await self.calendar.workCalendar(now: now)
        let handOffs = ArrivalHandOffs(notifier: notifier)
        let files = checkedPhotos
        return try await store.write { db in
            let at = Clock.millis(now)
            let c = try await Self.check(db, input, t, actor: actor, at: at)
            let id = Clock.newID()
            let arrivedDay = calendar.day(of: t.arrivedAt)
            let number = try await StockDocumentService.nextNumber(db, prefix: Self.numberPrefix, date: arrivedDay.iso)
            let due = ArrivalRules.dueAt(arrivedAt: t.arrivedAt, calendar: calendar)
            let provisional = !ArrivalRules.hasPapers(deliveryNoteRef: t.deliveryNote, packingListRef: t.packingList)
            let discrepancy = ArrivalRules.needsReport(c.lines.map { ($0.expected, $0.counted, $0.damaged) })
            try await db.raw("""
                INSERT INTO arrivals (id, number, warehouse_id, org_path, source_kind, material_request_id, transfer_id, supplier_id, arrived_at, check_due_at,
                    delivery_note_ref, packing_list_ref, provisional, has_discrepancy, status, created_by, created_at, updated_at)
                VALUES (\(bind: id), \(bind: number), \(bind: c.warehouse.id), \(bind: c.warehouse.orgPath), \(bind: c.source.rawValue), \(bind: c.requestId),
                    \(bind: c.transferId), \(bind: c.supplierId), \(bind: t.arrivedAt), \(bind: due), \(bind: t.deliveryNote), \(bind: t.packingList),
                    \(bind: provisional ? 1 : 0), \(bind: discrepancy ? 1 : 0), \(bind: ArrivalStatus.checking.rawValue), \(bind: actor.userId), \(bind: at), \(bind: at))
                """).run()
            let values = SQLList(c.lines.enumerated().map { i, l in
                SQLQueryString("(\(bind: id), \(bind: i + 1), \(bind: l.itemId), \(bind: l.expected.milli), \(bind: l.counted.milli), \(bind: l.damaged ? 1 : 0), \(bind: l.note))")
            })
            try await db.raw("INSERT INTO arrival_lines (arrival_id, line_no, item_id, expected_quantity, counted_quantity, damaged, note) VALUES \(values)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "arrival", entityId: id,
                                        detail: ["number": number, "source": c.source.rawValue, "provisional": provisional ? "yes" : "no"], at: at)
            if let disk {
                for (photo, type) in files {
                    _ = try await Attachments.insert(db, disk: disk, ownerKind: ArrivalAttachments.ownerKind, ownerId: id, label: Self.photoLabel,
                                                     fileName: photo.fileName, bytes: photo.bytes, type: type, actorId: actor.userId, at: at)
                }
            }
            let view = try await Self.row(db, id: id, now: at)!
            if discrepancy { try await handOffs.discrepancy(db, view, by: actor, at: at) }
            if provisional { try await handOffs.awaitingConfirmation(db, view, by: actor, at: at) }
            if at > due { try await Self.reportLate(db, handOffs, view, by: actor, at: at) }
            return view
        }
    }

    // MARK: steps

    /// ARR-05: the production warehouse's shipper confirms goods that came without papers; who and when is kept.
    public func confirm(id: String, _ input: ArrivalConfirmation, by actor: Principal, now: Date = Date()) async throws -> ArrivalView {
        let note = try MaterialValidation.text(input.note, field: "note", max: 500, required: false)
        let dialect = store.dialect
        let handOffs = ArrivalHandOffs(notifier: notifier)
        return try await store.write { db in
            let at = Clock.millis(now)
            // The shipper ships to every site: its confirmation is not limited to a unit (decision #13.2).
            guard !actor.roles.isDisjoint(with: ArrivalRules.confirmers) else {
                throw AppError.forbidden(Text("无随货单据的到货只能由生产库发货人确认（ARR-05）", "Only the production warehouse's shipper confirms goods without papers (ARR-05)"))
            }
            guard try await db.raw("SELECT id FROM arrivals WHERE id = \(bind: id)\(unsafeRaw: dialect.rowLock())").first() != nil,
                  let a = try await Self.row(db, id: id, now: at) else {
                throw AppError.notFound(Text("到货验收单", "Arrival check"))
            }
            if let v = ArrivalRules.mayConfirm(status: a.statusValue, provisional: a.provisional, confirmed: a.confirmedBy != nil) { throw Self.refusal(v) }
            try await db.raw("""
                UPDATE arrivals SET confirmed_by = \(bind: actor.userId), confirmed_at = \(bind: at), confirmation_note = \(bind: note), updated_at = \(bind: at)
                WHERE id = \(bind: id)
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "confirm", entity: "arrival", entityId: id, detail: ["number": a.number], at: at)
            let view = try await Self.row(db, id: id, now: at)!
            try await handOffs.confirmed(db, view, by: actor, at: at)
            return view
        }
    }

    /// ARR-01, ARR-03: completion drafts the receipt with the counted quantities (saved, not audited) and links it both
    /// ways (the arrival keeps the receipt; the receipt's remark names the arrival). A transfer's goods are received on
    /// the in document its audit generated (ARR-07), which the arrival links instead of drafting a second receipt.
    public func complete(id: String, by actor: Principal, now: Date = Date()) async throws -> ArrivalView {
        let dialect = store.dialect
        let handOffs = ArrivalHandOffs(notifier: notifier)
        let documentHandOffs = DocumentHandOffs(notifier: notifier)
        let notifier = self.notifier
        return try await store.write { db in
            let at = Clock.millis(now)
            let a = try await Self.locked(db, id: id, dialect: dialect, actor: actor, at: at)
            let w = try await MasterDataService.requireWarehouse(db, id: a.warehouseId, field: "warehouseId")
            try MaterialAccess.requireEdit(actor, w)
            if let v = ArrivalRules.mayComplete(status: a.statusValue, provisional: a.provisional, confirmed: a.confirmedBy != nil) { throw Self.refusal(v) }
            let receiptId: String
            if let transferId = a.transferId {
                guard let t = try await TransferService.row(db, id: transferId), let inId = t.inDocumentId else {
                    throw AppError.conflict("transfer_not_audited", Text("调拨单尚未审核，还没有调入单可以入库（TRF-07）", "The transfer is not audited, so there is no in document to receive on yet (TRF-07)"))
                }
                receiptId = inId
            } else {
                let received = a.lines.filter { $0.countedQuantity.isPositive }
                guard !received.isEmpty else {
                    throw AppError.conflict("nothing_received", Text("实收数量都为零，没有可入库的存货", "Nothing was counted in, so there is nothing to receive"))
                }
                var remark = "到货验收单 \(a.number)"
                if !a.deliveryNoteRef.isEmpty { remark += "；送货单 \(a.deliveryNoteRef)" }
                if !a.packingListRef.isEmpty { remark += "；装箱单 \(a.packingListRef)" }
                if let r = a.materialRequestId { remark += "；内部联络单 \(try await MaterialRequestService.number(db, id: r) ?? r)" }
                if a.provisional { remark += "；暂估入库（无随货单据，生产库发货人 \(a.confirmedByName ?? "") 已确认，ARR-05）" }
                let lines = received.map { MaterialValidation.Line(itemId: $0.itemId, quantity: $0.countedQuantity, remark: $0.note) }
                let checked = try await StockDocumentService.check(db, direction: .in, reason: .purchase, warehouse: w, lines: lines, supplierId: a.supplierId, approval: nil)
                receiptId = try await StockDocumentService.insert(db, direction: .in, reason: .purchase, warehouse: w, supplierId: a.supplierId,
                                                                  date: MaterialValidation.today(now), remark: remark, approval: nil, transferId: nil,
                                                                  lines: checked, actorId: actor.userId, at: at)
                let document = try await DocumentQueries.view(db, id: receiptId, viewer: actor)
                try await documentHandOffs.awaitingAudit(db, document, warehousePath: w.orgPath, by: actor, at: at)
            }
            try await db.raw("""
                UPDATE arrivals SET status = \(bind: ArrivalStatus.completed.rawValue), receipt_document_id = \(bind: receiptId), completed_by = \(bind: actor.userId),
                    completed_at = \(bind: at), updated_at = \(bind: at) WHERE id = \(bind: id)
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "complete", entity: "arrival", entityId: id,
                                        detail: ["number": a.number, "receipt": receiptId, "late": at > a.dueMillis ? "yes" : "no"], at: at)
            // 4.4: the site's arrival check closes the request it answers, in this transaction (#13.1 item 1).
            if let requestId = a.materialRequestId {
                try await MaterialRequestService.closeOnArrival(db, notifier, id: requestId, arrivalNumber: a.number, by: actor, at: at)
            }
            let view = try await Self.row(db, id: id, now: at)!
            if at > a.dueMillis { try await Self.reportLate(db, handOffs, view, by: actor, at: at) }
            return view
        }
    }

    static func locked(_ db: any SQLDatabase, id: String, dialect: StoreDialect, actor: Principal, at: Int64) async throws -> ArrivalView {
        guard try await db.raw("SELECT id FROM arrivals WHERE id = \(bind: id)\(unsafeRaw: dialect.rowLock())").first() != nil,
              let a = try await row(db, id: id, now: at) else {
            throw AppError.notFound(Text("到货验收单", "Arrival check"))
        }
        try requireView(actor, a)
        return a
    }

    static func refusal(_ v: ArrivalRules.Violation) -> AppError {
        switch v {
        case .alreadyCompleted:
            return AppError.conflict("arrival_completed", Text("到货验收已完成", "The arrival check is already completed"))
        case .awaitingConfirmation:
            return AppError.conflict("confirmation_required", Text("无随货单据的到货须经生产库发货人确认后才能暂估入库（ARR-05）",
                                                                 "Goods without papers are received provisionally only after the production warehouse's shipper confirms them (ARR-05)"))
        case .confirmationNotNeeded:
            return AppError.conflict("confirmation_not_needed", Text("该到货有随货单据或已确认，无需再确认", "This arrival has its papers or is already confirmed"))
        case .badQuantity, .noLines:
            return AppError.validation("lines", Text("请检查到货行", "Check the lines"))
        }
    }

    /// ARR-06: a check done (or recorded) after its due time is flagged to the site chief, once.
    @discardableResult
    static func reportLate(_ db: any SQLDatabase, _ handOffs: ArrivalHandOffs, _ a: ArrivalView, by actor: Principal?, at: Int64) async throws -> Bool {
        let claimed = try await db.raw("""
            UPDATE arrivals SET late_reported_at = \(bind: at) WHERE id = \(bind: a.id) AND late_reported_at IS NULL RETURNING id
            """).first()
        guard claimed != nil else { return false }
        try await handOffs.late(db, a, by: actor, at: at)
        return true
    }

    /// ARR-06, background pass: every open check past its due time not yet flagged is flagged to its site chief (a read
    /// first, so that a quiet round writes nothing).
    public func reportLateChecks(now: Date = Date()) async throws -> Int {
        let handOffs = ArrivalHandOffs(notifier: notifier)
        let at = Clock.millis(now)
        let ids = try await store.read { db in
            try await db.raw("""
                SELECT id FROM arrivals WHERE status = \(bind: ArrivalStatus.checking.rawValue) AND check_due_at < \(bind: at) AND late_reported_at IS NULL
                ORDER BY check_due_at LIMIT 500
                """).all().map { try $0.decode(column: "id", as: String.self) }
        }
        guard !ids.isEmpty else { return 0 }
        return try await store.write { db in
            var told = 0
            for id in ids {
                guard let a = try await Self.row(db, id: id, now: at) else { continue }
                if try await Self.reportLate(db, handOffs, a, by: nil, at: at) { told += 1 }
            }
            return told
        }
    }

    /// For the background passes of the composition root (ARR-06): an arrival service that only flags late checks.
    public static func lateCheckReporter(store: any Store, notifier: any HandOffNotifier, calendar: any MaterialWorkCalendar) -> ArrivalService {
        ArrivalService(store: store, notifier: notifier, disk: nil, calendar: calendar)
    }
}
