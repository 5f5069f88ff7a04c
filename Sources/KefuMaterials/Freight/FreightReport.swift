import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// RPT-12: freight above the reference or needing an approval, by month and business department, with the
/// approvals and their outcome. The API, the page and the CSV/XLSX export read this one model.
public struct FreightExceptionReport: Encodable, Sendable {
    public struct Group: Encodable, Sendable {
        public let month: String
        public let departmentId: String
        public let departmentName: String
        public let count: Int
        public let cost: String
        /// Rented vehicles: how much the costs exceed their reference prices, summed.
        public let overReference: String
        public let approved: Int
        public let rejected: Int
        public let awaiting: Int
        public let notNeeded: Int
    }

    public let from: String?
    public let to: String?
    public let groups: [Group]
    /// The exceptions themselves, newest first, a page at a time.
    public let records: ListPage<FreightView>
}

extension FreightService {
    /// The most records one export carries.
    static let exportLimit = 10_000

    public func exceptionReport(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> FreightExceptionReport {
        try MaterialAccess.requireViewer(viewer)
        var parsed = try FreightQueries.Filter.parse(query)
        parsed.exceptionsOnly = true
        let filter = parsed
        return try await store.read { db in
            let whereClause = try await FreightQueries.conditions(db, filter, viewer: viewer)
            let groups = try await db.raw("""
                SELECT substr(f.shipped_on, 1, 7) AS month, f.dept_id, \(unsafeRaw: OrgQueries.unitNameSQL("f.dept_id")) AS dept_name, COUNT(*) AS n,
                    CAST(SUM(f.cost_fen) AS BIGINT) AS cost,
                    CAST(SUM(CASE WHEN f.reference_fen IS NOT NULL AND f.cost_fen > f.reference_fen THEN f.cost_fen - f.reference_fen ELSE 0 END) AS BIGINT) AS over_fen,
                    CAST(SUM(CASE WHEN f.status = 'approved' THEN 1 ELSE 0 END) AS BIGINT) AS approved,
                    CAST(SUM(CASE WHEN f.status = 'rejected' THEN 1 ELSE 0 END) AS BIGINT) AS rejected,
                    CAST(SUM(CASE WHEN f.status = 'awaiting_approval' THEN 1 ELSE 0 END) AS BIGINT) AS awaiting,
                    CAST(SUM(CASE WHEN f.status = 'not_needed' THEN 1 ELSE 0 END) AS BIGINT) AS not_needed
                FROM freight_records f \(whereClause)
                GROUP BY substr(f.shipped_on, 1, 7), f.dept_id ORDER BY month DESC, dept_name
                """).all().map { r in
                FreightExceptionReport.Group(
                    month: try r.decode(column: "month", as: String.self), departmentId: try r.decode(column: "dept_id", as: String.self),
                    departmentName: try r.decode(column: "dept_name", as: String?.self) ?? "—", count: try r.decode(column: "n", as: Int.self),
                    cost: Yuan.text(try r.decode(column: "cost", as: Int64?.self) ?? 0), overReference: Yuan.text(try r.decode(column: "over_fen", as: Int64?.self) ?? 0),
                    approved: try r.decode(column: "approved", as: Int?.self) ?? 0, rejected: try r.decode(column: "rejected", as: Int?.self) ?? 0,
                    awaiting: try r.decode(column: "awaiting", as: Int?.self) ?? 0, notNeeded: try r.decode(column: "not_needed", as: Int?.self) ?? 0)
            }
            return FreightExceptionReport(from: filter.from, to: filter.to, groups: groups,
                                          records: try await FreightQueries.list(db, filter, paging: paging, viewer: viewer))
        }
    }
}

/// RPT-12 as exported: one row per exception with its approval and outcome.
extension FreightExceptionReport {
    func exportTable(_ l: AppLocale) -> ExportTable {
        ExportTable(sheetName: Text("运费异常", "Freight exceptions")(l), columns: [
            .init(Text("月份", "Month"), locale: l), .init(Text("业务部", "Department"), locale: l), .init(Text("现场", "Site"), locale: l),
            .init(Text("编号", "Number"), locale: l), .init(Text("发货单号", "Shipment"), locale: l), .init(Text("发运日期", "Shipped on"), .date, locale: l),
            .init(Text("运输方式", "Mode"), locale: l), .init(Text("线路 · 车型", "Route · vehicle"), locale: l),
            .init(Text("参考价格", "Reference price"), .number, locale: l), .init(Text("运费", "Cost"), .number, locale: l),
            .init(Text("审批要求", "Approval needed"), locale: l), .init(Text("结果", "Outcome"), locale: l),
            .init(Text("审批人", "Decided by"), locale: l), .init(Text("审批时间", "Decided at"), locale: l), .init(Text("意见", "Comment"), locale: l),
        ], rows: records.items.map { r in
            [.text(String(r.shippedOn.prefix(7))), .text(r.departmentName), .text(r.unitName), .text(r.number), .text(r.shipmentRef), .date(r.shippedOn),
             .text(FreightLabels.mode(r.mode)(l)), .optionalText([r.route, r.vehicleType].compactMap { $0 }.joined(separator: " · ")),
             r.referencePrice.map { .number($0) } ?? .empty, .number(r.cost),
             .text(FreightLabels.approval(r.approvalNeeded)(l)), .text(FreightLabels.status(r.status)(l)),
             .optionalText(r.deciderName), .optionalText(r.decidedMillis.map { Times.display($0) }), .optionalText(r.decisionComment)]
        })
    }
}
