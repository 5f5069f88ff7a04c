import Foundation
import KefuDomain
import KefuMaterials
import KefuServiceDesk

/// #13.1: the material requests' planner clock (REQ-04) counts on the service desk's working-day calendar (#3, SLA-05),
/// handed over here so that the materials feature never reads the calendar's tables.
struct SlaMaterialCalendar: MaterialWorkCalendar {
    let settings: SlaSettings
    func workCalendar(now: Date) async throws -> WorkCalendar { try await settings.current(now: now).calendar }
}
