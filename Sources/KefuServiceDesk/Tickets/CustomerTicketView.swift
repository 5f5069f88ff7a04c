import Hummingbird
import KefuPlatform

/// #10.19: a ticket as its customer sees it — what was asked, where it stands and when. No owner, assignee, team,
/// escalation level, SLA policy, clocks or breaches: those are the staff's.
public struct CustomerTicketView: Codable, Sendable {
    public let id: String
    public let number: String
    public let subject: String
    public let description: String
    public let type: String
    public let channel: String
    public let status: String
    @Nullable public var customer: TicketView.Customer?
    public let receivedAt: String
    public let createdAt: String
    public let updatedAt: String
    @Nullable public var resolvedAt: String?
    @Nullable public var closedAt: String?

    init(_ t: TicketView) {
        id = t.id; number = t.number; subject = t.subject; description = t.description; type = t.type; channel = t.channel
        status = t.status; customer = t.customer; receivedAt = t.receivedAt; createdAt = t.createdAt; updatedAt = t.updatedAt
        resolvedAt = t.sla.resolvedAt; closedAt = t.closedAt
    }
}

/// The ticket answer for the caller: the customer view for a customer, the full view for staff (#10.19).
enum TicketReply {
    static func one(_ t: TicketView, for p: Principal, status: HTTPResponse.Status = .ok) throws -> Response {
        p.isCustomer ? try JSONIO.response(CustomerTicketView(t), status: status) : try JSONIO.response(t, status: status)
    }

    static func page(_ page: ListPage<TicketView>, for p: Principal) throws -> Response {
        guard p.isCustomer else { return try JSONIO.response(page) }
        return try JSONIO.response(ListPage(items: page.items.map(CustomerTicketView.init), page: page.page, per: page.per,
                                            total: page.total, totalExact: page.totalExact))
    }
}
