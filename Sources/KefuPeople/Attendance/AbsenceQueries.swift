import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of absenteeism records (SHF-05, SHF-11). A person sees the records it has a share of; the recorders
/// (supervisors and managers who approve leave) see their unit's and below.
public enum AbsenceQueries {
    /// The list's filters: a unit (and below), a month `yyyy-mm`, a person (by their share).
    public struct Filter: Sendable {
        public var orgUnitId: String?
        public var month: String?
        public var userId: String?
        public init(orgUnitId: String? = nil, month: String? = nil, userId: String? = nil) {
            self.orgUnitId = orgUnitId; self.month = month; self.userId = userId
        }
    }

    static func row(_ db: any SQLDatabase, id: String) async throws -> AbsenceRow? {
        try await db.raw("\(unsafeRaw: AbsenceRow.select) WHERE a.id = \(bind: id)").first().map(AbsenceRow.init(row:))
    }

    static func view(_ db: any SQLDatabase, _ a: AbsenceRow) async throws -> AbsenceView {
        let shares = try await db.raw("""
            SELECT s.user_id, s.percent, \(unsafeRaw: OrgQueries.userNameSQL("s.user_id")) AS user_name FROM absence_shares s
            WHERE s.absence_id = \(bind: a.id) ORDER BY s.percent DESC, user_name
            """).all().map {
            AbsenceShareView(userId: try $0.decode(column: "user_id", as: String.self), userName: try $0.decode(column: "user_name", as: String?.self) ?? "",
                             percent: try $0.decode(column: "percent", as: Int.self))
        }
        let brief = try await PeopleQueries.entry(db, id: a.entryId)?.brief ?? SwapShiftView(entryId: a.entryId, date: a.day, shiftCode: "", start: "", end: "")
        return AbsenceView(id: a.id, number: a.number, orgUnitId: a.orgUnitId, userId: a.userId, userName: a.userName, shift: brief, swapId: a.swapId,
                           unclearHandover: a.unclearHandover, note: a.note, recordedBy: a.recordedBy, recordedByName: a.recordedByName,
                           createdAt: Times.rfc3339(a.createdAt), shares: shares)
    }

    /// The absences the viewer may see, newest shift first, filtered; a unit outside the viewer's scope is refused.
    public static func list(_ db: any SQLDatabase, filter: Filter, viewer: Principal, paging: Paging) async throws -> ListPage<AbsenceView> {
        var conditions: [SQLQueryString] = []
        let own: SQLQueryString = "EXISTS (SELECT 1 FROM absence_shares o WHERE o.absence_id = a.id AND o.user_id = \(bind: viewer.userId))"
        if viewer.roles.isDisjoint(with: AbsenceRules.recorders) {
            conditions.append(own)
        } else {
            conditions.append("(a.org_path LIKE \(bind: viewer.orgPath + "%") OR \(own))")
        }
        if let unitId = TextRules.trimmed(filter.orgUnitId) {
            guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId) else { throw AppError.notFound(Text("组织", "Org unit")) }
            guard viewer.covers(unitPath: unit.path) else {
                throw AppError.forbidden(Text("您不能查看“{0}”的旷工记录", "You cannot see the absences of {0}").with(unit.name))
            }
            conditions.append("a.org_path LIKE \(bind: unit.path + "%")")
        }
        if let month = TextRules.trimmed(filter.month) {
            _ = try PeopleQueries.month(month)
            conditions.append("a.month = \(bind: month)")
        }
        if let userId = TextRules.trimmed(filter.userId) {
            conditions.append("EXISTS (SELECT 1 FROM absence_shares p WHERE p.absence_id = a.id AND p.user_id = \(bind: userId))")
        }
        let whereSQL: SQLQueryString = "WHERE \(SQLList(conditions, separator: SQLRaw(" AND ")))"
        let total = try await db.raw("SELECT COUNT(*) AS n FROM absences a \(whereSQL)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            \(unsafeRaw: AbsenceRow.select) \(whereSQL) ORDER BY a.day DESC, a.number DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map(AbsenceRow.init(row:))
        var items: [AbsenceView] = []
        for r in rows { items.append(try await view(db, r)) }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }
}
