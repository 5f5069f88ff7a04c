import KefuDomain
import KefuPlatform
import SQLKit

/// DMG-05: the electronic packing list goes to the production warehouse before the crate arrives: every production
/// user is told, with the batch's link (the bell and the webhook).
struct DamagedHandOffs: Sendable {
    let notifier: any HandOffNotifier

    func shipped(_ db: any SQLDatabase, number: String, id: String, siteName: String, parts: Int, shippedOn: String, by actor: Principal, at: Int64) async throws {
        let handOff = HandOff(
            kind: "damaged_return_shipped",
            recipients: .init(eligible: { roles, _ in !roles.contains(.admin) && !roles.isDisjoint(with: DamagedReturnRule.receivers) }),
            title: Text("损坏件返回待接收：\(number)", "Damaged parts on their way back: \(number)"),
            body: Text("{0} 于 {1} 发运 {2} 件，返修损坏备件清单见链接", "{0} shipped {2} parts on {1}; the packing list is at the link").with(siteName, shippedOn, String(parts)),
            link: "/materials/damaged-returns/\(id)", actorId: actor.userId)
        try await notifier.handOff(db, handOff, at: at)
    }
}
