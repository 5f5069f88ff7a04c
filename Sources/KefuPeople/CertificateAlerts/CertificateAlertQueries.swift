import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// One certificate that expires within TRN-03's alert window (30 days, the expiry day included) or has expired.
public struct CertificateAlertView: Codable, Sendable, Equatable {
    public let userId: String
    public let userName: String
    public let name: String
    public let number: String
    public let expiresOn: String
    /// expiring or expired.
    public let status: String
}

/// The home page's part "certificates expiring" (TRN-03, #15 leftovers): the viewer's own, and — for a supervisor or
/// manager (`TrainingRules.organisers`) — those of the active staff of its unit and below; soonest first.
public struct CertificateAlertsHome: Sendable {
    public let items: [CertificateAlertView]
    public let total: Int
    /// Whether the viewer may open the staff qualifications list (the "more" link).
    public let seesStaff: Bool
}

public enum CertificateAlertQueries {
    /// The certificates of the window's people needing an alert on `today`: expiring on or before `today + 30` days.
    static func alerts(_ db: any SQLDatabase, userIds: [String], today: CivilDay) async throws -> [CertificateAlertView] {
        guard !userIds.isEmpty else { return [] }
        let last = today.adding(days: TrainingRules.certificateWarningDays).iso
        let rows = try await db.raw("""
            SELECT c.user_id, c.name, c.number, c.expires_on, \(unsafeRaw: OrgQueries.userNameSQL("c.user_id")) AS user_name FROM staff_certificates c
            WHERE c.user_id IN (\(SQLList(userIds.map { SQLBind($0) }))) AND c.expires_on IS NOT NULL AND c.expires_on <= \(bind: last)
            ORDER BY c.expires_on, user_name, c.line
            """).all()
        return try rows.compactMap { row in
            let expires = try row.decode(column: "expires_on", as: String.self)
            let status = TrainingRules.certificateStatus(expiresOn: CivilDay(iso: expires), today: today)
            guard TrainingRules.needsAlert(status) else { return nil }
            return CertificateAlertView(userId: try row.decode(column: "user_id", as: String.self), userName: try row.decode(column: "user_name", as: String?.self) ?? "",
                                        name: try row.decode(column: "name", as: String.self), number: try row.decode(column: "number", as: String.self),
                                        expiresOn: expires, status: status.rawValue)
        }
    }

    /// For the home page (inside its one read): nil when nothing needs an alert. At most 10 shown, all counted.
    public static func forHome(_ db: any SQLDatabase, viewer: Principal, now: Date = Date()) async throws -> CertificateAlertsHome? {
        guard RosterRoles.isStaff(viewer.roles) else { return nil }
        let seesStaff = !viewer.roles.isDisjoint(with: TrainingRules.organisers)
        let people = seesStaff ? Set(try await TrainingQueries.staffInScope(db, viewer: viewer).map(\.id)).union([viewer.userId]) : [viewer.userId]
        let all = try await alerts(db, userIds: people.sorted(), today: Times.day(now))
        guard !all.isEmpty else { return nil }
        return CertificateAlertsHome(items: Array(all.prefix(10)), total: all.count, seesStaff: seesStaff)
    }
}
