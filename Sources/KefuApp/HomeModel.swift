import Foundation
import KefuAftersales
import KefuDomain
import KefuMaterials
import KefuPeople
import KefuPlatform
import KefuServiceDesk

/// #11.5: the home page's model: each part comes from its owning feature's query function, all read in one
/// transaction; a part the viewer's roles have no business with is absent (nil), so the page does not show it.
struct HomeModel: Sendable {
    let queue: MyQueue?
    let audits: AuditQueue?
    let lowStock: LowStock?
    let capa: OpenCapa?
    /// #15.2 SHF-04: the viewer's unread announcements (absent when none).
    var announcements: ListPage<AnnouncementView>? = nil
    /// #15 leftovers TRN-03: certificates expiring or expired — the viewer's own and, for a supervisor, its staff's.
    var certificates: CertificateAlertsHome? = nil

    /// Who gets a "my queue": the service-desk roles tickets are owned by or handed to (TKT-03, forwarding), and
    /// anyone else who happens to hold open tickets.
    static let queueRoles: Set<Role> = Role.ticketOwners.union([.qa, .engineer])
    /// DOC-08: the roles that audit stock documents.
    static let auditRoles: Set<Role> = [.admin, .mgmtMaterials, .deptAccountant]
}

struct HomeQueries: Sendable {
    let store: any Store

    func model(viewer: Principal, now: Date = Date()) async throws -> HomeModel {
        try await store.read { db in
            let queue = try await MyQueue.read(db, viewer: viewer, dialect: store.dialect, now: now)
            let audits = viewer.roles.isDisjoint(with: HomeModel.auditRoles) ? nil : try await AuditQueue.read(db, viewer: viewer)
            let materials = !viewer.roles.isDisjoint(with: MaterialPermissions.viewers)
            let capa = AftersalesPermission.granted(.view, to: viewer.roles) ? try await OpenCapa.read(db, viewer: viewer, now: now) : nil
            var home = HomeModel(queue: !viewer.roles.isDisjoint(with: HomeModel.queueRoles) || queue.openCount > 0 ? queue : nil,
                             audits: audits, lowStock: materials ? try await LowStock.read(db, viewer: viewer) : nil, capa: capa)
            home.announcements = try await AnnouncementQueries.unreadForHome(db, viewer: viewer, now: now)
            home.certificates = try await CertificateAlertQueries.forHome(db, viewer: viewer, now: now)
            return home
        }
    }
}
