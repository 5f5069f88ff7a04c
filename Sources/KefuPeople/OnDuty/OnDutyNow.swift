import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

extension PeopleQueries {
    /// #15 leftovers (#15.1: the roster feeds the SLA's on-duty notion): who of the unit (and below) is on duty at `at` by
    /// the roster; nil when the unit has no roster entry for that day (then nobody is narrowed out).
    public static func onDutyNow(_ db: any SQLDatabase, unitId: String, at: Int64) async throws -> Set<String>? {
        let now = Clock.date(millis: at)
        let day = Times.day(now)
        guard try await db.raw("SELECT 1 AS x FROM roster_entries WHERE org_unit_id = \(bind: unitId) AND day = \(bind: day.iso) LIMIT 1").first() != nil,
              let path = try await OrgQueries.unitPath(db, unitId: unitId) else { return nil }
        return Set(try await onDuty(db, unitPath: path, day: day, minute: LocalMinutes.of(now)).map(\.userId))
    }
}
