import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of the quality analyses (KPI-07), every one scoped: readers (`QualityAnalysisRules.readers`) of the unit or
/// above, and the responsible people of an analysis's lines.
enum QualityAnalysisQueries {
    /// The ports the live figures are read through (other features' facts).
    struct Sources: Sendable {
        let facts: any ScorecardFactsSource
        let quality: any AgentQualitySource
        let extras: any UnitQualityExtrasSource
    }

    static func row(_ db: any SQLDatabase, id: String, lock: String = "") async throws -> QualityAnalysisRow? {
        try await db.raw("\(unsafeRaw: QualityAnalysisRow.select) WHERE a.id = \(bind: id)\(unsafeRaw: lock)").first().map(QualityAnalysisRow.init(row:))
    }

    static func lines(_ db: any SQLDatabase, analysisIds: [String]) async throws -> [String: [QualityPlanLineRow]] {
        guard !analysisIds.isEmpty else { return [:] }
        let rows = try await db.raw("\(unsafeRaw: QualityPlanLineRow.select) WHERE l.analysis_id IN (\(SQLList(analysisIds.map { SQLBind($0) }))) ORDER BY l.line")
            .all().map(QualityPlanLineRow.init(row:))
        return Dictionary(grouping: rows, by: \.analysisId)
    }

    static func mayRead(_ viewer: Principal, unitPath: String) -> Bool {
        !viewer.roles.isDisjoint(with: QualityAnalysisRules.readers) && viewer.covers(unitPath: unitPath)
    }

    /// A reader of the unit, or a person responsible for one of its lines.
    static func requireRead(_ db: any SQLDatabase, _ viewer: Principal, _ a: QualityAnalysisRow) async throws {
        if mayRead(viewer, unitPath: a.orgPath) { return }
        let mine = try await db.raw("SELECT COUNT(*) AS n FROM quality_analysis_lines WHERE analysis_id = \(bind: a.id) AND responsible_id = \(bind: viewer.userId)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        guard mine > 0, a.status != .draft else { throw AppError.forbidden(Text("您不能查看这份服务质量分析", "You cannot see this quality analysis")) }
    }

    /// KPI-07: the unit's figures for the period, now: the unit's customer-service agents (and below), their facts
    /// summed through the scorecard's ports (tickets they took, their SLA outcomes, escalations, surveys, complaints,
    /// inspections), plus verified complaints and the company target.
    static func liveFigures(_ db: any SQLDatabase, unitPath: String, period: QualityAnalysisRules.Period, now: Date, sources: Sources) async throws -> QualityAnalysisRules.Figures {
        let offset = Int64(Times.zone.secondsFromGMT()) * 1000
        let from = Int64(period.first.number) * 86_400_000 - offset, to = Int64(period.last.number + 1) * 86_400_000 - offset
        let ids = try await ScorecardQueries.agents(db, underPath: unitPath).map(\.id)
        var f = QualityAnalysisRules.Figures()
        let extras = try await sources.extras.extras(db, agentIds: ids, from: from, to: to)
        f.satisfactionTargetBasisPoints = extras.satisfactionTargetBasisPoints
        f.verifiedComplaints = extras.verifiedComplaints
        guard !ids.isEmpty else { return f }
        for d in try await sources.facts.facts(db, agentIds: ids, from: from, to: to, now: Clock.millis(now)).values {
            f.ticketsReceived += d.taken
            f.firstResponseDue += d.firstResponseEligible; f.firstResponseOnTime += d.firstResponseOnTime
            f.resolutionDue += d.resolutionDue; f.resolvedWithinTarget += d.resolvedWithinTarget
            f.escalations += d.escalations; f.lateEscalations += d.lateEscalations
            f.surveys += d.surveys; f.satisfied += d.satisfied
            f.complaints += d.complaints
        }
        var scoreSum = Decimal(0)
        for q in try await sources.quality.summaries(db, agentIds: ids, from: from, to: to).values {
            f.penalties += q.penalties
            if q.inspections > 0, let avg = q.averageScore {
                f.inspections += q.inspections
                scoreSum += avg * Decimal(q.inspections)
            }
        }
        if f.inspections > 0 { f.inspectionScoreHundredths = ScorecardQueries.hundredths(scoreSum / Decimal(f.inspections)) }
        return f
    }

    static func storedFigures(_ json: String?) -> QualityAnalysisRules.Figures? {
        guard let data = json?.data(using: .utf8) else { return nil }
        return try? JSONDecoder().decode(QualityAnalysisRules.Figures.self, from: data)
    }

    static func figuresJSON(_ f: QualityAnalysisRules.Figures) throws -> String {
        String(decoding: try JSONEncoder().encode(f), as: UTF8.self)
    }

    /// The analysis's figures: stored once submitted, live for a draft when `sources` is given.
    static func figures(_ db: any SQLDatabase, _ a: QualityAnalysisRow, now: Date, sources: Sources?) async throws -> QualityAnalysisRules.Figures? {
        if a.status.frozen { return storedFigures(a.figures) }
        guard let sources, let period = QualityAnalysisRules.Period(a.period) else { return nil }
        return try await liveFigures(db, unitPath: a.orgPath, period: period, now: now, sources: sources)
    }

    static func view(_ a: QualityAnalysisRow, lines: [QualityPlanLineRow], figures: QualityAnalysisRules.Figures?, viewer: Principal, now: Date) -> QualityAnalysisView {
        let today = Times.day(now)
        let period = QualityAnalysisRules.Period(a.period)
        let lineViews = lines.map { $0.view(a, viewer: viewer, today: today) }
        return QualityAnalysisView(id: a.id, number: a.number, orgUnitId: a.orgUnitId, orgUnitName: a.orgUnitName, period: a.period,
                                   periodStart: period?.first.iso ?? "", periodEnd: period?.last.iso ?? "", status: a.status.rawValue,
                                   authorId: a.authorId, authorName: a.authorName, findings: a.findings,
                                   figures: figures.map { QualityFiguresView($0, frozen: a.status.frozen) }, lines: lineViews,
                                   overdueLines: lineViews.filter(\.overdue).count, submittedAt: Times.rfc3339(a.submittedAt), decidedByName: a.decidedByName,
                                   decidedAt: Times.rfc3339(a.decidedAt), decisionNote: a.decisionNote, completedAt: Times.rfc3339(a.completedAt),
                                   createdAt: Times.rfc3339(a.createdAt), actions: a.actions(viewer))
    }

    /// One analysis with its figures (live for a draft); 404 when absent, 403 outside the viewer's scope.
    static func view(_ db: any SQLDatabase, id: String, viewer: Principal, now: Date, sources: Sources) async throws -> QualityAnalysisView {
        guard let a = try await row(db, id: id) else { throw AppError.notFound(Text("服务质量分析", "Quality analysis")) }
        try await requireRead(db, viewer, a)
        let lines = try await Self.lines(db, analysisIds: [a.id])[a.id] ?? []
        return view(a, lines: lines, figures: try await figures(db, a, now: now, sources: sources), viewer: viewer, now: now)
    }

    struct Filter: Sendable {
        var unitId: String?
        var period: String?
        var status: QualityAnalysisRules.Status?
    }

    /// The analyses of the viewer's unit and below, newest period first; drafts without their (live) figures.
    static func list(_ db: any SQLDatabase, viewer: Principal, filter: Filter, paging: Paging, now: Date) async throws -> ListPage<QualityAnalysisView> {
        var condition: SQLQueryString = "a.org_path LIKE \(bind: viewer.orgPath + "%")"
        if let unitId = filter.unitId { condition = condition + " AND a.org_unit_id = \(bind: unitId)" }
        if let period = filter.period { condition = condition + " AND a.period = \(bind: period)" }
        if let status = filter.status { condition = condition + " AND a.status = \(bind: status.rawValue)" }
        let total = try await db.raw("SELECT COUNT(*) AS n FROM quality_analyses a WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            \(unsafeRaw: QualityAnalysisRow.select) WHERE \(condition) ORDER BY a.period DESC, a.number DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map(QualityAnalysisRow.init(row:))
        let lines = try await Self.lines(db, analysisIds: rows.map(\.id))
        let items = rows.map { view($0, lines: lines[$0.id] ?? [], figures: $0.status.frozen ? storedFigures($0.figures) : nil, viewer: viewer, now: now) }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }

    /// The units the viewer may write analyses for (its unit and below).
    static func authorUnits(_ db: any SQLDatabase, viewer: Principal) async throws -> [(id: String, name: String)] {
        guard !viewer.roles.isDisjoint(with: QualityAnalysisRules.authors) else { return [] }
        return try await OrgQueries.activeUnits(db).filter { viewer.covers(unitPath: $0.path) }.map { (id: $0.id, name: $0.name) }
    }

    /// The active staff of the unit at `unitPath` and below: who a plan line may name as responsible.
    static func staff(_ db: any SQLDatabase, underPath unitPath: String) async throws -> [(id: String, name: String)] {
        let staff = try await OrgQueries.activeStaff(db, underPath: unitPath).filter { RosterRoles.isStaff($0.roles) }.prefix(500)
        let names = try await OrgQueries.displayNames(db, ids: Set(staff.map(\.id)))
        return staff.map { (id: $0.id, name: names[$0.id] ?? $0.id) }.sorted { $0.name < $1.name }
    }
}
