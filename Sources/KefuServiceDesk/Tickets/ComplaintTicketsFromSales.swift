import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #16 item 6 (CMP-01, D15): a complaint the sales department accepted, registered by its staff as a complaint ticket
/// of their unit. No one owns it yet: sales staff own no tickets, so the first customer-service agent who takes it does
/// (TKT-03). Its fields are checked as any ticket's; its customer must be named, so that someone can be answered.
public struct ComplaintTicketsFromSales: Sendable {
    let channelTickets: TicketsFromMail

    public init(tickets: TicketService) { channelTickets = TicketsFromMail(tickets: tickets) }

    public struct Valid: Sendable {
        public let subject: String
        let description: String
        let channel: TicketChannel
        let customer: CustomerInput
    }

    public static func validate(subject: String?, description: String?, channel: String?, customer: CustomerInput?) throws -> Valid {
        let subject = try TicketValidation.subject(subject)
        let description = try TicketValidation.description(description)
        let channel = try TicketValidation.choice(channel, "channel", default: TicketChannel.phone)
        let customer = customer ?? CustomerInput()
        let valid = try CustomerService.validate(customer, nameRequired: true)
        guard valid.phone != nil || valid.email != nil else {
            throw AppError.validation("customer.phone", Text("请填写客户的电话或邮箱，以便答复", "Give the customer's phone or e-mail, so that they can be answered"))
        }
        return Valid(subject: subject, description: description, channel: channel, customer: customer)
    }

    public func prepare(now: Date) async throws -> TicketsFromMail.Prepared { try await channelTickets.prepare(receivedAt: now) }

    /// The ticket, in the caller's transaction; its creation observers run (a complaint ticket opens its case).
    public func create(_ db: any SQLDatabase, _ prepared: TicketsFromMail.Prepared, _ valid: Valid, by actor: Principal, now: Date) async throws -> TicketsFromMail.Created {
        try await channelTickets.create(db, prepared, subject: valid.subject, text: valid.description, channel: valid.channel, customer: valid.customer,
                                        ownerId: nil, actor: actor, receivedAt: now, now: now, type: .complaint)
    }
}
