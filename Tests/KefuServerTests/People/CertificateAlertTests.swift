import Foundation
import KefuDomain
import KefuPeople
import KefuPlatform
import KefuServiceDesk
import Testing

/// #15 leftovers TRN-03: certificates in their 30-day alert window (or expired) on the home page of their holder and of
/// the holder's supervisors, and one notification per certificate and expiry date from the background pass. Time moves
/// by the `now` handed to the pass, never by sleeping (SQLite, and PostgreSQL when KEFU_TEST_POSTGRES_URL is set).
@Suite("Certificate-expiry alerts (#15 leftovers, TRN-03)")
struct CertificateAlertTests {
    @Test func theHomePageShowsTheHolderAndTheSupervisorTheirExpiringCertificates() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let put = try await app.call(.put, "/api/v1/staff/\(f.ann.id)/qualifications", token: f.supervisor.token, json: ["certificates": [
                ["name": "客服资格证", "number": "KF-7", "expiresOn": TrainingFlowTests.day(5)],
                ["name": "普通话证书", "number": "PTH-1", "expiresOn": TrainingFlowTests.day(200)]]])
            #expect(put.status == .ok, "\(put.text)")
            for (user, shows) in [("pplann", true), ("pplsup", true), ("pplmgr", true), ("pplbo", false), ("pploutmgr", false)] {
                let s = PageSession(app)
                _ = try await s.signIn(user, "password-\(user)")
                let home = try await s.get("/")
                #expect(home.status == .ok)
                #expect(home.text.contains("id=\"home-certificates\"") == shows, "\(user)")
                if shows {
                    #expect(home.text.contains("class=\"home-certificate-row\" data-user=\"\(f.ann.id)\" data-status=\"expiring\"") && home.text.contains("KF-7"), "\(user)")
                    #expect(!home.text.contains("PTH-1"), "a certificate valid for months is not alerted")
                }
            }
        }
    }

    @Test func aCertificateIsToldOncePerExpiryDateToItsHolderAndSupervisors() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            func certificate(_ expiresOn: String) async throws {
                let r = try await app.call(.put, "/api/v1/staff/\(f.ann.id)/qualifications", token: f.supervisor.token,
                                           json: ["certificates": [["name": "客服资格证", "number": "KF-7", "expiresOn": expiresOn]]])
                #expect(r.status == .ok, "\(r.text)")
            }
            try await certificate("2025-06-30")
            let pass = CertificateExpiryReminders(store: app.store, notifier: NotificationService(store: app.store, webhookTargets: WebhookTargets()))
            // 31 days before: outside the window.
            #expect(try await pass.scan(now: LateReminderTests.bj("2025-05-30T09:00")) == 0)
            // 30 days before: told once, and never again in this window, however often the pass runs.
            #expect(try await pass.scan(now: LateReminderTests.bj("2025-05-31T09:00")) == 1)
            #expect(try await pass.scan(now: LateReminderTests.bj("2025-06-20T09:00")) == 0)
            #expect(try await pass.scan(now: LateReminderTests.bj("2025-07-05T09:00")) == 0, "expired later: the same window, not told again")
            let ann = try await LateReminderTests.told(app, f.ann.token, kind: "certificate_expiring")
            #expect(ann.count == 1 && (ann.first?["body"] as? String ?? "").contains("2025-06-30"), "\(ann)")
            #expect(ann.first?["link"] as? String == "/#home-certificates")
            #expect(try await LateReminderTests.told(app, f.supervisor.token, kind: "certificate_expiring").count == 1)
            #expect(try await LateReminderTests.told(app, f.manager.token, kind: "certificate_expiring").count == 1)
            #expect(try await LateReminderTests.told(app, f.bo.token, kind: "certificate_expiring").isEmpty, "a colleague is not told")
            #expect(try await LateReminderTests.told(app, f.outsider.token, kind: "certificate_expiring").isEmpty, "another unit's manager is not told")
            // (Dates in the past: the bell lists notices up to now.) Renewed: a new expiry date opens a new window, told once again.
            try await certificate("2026-06-30")
            #expect(try await pass.scan(now: LateReminderTests.bj("2025-07-06T09:00")) == 0)
            #expect(try await pass.scan(now: LateReminderTests.bj("2026-06-10T09:00")) == 1)
            #expect(try await LateReminderTests.told(app, f.ann.token, kind: "certificate_expiring").count == 2)
        }
    }
}
