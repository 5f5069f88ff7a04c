import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #15.5 SAT-09: one department's assessment for one period — a reward record (JL-…) or a corrective-action and
/// criticism notice (ZG-…) with its rectification deadline and the department's answer.
public struct SatisfactionAssessmentView: Codable, Sendable {
    public let id: String
    public let number: String
    public let orgUnitId: String
    @Nullable public var orgUnitName: String?
    public let orgPath: String
    public let period: String
    /// `reward` or `corrective` (the corrective-action notice and the criticism notice together).
    public let outcome: String
    /// `recorded` (a reward), `issued`, `acknowledged`, `closed`.
    public let status: String
    public let responses: Int
    public let satisfied: Int
    /// The rate and the target when assessed, percent with two decimals ("87.50").
    public let percent: String
    public let targetPercent: String
    @Nullable public var note: String?
    /// The rectification deadline (YYYY-MM-DD) of a notice.
    @Nullable public var deadline: String?
    public let assessedBy: String
    @Nullable public var assessedByName: String?
    public let assessedAt: Instant
    @Nullable public var acknowledgedAt: Instant?
    @Nullable public var acknowledgement: String?
    @Nullable public var closedAt: Instant?
    @Nullable public var rectification: String?
    /// True when the notice was closed after its deadline.
    @Nullable public var closedLate: Bool?

    static let select = """
        SELECT a.*, \(OrgQueries.unitNameSQL("a.org_unit_id")) AS unit_name, \(OrgQueries.userNameSQL("a.assessed_by")) AS assessor_name
        FROM satisfaction_assessments a
        """

    init(_ r: any SQLRow) throws {
        id = try r.decode(column: "id", as: String.self)
        number = try r.decode(column: "number", as: String.self)
        orgUnitId = try r.decode(column: "org_unit_id", as: String.self)
        orgUnitName = try r.str("unit_name")
        orgPath = try r.decode(column: "org_path", as: String.self)
        period = try r.decode(column: "period", as: String.self)
        outcome = try r.decode(column: "outcome", as: String.self)
        status = try r.decode(column: "status", as: String.self)
        responses = try r.decode(column: "responses", as: Int.self)
        satisfied = try r.decode(column: "satisfied", as: Int.self)
        percent = Yuan.text(Int64(try r.decode(column: "rate_bp", as: Int.self)))
        targetPercent = Yuan.text(Int64(try r.decode(column: "target_bp", as: Int.self)))
        note = try r.str("note")
        deadline = try r.str("deadline")
        assessedBy = try r.decode(column: "assessed_by", as: String.self)
        assessedByName = try r.str("assessor_name")
        assessedAt = Instant(millis: try r.decode(column: "assessed_at", as: Int64.self))
        acknowledgedAt = try r.millis("acknowledged_at").map(Instant.init(millis:))
        acknowledgement = try r.str("acknowledgement")
        closedAt = try r.millis("closed_at").map(Instant.init(millis:))
        rectification = try r.str("rectification")
        closedLate = try r.flag("closed_late")
    }

    /// A notice still open past its deadline on `today`.
    public func overdue(today: CivilDay) -> Bool {
        guard status == SatisfactionNoticeStatus.issued.rawValue || status == SatisfactionNoticeStatus.acknowledged.rawValue,
              let d = deadline.flatMap(CivilDay.init(iso:)) else { return false }
        return today > d
    }
}

/// What one run of the assessment did per department.
public struct SatisfactionAssessmentRun: Codable, Sendable {
    public struct Department: Codable, Sendable {
        public let orgUnitId: String
        @Nullable public var orgUnitName: String?
        public let responses: Int
        public let satisfied: Int
        /// The rate now.
        public let percent: String
        public let outcome: String
        public let assessmentId: String
        public let number: String
        /// `created`; `unchanged` (already assessed with the same figures); `rate_changed` (already assessed: the record
        /// and its notice stand as issued, `recordedPercent` is what they say).
        public let state: String
        public let recordedPercent: String
    }
    public let period: String
    public let targetPercent: String
    public let created: Int
    public let departments: [Department]
}

/// The reads of assessments (lists and one record), within the reader's after-sales scope.
enum SatisfactionAssessmentQueries {
    struct Filter: Sendable {
        var period: String?
        var outcome: SatisfactionOutcome?
        var status: SatisfactionNoticeStatus?

        static func parse(_ q: [String: String]) throws -> Filter {
            var f = Filter()
            if let raw = TextRules.trimmed(q["period"]) {
                guard let p = SatisfactionPeriod(raw) else {
                    throw AppError.validation("period", Text("期间格式为 2026-11 或 2026-Q4", "period must look like 2026-11 or 2026-Q4"))
                }
                f.period = p.key
            }
            f.outcome = try TextRules.trimmed(q["outcome"]).map { try Field.choice($0, "outcome", SatisfactionOutcome.self) }
            f.status = try TextRules.trimmed(q["status"]).map { try Field.choice($0, "status", SatisfactionNoticeStatus.self) }
            return f
        }
    }

    static func list(_ db: any SQLDatabase, _ f: Filter, paging: Paging, viewer: Principal) async throws -> ListPage<SatisfactionAssessmentView> {
        var conds: [SQLQueryString] = [AftersalesRecords.condition(viewer, path: "a.org_path")]
        if let p = f.period { conds.append("a.period = \(bind: p)") }
        if let o = f.outcome { conds.append("a.outcome = \(bind: o.rawValue)") }
        if let s = f.status { conds.append("a.status = \(bind: s.rawValue)") }
        let cond = SQLList(conds, separator: SQLRaw(" AND "))
        let total = try await db.raw("SELECT COUNT(*) AS n FROM satisfaction_assessments a WHERE \(cond)").first()!.decode(column: "n", as: Int.self)
        let rows = try await db.raw("""
            \(unsafeRaw: SatisfactionAssessmentView.select) WHERE \(cond)
            ORDER BY a.assessed_at DESC, a.number DESC LIMIT \(literal: paging.per) OFFSET \(literal: paging.offset)
            """).all()
        return ListPage(items: try rows.map(SatisfactionAssessmentView.init), page: paging.page, per: paging.per, total: total)
    }

    /// One assessment, 404 outside the reader's scope.
    static func load(_ db: any SQLDatabase, id: String, viewer: Principal, lock: String = "") async throws -> SatisfactionAssessmentView {
        guard let r = try await db.raw("\(unsafeRaw: SatisfactionAssessmentView.select) WHERE a.id = \(bind: id)\(unsafeRaw: lock)").first() else {
            throw AppError.notFound(Text("满意度考核记录", "Satisfaction assessment"))
        }
        let v = try SatisfactionAssessmentView(r)
        try AftersalesRecords.requireInScope(viewer, recordPath: v.orgPath, Text("满意度考核记录", "Satisfaction assessment"))
        return v
    }
}
