import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// The handover list page (#15.2): the viewer's recent shifts with the state of their handovers (SHF-02: "交接未完成"
/// until accepted), a list of handovers, and the unread announcements the viewer sees at shift start (SHF-04).
public struct HandoverListPageModel: Sendable {
    public let view: HandoverListView
    public let handovers: ListPage<HandoverView>
    public let myShifts: [HandoverQueries.ShiftHandoverState]
    public let unread: ListPage<AnnouncementView>
}

/// One handover, with the incoming person's unread announcements (SHF-04: seen at shift start).
public struct HandoverDetailPageModel: Sendable {
    public let handover: HandoverView
    public let unread: ListPage<AnnouncementView>
}

/// The announcements page: the viewer's list and, for a publisher, the units it may publish to.
public struct AnnouncementListPageModel: Sendable {
    public let view: AnnouncementListView
    public let announcements: ListPage<AnnouncementView>
    public let units: [(id: String, name: String)]
}

extension HandoverService {
    /// One read: the list, the viewer's shifts of the last three days to tomorrow, its unread announcements.
    public func listPage(view: HandoverListView, viewer: Principal, paging: Paging, now: Date = Date()) async throws -> HandoverListPageModel {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        let today = Times.day(now)
        return try await store.read { db in
            HandoverListPageModel(view: view, handovers: try await HandoverQueries.list(db, view: view, viewer: viewer, paging: paging, now: now),
                                  myShifts: try await HandoverQueries.myShiftStates(db, userId: viewer.userId, from: today.adding(days: -3), to: today.adding(days: 1)),
                                  unread: try await AnnouncementQueries.list(db, view: .unread, viewer: viewer, paging: Paging(page: 1, per: 5), now: now))
        }
    }

    public func detailPage(id: String, viewer: Principal, now: Date = Date()) async throws -> HandoverDetailPageModel {
        try await store.read { db in
            let h = try await HandoverQueries.view(db, id: id, viewer: viewer, now: now)
            let unread = h.actions.contains("accept")
                ? try await AnnouncementQueries.list(db, view: .unread, viewer: viewer, paging: Paging(page: 1, per: 10), now: now)
                : ListPage(items: [], page: 1, per: 10, total: 0)
            return HandoverDetailPageModel(handover: h, unread: unread)
        }
    }
}

extension AnnouncementService {
    public func listPage(view: AnnouncementListView, viewer: Principal, paging: Paging, now: Date = Date()) async throws -> AnnouncementListPageModel {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in
            let units = viewer.roles.isDisjoint(with: AnnouncementRules.publishers) ? []
                : try await OrgQueries.activeUnits(db).filter { viewer.covers(unitPath: $0.path) }.map { (id: $0.id, name: $0.name) }
            return AnnouncementListPageModel(view: view, announcements: try await AnnouncementQueries.list(db, view: view, viewer: viewer, paging: paging, now: now), units: units)
        }
    }
}
