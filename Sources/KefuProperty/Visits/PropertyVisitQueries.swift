import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of the supervisor's visits and the owner forums (SAT-10), inside the caller's transaction, scoped to the
/// viewer's unit and below.
enum PropertyVisitQueries {
    static let visitSelect = """
        SELECT v.id, v.number, v.estate_id, v.org_path, v.unit_id, v.building, v.room, v.resident_name, v.visited_on, v.visited_time, v.opinions,
            v.satisfaction, v.follow_up_status, v.follow_up, v.follow_up_owner, v.follow_up_note, v.follow_up_closed_at, v.recorded_at,
            e.name AS estate_name, \(OrgQueries.userNameSQL("v.recorded_by")) AS by_name, \(OrgQueries.userNameSQL("v.follow_up_closed_by")) AS closed_name
        FROM property_visits v JOIN property_estates e ON e.id = v.estate_id
        """

    static func visitRow(_ row: any SQLRow, viewer: Principal) throws -> PropertyVisitView {
        let status = VisitFollowUpStatus(rawValue: try row.decode(column: "follow_up_status", as: String.self)) ?? .none
        let path = try row.decode(column: "org_path", as: String.self)
        let satisfaction = try row.decode(column: "satisfaction", as: Int?.self)
        return PropertyVisitView(
            id: try row.decode(column: "id", as: String.self), number: try row.decode(column: "number", as: String.self),
            estateId: try row.decode(column: "estate_id", as: String.self), estateName: try row.decode(column: "estate_name", as: String.self),
            unitId: try row.decode(column: "unit_id", as: String?.self), building: try row.decode(column: "building", as: String.self),
            room: try row.decode(column: "room", as: String?.self), residentName: try row.decode(column: "resident_name", as: String?.self),
            visitedOn: try row.decode(column: "visited_on", as: String.self), visitedTime: try row.decode(column: "visited_time", as: String?.self),
            opinions: try row.decode(column: "opinions", as: String.self), satisfaction: satisfaction,
            satisfactionLabel: PropertyVisitInput.satisfactionLabel(satisfaction, .zhCN),
            followUpStatus: status, followUp: try row.decode(column: "follow_up", as: String?.self),
            followUpOwner: try row.decode(column: "follow_up_owner", as: String?.self), followUpNote: try row.decode(column: "follow_up_note", as: String?.self),
            followUpClosedAt: Times.rfc3339(try row.decode(column: "follow_up_closed_at", as: Int64?.self)),
            followUpClosedBy: try row.decode(column: "closed_name", as: String?.self),
            visitor: try row.decode(column: "by_name", as: String?.self) ?? "—",
            recordedAt: Times.rfc3339(try row.decode(column: "recorded_at", as: Int64.self)),
            mayCloseFollowUp: PropertyVisitRules.mayCloseFollowUp(status)
                && PropertyVisitRules.may(PropertyVisitRules.followUpClosers, roles: viewer.roles, userPath: viewer.orgPath, recordPath: path),
            orgPath: path)
    }

    static func visit(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> PropertyVisitView {
        guard let r = try await db.raw("\(unsafeRaw: visitSelect) WHERE v.id = \(bind: id)").first() else { throw AppError.notFound(Text("走访记录", "Visit")) }
        let v = try visitRow(r, viewer: viewer)
        guard PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: v.orgPath) else {
            throw AppError.forbidden(Text("您只能查看本单位及下级单位的走访记录", "You see the visits of your unit and below only"))
        }
        return v
    }

    /// The visit list's filters: estate, period (a quarter, or from/to), building, room, follow-up state.
    struct VisitFilter: Sendable {
        var estateId: String?
        var from: CivilDay?
        var to: CivilDay?
        var building: String?
        var room: String?
        var followUp: VisitFollowUpStatus?

        static func parse(_ q: [String: String]) throws -> VisitFilter {
            var f = VisitFilter()
            f.estateId = TextRules.trimmed(q["estateId"])
            if let t = TextRules.trimmed(q["quarter"]) {
                guard let quarter = VisitQuarter(t) else {
                    throw AppError.validation("quarter", Text("季度格式为 2026-Q4", "The quarter must look like 2026-Q4"))
                }
                f.from = quarter.first
                f.to = quarter.last
            }
            if let d = try PropertyInput.day(q["from"], field: "from", label: Text("起始日期", "From"), default: nil) { f.from = d }
            if let d = try PropertyInput.day(q["to"], field: "to", label: Text("结束日期", "To"), default: nil) { f.to = d }
            f.building = TextRules.trimmed(q["building"])
            f.room = TextRules.trimmed(q["room"])
            if ["1", "true", "yes"].contains(TextRules.trimmed(q["openFollowUps"]) ?? "") { f.followUp = .open }
            if let s = TextRules.trimmed(q["followUp"]) {
                f.followUp = try PropertyInput.choice(s, field: "followUp", label: Text("跟进状态", "Follow-up"), aliases: PropertyVisitInput.followUpAliases)
            }
            return f
        }
    }

    static func visits(_ db: any SQLDatabase, _ f: VisitFilter, paging: Paging, viewer: Principal) async throws -> ListPage<PropertyVisitView> {
        var c: [SQLQueryString] = [PropertyQueries.scope("v", viewer)]
        if let e = f.estateId { c.append("v.estate_id = \(bind: e)") }
        if let d = f.from { c.append("v.visited_on >= \(bind: d.iso)") }
        if let d = f.to { c.append("v.visited_on <= \(bind: d.iso)") }
        if let b = f.building { c.append("v.building = \(bind: b)") }
        if let r = f.room { c.append("v.room = \(bind: r)") }
        if let s = f.followUp { c.append("v.follow_up_status = \(bind: s.rawValue)") }
        let (found, total) = try await RegisterQuery.page(db, from: "property_visits v", select: visitSelect, where: c, order: "v.visited_on DESC, v.number DESC", paging: paging)
        let rows = try found.map { try visitRow($0, viewer: viewer) }
        return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
    }

    /// SAT-10 the estate's buildings (those with units) and their visits in the quarter; the unvisited are due.
    static func due(_ db: any SQLDatabase, estateId: String, quarter: VisitQuarter, viewer: Principal) async throws -> VisitsDueView {
        let (name, _) = try await PropertyQueries.estate(db, id: estateId, viewer: viewer)
        let units = try await db.raw("""
            SELECT building, COUNT(*) AS n FROM property_units WHERE estate_id = \(bind: estateId) GROUP BY building ORDER BY building
            """).all().map { (try $0.decode(column: "building", as: String.self), try $0.decode(column: "n", as: Int.self)) }
        var visited: [String: (Int, String)] = [:]
        for r in try await db.raw("""
            SELECT building, COUNT(*) AS n, MAX(visited_on) AS last_on FROM property_visits
            WHERE estate_id = \(bind: estateId) AND visited_on >= \(bind: quarter.first.iso) AND visited_on <= \(bind: quarter.last.iso) GROUP BY building
            """).all() {
            visited[try r.decode(column: "building", as: String.self)] = (try r.decode(column: "n", as: Int.self), try r.decode(column: "last_on", as: String.self))
        }
        let due = PropertyVisitRules.buildingsDue(buildings: units.map(\.0), visited: Set(visited.keys))
        let dueSet = Set(due)
        return VisitsDueView(estateId: estateId, estateName: name, quarter: quarter.iso, from: quarter.first.iso, to: quarter.last.iso,
                             buildings: units.map { b, n in
                                 VisitBuildingView(building: b, units: n, visits: visited[b]?.0 ?? 0, lastVisitedOn: visited[b]?.1, due: dueSet.contains(b))
                             }, due: due)
    }

    // MARK: forums

    static let forumSelect = """
        SELECT f.id, f.number, f.estate_id, f.org_path, f.status, f.held_on, f.held_time, f.place, f.topic, f.host, f.attendee_count, f.attendees,
            f.minutes, f.cancel_reason, f.resolutions, f.resolutions_open, f.recorded_at, e.name AS estate_name,
            \(OrgQueries.userNameSQL("f.recorded_by")) AS by_name
        FROM property_forums f JOIN property_estates e ON e.id = f.estate_id
        """

    static func forumRow(_ row: any SQLRow, viewer: Principal) throws -> PropertyForumView {
        let status = ForumStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .cancelled
        let path = try row.decode(column: "org_path", as: String.self)
        let open = try row.decode(column: "resolutions_open", as: Int.self)
        let host = PropertyVisitRules.may(PropertyForumRules.hosts, roles: viewer.roles, userPath: viewer.orgPath, recordPath: path)
        let closer = PropertyVisitRules.may(PropertyForumRules.resolutionClosers, roles: viewer.roles, userPath: viewer.orgPath, recordPath: path)
        return PropertyForumView(
            id: try row.decode(column: "id", as: String.self), number: try row.decode(column: "number", as: String.self),
            estateId: try row.decode(column: "estate_id", as: String.self), estateName: try row.decode(column: "estate_name", as: String.self),
            status: status, heldOn: try row.decode(column: "held_on", as: String.self), heldTime: try row.decode(column: "held_time", as: String?.self),
            place: try row.decode(column: "place", as: String.self), topic: try row.decode(column: "topic", as: String.self),
            host: try row.decode(column: "host", as: String.self), attendeeCount: try row.decode(column: "attendee_count", as: Int?.self),
            attendees: try row.decode(column: "attendees", as: String?.self), minutes: try row.decode(column: "minutes", as: String?.self),
            cancelReason: try row.decode(column: "cancel_reason", as: String?.self), resolutionCount: try row.decode(column: "resolutions", as: Int.self),
            openResolutions: open, recordedAt: Times.rfc3339(try row.decode(column: "recorded_at", as: Int64.self)),
            recordedBy: try row.decode(column: "by_name", as: String?.self) ?? "—", resolutions: [],
            mayHold: host && PropertyForumRules.next(status, .hold) != nil,
            mayCancel: host && PropertyForumRules.next(status, .cancel) != nil,
            mayAddResolution: host && PropertyForumRules.next(status, .addResolution) != nil,
            mayCloseResolutions: closer && open > 0 && PropertyForumRules.next(status, .closeResolution) != nil,
            mayClose: host && PropertyForumRules.refusal(status, .close, openResolutions: open) == nil,
            orgPath: path)
    }

    static func forum(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> PropertyForumView {
        guard let r = try await db.raw("\(unsafeRaw: forumSelect) WHERE f.id = \(bind: id)").first() else { throw AppError.notFound(Text("业主座谈会", "Owner forum")) }
        var v = try forumRow(r, viewer: viewer)
        guard PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: v.orgPath) else {
            throw AppError.forbidden(Text("您只能查看本单位及下级单位的座谈会", "You see the forums of your unit and below only"))
        }
        v.resolutions = try await db.raw("""
            SELECT seq, content, owner, due_on, closed_note, closed_at, \(unsafeRaw: OrgQueries.userNameSQL("r.closed_by")) AS closed_name
            FROM property_forum_resolutions r WHERE r.forum_id = \(bind: id) ORDER BY r.seq
            """).all().map {
            let closedAt = try $0.decode(column: "closed_at", as: Int64?.self)
            return ForumResolutionView(seq: try $0.decode(column: "seq", as: Int.self), content: try $0.decode(column: "content", as: String.self),
                                       owner: try $0.decode(column: "owner", as: String.self), dueOn: try $0.decode(column: "due_on", as: String.self),
                                       closed: closedAt != nil, closedNote: try $0.decode(column: "closed_note", as: String?.self),
                                       closedAt: Times.rfc3339(closedAt), closedBy: try $0.decode(column: "closed_name", as: String?.self))
        }
        return v
    }

    struct ForumFilter: Sendable {
        var estateId: String?
        var status: ForumStatus?
        var from: CivilDay?
        var to: CivilDay?

        static func parse(_ q: [String: String]) throws -> ForumFilter {
            var f = ForumFilter()
            f.estateId = TextRules.trimmed(q["estateId"])
            if let s = TextRules.trimmed(q["status"]) {
                f.status = try PropertyInput.choice(s, field: "status", label: Text("状态", "Status"), aliases: PropertyVisitInput.statusAliases)
            }
            f.from = try PropertyInput.day(q["from"], field: "from", label: Text("起始日期", "From"), default: nil)
            f.to = try PropertyInput.day(q["to"], field: "to", label: Text("结束日期", "To"), default: nil)
            return f
        }
    }

    static func forums(_ db: any SQLDatabase, _ f: ForumFilter, paging: Paging, viewer: Principal) async throws -> ListPage<PropertyForumView> {
        var c: [SQLQueryString] = [PropertyQueries.scope("f", viewer)]
        if let e = f.estateId { c.append("f.estate_id = \(bind: e)") }
        if let s = f.status { c.append("f.status = \(bind: s.rawValue)") }
        if let d = f.from { c.append("f.held_on >= \(bind: d.iso)") }
        if let d = f.to { c.append("f.held_on <= \(bind: d.iso)") }
        let (found, total) = try await RegisterQuery.page(db, from: "property_forums f", select: forumSelect, where: c, order: "f.held_on DESC, f.number DESC", paging: paging)
        let rows = try found.map { try forumRow($0, viewer: viewer) }
        return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
    }

    /// PRP-09 the visits made and the forums held at an estate between two days (inclusive), for the month-end report.
    static func counts(_ db: any SQLDatabase, estateId: String, from: CivilDay, to: CivilDay) async throws -> (visits: Int, forums: Int) {
        let v = try await db.raw("""
            SELECT COUNT(*) AS n FROM property_visits WHERE estate_id = \(bind: estateId) AND visited_on >= \(bind: from.iso) AND visited_on <= \(bind: to.iso)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        let f = try await db.raw("""
            SELECT COUNT(*) AS n FROM property_forums WHERE estate_id = \(bind: estateId) AND held_on >= \(bind: from.iso) AND held_on <= \(bind: to.iso)
                AND status IN ('held', 'closed')
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        return (v, f)
    }
}
