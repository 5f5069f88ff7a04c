import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of the estate events (ESC-03), inside the caller's transaction, scoped to the viewer's unit and below.
enum PropertyEventQueries {
    static let select = """
        SELECT v.id, v.number, v.estate_id, v.org_path, v.kind, v.severity, v.title, v.location, v.occurred_on, v.occurred_time, v.description, v.status,
            v.assignee_id, v.reported_to, v.reported_at, v.first_follow_up_at, v.follow_ups, v.result, v.closed_at, v.recorded_at,
            e.name AS estate_name, \(OrgQueries.userNameSQL("v.assignee_id")) AS assignee_name, \(OrgQueries.userNameSQL("v.recorded_by")) AS by_name,
            \(OrgQueries.userNameSQL("v.closed_by")) AS closed_name
        FROM property_events v JOIN property_estates e ON e.id = v.estate_id
        """

    static func row(_ row: any SQLRow, viewer: Principal, now: Int64) throws -> PropertyEventView {
        let kind = PropertyEventKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .important
        let status = PropertyEventStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .closed
        let recordedAt = try row.decode(column: "recorded_at", as: Int64.self)
        let path = try row.decode(column: "org_path", as: String.self)
        let handler = PropertyEventRules.may(roles: viewer.roles, userPath: viewer.orgPath, recordPath: path)
        return PropertyEventView(
            id: try row.decode(column: "id", as: String.self), number: try row.decode(column: "number", as: String.self),
            estateId: try row.decode(column: "estate_id", as: String.self), estateName: try row.decode(column: "estate_name", as: String.self),
            kind: kind, severity: PropertyEventSeverity(rawValue: try row.decode(column: "severity", as: String.self)) ?? .minor,
            title: try row.decode(column: "title", as: String.self), location: try row.decode(column: "location", as: String.self),
            occurredOn: try row.decode(column: "occurred_on", as: String.self), occurredTime: try row.decode(column: "occurred_time", as: String?.self),
            description: try row.decode(column: "description", as: String?.self), status: status,
            assigneeId: try row.decode(column: "assignee_id", as: String?.self), assigneeName: try row.decode(column: "assignee_name", as: String?.self),
            reportedTo: try row.decode(column: "reported_to", as: String?.self), reportedAt: Times.rfc3339(try row.decode(column: "reported_at", as: Int64?.self)),
            followUps: try row.decode(column: "follow_ups", as: Int.self),
            overdue: PropertyEventRules.overdue(kind: kind, recordedAt: recordedAt, firstFollowUpAt: try row.decode(column: "first_follow_up_at", as: Int64?.self), now: now),
            result: try row.decode(column: "result", as: String?.self), closedAt: Times.rfc3339(try row.decode(column: "closed_at", as: Int64?.self)),
            closedBy: try row.decode(column: "closed_name", as: String?.self), recordedAt: Times.rfc3339(recordedAt),
            recordedBy: try row.decode(column: "by_name", as: String?.self) ?? "—", notes: [],
            mayFollowUp: handler && PropertyEventRules.next(status, .followUp) != nil,
            mayClose: handler && PropertyEventRules.next(status, .close) != nil,
            orgPath: path)
    }

    static func event(_ db: any SQLDatabase, id: String, viewer: Principal, now: Int64) async throws -> PropertyEventView {
        guard let r = try await db.raw("\(unsafeRaw: select) WHERE v.id = \(bind: id)").first() else {
            // #17.6 RET-04: an archived event (its hand-off's link, a bookmark) says when and where it went — to its readers only.
            throw try await RetentionTombstones.gone(db, kind: .propertyEvent, id: id, what: Text("事件", "Event")) { t in
                PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: t.orgPath ?? "")
            }
        }
        var v = try row(r, viewer: viewer, now: now)
        guard PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: v.orgPath) else {
            throw AppError.forbidden(Text("您只能查看本单位及下级单位的事件", "You see the events of your unit and below only"))
        }
        v.notes = try await db.raw("""
            SELECT seq, note, noted_at, \(unsafeRaw: OrgQueries.userNameSQL("n.noted_by")) AS by_name FROM property_event_notes n
            WHERE n.event_id = \(bind: id) ORDER BY n.seq
            """).all().map {
            PropertyEventNoteView(seq: try $0.decode(column: "seq", as: Int.self), note: try $0.decode(column: "note", as: String.self),
                                  notedAt: Times.rfc3339(try $0.decode(column: "noted_at", as: Int64.self)),
                                  notedBy: try $0.decode(column: "by_name", as: String?.self) ?? "—")
        }
        return v
    }

    /// The list's filters: estate, kind, status, overdue only, occurred from/to, text (number, title, location).
    struct Filter: Sendable {
        var estateId: String?
        var kind: PropertyEventKind?
        var status: PropertyEventStatus?
        var overdue = false
        var from: CivilDay?
        var to: CivilDay?
        var q: String?

        static func parse(_ q: [String: String]) throws -> Filter {
            var f = Filter()
            f.estateId = TextRules.trimmed(q["estateId"])
            if let s = TextRules.trimmed(q["kind"]) { f.kind = try PropertyInput.choice(s, field: "kind", label: Text("类别", "Kind"), aliases: PropertyEventInput.kindAliases) }
            if let s = TextRules.trimmed(q["status"]) { f.status = try PropertyInput.choice(s, field: "status", label: Text("状态", "Status")) as PropertyEventStatus }
            f.overdue = ["1", "true", "yes"].contains(TextRules.trimmed(q["overdue"]) ?? "")
            f.from = try PropertyInput.day(q["from"], field: "from", label: Text("起始日期", "From"), default: nil)
            f.to = try PropertyInput.day(q["to"], field: "to", label: Text("结束日期", "To"), default: nil)
            f.q = TextRules.trimmed(q["q"])
            return f
        }
    }

    static func events(_ db: any SQLDatabase, _ f: Filter, paging: Paging, viewer: Principal, now: Int64) async throws -> ListPage<PropertyEventView> {
        var c: [SQLQueryString] = [PropertyQueries.scope("v", viewer)]
        if let e = f.estateId { c.append("v.estate_id = \(bind: e)") }
        if let k = f.kind { c.append("v.kind = \(bind: k.rawValue)") }
        if let s = f.status { c.append("v.status = \(bind: s.rawValue)") }
        if f.overdue {
            // ESC-03 逾期: an emergency whose first follow-up is missing past the window, or came after it.
            let window = PropertyEventRules.followUpWindowMillis
            c.append("""
                v.kind = 'emergency' AND ((v.first_follow_up_at IS NULL AND v.recorded_at < \(bind: now - window))
                    OR v.first_follow_up_at - v.recorded_at > \(bind: window))
                """)
        }
        if let d = f.from { c.append("v.occurred_on >= \(bind: d.iso)") }
        if let d = f.to { c.append("v.occurred_on <= \(bind: d.iso)") }
        if let q = f.q {
            c.append("(v.number = \(bind: PropertyEventNumber.parse(q) ?? q) OR v.title LIKE \(bind: OperationsQueries.like(q)) OR v.location LIKE \(bind: OperationsQueries.like(q)))")
        }
        let (found, total) = try await RegisterQuery.page(db, from: "property_events v", select: select, where: c, order: "v.recorded_at DESC, v.number DESC", paging: paging)
        let rows = try found.map { try row($0, viewer: viewer, now: now) }
        return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
    }

    /// #11.1 an event by its whole number, only in the viewer's scope.
    static func byNumber(_ db: any SQLDatabase, number: String, viewer: Principal) async throws -> (id: String, title: String, day: String)? {
        guard let r = try await db.raw("SELECT id, org_path, title, occurred_on FROM property_events WHERE number = \(bind: number)").first(),
              PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: try r.decode(column: "org_path", as: String.self)) else { return nil }
        return (try r.decode(column: "id", as: String.self), try r.decode(column: "title", as: String.self), try r.decode(column: "occurred_on", as: String.self))
    }
}
