import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// The agent scorecard (#15.5, KPI-01; API.md `GET /api/v1/reports/agent-scorecards?from=&to=&orgUnitId=`): one row
/// per customer-service agent of a unit and below for a period, read in one transaction. Supervisors, managers, QA
/// and administrators read their unit and below (#10 scope rule); an agent reads only their own row (`mine`).
public struct ScorecardService: Sendable {
    let store: any Store
    let facts: any ScorecardFactsSource
    let quality: any AgentQualitySource
    public static let maxDays = 366

    public init(store: any Store, facts: any ScorecardFactsSource, quality: any AgentQualitySource) {
        self.store = store
        self.facts = facts
        self.quality = quality
    }

    /// The team's scorecard, sorted and paginated (`paging` nil: every row, for the exports).
    public func report(from: String?, to: String?, orgUnitId: String?, sort: String?, paging: Paging?, viewer: Principal,
                       now: Date = Date()) async throws -> AgentScorecardReport {
        try await team(from: from, to: to, orgUnitId: orgUnitId, sort: sort, paging: paging, viewer: viewer, now: now).report
    }

    /// The team's scorecard with the units the viewer may pick (the page's model), in one read.
    func team(from rawFrom: String?, to rawTo: String?, orgUnitId: String?, sort rawSort: String?, paging: Paging?, viewer: Principal,
              now: Date = Date()) async throws -> ScorecardPageModel {
        guard ScorecardRules.mayReadTeam(viewer.roles) else {
            throw AppError.forbidden(Text("只有客服主管、客服经理和质检员可以查看客服考核表", "Only CS supervisors, CS managers and QA can read the agent scorecards"))
        }
        let period = try Self.period(rawFrom, rawTo, now: now)
        let sort = try Self.sort(rawSort)
        return try await store.read { db in
            let unitId = orgUnitId.flatMap { $0.isEmpty ? nil : $0 } ?? viewer.orgUnitId
            guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId) else { throw AppError.notFound(Text("部门", "Unit")) }
            guard OrgPath.contains(viewer.orgPath, unit.path) else {
                throw AppError.forbidden(Text("只能查看本部门及下级部门的客服考核", "You can read the scorecards of your unit and the units below it only"))
            }
            let agents = try await ScorecardQueries.agents(db, underPath: unit.path)
            let rows = try await ScorecardQueries.rows(db, agents: agents, from: period.start, to: period.end, now: Clock.millis(now), facts: facts, quality: quality)
            let units = try await OrgQueries.activeUnitSummaries(db).filter { OrgPath.contains(viewer.orgPath, $0.path) }
            let report = Self.report(rows, period: period, unitId: unit.id, unitName: unit.name, sort: sort, paging: paging)
            return ScorecardPageModel(report: report, units: units.map { ScorecardPageModel.UnitOption(id: $0.id, name: $0.name, path: $0.path) })
        }
    }

    /// The agent's own row (`/people/scorecards/me`).
    public func mine(from rawFrom: String?, to rawTo: String?, viewer: Principal, now: Date = Date()) async throws -> AgentScorecardReport {
        guard ScorecardRules.hasOwnRow(viewer.roles) else {
            throw AppError.forbidden(Text("只有客服人员有个人考核表", "Only customer-service staff have a scorecard of their own"))
        }
        let period = try Self.period(rawFrom, rawTo, now: now)
        return try await store.read { db in
            let agent = ScorecardQueries.Agent(id: viewer.userId, unitId: viewer.orgUnitId)
            let rows = try await ScorecardQueries.rows(db, agents: [agent], from: period.start, to: period.end, now: Clock.millis(now), facts: facts, quality: quality)
            let unitName = try await OrgQueries.unitNames(db, ids: [viewer.orgUnitId])[viewer.orgUnitId] ?? ""
            return Self.report(rows, period: period, unitId: viewer.orgUnitId, unitName: unitName, sort: .score, paging: nil)
        }
    }

    struct Period {
        let from: CivilDay, to: CivilDay
        let start: Int64, end: Int64
    }

    /// `from`/`to` (yyyy-mm-dd, both included); both absent: the last full month (Asia/Shanghai).
    static func period(_ rawFrom: String?, _ rawTo: String?, now: Date) throws -> Period {
        let blank = { (s: String?) in s?.trimmingCharacters(in: .whitespaces).isEmpty ?? true }
        let fallback = ScorecardRules.lastFullMonth(before: Times.day(now))
        let (from, to) = try QueryValues.period(from: blank(rawFrom) ? fallback.from.iso : rawFrom, to: blank(rawTo) ? fallback.to.iso : rawTo, maxDays: maxDays)
        let offset = Int64(Times.zone.secondsFromGMT()) * 1000
        return Period(from: from, to: to, start: Int64(from.number) * 86_400_000 - offset, end: Int64(to.number + 1) * 86_400_000 - offset)
    }

    static func sort(_ raw: String?) throws -> ScorecardSort {
        guard let raw, !raw.isEmpty else { return .score }
        guard let s = ScorecardSort(rawValue: raw) else {
            throw AppError.validation("sort", Text("排序列无效", "Unknown sort column"))
        }
        return s
    }

    static func report(_ rows: [AgentScorecardRow], period: Period, unitId: String, unitName: String, sort: ScorecardSort, paging: Paging?) -> AgentScorecardReport {
        let ordered = sort.ordered(rows)
        let page = paging ?? Paging(page: 1, per: max(ordered.count, 1))
        let items = Array(ordered.dropFirst(page.offset).prefix(page.per))
        return AgentScorecardReport(from: period.from.iso, to: period.to.iso, orgUnitId: unitId, orgUnitName: unitName, sort: sort.rawValue,
                                    weights: Dictionary(uniqueKeysWithValues: ScorecardRules.defaultWeights.map { ($0.key.rawValue, $0.value) }),
                                    complaintDeductionPoints: ScorecardRules.complaintDeductionBasisPoints / 100,
                                    items: items, page: page.page, per: page.per, total: ordered.count)
    }
}
