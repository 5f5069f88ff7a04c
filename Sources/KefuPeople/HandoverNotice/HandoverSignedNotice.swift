import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #15 leftovers (SHF-02): when the outgoing person signs a handover, the people who must take it over are told in the
/// bell (and their unit's webhook gets `handover_signed`): the next shift's people by the roster, or — when nobody is
/// rostered on the next shift — those of the unit on duty now, exactly whom `HandoverRules.mayTakeOver` lets accept.
enum HandoverSignedNotice {
    static func send(_ db: any SQLDatabase, _ h: HandoverRow, notifier: any HandOffNotifier, actorId: String, now: Date) async throws {
        let shifts = try await HandoverQueries.unitShifts(db, h, now: now)
        let outgoing = HandoverQueries.outgoingShift(h)
        var people = HandoverRules.incoming(after: outgoing, among: shifts)
        if people.isEmpty {
            let minute = LocalMinutes.of(now)
            people = Set(shifts.filter { $0.userId != h.outgoingId && $0.start <= minute && minute < $0.end }.map(\.userId))
        }
        guard !people.isEmpty else { return }
        try await notifier.handOff(db, HandOff(
            kind: "handover_signed", recipients: .init(userIds: people.sorted()),
            title: Text("交接班 \(h.number) 待您接班", "Handover \(h.number) waits for you to take over"),
            body: Text("\(h.outgoingName) 已签字交班（\(h.shiftDay)），请核对后签字接班。", "\(h.outgoingName) signed the handover (\(h.shiftDay)); check it and sign to take over."),
            link: "/people/handovers/\(h.id)", actorId: actorId), at: Clock.millis(now))
    }
}
