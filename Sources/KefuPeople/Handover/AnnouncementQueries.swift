import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Which announcements a list shows: the viewer's unread ones, all addressed to it, or (publishers) all published to
/// its units and below.
public enum AnnouncementListView: String, Sendable, CaseIterable {
    case unread, all, published
}

struct AnnouncementRow: Sendable {
    let id: String, orgUnitId: String, orgUnitName: String, orgPath: String, title: String, body: String
    let publisherId: String, publisherName: String, publishedAt: Int64, expiresAt: Int64?, readAt: Int64?

    /// The columns, with the viewer's read receipt (`reader` binds the viewer's id).
    static func select(reader: String) -> SQLQueryString {
        """
        SELECT a.id, a.org_unit_id, a.org_path, a.title, a.body, a.publisher_id, a.published_at, a.expires_at,
            \(unsafeRaw: OrgQueries.userNameSQL("a.publisher_id")) AS publisher_name, \(unsafeRaw: OrgQueries.unitNameSQL("a.org_unit_id")) AS unit_name,
            (SELECT r.read_at FROM announcement_reads r WHERE r.announcement_id = a.id AND r.user_id = \(bind: reader)) AS read_at
        FROM announcements a
        """
    }

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgUnitName = try row.decode(column: "unit_name", as: String?.self) ?? ""
        orgPath = try row.decode(column: "org_path", as: String.self)
        title = try row.decode(column: "title", as: String.self)
        body = try row.decode(column: "body", as: String.self)
        publisherId = try row.decode(column: "publisher_id", as: String.self)
        publisherName = try row.decode(column: "publisher_name", as: String?.self) ?? ""
        publishedAt = try row.decode(column: "published_at", as: Int64.self)
        expiresAt = try row.decode(column: "expires_at", as: Int64?.self)
        readAt = try row.decode(column: "read_at", as: Int64?.self)
    }
}

/// Reads of announcements (SHF-04). An announcement is addressed to everyone of its unit and below; its receipts are
/// seen by its publisher and by publishers whose scope covers its unit.
public enum AnnouncementQueries {
    static func row(_ db: any SQLDatabase, id: String, reader: String) async throws -> AnnouncementRow? {
        try await db.raw("\(AnnouncementRow.select(reader: reader)) WHERE a.id = \(bind: id)").first().map(AnnouncementRow.init(row:))
    }

    static func isAddressee(_ viewer: Principal, _ a: AnnouncementRow) -> Bool {
        RosterRoles.isStaff(viewer.roles) && OrgPath.contains(a.orgPath, viewer.orgPath)
    }

    static func maySeeReceipts(_ viewer: Principal, _ a: AnnouncementRow) -> Bool {
        viewer.userId == a.publisherId || (!viewer.roles.isDisjoint(with: AnnouncementRules.publishers) && viewer.covers(unitPath: a.orgPath))
    }

    static func requireView(_ viewer: Principal, _ a: AnnouncementRow) throws {
        guard isAddressee(viewer, a) || maySeeReceipts(viewer, a) || (RosterRoles.isStaff(viewer.roles) && viewer.covers(unitPath: a.orgPath)) else {
            throw AppError.forbidden(Text("您不能查看这条公告", "You cannot see this announcement"))
        }
    }

    static func view(_ a: AnnouncementRow, viewer: Principal) -> AnnouncementView {
        AnnouncementView(id: a.id, orgUnitId: a.orgUnitId, orgUnitName: a.orgUnitName, title: a.title, body: a.body, publisherId: a.publisherId,
                         publisherName: a.publisherName, publishedAt: Times.rfc3339(a.publishedAt), expiresAt: Times.rfc3339(a.expiresAt),
                         read: a.readAt != nil, actions: maySeeReceipts(viewer, a) ? ["receipts"] : [])
    }

    /// The viewer's announcements: addressed to it (its unit or a unit above) and not expired — unread or all; or
    /// those published to its units and below (publishers).
    public static func list(_ db: any SQLDatabase, view: AnnouncementListView, viewer: Principal, paging: Paging, now: Date = Date()) async throws -> ListPage<AnnouncementView> {
        let at = Clock.millis(now)
        let condition: SQLQueryString
        switch view {
        case .unread, .all:
            let unread: SQLQueryString = view == .unread
                ? " AND NOT EXISTS (SELECT 1 FROM announcement_reads r WHERE r.announcement_id = a.id AND r.user_id = \(bind: viewer.userId))" : ""
            condition = "\(bind: viewer.orgPath) LIKE a.org_path || '%' AND (a.expires_at IS NULL OR a.expires_at > \(bind: at))\(unread)"
        case .published:
            guard !viewer.roles.isDisjoint(with: AnnouncementRules.publishers) else { return ListPage(items: [], page: paging.page, per: paging.per, total: 0) }
            condition = "a.org_path LIKE \(bind: viewer.orgPath + "%")"
        }
        let total = try await db.raw("SELECT COUNT(*) AS n FROM announcements a WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            \(AnnouncementRow.select(reader: viewer.userId)) WHERE \(condition) ORDER BY a.published_at DESC, a.id LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map(AnnouncementRow.init(row:))
        return ListPage(items: rows.map { Self.view($0, viewer: viewer) }, page: paging.page, per: paging.per, total: total)
    }

    /// Who has and has not read it: every active staff member of its unit and below (the unread first), at most 500.
    public static func receipts(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> AnnouncementReceipts {
        guard let a = try await row(db, id: id, reader: viewer.userId) else { throw AppError.notFound(Text("公告", "Announcement")) }
        guard maySeeReceipts(viewer, a) else { throw AppError.forbidden(Text("只有发布人和上级主管可以查看阅读情况", "Only the publisher and supervisors see who has read it")) }
        let units = try await OrgQueries.activeUnits(db).filter { OrgPath.contains(a.orgPath, $0.path) }.map(\.id)
        let members = try await OrgQueries.activeMembers(db, ofUnits: units).filter { !Role.isCustomerOnly($0.roles) }
        let names = try await OrgQueries.displayNames(db, ids: Set(members.map(\.id)))
        var readAt: [String: Int64] = [:]
        for r in try await db.raw("SELECT user_id, read_at FROM announcement_reads WHERE announcement_id = \(bind: a.id)").all() {
            readAt[try r.decode(column: "user_id", as: String.self)] = try r.decode(column: "read_at", as: Int64.self)
        }
        let receipts = members.map { AnnouncementReceipt(userId: $0.id, userName: names[$0.id] ?? $0.id, readAt: Times.rfc3339(readAt[$0.id])) }
            .sorted { ($0.readAt == nil ? 0 : 1, $0.userName) < ($1.readAt == nil ? 0 : 1, $1.userName) }
        let read = receipts.filter { $0.readAt != nil }.count
        return AnnouncementReceipts(announcement: view(a, viewer: viewer), readCount: read, unreadCount: receipts.count - read, receipts: Array(receipts.prefix(500)))
    }
}

extension AnnouncementQueries {
    /// #15.2 SHF-04: the home page's unread announcements of a staff member (the five latest), nil when there are none.
    public static func unreadForHome(_ db: any SQLDatabase, viewer: Principal, now: Date = Date()) async throws -> ListPage<AnnouncementView>? {
        guard RosterRoles.isStaff(viewer.roles) else { return nil }
        let page = try await list(db, view: .unread, viewer: viewer, paging: Paging(page: 1, per: 5), now: now)
        return page.total > 0 ? page : nil
    }
}
