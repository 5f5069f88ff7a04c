import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// One renovation of the list: the unit, what is being done, since when, where it stands and its last step.
public struct RenovationListItem: Encodable, Sendable {
    public let id: String
    public let unitId: String
    public let estateId: String
    public let estateName: String
    public let building: String
    public let room: String
    public let occupantName: String?
    public let appliedOn: String
    public let summary: String?
    public let status: RenovationStatus
    public let lastStepOn: String?
    public let recordedBy: String
    /// Calendar days since the application or, once a step was taken, since the last step.
    public let waitingDays: Int
}

public struct RenovationFilter: Sendable {
    public let stage: RenovationStage
    public let estateId: String?
    public let text: String?

    static func parse(_ q: [String: String]) throws -> RenovationFilter {
        let stage = try PropertyInput.choice(q["stage"], field: "stage", label: Text("进度", "Stage"), default: RenovationStage.awaiting)
        return RenovationFilter(stage: stage, estateId: TextRules.trimmed(q["estateId"]), text: TextRules.trimmed(q["q"]))
    }
}

extension OwnerFileQueries {
    /// The renovations in the viewer's scope at `f.stage`, oldest first (the longest waiting on top); a room, building-room
    /// or occupant name narrows it.
    static func renovations(_ db: any SQLDatabase, _ f: RenovationFilter, paging: Paging, viewer: Principal, today: CivilDay) async throws -> ListPage<RenovationListItem> {
        var w: SQLQueryString = """
            WHERE f.kind = 'renovation' AND \(PropertyQueries.scope("f", viewer)) AND f.status IN (\(SQLList(f.stage.statuses.map { SQLBind($0.rawValue) })))
            """
        if let estate = f.estateId { w = w + " AND u.estate_id = \(bind: estate)" }
        if let text = f.text {
            w = w + " AND (\(PropertyQueries.roomCondition(text)) OR \(PropertyQueries.occupantNamePrefix(text)))"
        }
        let from: SQLQueryString = "FROM property_file_entries f JOIN property_units u ON u.id = f.unit_id JOIN property_estates e ON e.id = u.estate_id \(w)"
        let total = try await db.raw("SELECT COUNT(*) AS n \(from)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            SELECT f.id, f.unit_id, u.estate_id, e.name AS estate_name, u.building, u.room, u.occupant_name, f.entry_on, f.summary, f.status,
                (SELECT MAX(s.acted_on) FROM property_renovation_steps s WHERE s.entry_id = f.id) AS last_step_on,
                \(unsafeRaw: OrgQueries.userNameSQL("f.created_by")) AS by_name
            \(from) ORDER BY f.entry_on, f.created_at, f.id LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all()
        let items = try rows.map { row -> RenovationListItem in
            let appliedOn = try row.decode(column: "entry_on", as: String.self)
            let lastStepOn = try row.decode(column: "last_step_on", as: String?.self)
            let since = CivilDay(iso: lastStepOn ?? appliedOn)
            return RenovationListItem(
                id: try row.decode(column: "id", as: String.self), unitId: try row.decode(column: "unit_id", as: String.self),
                estateId: try row.decode(column: "estate_id", as: String.self), estateName: try row.decode(column: "estate_name", as: String.self),
                building: try row.decode(column: "building", as: String.self), room: try row.decode(column: "room", as: String.self),
                occupantName: try row.decode(column: "occupant_name", as: String?.self), appliedOn: appliedOn,
                summary: try row.decode(column: "summary", as: String?.self),
                status: RenovationStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .applied,
                lastStepOn: lastStepOn, recordedBy: try row.decode(column: "by_name", as: String?.self) ?? "—",
                waitingDays: since.map { max(0, today.number - $0.number) } ?? 0)
        }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }
}

extension OwnerFileService {
    /// PRP-06 the renovations across the estates the viewer reads (`stage` awaiting|underway|closed|all, `estateId`, `q`).
    public func renovations(_ query: [String: String], paging: Paging, viewer: Principal, now: Date = Date()) async throws -> ListPage<RenovationListItem> {
        try PropertyQueries.requireReader(viewer)
        let f = try RenovationFilter.parse(query)
        let today = Times.day(now)
        return try await store.read { db in try await OwnerFileQueries.renovations(db, f, paging: paging, viewer: viewer, today: today) }
    }
}
