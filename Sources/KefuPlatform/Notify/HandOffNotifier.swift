import KefuDomain
import SQLKit

/// #11.4: work handed on from one person to the next — a ticket assigned or forwarded, a complaint sent to QA, a CAPA
/// step, an approval, a document waiting for audit. Whoever must act next is told in the bell, and their unit's webhook
/// gets the event where one is configured. Features that hand work on receive a notifier from the composition root;
/// the service desk's notifications implement it (KefuPlatform knows no feature).
public struct HandOff: Sendable {
    /// Who must act next: named people, and/or every active staff member under `unitPath` (nil: the whole organisation)
    /// whose roles pass `eligible`. The one handing it on is never told of their own act.
    public struct Recipients: Sendable {
        public var userIds: [String]
        public var unitPath: String?
        public var eligible: (@Sendable (Set<Role>, _ userPath: String) -> Bool)?

        public init(userIds: [String] = [], unitPath: String? = nil, eligible: (@Sendable (Set<Role>, _ userPath: String) -> Bool)? = nil) {
            self.userIds = userIds
            self.unitPath = unitPath
            self.eligible = eligible
        }
    }

    /// A stable event name, e.g. `complaint_to_quality`, `document_awaiting_audit` (the bell's and the webhook's `kind`).
    public let kind: String
    public let recipients: Recipients
    public let title: Text
    public let body: Text
    /// Where the work waits (a page path), for the webhook's receivers.
    public let link: String
    /// The ticket it concerns, if any: the bell links to it.
    public let ticketId: String?
    public let actorId: String

    public init(kind: String, recipients: Recipients, title: Text, body: Text, link: String, ticketId: String? = nil, actorId: String) {
        self.kind = kind
        self.recipients = recipients
        self.title = title
        self.body = body
        self.link = link
        self.ticketId = ticketId
        self.actorId = actorId
    }
}

public protocol HandOffNotifier: Sendable {
    /// Tells the recipients, inside the caller's transaction (the hand-off and its notice commit or roll back together).
    /// Returns how many people were told.
    @discardableResult
    func handOff(_ db: any SQLDatabase, _ handOff: HandOff, at: Int64) async throws -> Int
}

/// For a service built without notifications (tools, tests of one feature): tells nobody.
public struct NoHandOffs: HandOffNotifier {
    public init() {}
    public func handOff(_ db: any SQLDatabase, _ handOff: HandOff, at: Int64) async throws -> Int { 0 }
}
