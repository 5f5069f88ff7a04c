import Hummingbird
import KefuDomain
import KefuOrg
import KefuPlatform

/// The pages of the service standards: notifications (the bell), KPI report, SLA policies, calendar, webhooks.
public struct SlaPages: Sendable {
    let notifications: NotificationsPage
    let kpis: ServiceKpiPage
    let policies: SlaPolicyPage
    let calendar: CalendarPage
    let webhooks: WebhooksPage

    public init(policies: SlaPolicyService, calendar: CalendarService, notifications: NotificationService, kpis: ServiceKpiService, shell: PageShell) {
        self.notifications = NotificationsPage(notifications: notifications, shell: shell)
        self.kpis = ServiceKpiPage(kpis: kpis, shell: shell)
        self.policies = SlaPolicyPage(policies: policies, shell: shell)
        self.calendar = CalendarPage(calendar: calendar, shell: shell)
        self.webhooks = WebhooksPage(notifications: notifications, shell: shell)
    }

    public static let nav: [NavItem] = [
        NavItem(id: "reports", href: "/reports/service-kpis", label: Text("服务指标", "KPIs"), area: .reports, isVisible: { $0.has(.superviseTickets) }),
        NavItem(id: "admin-sla", href: "/admin/sla", label: Text("服务标准", "SLA policies"), area: .admin, isVisible: { $0.has(.setServiceStandards) }),
        NavItem(id: "admin-calendar", href: "/admin/calendar", label: Text("工作日历", "Calendar"), area: .admin, isVisible: { $0.has(.editCalendar) || $0.has(.superviseTickets) }),
        NavItem(id: "admin-webhooks", href: "/admin/webhooks", label: Text("通知推送", "Webhooks"), area: .admin, isVisible: { $0.has(.superviseTickets) }),
        NavItem(id: "admin-escalation", href: "/admin/escalation-paths", label: Text("升级路径", "Escalation paths"), area: .admin, isVisible: { $0.has(.superviseTickets) }), // #15.6
    ]

    public func register(on router: Router<KefuContext>) {
        notifications.register(on: router)
        kpis.register(on: router)
        policies.register(on: router)
        calendar.register(on: router)
        webhooks.register(on: router)
    }
}
