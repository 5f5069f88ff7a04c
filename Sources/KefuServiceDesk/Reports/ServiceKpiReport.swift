import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

public struct ServiceKpiRow: Codable, Sendable {
    public struct FirstResponse: Codable, Sendable {
        /// Tickets received in the period that were answered, or are overdue without an answer.
        public var eligible = 0
        public var responded = 0
        public var withinTarget = 0
        @Nullable public var withinTargetPercent: String?
        /// Working time from receipt to the first public staff reply (D9), nearest-rank, in seconds.
        @Nullable public var medianSeconds: Int64?
        @Nullable public var p90Seconds: Int64?
    }
    public struct Resolution: Codable, Sendable {
        /// D9: tickets whose resolution target fell due in the period …
        public var due = 0
        /// … and those of them resolved within it.
        public var resolvedWithinTarget = 0
        @Nullable public var ratePercent: String?
        @Nullable public var meetsTarget: Bool?
        /// Beside it, the plain share: received in the period and resolved since.
        public var received = 0
        public var resolved = 0
        @Nullable public var resolvedPercent: String?
    }
    public struct Escalations: Codable, Sendable {
        public var total = 0
        /// ESC-01: escalated by hand later than the escalate-after time.
        public var late = 0
        /// Raised by the breach scanner.
        public var automatic = 0
    }

    public let key: String
    public let name: String
    public var firstResponse = FirstResponse()
    public var resolution = Resolution()
    public var escalations = Escalations()

    init(key: String, name: String) {
        self.key = key
        self.name = name
    }
}

public struct ServiceKpiReport: Codable, Sendable {
    public let from: String
    public let to: String
    public let groupBy: String
    public let resolutionRateTargetPercent: Int
    public let total: ServiceKpiRow
    public let groups: [ServiceKpiRow]
}

/// The service KPI report (API.md `/reports/service-kpis`; SLA-01, SLA-02, ESC-01, D9, KPI-01) for supervisors,
/// over the tickets of their unit and below. Each part reads through an index on its own time column.
public struct ServiceKpiService: Sendable {
    public enum GroupBy: String, CaseIterable, Sendable { case agent, team, day, month }

    let store: any Store
    public static let maxDays = 366

    public init(store: any Store) { self.store = store }

    public func report(from rawFrom: String?, to rawTo: String?, groupBy rawGroup: String?, viewer: Principal, now: Date = Date()) async throws -> ServiceKpiReport {
        guard viewer.has(.superviseTickets) else {
            throw AppError.forbidden(Text("只有客服主管和经理可以查看服务指标", "Only CS supervisors and managers can see the service KPIs"))
        }
        let (from, to) = try QueryValues.period(from: rawFrom, to: rawTo, maxDays: Self.maxDays)
        let groupBy = try TicketValidation.choice(rawGroup, "groupBy", default: GroupBy.agent)
        let offset = Int64(Times.zone.secondsFromGMT()) * 1000
        let start = Int64(from.number) * 86_400_000 - offset
        let end = Int64(to.number + 1) * 86_400_000 - offset
        let nowMillis = Clock.millis(now)
        let like = viewer.orgPath + "%"
        let scope: SQLQueryString = viewer.coversWholeOrganisation ? "1 = 1" : "(t.org_path LIKE \(bind: like) OR t.team_path LIKE \(bind: like))"
        let escalationScope: SQLQueryString = viewer.coversWholeOrganisation ? "1 = 1" : "t.org_path LIKE \(bind: like)"

        return try await store.read { db in
            var rows: [String: ServiceKpiRow] = [:]
            var total = ServiceKpiRow(key: "total", name: "")
            var responseTimes: [String: [Int64]] = [:]
            var allTimes: [Int64] = []
            var dayKeys: [Int: String] = [:]
            func key(owner: String?, team: String?, at: Int64) -> String {
                switch groupBy {
                case .agent: return owner ?? ""
                case .team: return team ?? ""
                case .day, .month:
                    let day = Int((at + offset) / 86_400_000)
                    if let known = dayKeys[day] { return known }
                    let iso = CivilDay(number: day).iso
                    let k = groupBy == .day ? iso : String(iso.prefix(7))
                    dayKeys[day] = k
                    return k
                }
            }
            func update(_ k: String, _ change: (inout ServiceKpiRow) -> Void) {
                change(&rows[k, default: ServiceKpiRow(key: k, name: "")])
                change(&total)
            }

            // First response and the plain share: tickets received in the period.
            for row in try await db.raw("""
                SELECT t.owner_id, t.team_id, t.received_at, t.first_responded_at, t.first_response_due_at, t.first_response_ms, t.resolved_at
                FROM tickets t WHERE t.received_at >= \(bind: start) AND t.received_at < \(bind: end) AND \(scope)
                """).all() {
                let received = try row.decode(column: "received_at", as: Int64.self)
                let k = key(owner: try row.decode(column: "owner_id", as: String?.self), team: try row.decode(column: "team_id", as: String?.self), at: received)
                let responded = try row.decode(column: "first_responded_at", as: Int64?.self)
                let due = try row.decode(column: "first_response_due_at", as: Int64?.self) ?? received
                let worked = try row.decode(column: "first_response_ms", as: Int64?.self)
                let resolved = try row.decode(column: "resolved_at", as: Int64?.self) != nil
                update(k) { r in
                    r.resolution.received += 1
                    if resolved { r.resolution.resolved += 1 }
                    if let responded {
                        r.firstResponse.eligible += 1
                        r.firstResponse.responded += 1
                        if responded <= due { r.firstResponse.withinTarget += 1 }
                    } else if due < nowMillis {
                        r.firstResponse.eligible += 1
                    }
                }
                if responded != nil, let worked {
                    responseTimes[k, default: []].append(worked / 1000)
                    allTimes.append(worked / 1000)
                }
            }
            // Resolution rate: tickets whose target fell due in the period (up to now).
            for row in try await db.raw("""
                SELECT t.owner_id, t.team_id, t.resolution_due_at, t.resolved_at FROM tickets t
                WHERE t.resolution_due_at >= \(bind: start) AND t.resolution_due_at < \(bind: min(end, nowMillis)) AND \(scope)
                """).all() {
                let due = try row.decode(column: "resolution_due_at", as: Int64.self)
                let k = key(owner: try row.decode(column: "owner_id", as: String?.self), team: try row.decode(column: "team_id", as: String?.self), at: due)
                let resolved = try row.decode(column: "resolved_at", as: Int64?.self)
                update(k) { r in
                    r.resolution.due += 1
                    if let resolved, resolved <= due { r.resolution.resolvedWithinTarget += 1 }
                }
            }
            // Escalations in the period.
            for row in try await db.raw("""
                SELECT t.owner_id, t.team_id, t.at, t.late, t.automatic FROM ticket_escalations t
                WHERE t.at >= \(bind: start) AND t.at < \(bind: end) AND \(escalationScope)
                """).all() {
                let at = try row.decode(column: "at", as: Int64.self)
                let k = key(owner: try row.decode(column: "owner_id", as: String?.self), team: try row.decode(column: "team_id", as: String?.self), at: at)
                let late = try row.decode(column: "late", as: Int.self) != 0
                let automatic = try row.decode(column: "automatic", as: Int.self) != 0
                update(k) { r in
                    r.escalations.total += 1
                    if late { r.escalations.late += 1 }
                    if automatic { r.escalations.automatic += 1 }
                }
            }

            let names = try await Self.names(db, groupBy: groupBy, keys: Set(rows.keys))
            func finish(_ r: inout ServiceKpiRow, times: [Int64]) {
                let sorted = times.sorted()
                r.firstResponse.medianSeconds = KpiMath.percentile(sorted, 50)
                r.firstResponse.p90Seconds = KpiMath.percentile(sorted, 90)
                r.firstResponse.withinTargetPercent = KpiMath.percent(r.firstResponse.withinTarget, of: r.firstResponse.eligible)
                r.resolution.ratePercent = KpiMath.percent(r.resolution.resolvedWithinTarget, of: r.resolution.due)
                r.resolution.meetsTarget = KpiMath.meetsResolutionTarget(resolvedWithin: r.resolution.resolvedWithinTarget, due: r.resolution.due)
                r.resolution.resolvedPercent = KpiMath.percent(r.resolution.resolved, of: r.resolution.received)
            }
            var groups: [ServiceKpiRow] = rows.values.map { row in
                var r = ServiceKpiRow(key: row.key, name: names[row.key] ?? (row.key.isEmpty ? "—" : row.key))
                r.firstResponse = row.firstResponse
                r.resolution = row.resolution
                r.escalations = row.escalations
                finish(&r, times: responseTimes[row.key] ?? [])
                return r
            }
            groups.sort { groupBy == .day || groupBy == .month ? $0.key < $1.key : ($0.name, $0.key) < ($1.name, $1.key) }
            finish(&total, times: allTimes)
            return ServiceKpiReport(from: from.iso, to: to.iso, groupBy: groupBy.rawValue,
                                    resolutionRateTargetPercent: KpiMath.resolutionRateTargetPercent, total: total, groups: groups)
        }
    }

    static func names(_ db: any SQLDatabase, groupBy: GroupBy, keys: Set<String>) async throws -> [String: String] {
        let ids = keys.filter { !$0.isEmpty }
        switch groupBy {
        case .agent: return try await OrgQueries.displayNames(db, ids: ids)
        case .team: return try await OrgQueries.unitNames(db, ids: ids)
        case .day, .month: return [:]
        }
    }
}
