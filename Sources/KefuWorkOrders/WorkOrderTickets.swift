import KefuPlatform
import SQLKit

/// What a work order needs of the ticket it is issued from (WO-01: the reception record). The service desk owns the
/// tickets: this port is implemented in the composition root through its query functions, so this feature never reads
/// their tables.
public struct WorkOrderTicket: Sendable {
    public let id: String
    public let number: String
    public let subject: String
    public let requesterName: String?
    public let requesterPhone: String?
    public let orgUnitId: String

    public init(id: String, number: String, subject: String, requesterName: String?, requesterPhone: String?, orgUnitId: String) {
        self.id = id; self.number = number; self.subject = subject
        self.requesterName = requesterName; self.requesterPhone = requesterPhone; self.orgUnitId = orgUnitId
    }
}

public protocol WorkOrderTickets: Sendable {
    /// The ticket named by its id or number, inside the caller's transaction; nil when there is none or the viewer may
    /// not see it (so neither the ticket nor its customer leaks).
    func ticket(_ db: any SQLDatabase, idOrNumber: String, viewer: Principal) async throws -> WorkOrderTicket?
}

/// No service desk behind (tests of the feature alone): no ticket is found.
public struct NoWorkOrderTickets: WorkOrderTickets {
    public init() {}
    public func ticket(_ db: any SQLDatabase, idOrNumber: String, viewer: Principal) async throws -> WorkOrderTicket? { nil }
}
