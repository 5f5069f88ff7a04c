import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// A returned survey form as customer service reads it (SAT-05).
public struct SurveyResponseView: Codable, Sendable {
    public struct Answer: Codable, Sendable { let item: String; let level: Int; @Nullable var comment: String? }
    let id: String
    let occasion: String
    @Nullable var customerName: String?
    @Nullable var ticketId: String?
    @Nullable var repairOrderId: String?
    let orgUnitId: String
    let overall: Int
    @Nullable var comment: String?
    @Nullable var complaintId: String?
    let submittedAt: Instant
    var answers: [Answer]
}

extension SurveyService {
    /// SAT-05: the returned forms, newest first, with their answers; `overall=1` finds the dissatisfied ones.
    public func responses(from rawFrom: String?, to rawTo: String?, overall rawOverall: String?, paging: Paging, viewer: Principal) async throws -> ListPage<SurveyResponseView> {
        try AftersalesAccess.require(viewer, .view)
        let from = try Periods.start(rawFrom, "from"), to = try Periods.end(rawTo, "to")
        let overall: Int? = try TextRules.trimmed(rawOverall).map { raw in
            guard let v = Int(raw), (1...5).contains(v) else { throw AppError.validation("overall", Text("overall 必须是 1 到 5", "overall must be 1 to 5")) }
            return v
        }
        return try await store.read { db in
            var conds: [SQLQueryString] = [AftersalesRecords.condition(viewer, path: "r.org_path")]
            if let from { conds.append("r.submitted_at >= \(bind: from)") }
            if let to { conds.append("r.submitted_at < \(bind: to)") }
            if let overall { conds.append("r.overall = \(bind: overall)") }
            let whereClause = SQLList(conds, separator: SQLRaw(" AND "))
            let total = try await db.raw("SELECT COUNT(*) AS n FROM survey_responses r WHERE \(whereClause)").first()!.decode(column: "n", as: Int.self)
            let rows = try await db.raw("""
                SELECT r.id, r.overall, r.comment, r.org_unit_id, r.complaint_id, r.submitted_at, i.occasion, i.customer_name, i.ticket_id, i.repair_order_id
                FROM survey_responses r JOIN survey_invitations i ON i.id = r.invitation_id WHERE \(whereClause)
                ORDER BY r.submitted_at DESC, r.id LIMIT \(literal: paging.per) OFFSET \(literal: paging.offset)
                """).all()
            var items = try rows.map { r in
                SurveyResponseView(id: try r.decode(column: "id", as: String.self), occasion: try r.decode(column: "occasion", as: String.self),
                                   customerName: try r.str("customer_name"), ticketId: try r.str("ticket_id"), repairOrderId: try r.str("repair_order_id"),
                                   orgUnitId: try r.decode(column: "org_unit_id", as: String.self), overall: try r.decode(column: "overall", as: Int.self),
                                   comment: try r.str("comment"), complaintId: try r.str("complaint_id"),
                                   submittedAt: Instant(millis: try r.decode(column: "submitted_at", as: Int64.self)), answers: [])
            }
            if !items.isEmpty {
                let ids = SQLList(items.map { SQLBind($0.id) })
                var answers: [String: [SurveyResponseView.Answer]] = [:]
                for a in try await db.raw("SELECT response_id, item, level, comment FROM survey_answers WHERE response_id IN (\(ids)) ORDER BY item").all() {
                    answers[try a.decode(column: "response_id", as: String.self), default: []].append(
                        .init(item: try a.decode(column: "item", as: String.self), level: try a.decode(column: "level", as: Int.self), comment: try a.str("comment")))
                }
                for i in items.indices { items[i].answers = answers[items[i].id] ?? [] }
            }
            return ListPage(items: items, page: paging.page, per: paging.per, total: total)
        }
    }
}
