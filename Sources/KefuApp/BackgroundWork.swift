import Foundation
import KefuAftersales
import KefuChannels
import KefuMaterials
import KefuPeople
import KefuPlatform
import KefuServiceDesk
import Logging

/// The background work, composed once: the breach scanner, then every feature's pass (#11.4: the CAPA reminders).
/// The server's loop (`BackgroundJobs`) and `kefu sla-scan` (`KefuServer.scanOnce`) both run this one list.
enum BackgroundWork {
    static func jobs(store: any Store, settings: SlaSettings, notifier: any HandOffNotifier, webhookTargets: WebhookTargets,
                     baseURL: PublicBaseURL? = nil, mailSender: MailOutboxSender? = nil) -> SlaJobs {
        var scanner = SlaScanner(store: store, settings: settings)
        scanner.onDuty = OnDutyFromRoster() // #15 leftovers: escalation paths tell whoever of a role is on duty
        var jobs = SlaJobs(scanner: scanner,
                           webhooks: WebhookSender(store: store, targets: webhookTargets, baseURL: baseURL))
        let calendar = SlaMaterialCalendar(settings: settings) // #13: the materials passes count #3's working days
        let capaReminders = CapaReminderScanner(store: store, settings: settings, notifier: notifier)
        jobs.passes.append(.init(name: "capa_reminders") { now in try await capaReminders.scan(now: now) })
        // #13.2 ARR-06: open arrival checks past their 5 working days are flagged to the site chief.
        let arrivals = ArrivalService.lateCheckReporter(store: store, notifier: notifier, calendar: calendar)
        jobs.passes.append(.init(name: "arrival_late_checks") { now in try await arrivals.reportLateChecks(now: now) })
        // #13.1: planner breaches (REQ-04) and Monday's open-requests report (REQ-08).
        let requestScanner = MaterialRequestScanner(store: store, notifier: notifier, calendar: calendar)
        jobs.passes.append(.init(name: "material_requests") { now in try await requestScanner.scan(now: now) })
        // #13.3 ESC-05: commercial repairs past their due date are escalated to 业务管理部, once.
        let repairs = CommercialRepairService(store: store, notifier: notifier, calendar: calendar)
        jobs.passes.append(.init(name: "commercial_repair_escalations") { now in try await repairs.escalateLate(now: now) })
        // #13 loose ends: overdue tool loans (LND-02) and freight approvals waiting over 2 working days (FRT-04..06), each told once.
        let loanReminders = ToolLoanReminders(store: store, notifier: notifier)
        jobs.passes.append(.init(name: "tool_loans_overdue") { now in try await loanReminders.scan(now: now) })
        let freightReminders = FreightReminders(store: store, notifier: notifier, calendar: calendar)
        jobs.passes.append(.init(name: "freight_approvals_late") { now in try await freightReminders.scan(now: now) })
        // #15.5 KPI-02, CMP-17: every third verified complaint about an agent proposes one penalty record (keyed: once each).
        let complaintPenalties = QualityPenaltyService(store: store, complaints: AgentComplaintsFromAftersales())
        jobs.passes.append(.init(name: "quality_complaint_penalties") { now in try await complaintPenalties.scanComplaints(now: now) })
        // #15 leftovers TRN-03: a certificate entering its 30-day window is told to its holder and supervisors, once per expiry date.
        let certificateReminders = CertificateExpiryReminders(store: store, notifier: notifier)
        jobs.passes.append(.init(name: "certificate_expiry") { now in try await certificateReminders.scan(now: now) })
        // #16 item 2: outgoing mail (replies on e-mail tickets, acknowledgements), claimed per message so nodes never send one twice.
        if let mailSender { jobs.passes.append(.init(name: "mail_outbox") { now in try await mailSender.deliverDue(now: now) }) }
        return jobs
    }
}

extension KefuServer {
    /// One round of the background passes outside the server (`kefu sla-scan`): the breach scan and the same feature
    /// passes the server runs (webhook deliveries stay with the server, which sends what the round queued).
    public static func scanOnce(_ store: any Store, now: Date = Date(), logger: Logger = Logger(label: "kefu.sla-scan")) async throws -> SlaJobs.Round {
        let settings = SlaSettings(store: store)
        let notifications = NotificationService(store: store, webhookTargets: WebhookTargets())
        return try await BackgroundWork.jobs(store: store, settings: settings, notifier: notifications, webhookTargets: WebhookTargets())
            .runRound(now: now, logger: logger)
    }
}
