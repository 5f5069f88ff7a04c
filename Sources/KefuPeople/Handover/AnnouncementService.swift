import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Announcements (公告, SHF-04) with read receipts: a supervisor or manager publishes to its unit or one below; each
/// addressee sees its unread ones (at shift start on the handover page); opening one records the receipt.
public struct AnnouncementService: Sendable {
    let store: any Store

    public init(store: any Store) { self.store = store }

    public func publish(_ input: AnnouncementInput, by actor: Principal, now: Date = Date()) async throws -> AnnouncementView {
        guard !actor.roles.isDisjoint(with: AnnouncementRules.publishers) else {
            throw AppError.forbidden(Text("只有主管或经理可以发布公告（SHF-04）", "Only supervisors and managers publish announcements (SHF-04)"))
        }
        guard let unitId = TextRules.trimmed(input.orgUnitId) else { throw AppError.validation("orgUnitId", Text("请选择发布范围", "Choose the unit it is for")) }
        guard let title = TextRules.trimmed(input.title), title.count <= AnnouncementRules.maxTitleLength else {
            throw AppError.validation("title", Text("请填写标题（最长 100 字）", "The title is required (at most 100 characters)"))
        }
        guard let body = TextRules.trimmed(input.body), body.count <= AnnouncementRules.maxBodyLength else {
            throw AppError.validation("body", Text("请填写内容（最长 4000 字）", "The text is required (at most 4000 characters)"))
        }
        var expiresAt: Int64?
        if let typed = TextRules.trimmed(input.expiresOn) {
            guard let last = UsualInput.day(typed) else {
                throw AppError.validation("expiresOn", Text("日期格式应为 YYYY-MM-DD（如 2026-12-31）", "The date must be YYYY-MM-DD (e.g. 2026-12-31)"))
            }
            guard last >= Times.day(now) else { throw AppError.validation("expiresOn", Text("截止日期不能早于今天", "The last day cannot be before today")) }
            expiresAt = LocalMinutes.millis(last.adding(days: 1).number * 1440)
        }
        let expiry = expiresAt
        return try await store.write { db in
            guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId) else { throw AppError.validation("orgUnitId", Text("组织不存在", "The org unit does not exist")) }
            guard actor.covers(unitPath: unit.path) else {
                throw AppError.forbidden(Text("您只能向本单位及下级单位发布公告", "You publish only to your unit and the units below"))
            }
            let id = Clock.newID(), at = Clock.millis(now)
            try await db.raw("""
                INSERT INTO announcements (id, org_unit_id, org_path, title, body, publisher_id, published_at, expires_at)
                VALUES (\(bind: id), \(bind: unit.id), \(bind: unit.path), \(bind: title), \(bind: body), \(bind: actor.userId), \(bind: at), \(bind: expiry))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "publish", entity: "announcement", entityId: id, detail: ["unit": unit.code, "title": title], at: at)
            guard let row = try await AnnouncementQueries.row(db, id: id, reader: actor.userId) else { throw AppError.internalError("announcement") }
            return AnnouncementQueries.view(row, viewer: actor)
        }
    }

    /// SHF-04: the addressee opens it: the receipt is recorded once (the first reading counts); 403 for others.
    public func open(id: String, by actor: Principal, now: Date = Date()) async throws -> AnnouncementView {
        try await store.write { db in
            guard let a = try await AnnouncementQueries.row(db, id: id, reader: actor.userId) else { throw AppError.notFound(Text("公告", "Announcement")) }
            try AnnouncementQueries.requireView(actor, a)
            if AnnouncementQueries.isAddressee(actor, a), a.readAt == nil {
                let at = Clock.millis(now)
                try await db.raw("""
                    INSERT INTO announcement_reads (announcement_id, user_id, read_at) VALUES (\(bind: a.id), \(bind: actor.userId), \(bind: at))
                    ON CONFLICT (announcement_id, user_id) DO NOTHING
                    """).run()
            }
            guard let row = try await AnnouncementQueries.row(db, id: id, reader: actor.userId) else { throw AppError.internalError("announcement") }
            return AnnouncementQueries.view(row, viewer: actor)
        }
    }

    public func announcement(id: String, viewer: Principal) async throws -> AnnouncementView {
        try await store.read { db in
            guard let a = try await AnnouncementQueries.row(db, id: id, reader: viewer.userId) else { throw AppError.notFound(Text("公告", "Announcement")) }
            try AnnouncementQueries.requireView(viewer, a)
            return AnnouncementQueries.view(a, viewer: viewer)
        }
    }

    public func announcements(view: AnnouncementListView, viewer: Principal, paging: Paging, now: Date = Date()) async throws -> ListPage<AnnouncementView> {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in try await AnnouncementQueries.list(db, view: view, viewer: viewer, paging: paging, now: now) }
    }

    public func receipts(id: String, viewer: Principal) async throws -> AnnouncementReceipts {
        try await store.read { db in try await AnnouncementQueries.receipts(db, id: id, viewer: viewer) }
    }
}
