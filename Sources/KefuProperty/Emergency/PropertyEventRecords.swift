import Foundation
import KefuDomain
import KefuPlatform

/// ESC-03 a follow-up note on an event.
public struct PropertyEventNoteView: Encodable, Sendable {
    public let seq: Int
    public let note: String
    public let notedAt: String
    public let notedBy: String
}

/// ESC-03 an event at an estate: what, where, when, its kind and severity, who it was reported or assigned to, its
/// follow-ups and result. `overdue` is 逾期: an emergency not followed up within two hours of being recorded.
public struct PropertyEventView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let estateId: String
    public let estateName: String
    public let kind: PropertyEventKind
    public let severity: PropertyEventSeverity
    public let title: String
    public let location: String
    public let occurredOn: String
    public let occurredTime: String?
    public let description: String?
    public let status: PropertyEventStatus
    public let assigneeId: String?
    public let assigneeName: String?
    /// 已上报: whom an important event was reported to (names), and when.
    public let reportedTo: String?
    public let reportedAt: String?
    public let followUps: Int
    public let overdue: Bool
    public let result: String?
    public let closedAt: String?
    public let closedBy: String?
    public let recordedAt: String
    public let recordedBy: String
    public var notes: [PropertyEventNoteView]
    public var mayFollowUp: Bool
    public var mayClose: Bool
    let orgPath: String

    enum CodingKeys: String, CodingKey {
        case id, number, estateId, estateName, kind, severity, title, location, occurredOn, occurredTime, description, status, assigneeId, assigneeName,
             reportedTo, reportedAt, followUps, overdue, result, closedAt, closedBy, recordedAt, recordedBy, notes, mayFollowUp, mayClose
    }
}

/// ESC-03 the events page: the list with its filters and the form.
public struct PropertyEventsPageModel: Sendable {
    public let estates: [PropertyEstateView]
    public let events: ListPage<PropertyEventView>
    public let mayRecord: Bool
}
