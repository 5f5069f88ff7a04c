import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #13.6: parts consumed per customer, turbine and fault type (the ticket's type: tickets carry no finer fault code)
/// over a period of document dates, in the viewer's scope: what was issued for tickets (saved and audited), and of it
/// what the accountant has audited (booked, D6). The API, the page and the CSV/XLSX export read this one model.
public struct TicketPartsReport: Encodable, Sendable {
    public struct Row: Encodable, Sendable {
        public let customer: String
        public let turbineNumber: String
        public let faultType: String
        public let itemCode: String
        public let itemName: String
        public let unit: String
        public let quantity: Quantity
        public let audited: Quantity
        public let tickets: Int
    }
    public let from: String
    public let to: String
    public let rows: ListPage<Row>
}

extension TicketPartsService {
    /// The most rows one export carries.
    static let exportLimit = 10_000

    public func report(_ query: [String: String], paging: Paging, viewer: Principal, now: Date = Date()) async throws -> TicketPartsReport {
        try MaterialAccess.requireViewer(viewer)
        let today = MaterialValidation.today(now)
        let from = try TextRules.trimmed(query["from"]).map { try MaterialValidation.date($0, now: now) } ?? String(today.prefix(8)) + "01"
        let to = try TextRules.trimmed(query["to"]).map { try MaterialValidation.date($0, now: now) } ?? today
        guard from <= to else { throw AppError.validation("to", Text("截止日期不能早于起始日期", "The end date cannot be before the start date")) }
        return try await store.read { db in
            var conditions: [SQLQueryString] = ["d.ticket_id IS NOT NULL", "d.direction = 'out'", "d.doc_date >= \(bind: from)", "d.doc_date <= \(bind: to)"]
            if !MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) { conditions.append("d.org_path LIKE \(bind: viewer.orgPath + "%")") }
            let whereClause = SQLList(conditions, separator: SQLRaw(" AND "))
            let grouped: SQLQueryString = """
                SELECT COALESCE(d.ticket_customer, '') AS customer, COALESCE(d.turbine_number, '') AS turbine, COALESCE(d.ticket_fault, '') AS fault, l.item_id,
                    CAST(SUM(l.quantity) AS BIGINT) AS quantity, CAST(SUM(CASE WHEN d.status = 'audited' THEN l.quantity ELSE 0 END) AS BIGINT) AS audited,
                    COUNT(DISTINCT d.ticket_id) AS tickets
                FROM stock_documents d JOIN stock_document_lines l ON l.document_id = d.id WHERE \(whereClause)
                GROUP BY COALESCE(d.ticket_customer, ''), COALESCE(d.turbine_number, ''), COALESCE(d.ticket_fault, ''), l.item_id
                """
            let total = try await db.raw("SELECT COUNT(*) AS n FROM (\(grouped)) g").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw("""
                SELECT g.customer, g.turbine, g.fault, i.code, i.name, i.unit, g.quantity, g.audited, g.tickets FROM (\(grouped)) g JOIN items i ON i.id = g.item_id
                ORDER BY g.customer, g.turbine, g.fault, i.code LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
                """).all().map { r in
                TicketPartsReport.Row(customer: try r.decode(column: "customer", as: String.self), turbineNumber: try r.decode(column: "turbine", as: String.self),
                                      faultType: try r.decode(column: "fault", as: String.self), itemCode: try r.decode(column: "code", as: String.self),
                                      itemName: try r.decode(column: "name", as: String.self), unit: try r.decode(column: "unit", as: String.self),
                                      quantity: Quantity(milli: try r.decode(column: "quantity", as: Int64.self)),
                                      audited: Quantity(milli: try r.decode(column: "audited", as: Int64.self)), tickets: try r.decode(column: "tickets", as: Int.self))
            }
            return TicketPartsReport(from: from, to: to, rows: ListPage(items: rows, page: paging.page, per: paging.per, total: total))
        }
    }

    /// A ticket type in words (the desk's labels, through the port).
    func faultLabel(_ raw: String) -> Text { raw.isEmpty ? Text("—", "—") : desk.faultLabel(raw) }
}

extension TicketPartsReport {
    func exportTable(_ l: AppLocale, fault: (String) -> Text) -> ExportTable {
        ExportTable(sheetName: Text("工单备件消耗", "Parts used on tickets")(l), columns: [
            .init(Text("客户", "Customer"), locale: l), .init(Text("风机号", "Turbine"), locale: l), .init(Text("故障类型", "Fault type"), locale: l),
            .init(Text("存货编码", "Item code"), locale: l), .init(Text("存货名称", "Item name"), locale: l), .init(Text("单位", "Unit"), locale: l),
            .init(Text("领用数量", "Quantity issued"), .number, locale: l), .init(Text("其中已审核", "Of which audited"), .number, locale: l),
            .init(Text("工单数", "Tickets"), .number, locale: l),
        ], rows: rows.items.map { r in
            [.text(r.customer), .text(r.turbineNumber), .text(fault(r.faultType)(l)), .text(r.itemCode), .text(r.itemName), .text(r.unit),
             .number(r.quantity.text), .number(r.audited.text), .number(String(r.tickets))]
        })
    }
}
