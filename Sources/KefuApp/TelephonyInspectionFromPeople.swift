import Foundation
import KefuChannels
import KefuPeople
import SQLKit

/// #16.3 KPI-02: an answered call that rang more than three times becomes KefuPeople's call record for quality
/// inspection (`InspectionService.recordCall`, with its late-answer penalty record), in the telephony event's
/// transaction.
struct TelephonyInspectionFromPeople: TelephonyQualityInspection {
    func recordLateAnswer(_ db: any SQLDatabase, agentId: String, calledAt: Int64, callerNumber: String, rings: Int, note: String,
                          now: Date) async throws -> String? {
        try await InspectionService.recordCall(db, agentId: agentId, calledAt: calledAt, callerNumber: callerNumber, rings: rings, durationSeconds: 0,
                                               note: note, now: now)
    }
}
