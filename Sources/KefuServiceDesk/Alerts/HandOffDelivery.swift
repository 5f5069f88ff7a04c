import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #11.4: the service desk's notifications deliver every feature's hand-offs: one bell entry per person who must act
/// next (in their language, at once), and one webhook event per unit concerned (the nearest unit upwards with an
/// active webhook).
extension NotificationService: HandOffNotifier {
    @discardableResult
    public func handOff(_ db: any SQLDatabase, _ handOff: HandOff, at: Int64) async throws -> Int {
        try await HandOffDelivery.deliver(db, handOff, ticket: nil, at: at)
    }
}

enum HandOffDelivery {
    @discardableResult
    static func deliver(_ db: any SQLDatabase, _ handOff: HandOff, ticket: TicketRow?, at: Int64) async throws -> Int {
        let r = handOff.recipients
        var people: [String: (locale: AppLocale, path: String)] = [:]
        if r.eligible != nil || !r.userIds.isEmpty {
            let named = Set(r.userIds)
            // Named people anywhere; the eligible only under the unit path.
            let staff = try await OrgQueries.activeStaff(db, underPath: named.isEmpty ? r.unitPath : nil)
            for s in staff {
                let underPath = r.unitPath.map { s.path.hasPrefix($0) } ?? true
                let chosen = named.contains(s.id) || (underPath && r.eligible?(s.roles, s.path) == true)
                if chosen, s.id != handOff.actorId { people[s.id] = (s.locale, s.path) }
            }
        }
        let alert = TicketAlerts.Alert(kind: handOff.kind, title: handOff.title, body: handOff.body, data: ["link": handOff.link], link: handOff.link)
        for (id, who) in people.sorted(by: { $0.key < $1.key }) {
            try await TicketAlerts.insert(db, userId: id, locale: who.locale, alert, ticketId: handOff.ticketId ?? ticket?.id, deliverAt: at, at: at)
        }
        var units = Set<String>()
        for path in Set(people.values.map(\.path)).sorted() {
            let nearestFirst = Array(OrgPath.ids(path).reversed())
            guard let unit = nearestFirst.first, units.insert(unit).inserted else { continue }
            try await Webhooks.enqueue(db, nearestFirst: nearestFirst, handOff: handOff, ticket: ticket, at: at)
        }
        return people.count
    }
}
