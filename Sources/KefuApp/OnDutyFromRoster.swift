import KefuPeople
import KefuServiceDesk
import SQLKit

/// #15 leftovers: the service desk's on-duty port answered by the people feature's roster (`PeopleQueries.onDutyNow`).
struct OnDutyFromRoster: OnDutyDirectory {
    func onDuty(_ db: any SQLDatabase, unitId: String, at: Int64) async throws -> Set<String>? {
        try await PeopleQueries.onDutyNow(db, unitId: unitId, at: at)
    }
}
