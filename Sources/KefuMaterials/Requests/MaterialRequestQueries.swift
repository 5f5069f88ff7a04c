import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// One row of the open-requests report (REQ-08, RPT-05): state, age, who it waits for, the planner's clock.
public struct OpenRequestRow: Encodable, Sendable {
    public let id: String
    public let number: String
    public var orgUnitName: String
    public let kind: String
    public let urgency: String
    public let state: String
    public let ageDays: Int
    public let waitingFor: String?
    public let plannerDueAt: String?
    public let plannerBreached: Bool
    public let backfillPending: Bool
}

/// REQ-08, RPT-05: every open request of a unit and below, counted by state, with the open back-fills (REQ-09).
public struct OpenRequestsReport: Encodable, Sendable {
    public let orgUnitId: String?
    public let generatedAt: String
    public let total: Int
    public let byState: [String: Int]
    public let plannerBreaches: Int
    public let backfillsOpen: Int
    public let items: [OpenRequestRow]
}

extension MaterialRequestService {
    /// The viewer's scope as a condition: everything for HQ, department accountants, production and procurement; else
    /// the viewer's unit and below.
    static func scope(_ viewer: Principal) -> SQLQueryString? {
        if MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) || !viewer.roles.isDisjoint(with: MaterialRequestFlow.production.union(MaterialRequestFlow.procurement)) {
            return nil
        }
        return "r.org_path LIKE \(bind: viewer.orgPath + "%")"
    }

    /// A unit asked for (`orgUnitId`): its path, refused outside the viewer's scope.
    static func unitFilter(_ db: any SQLDatabase, _ orgUnitId: String?, viewer: Principal) async throws -> SQLQueryString? {
        guard let unitId = TextRules.trimmed(orgUnitId) else { return nil }
        guard let path = try await OrgQueries.unitPath(db, unitId: unitId) else {
            throw AppError.validation("orgUnitId", Text("没有这个组织单位", "No such org unit"))
        }
        guard scope(viewer) == nil || OrgPath.contains(viewer.orgPath, path) else {
            throw AppError.forbidden(Text("您不能查看该单位的联络单", "You cannot see this unit's requests"))
        }
        return "r.org_path LIKE \(bind: path + "%")"
    }

    /// The list: newest first, filtered by state, unit, open back-fills (REQ-09) or the HQ copies (REQ-06), paginated.
    public func list(state: String?, orgUnitId: String?, backfill: Bool = false, filedAtHQ: Bool = false, paging: Paging, viewer: Principal,
                     now: Date = Date()) async throws -> ListPage<MaterialRequestView> {
        try MaterialAccess.requireViewer(viewer)
        let at = Clock.millis(now)
        return try await store.read { db in
            var conditions: [SQLQueryString] = []
            if let s = Self.scope(viewer) { conditions.append(s) }
            if let u = try await Self.unitFilter(db, orgUnitId, viewer: viewer) { conditions.append(u) }
            if let s = TextRules.trimmed(state) {
                if s == "open" { conditions.append("r.state <> \(bind: MaterialRequestState.closed.rawValue)") } else { conditions.append("r.state = \(bind: s)") }
            }
            if backfill { conditions.append("r.backfill_pending = 1") }
            if filedAtHQ { conditions.append("r.hq_filed_at IS NOT NULL") }
            let whereClause: SQLQueryString = conditions.isEmpty ? "" : "WHERE \(SQLList(conditions, separator: SQLRaw(" AND ")))"
            let total = try await db.raw("SELECT COUNT(*) AS n FROM material_requests r \(whereClause)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw("""
                SELECT \(unsafeRaw: MaterialRequestView.columns) FROM \(unsafeRaw: MaterialRequestView.from) \(whereClause)
                ORDER BY r.created_at DESC, r.id DESC LIMIT \(literal: paging.per) OFFSET \(literal: paging.offset)
                """).all()
            return ListPage(items: try rows.map { try MaterialRequestView(row: $0, now: at) }, page: paging.page, per: paging.per, total: total)
        }
    }

    /// REQ-08, RPT-05: the weekly progress of open requests (oldest first), in one read.
    public func openReport(orgUnitId: String?, viewer: Principal, now: Date = Date()) async throws -> OpenRequestsReport {
        try MaterialAccess.requireViewer(viewer)
        let at = Clock.millis(now)
        return try await store.read { db in
            var conditions: [SQLQueryString] = ["r.state <> \(bind: MaterialRequestState.closed.rawValue)"]
            if let s = Self.scope(viewer) { conditions.append(s) }
            if let u = try await Self.unitFilter(db, orgUnitId, viewer: viewer) { conditions.append(u) }
            // Every open request of a department can be 50,000 rows: the unit names come from one look-up of the few
            // units involved and the order from Swift, so PostgreSQL neither runs a sub-select per row nor spills a
            // 50,000-row sort to disk (bench/requests, #13.9). Prepared, so PostgreSQL rows decode without PostgresKit's
            // Codable translation (`PostgresFastRow`); the few texts (with or without the scope and unit) are fixed.
            let rows = try await db.prepared("""
                SELECT r.id, r.number, r.kind, r.urgency, r.state, r.created_at, r.planner_due_at, r.shipped_at, r.backfill_pending, r.org_unit_id
                FROM material_requests r WHERE \(SQLList(conditions, separator: SQLRaw(" AND ")))
                """).all()
            var byState: [String: Int] = [:]
            var unitIds: [String] = []
            unitIds.reserveCapacity(rows.count)
            var dated = try rows.map { row -> (createdAt: Int64, unitId: String, row: OpenRequestRow) in
                let state = MaterialRequestState(rawValue: try row.decode(column: "state", as: String.self)) ?? .draft
                let due = try row.decode(column: "planner_due_at", as: Int64?.self)
                let createdAt = try row.decode(column: "created_at", as: Int64.self)
                let unitId = try row.decode(column: "org_unit_id", as: String.self)
                unitIds.append(unitId)
                byState[state.rawValue, default: 0] += 1
                return (createdAt, unitId, OpenRequestRow(
                    id: try row.decode(column: "id", as: String.self), number: try row.decode(column: "number", as: String.self),
                    orgUnitName: "", kind: try row.decode(column: "kind", as: String.self),
                    urgency: try row.decode(column: "urgency", as: String.self), state: state.rawValue,
                    ageDays: Int(max(0, at - createdAt) / 86_400_000),
                    waitingFor: MaterialRequestFlow.waitingFor(state, shipped: try row.decode(column: "shipped_at", as: Int64?.self) != nil)?.rawValue,
                    plannerDueAt: due.map(Times.rfc3339), plannerBreached: MaterialRequestFlow.plannerBreached(state: state, dueAt: due, now: at),
                    backfillPending: try row.decode(column: "backfill_pending", as: Int.self) != 0))
            }
            dated.sort { ($0.createdAt, $0.row.id) < ($1.createdAt, $1.row.id) }
            let names = try await OrgQueries.unitNames(db, ids: Set(unitIds))
            let items = dated.map { entry -> OpenRequestRow in
                var row = entry.row
                row.orgUnitName = names[entry.unitId] ?? ""
                return row
            }
            return OpenRequestsReport(orgUnitId: TextRules.trimmed(orgUnitId), generatedAt: Times.rfc3339(at), total: items.count, byState: byState,
                                      plannerBreaches: items.filter(\.plannerBreached).count, backfillsOpen: items.filter(\.backfillPending).count, items: items)
        }
    }
}


/// The report is written by hand (`JSONWriter`): Foundation's encoder took a quarter of the 50,000-row report's CPU
/// (#13.9). Same JSON as the synthesised `Encodable` (absent optionals are left out); a test compares the two.
extension OpenRequestRow: JSONWritable {
    public func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.key("id"); out.string(id)
        out.key("number"); out.string(number)
        out.key("orgUnitName"); out.string(orgUnitName)
        out.key("kind"); out.string(kind)
        out.key("urgency"); out.string(urgency)
        out.key("state"); out.string(state)
        out.key("ageDays"); out.int(ageDays)
        if let waitingFor { out.key("waitingFor"); out.string(waitingFor) }
        if let plannerDueAt { out.key("plannerDueAt"); out.string(plannerDueAt) }
        out.key("plannerBreached"); out.bool(plannerBreached)
        out.key("backfillPending"); out.bool(backfillPending)
        out.endObject()
    }
}

extension OpenRequestsReport: JSONWritable {
    public func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        if let orgUnitId { out.key("orgUnitId"); out.string(orgUnitId) }
        out.key("generatedAt"); out.string(generatedAt)
        out.key("total"); out.int(total)
        out.key("byState"); out.beginObject()
        for (state, count) in byState.sorted(by: { $0.key < $1.key }) { out.key(named: state); out.int(count) }
        out.endObject()
        out.key("plannerBreaches"); out.int(plannerBreaches)
        out.key("backfillsOpen"); out.int(backfillsOpen)
        out.key("items"); out.beginArray(); for item in items { item.writeJSON(to: &out) }; out.endArray()
        out.endObject()
    }
}
