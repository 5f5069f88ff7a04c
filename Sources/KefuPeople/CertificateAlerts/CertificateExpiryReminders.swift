import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// TRN-03 background pass (#15 leftovers): a certificate entering its alert window (30 days before its expiry, or already
/// expired) is told to its holder and to the supervisors and managers covering the holder's unit — once per certificate
/// and expiry date: a renewed certificate (a new date) opens a new window. "Once" is a named counter taken in the same
/// transaction as the notice (`certificate_expiry:<user>:<expires on>:<name>`), as `ToolLoanReminders` does, so several
/// nodes never tell twice and a quiet round writes nothing.
public struct CertificateExpiryReminders: Sendable {
    let store: any Store
    let notifier: any HandOffNotifier

    public init(store: any Store, notifier: any HandOffNotifier) {
        self.store = store
        self.notifier = notifier
    }

    static let markPrefix = "certificate_expiry:"

    static func mark(userId: String, expiresOn: String, name: String) -> String { markPrefix + userId + ":" + expiresOn + ":" + name }

    /// Who hears of a person's certificate besides the holder: the organisers (not the administrator) whose unit covers it.
    static let supervisors = TrainingRules.organisers.subtracting([.admin])

    /// Tells every certificate in its window not yet told; returns how many certificates were told.
    @discardableResult
    public func scan(now: Date = Date()) async throws -> Int {
        let today = Times.day(now)
        let at = Clock.millis(now)
        let last = today.adding(days: TrainingRules.certificateWarningDays).iso
        let due = try await store.read { db in
            try await db.raw("""
                SELECT c.user_id, c.name, c.number, c.expires_on FROM staff_certificates c
                WHERE c.expires_on IS NOT NULL AND c.expires_on <= \(bind: last)
                    AND NOT EXISTS (SELECT 1 FROM counters k WHERE k.name = \(bind: Self.markPrefix) || c.user_id || ':' || c.expires_on || ':' || c.name)
                ORDER BY c.expires_on, c.user_id, c.line LIMIT 500
                """).all().map {
                (userId: try $0.decode(column: "user_id", as: String.self), name: try $0.decode(column: "name", as: String.self),
                 number: try $0.decode(column: "number", as: String.self), expiresOn: try $0.decode(column: "expires_on", as: String.self))
            }
        }
        guard !due.isEmpty else { return 0 }
        let notifier = self.notifier
        return try await store.write { db in
            var told = 0
            // #18: one counter row at a time, in the order of their names.
            for c in due.sorted(by: { Self.mark(userId: $0.userId, expiresOn: $0.expiresOn, name: $0.name) < Self.mark(userId: $1.userId, expiresOn: $1.expiresOn, name: $1.name) }) {
                guard let expires = CivilDay(iso: c.expiresOn), TrainingRules.needsAlert(TrainingRules.certificateStatus(expiresOn: expires, today: today)),
                      let holder = try await OrgQueries.userSummary(db, userId: c.userId), holder.active,
                      try await Counters.next(Self.mark(userId: c.userId, expiresOn: c.expiresOn, name: c.name), in: db) == 1 else { continue }
                let days = expires.number - today.number
                let holderPath = holder.orgPath
                let body = days < 0
                    ? Text("{0} 的证书“{1}”（{2}）已于 {3} 过期，请尽快复审换证（TRN-03 持证上岗）",
                           "{0}'s certificate {1} ({2}) expired on {3}; renew it soon (TRN-03)").with(holder.displayName, c.name, c.number, c.expiresOn)
                    : Text("{0} 的证书“{1}”（{2}）将于 {3} 到期（还有 {4} 天），请及时复审换证（TRN-03 持证上岗）",
                           "{0}'s certificate {1} ({2}) expires on {3} (in {4} days); renew it in time (TRN-03)")
                        .with(holder.displayName, c.name, c.number, c.expiresOn, String(days))
                _ = try await notifier.handOff(db, HandOff(
                    kind: "certificate_expiring",
                    recipients: .init(userIds: [c.userId], unitPath: nil, eligible: { roles, userPath in
                        !roles.isDisjoint(with: Self.supervisors) && OrgPath.contains(userPath, holderPath)
                    }),
                    title: Text("证书即将到期：{0}", "Certificate expiring: {0}").with(c.name),
                    body: body, link: "/#home-certificates", actorId: ""), at: at) // the home page shows it to the holder and the supervisors alike
                told += 1
            }
            return told
        }
    }
}
