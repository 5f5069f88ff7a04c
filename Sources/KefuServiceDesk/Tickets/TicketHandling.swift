import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #11.4: what the ticket page's one form sends: a reply or an internal note, a new status, a new assignee — any of
/// them, together. A field left as it was changes nothing.
public struct HandleTicketInput: Codable, Sendable {
    public var body: String?
    /// `public` (a reply the customer sees) or `internal` (a note for staff).
    public var visibility: String?
    /// The status after the submit; empty or the present status leaves it.
    public var status: String?
    /// The assignee after the submit; nil or the present assignee leaves it, "" clears it.
    public var assigneeId: String?

    public init(body: String? = nil, visibility: String? = nil, status: String? = nil, assigneeId: String? = nil) {
        self.body = body; self.visibility = visibility; self.status = status; self.assigneeId = assigneeId
    }
}

/// What one submit did, for the page's message after the redirect.
public struct HandleTicketResult: Sendable {
    public let ticket: TicketView
    public let commented: CommentVisibility?
    public let statusChanged: Bool
    public let assigned: Bool
}

extension TicketService {
    /// #11.4: one submit, one transaction: the comment (and what a public reply sets going: owner, first response,
    /// new → open), then the status (the state machine decides from the status the reply left, TKT-01), then the
    /// assignee (only while the ticket is still being worked, `TicketActions.handsOn`; the assignee is told, #11.4
    /// hand-offs). Any refusal rolls all of it back. The timeline rows are the audit trail (TKT-01).
    public func handle(ticketId: String, _ input: HandleTicketInput, by actor: Principal, now: Date = Date()) async throws -> HandleTicketResult {
        let body = TextRules.trimmed(input.body)
        if let body, body.count > TicketRules.commentMax {
            throw AppError.validation("body", Text("内容最长 10000 字", "The text is at most 10,000 characters"))
        }
        let visibility = try TicketValidation.choice(input.visibility, "visibility", default: CommentVisibility.public)
        let wanted: TicketStatus?
        if let raw = TextRules.trimmed(input.status) {
            guard let s = TicketStatus(rawValue: raw) else {
                throw AppError.validation("status", Text("请选择列表中的状态", "Choose a status from the list"))
            }
            wanted = s
        } else {
            wanted = nil
        }
        let assignee = input.assigneeId.map { $0.trimmingCharacters(in: .whitespaces) }
        let calendar = try await settings.current(now: now).calendar
        let notifier = handOffs
        let observers = replyObservers
        return try await change(ticketId, by: actor, now: now, reindex: true) { db, start, at in
            var commented: CommentVisibility?
            var ticket = start
            if let body {
                _ = try await Self.addComment(db, ticket: ticket, body: body, visibility: visibility, actor: actor, at: at, calendar: calendar,
                                              observers: observers)
                commented = visibility
                ticket = try await TicketQueries.row(db, id: ticket.id, lock: "")!
            }
            var statusChanged = false
            if let wanted, wanted != ticket.status {
                try Self.requireTransition(from: ticket.status, to: wanted)
                let seq = try await TicketTimeline.nextSeq(db, ticketId: ticket.id)
                try await Self.applyStatus(db, ticket: ticket, to: wanted, note: nil, actorId: actor.userId, seq: seq, at: at,
                                           clocks: ticket.clocks, calendar: calendar)
                statusChanged = true
            }
            var assigned = false
            if let assignee, assignee != (start.assigneeId ?? "") {
                guard TicketActions.handsOn(start.status) else {
                    throw AppError(.conflict, "ticket_not_in_progress",
                                   Text("已解决的工单不再分派，请先重新打开", "A resolved ticket is not handed on; reopen it first"),
                                   details: ["field": "assigneeId"])
                }
                let seq = try await TicketTimeline.nextSeq(db, ticketId: ticket.id)
                try await Self.assign(db, ticket: start, assigneeId: assignee, teamId: nil, actor: actor, seq: seq, at: at, kind: "assigned", note: nil)
                if !assignee.isEmpty {
                    try await notifier.ticketHandedOn(db, ticket: start, kind: .assigned, toUserId: assignee, toUnitId: nil, by: actor, note: nil, at: at)
                }
                assigned = true
            }
            guard commented != nil || statusChanged || assigned else {
                throw AppError.validation("body", Text("请填写回复或备注，或修改状态、处理人", "Write a reply or a note, or change the status or the assignee"))
            }
            let view = try await TicketQueries.row(db, id: ticket.id, lock: "")!.view
            return HandleTicketResult(ticket: view, commented: commented, statusChanged: statusChanged, assigned: assigned)
        }
    }
}
