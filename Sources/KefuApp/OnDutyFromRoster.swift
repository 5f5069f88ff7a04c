import KefuPeople
import KefuServiceDesk
import KefuWorkOrders
import SQLKit

/// #15 leftovers: the service desk's on-duty port answered by the people feature's roster (`PeopleQueries.onDutyNow`).
struct OnDutyFromRoster: OnDutyDirectory {
    func onDuty(_ db: any SQLDatabase, unitId: String, at: Int64) async throws -> Set<String>? {
        try await PeopleQueries.onDutyNow(db, unitId: unitId, at: at)
    }
}

/// WO-05: the work orders ask the same roster who is on duty now.
extension OnDutyFromRoster: WorkOrderDutyRoster {}
