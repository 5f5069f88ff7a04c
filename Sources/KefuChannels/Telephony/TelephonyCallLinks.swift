import KefuDomain
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// #16.3: a ticket made of a call (a missed call's call-back ticket, or an answered call made a ticket) shows the call
/// on its page: number, extension, rings and state, linked to the caller's call log.
public struct TelephonyCallLinks: TicketLinkProvider {
    public init() {}

    public func links(_ db: any SQLDatabase, ticketId: String, viewer: Principal) async throws -> [TicketLink] {
        try await db.raw("""
            SELECT caller_number, extension, rings, state, customer_id FROM telephony_calls WHERE ticket_id = \(bind: ticketId) ORDER BY created_at LIMIT 10
            """).all().map { row in
            let number = try row.decode(column: "caller_number", as: String.self)
            let ext = try row.decode(column: "extension", as: String.self)
            let rings = String(try row.decode(column: "rings", as: Int.self))
            let state = TelephonyPages.stateLabel(try row.decode(column: "state", as: String.self))
            let customer = try row.decode(column: "customer_id", as: String?.self)
            return TicketLink(label: Text("来电 \(number)（分机 \(ext)，响铃 \(rings) 声，\(state.zh)）", "Call from \(number) (extension \(ext), \(rings) rings, \(state.en))"),
                              href: TelephonyPages.callsHref + (customer.map { "?customerId=" + $0 } ?? ""))
        }
    }
}
