import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #16 item 2: what outbound mail (KefuChannels) reads of a ticket and writes on it, inside the caller's transaction:
/// the acknowledgement text from the unit's templates, and what became of each mail on the ticket's timeline
/// (internal: staff see it, the customer's view does not).
extension TicketsFromMail {
    public struct Acknowledgement: Sendable {
        public let text: String
        public let locale: String
    }

    /// The acknowledgement in force for the ticket's unit — the nearest unit's first, in `locale`, else in the other
    /// language — filled in for the ticket; nil when none is in force (the unit sends none).
    public static func acknowledgement(_ db: any SQLDatabase, ticketId: String, locale: String) async throws -> Acknowledgement? {
        guard let ticket = try await TicketQueries.row(db, id: ticketId, lock: "") else { return nil }
        let unitPath = ticket.teamPath ?? ticket.orgPath
        let paths = ReplyTemplateRules.pathsInForce(userPath: unitPath)
        let rows = try await db.raw("""
            SELECT org_path, body, locale FROM reply_templates
            WHERE active = 1 AND kind = 'acknowledgement' AND org_path IN (\(SQLList(paths.map { SQLBind($0) })))
              AND (channel IS NULL OR channel = 'email')
            """).all()
        let found = try rows.map { (path: try $0.decode(column: "org_path", as: String.self), body: try $0.decode(column: "body", as: String.self),
                                    locale: try $0.decode(column: "locale", as: String.self)) }
        guard let index = ReplyTemplateRules.nearest(found.map { ($0.path, $0.locale) }, locale: locale) else { return nil }
        let best = found[index]
        let unitId = ticket.teamId ?? ticket.orgUnitId
        let unitName = try await OrgQueries.unitNames(db, ids: [unitId])[unitId] ?? ""
        let values = ["customer": ticket.customerName ?? ticket.customerEmail ?? "", "ticketNumber": ticket.number, "agent": unitName,
                      "unit": unitName, "dueAt": ticket.resolutionDueAt.map(Times.display) ?? ""]
        return Acknowledgement(text: ReplyTemplateRules.render(best.body, values: values.mapValues { $0.isEmpty ? "—" : $0 }), locale: best.locale)
    }

    /// A mail to the customer was sent (`error` nil) or given up on; shown on the ticket's timeline.
    /// The ticket's row is locked first, as every change to a ticket does, so the timeline's next number is this one's.
    public static func recordOutboundMail(_ db: any SQLDatabase, dialect: StoreDialect, ticketId: String, kind: String, to: String, messageId: String,
                                          error: String?, at: Int64) async throws {
        guard try await TicketQueries.row(db, id: ticketId, lock: dialect.rowLock(of: "t")) != nil else { return }
        let seq = try await TicketTimeline.nextSeq(db, ticketId: ticketId)
        var data = ["mailKind": kind, "to": to, "messageId": messageId]
        data["error"] = error
        try await TicketTimeline.append(db, ticketId: ticketId, seq: seq, kind: error == nil ? "mail_sent" : "mail_failed", actorId: nil,
                                        visibility: .internal, at: at, data: data)
    }
}
