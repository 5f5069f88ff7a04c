import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// RPT-11: a transfer whose out side is audited (the goods left) and whose in side is not yet (not received), with its age.
public struct TransferInTransitView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let date: String
    public let fromWarehouseId: String
    public let fromWarehouseName: String
    public let toWarehouseId: String
    public let toWarehouseName: String
    public let crossDepartment: Bool
    public let outDocumentId: String
    public let inDocumentId: String
    public let outAuditedAt: String
    /// Whole days since the out side was audited (0 on that day).
    public let ageDays: Int
    public let shippingListRef: String?
    public let deliveryNoteRef: String?
    public let packingListRef: String?
}

/// TRF-05, RPT-06: a negotiated cross-department transfer of the month, for the paper sent to the HQ planning office.
public struct NegotiatedTransferView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let date: String
    public let fromWarehouseName: String
    public let toWarehouseName: String
    public let status: String
    public let remark: String
    public let lines: [DocumentLineView]
}

public struct NegotiatedTransferReport: Encodable, Sendable {
    public let month: String
    public let transfers: [NegotiatedTransferView]
}

/// Reads over transfers for #13.2 (RPT-11, TRF-05/RPT-06) and TRF-10's shipping papers, in the viewer's scope (D16).
public struct TransferReports: Sendable {
    let store: any Store

    static func scope(_ viewer: Principal, alias t: String = "t") -> SQLQueryString? {
        guard !MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) else { return nil }
        let like = viewer.orgPath + "%"
        return """
            (\(unsafeRaw: t).from_warehouse_id IN (SELECT id FROM warehouses WHERE org_path LIKE \(bind: like))
             OR \(unsafeRaw: t).to_warehouse_id IN (SELECT id FROM warehouses WHERE org_path LIKE \(bind: like)))
            """
    }

    // MARK: RPT-11

    public func inTransit(paging: Paging, viewer: Principal, now: Date = Date()) async throws -> ListPage<TransferInTransitView> {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await Self.inTransit(db, paging: paging, viewer: viewer, now: now) }
    }

    static func inTransit(_ db: any SQLDatabase, paging: Paging, viewer: Principal, now: Date) async throws -> ListPage<TransferInTransitView> {
        var conditions: [SQLQueryString] = ["t.status = 'audited'", "o.status = 'audited'", "i.status = 'saved'"]
        if let s = scope(viewer) { conditions.append(s) }
        let whereClause = SQLList(conditions, separator: SQLRaw(" AND "))
        let from: SQLQueryString = """
            FROM transfers t JOIN stock_documents o ON o.id = t.out_document_id JOIN stock_documents i ON i.id = t.in_document_id
            JOIN warehouses fw ON fw.id = t.from_warehouse_id JOIN warehouses tw ON tw.id = t.to_warehouse_id
            LEFT JOIN transfer_shipping_papers p ON p.transfer_id = t.id
            """
        let total = try await db.raw("SELECT COUNT(*) AS n \(from) WHERE \(whereClause)").first()?.decode(column: "n", as: Int.self) ?? 0
        let today = Times.day(now)
        let rows = try await db.raw("""
            SELECT t.id, t.number, t.doc_date, t.cross_dept, t.from_warehouse_id, t.to_warehouse_id, fw.name AS from_name, tw.name AS to_name,
                t.out_document_id, t.in_document_id, o.audited_at AS out_audited_at, p.shipping_list_ref, p.delivery_note_ref, p.packing_list_ref
            \(from) WHERE \(whereClause) ORDER BY o.audited_at, t.id LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map { row -> TransferInTransitView in
            let audited = try row.decode(column: "out_audited_at", as: Int64?.self) ?? 0
            return TransferInTransitView(
                id: try row.decode(column: "id", as: String.self), number: try row.decode(column: "number", as: String.self),
                date: try row.decode(column: "doc_date", as: String.self),
                fromWarehouseId: try row.decode(column: "from_warehouse_id", as: String.self), fromWarehouseName: try row.decode(column: "from_name", as: String.self),
                toWarehouseId: try row.decode(column: "to_warehouse_id", as: String.self), toWarehouseName: try row.decode(column: "to_name", as: String.self),
                crossDepartment: try row.decode(column: "cross_dept", as: Int.self) == 1,
                outDocumentId: try row.decode(column: "out_document_id", as: String.self), inDocumentId: try row.decode(column: "in_document_id", as: String.self),
                outAuditedAt: Times.rfc3339(audited),
                ageDays: TransferReportRules.ageInDays(outAuditedOn: Times.day(Date(timeIntervalSince1970: Double(audited) / 1000)), today: today),
                shippingListRef: try row.decode(column: "shipping_list_ref", as: String?.self),
                deliveryNoteRef: try row.decode(column: "delivery_note_ref", as: String?.self),
                packingListRef: try row.decode(column: "packing_list_ref", as: String?.self))
        }
        return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
    }

    // MARK: TRF-05, RPT-06

    public func negotiated(month raw: String?, viewer: Principal, now: Date = Date()) async throws -> NegotiatedTransferReport {
        try MaterialAccess.requireViewer(viewer)
        let month = TextRules.trimmed(raw) ?? String(MaterialValidation.today(now).prefix(7))
        guard let range = TransferReportRules.monthRange(month) else {
            throw AppError.validation("month", Text("月份格式应为 YYYY-MM", "The month must be YYYY-MM"))
        }
        return try await store.read { db in
            var conditions: [SQLQueryString] = ["t.cross_dept = 1", "t.doc_date >= \(bind: range.first.iso)", "t.doc_date <= \(bind: range.last.iso)"]
            if let s = Self.scope(viewer) { conditions.append(s) }
            let rows = try await db.raw("""
                SELECT t.id, t.number, t.doc_date, t.status, t.remark, fw.name AS from_name, tw.name AS to_name
                FROM transfers t JOIN warehouses fw ON fw.id = t.from_warehouse_id JOIN warehouses tw ON tw.id = t.to_warehouse_id
                WHERE \(SQLList(conditions, separator: SQLRaw(" AND "))) ORDER BY t.doc_date, t.number
                """).all()
            var transfers: [NegotiatedTransferView] = []
            for row in rows {
                let remark = try row.decode(column: "remark", as: String.self)
                guard TransferReportRules.isNegotiated(crossDepartment: true, remark: remark) else { continue }
                let id = try row.decode(column: "id", as: String.self)
                transfers.append(NegotiatedTransferView(
                    id: id, number: try row.decode(column: "number", as: String.self), date: try row.decode(column: "doc_date", as: String.self),
                    fromWarehouseName: try row.decode(column: "from_name", as: String.self), toWarehouseName: try row.decode(column: "to_name", as: String.self),
                    status: try row.decode(column: "status", as: String.self), remark: remark,
                    lines: try await DocumentQueries.lines(db, table: "transfer_lines", key: "transfer_id", id: id)))
            }
            return NegotiatedTransferReport(month: month, transfers: transfers)
        }
    }

    // MARK: TRF-10

    public func shippingPapers(transferId: String, viewer: Principal) async throws -> ShippingPapersView {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            _ = try await TransferService.view(db, id: transferId, viewer: viewer)
            return try await Self.papers(db, transferId: transferId)
        }
    }

    static func papers(_ db: any SQLDatabase, transferId: String) async throws -> ShippingPapersView {
        guard let row = try await db.raw("""
            SELECT shipping_list_ref, delivery_note_ref, packing_list_ref, updated_by, updated_at FROM transfer_shipping_papers WHERE transfer_id = \(bind: transferId)
            """).first() else {
            return ShippingPapersView(transferId: transferId, shippingListRef: "", deliveryNoteRef: "", packingListRef: "", updatedBy: nil, updatedAt: nil)
        }
        return ShippingPapersView(transferId: transferId, shippingListRef: try row.decode(column: "shipping_list_ref", as: String.self),
                                  deliveryNoteRef: try row.decode(column: "delivery_note_ref", as: String.self),
                                  packingListRef: try row.decode(column: "packing_list_ref", as: String.self),
                                  updatedBy: try row.decode(column: "updated_by", as: String?.self),
                                  updatedAt: Times.rfc3339(try row.decode(column: "updated_at", as: Int64?.self)))
    }

    /// TRF-10: the shipping site records the papers its goods travel with (who keeps the shipping warehouse's documents).
    public func setShippingPapers(transferId: String, _ input: ShippingPapersInput, by actor: Principal, now: Date = Date()) async throws -> ShippingPapersView {
        let shipping = try MaterialValidation.text(input.shippingListRef, field: "shippingListRef", max: 100, required: false) ?? ""
        let delivery = try MaterialValidation.text(input.deliveryNoteRef, field: "deliveryNoteRef", max: 100, required: false) ?? ""
        let packing = try MaterialValidation.text(input.packingListRef, field: "packingListRef", max: 100, required: false) ?? ""
        guard !(shipping.isEmpty && delivery.isEmpty && packing.isEmpty) else {
            throw AppError.validation("shippingListRef", Text("请至少填写发货清单、送货单或装箱单之一", "Give at least the shipping list, the delivery note or the packing list"))
        }
        return try await store.write { db in
            guard let t = try await TransferService.row(db, id: transferId) else { throw AppError.notFound(Text("调拨单", "Transfer")) }
            let from = try await MasterDataService.requireWarehouse(db, id: t.fromWarehouseId, field: "fromWarehouseId")
            try MaterialAccess.requireViewer(actor)
            guard MaterialPermissions.canEditDocuments(actor.roles, covers: actor.covers(unitPath: from.orgPath)) else {
                throw AppError.forbidden(Text("发货单据由发货仓库的保管员或账务员登记（TRF-10）", "The shipping warehouse's keeper or accountant records the shipping papers (TRF-10)"))
            }
            let at = Clock.millis(now)
            try await db.raw("DELETE FROM transfer_shipping_papers WHERE transfer_id = \(bind: transferId)").run()
            try await db.raw("""
                INSERT INTO transfer_shipping_papers (transfer_id, shipping_list_ref, delivery_note_ref, packing_list_ref, updated_by, updated_at)
                VALUES (\(bind: transferId), \(bind: shipping), \(bind: delivery), \(bind: packing), \(bind: actor.userId), \(bind: at))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "shipping_papers", entity: "transfer", entityId: transferId,
                                        detail: ["number": t.number, "shippingList": shipping, "deliveryNote": delivery, "packingList": packing], at: at)
            return try await Self.papers(db, transferId: transferId)
        }
    }
}
