import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// PRP-04 每日审阅 (篇12 职责一.1): the supervisor gathers a unit's day — the complaints registered (through the
/// after-sales queries), the patrol reports and the management logs (vacant-unit checks and owner proposals recorded
/// that day) — and signs it off once with a comment.
extension PropertyOperationsService {
    static let maxComplaintsPerDay = 500
    static let maxPendingSpan = 62

    /// The unit (default the viewer's) as (id, name, path), refused unless the viewer reviews it.
    static func reviewUnit(_ db: any SQLDatabase, unitId: String?, viewer: Principal) async throws -> (id: String, name: String, path: String) {
        let id = unitId ?? viewer.orgUnitId
        guard let u = try await OrgQueries.unitSummary(db, unitId: id) else { throw AppError.notFound(Text("组织单位", "Org unit")) }
        guard OrgPath.contains(viewer.orgPath, u.path) else {
            throw AppError.forbidden(Text("您只能审阅本单位及下级单位的记录", "You review the records of your unit and below only"))
        }
        return (u.id, u.name, u.path)
    }

    static func requireReviewer(_ viewer: Principal) throws {
        try require(PropertyOperationsRules.reviewers, viewer, Text("只有客服主管可以进行每日审阅", "Only the CS supervisor reviews the day"))
    }

    /// The organisation's day as UTC millis [start, end).
    static func bounds(_ day: CivilDay) -> (Int64, Int64) {
        let midnightUTC = Int64(day.number) * 86_400_000
        let offset = Int64(Times.zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(day.number) * 86_400))) * 1000
        return (midnightUTC - offset, midnightUTC - offset + 86_400_000)
    }

    static func day(_ raw: String?, today: CivilDay) throws -> CivilDay {
        try PropertyInput.day(raw, field: "day", label: Text("日期", "Day"), default: today)!
    }

    func dayRecords(_ db: any SQLDatabase, unitPath: String, day: CivilDay, viewer: Principal)
        async throws -> (complaints: [PropertyComplaintLine], patrols: [PatrolView], checks: [VacantCheckView], proposals: [ProposalView]) {
        let (from, to) = Self.bounds(day)
        let complaints = try await self.complaints.complaints(db, underPath: unitPath, from: from, to: to, limit: Self.maxComplaintsPerDay)
        let patrols = try await OperationsQueries.withFindings(db, try await db.raw("""
            \(unsafeRaw: OperationsQueries.patrolSelect) WHERE \(OperationsQueries.under("p", unitPath)) AND p.patrolled_on = \(bind: day.iso) ORDER BY p.patrolled_time, p.number LIMIT 500
            """).all().map(OperationsQueries.patrolRow))
        let checks = try await db.raw("""
            \(unsafeRaw: OperationsQueries.checkSelect) WHERE \(OperationsQueries.under("v", unitPath)) AND v.checked_on = \(bind: day.iso) ORDER BY v.number LIMIT 500
            """).all().map(OperationsQueries.checkRow)
        let proposals = try await db.raw("""
            \(unsafeRaw: OperationsQueries.proposalSelect) WHERE \(OperationsQueries.under("p", unitPath)) AND p.proposed_on = \(bind: day.iso) ORDER BY p.number LIMIT 500
            """).all().map(OperationsQueries.proposalRow)
        return (complaints, patrols, checks, proposals)
    }

    static func review(_ row: any SQLRow) throws -> DailyReviewView {
        DailyReviewView(id: try row.decode(column: "id", as: String.self), orgUnitId: try row.decode(column: "org_unit_id", as: String.self),
                        day: try row.decode(column: "review_day", as: String.self), comment: try row.decode(column: "comment", as: String.self),
                        complaints: try row.decode(column: "complaints", as: Int.self), patrols: try row.decode(column: "patrols", as: Int.self),
                        logs: try row.decode(column: "logs", as: Int.self), reviewedBy: try row.decode(column: "by_name", as: String?.self) ?? "—",
                        reviewedAt: Times.rfc3339(try row.decode(column: "reviewed_at", as: Int64.self)))
    }

    static func existingReview(_ db: any SQLDatabase, unitId: String, day: CivilDay) async throws -> DailyReviewView? {
        try await db.raw("""
            SELECT r.id, r.org_unit_id, r.review_day, r.comment, r.complaints, r.patrols, r.logs, r.reviewed_at,
                \(unsafeRaw: OrgQueries.userNameSQL("r.reviewed_by")) AS by_name
            FROM property_daily_reviews r WHERE r.org_unit_id = \(bind: unitId) AND r.review_day = \(bind: day.iso)
            """).first().map(review)
    }

    /// PRP-04 the day of a unit (default: the viewer's unit, today), in one read.
    public func reviewDay(_ query: [String: String], viewer: Principal, now date: Date = Date()) async throws -> DailyReviewDay {
        try Self.requireReviewer(viewer)
        let today = Times.day(date)
        let day = try Self.day(query["day"], today: today)
        return try await store.read { db in
            let unit = try await Self.reviewUnit(db, unitId: TextRules.trimmed(query["orgUnitId"]), viewer: viewer)
            return try await dayView(db, unit: unit, day: day, today: today, viewer: viewer)
        }
    }

    func dayView(_ db: any SQLDatabase, unit: (id: String, name: String, path: String), day: CivilDay, today: CivilDay, viewer: Principal) async throws -> DailyReviewDay {
        let r = try await dayRecords(db, unitPath: unit.path, day: day, viewer: viewer)
        let review = try await Self.existingReview(db, unitId: unit.id, day: day)
        let may = PropertyOperationsRules.reviewRefusal(roles: viewer.roles, userPath: viewer.orgPath, unitPath: unit.path, day: day, today: today,
                                                       alreadyReviewed: review != nil) == nil
        return DailyReviewDay(orgUnitId: unit.id, unitName: unit.name, day: day.iso, complaints: r.complaints, patrols: r.patrols, vacantChecks: r.checks,
                              proposals: r.proposals, review: review, maySign: may)
    }

    /// PRP-04 sign the day off: one review per unit and day; a second one is refused (409).
    public func signReview(_ b: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> DailyReviewView {
        try Self.requireReviewer(actor)
        let today = Times.day(date)
        let day = try Self.day(b["day"], today: today)
        let comment = try PropertyInput.text(b["comment"], field: "comment", label: Text("审阅意见", "Review comment"), max: 1000, required: true)!
        let at = Clock.millis(date)
        return try await store.write { db in
            let unit = try await Self.reviewUnit(db, unitId: TextRules.trimmed(b["orgUnitId"]), viewer: actor)
            try await features.requireOn(.property, unitId: unit.id, in: db) // #14 item 6
            let existing = try await Self.existingReview(db, unitId: unit.id, day: day)
            switch PropertyOperationsRules.reviewRefusal(roles: actor.roles, userPath: actor.orgPath, unitPath: unit.path, day: day, today: today,
                                                         alreadyReviewed: existing != nil) {
            case .futureDay?: throw AppError.validation("day", Text("不能审阅今天以后的日期", "A day after today cannot be reviewed"))
            case .alreadyReviewed?:
                throw AppError.conflict("already_reviewed", Text("\(unit.name) \(day.iso) 已审阅，不能重复签署", "\(unit.name) \(day.iso) is already reviewed"))
            case .notReviewer?, .outsideUnit?:
                throw AppError.forbidden(Text("您不能审阅该单位", "You cannot review this unit"))
            case nil: break
            }
            let r = try await dayRecords(db, unitPath: unit.path, day: day, viewer: actor)
            let id = Clock.newID()
            // The unique index (unit, day) refuses a sign-off that raced this one; it surfaces as the same 409.
            try await db.raw("""
                    INSERT INTO property_daily_reviews (id, org_unit_id, org_path, review_day, comment, complaints, patrols, logs, reviewed_at, reviewed_by)
                    VALUES (\(bind: id), \(bind: unit.id), \(bind: unit.path), \(bind: day.iso), \(bind: comment), \(bind: r.complaints.count),
                        \(bind: r.patrols.count), \(bind: r.checks.count + r.proposals.count), \(bind: at), \(bind: actor.userId))
                    ON CONFLICT (org_unit_id, review_day) DO NOTHING
                    """).run()
            guard let saved = try await Self.existingReview(db, unitId: unit.id, day: day), saved.id == id else {
                throw AppError.conflict("already_reviewed", Text("\(unit.name) \(day.iso) 已审阅，不能重复签署", "\(unit.name) \(day.iso) is already reviewed"))
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "review", entity: "property_daily_review", entityId: id,
                                        detail: ["unit": unit.id, "day": day.iso], at: at)
            return saved
        }
    }

    /// PRP-04 the days of `from`…`to` (default the last 14 days to today; at most 62) a unit has not had reviewed, with
    /// what each holds.
    public func pendingReviews(_ query: [String: String], viewer: Principal, now date: Date = Date()) async throws -> PendingReviewDays {
        try Self.requireReviewer(viewer)
        let today = Times.day(date)
        let to = try PropertyInput.day(query["to"], field: "to", label: Text("结束日期", "To"), default: today)!
        let from = try PropertyInput.day(query["from"], field: "from", label: Text("起始日期", "From"), default: to.adding(days: -13))!
        guard from <= to else { throw AppError.validation("from", Text("起始日期不能晚于结束日期", "The first day cannot be after the last")) }
        guard to.number - from.number < Self.maxPendingSpan else {
            throw AppError.validation("from", Text("一次最多查看 \(Self.maxPendingSpan) 天", "At most \(Self.maxPendingSpan) days at a time"))
        }
        return try await store.read { db in
            let unit = try await Self.reviewUnit(db, unitId: TextRules.trimmed(query["orgUnitId"]), viewer: viewer)
            return try await pending(db, unit: unit, from: from, to: to)
        }
    }

    func pending(_ db: any SQLDatabase, unit: (id: String, name: String, path: String), from: CivilDay, to: CivilDay) async throws -> PendingReviewDays {
        let scope: SQLQueryString = "org_path >= \(bind: unit.path) AND org_path < \(bind: FindQuery.upperBound(ofPrefix: unit.path))"
        let reviewed = Set(try await db.raw("""
            SELECT review_day FROM property_daily_reviews WHERE org_unit_id = \(bind: unit.id) AND review_day >= \(bind: from.iso) AND review_day <= \(bind: to.iso)
            """).all().compactMap { CivilDay(iso: try $0.decode(column: "review_day", as: String.self)) })
        func counts(_ table: String, _ column: String) async throws -> [String: Int] {
            var out: [String: Int] = [:]
            for row in try await db.raw("""
                SELECT \(unsafeRaw: column) AS d, COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(scope)
                AND \(unsafeRaw: column) >= \(bind: from.iso) AND \(unsafeRaw: column) <= \(bind: to.iso) GROUP BY \(unsafeRaw: column)
                """).all() {
                out[try row.decode(column: "d", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            return out
        }
        let patrols = try await counts("property_patrols", "patrolled_on")
        let checks = try await counts("property_vacant_checks", "checked_on")
        let proposals = try await counts("property_proposals", "proposed_on")
        var complaintsByDay: [String: Int] = [:]
        for c in try await self.complaints.complaints(db, underPath: unit.path, from: Self.bounds(from).0, to: Self.bounds(to).1, limit: 10_000) {
            complaintsByDay[Times.day(Clock.date(millis: c.registeredAt)).iso, default: 0] += 1
        }
        let items = PropertyOperationsRules.pendingDays(from: from, to: to, reviewed: reviewed).reversed().map { d in
            PendingReviewDay(day: d.iso, complaints: complaintsByDay[d.iso] ?? 0, patrols: patrols[d.iso] ?? 0,
                             logs: (checks[d.iso] ?? 0) + (proposals[d.iso] ?? 0))
        }
        return PendingReviewDays(orgUnitId: unit.id, unitName: unit.name, from: from.iso, to: to.iso, items: Array(items))
    }
}
