import Foundation
import Hummingbird
import KefuAftersales
import KefuChannels
import KefuDomain
import KefuFrontDesk
import KefuMaterials
import KefuOrg
import KefuPeople
import KefuProperty
import KefuPlatform
import KefuScenic
import KefuServiceDesk
import KefuWorkOrders
import Logging
import Prometheus
import ServiceLifecycle

/// The composition root: opens the database, applies migrations, and builds the HTTP application from the features.
public enum KefuServer {
    public static let version = "0.1.0"

    public static let migrations: [Migration] = [Counters.migration, AuditTrail.migration, FormFlashes.migration, Attachments.migration] + OrgMigrations.all + ServiceDeskMigrations.all + ServiceDeskMigrations.later
        + [ServiceDeskMigrations.desk004NotificationLinks]
        + AftersalesMigrations.all + AftersalesMigrations.later + [AftersalesMigrations.aftersales005CapaReminders] + MaterialsMigrations.all
        + WorkOrderMigrations.all // #14.1
        + PeopleMigrations.all // #15.1, #15.3
        + FrontDeskMigrations.all // #14.4
        + [ServiceDeskMigrations.desk005EscalationPaths] // #15.6
        + [AftersalesMigrations.aftersales006SatisfactionAssessments] // #15.5 SAT-09
        + PropertyMigrations.all // #14 item 2
        + ScenicMigrations.all // #14.3
        + ChannelsMigrations.all // #16.1
        + [ServiceDeskMigrations.desk006ReplyTemplates] // #16 item 5
        + [ServiceDeskMigrations.desk007CustomerFlags] // #16 item 6 TKT-05
        + [ServiceDeskMigrations.desk008MailAcknowledgements, ChannelsMigrations.ch004MailOutbox] // #16 item 2
        + [AftersalesMigrations.aftersales007ComplaintSource] // #16 item 6 CMP-01, D15
        + [ChannelsMigrations.ch005Chat] // #16.4 live chat
        + [ChannelsMigrations.ch006ChatStarts] // #16.4 the widget's start throttle
        + [ChannelsMigrations.ch007Portal] // #16.6 the customer portal
        + [RetentionMigrations.platform005] // #17.6 RET-01..04: retention periods configured upward, legal holds
        + [ServiceDeskMigrations.desk009QueueIndexes] // #17.7 queue pages at a million tickets
        + [RetentionMigrations.platform006] // #17.6 RET-04: tombstones of archived records (`RetentionTombstones`)
        + [AftersalesMigrations.aftersales008TicketReferenceIndexes, WorkOrderMigrations.wo004TicketIndex, // #17.6 RET-04: the records
           PeopleMigrations.ppl010InspectionTicketIndex, ChannelsMigrations.ch008TicketIndexes]    // that keep a ticket, by it
        + [ServiceDeskMigrations.desk010ClosedTicketsIndex] // #17.6 the archive's batches read the closed tickets in order
        + [ServiceDeskMigrations.desk011OpenTicketIndexes] // #17.7 a unit's queues read its open tickets only
        + [ServiceDeskMigrations.desk012PathPatternIndexes] // #17.7 the same on PostgreSQL, and unit paths it can range over
        + [ServiceDeskMigrations.desk013SearchDocumentCompression] // #18.5 search documents decompress faster on PostgreSQL
        + [ServiceDeskMigrations.desk014QueueOrderIndexes] // #17.7 queues in due order read off indexes in that order
        + [ServiceDeskMigrations.desk015PostgresQueueOrderIndexes] // #17.7 the same on PostgreSQL
        + [ServiceDeskMigrations.desk016BreachMarks] // #17.7 a unit's breached list counted off indexes
        + [ServiceDeskMigrations.desk017SearchScopes] // #17.7 a unit's search walks its own documents on PostgreSQL
        + [ServiceDeskMigrations.desk018SearchTableSettings] // #18.5 no parallel plans for a search, scope rows kept all-visible
        + [ServiceDeskMigrations.desk019SearchMergeOffCommit] // #17.4 SQLite's search index merged between requests

    /// #17.6 RET-04: the features whose records name a ticket; while one does, the ticket is kept.
    static let ticketReferences: [any RetentionReferences] = [
        AftersalesTicketReferences(), WorkOrderTicketReferences(), InspectionTicketReferences(), MaterialsTicketReferences(),
        ChannelTicketReferences(),
    ]

    /// #14.5 RET-01..04: each feature answers for its own filed records in the retention report.
    public static let retentionSources: [any RetentionSource] = [
        TicketRetentionSource(references: ticketReferences, parts: [ChannelTicketParts()]), // #14.5; #17.6 archived once nothing names it
        AftersalesRetentionSource(), // #14.5
        WorkOrderRetentionSource(), // #14.5
        MaterialsRetentionSource(), // #14.5
        PropertyRetentionSource(), // #14 RET-03
    ]

    /// The store every command works on; a PostgreSQL database must compare text in code-point order (`DatabaseCollation`),
    /// except for the commands that only read the data out (`requireCodePointOrder` false: backup, export), which is how
    /// it moves to a database Kefu can use.
    public static func openStore(databaseURL: String, logger: Logger, requireCodePointOrder: Bool = true,
                                 serving: Bool = false) async throws -> any Store {
        let store = try await StoreFactory.open(try DatabaseLocation.parse(databaseURL), logger: logger, serving: serving)
        guard requireCodePointOrder else { return store }
        do {
            try await DatabaseCollation.check(store)
        } catch {
            await store.shutdown()
            throw error
        }
        return store
    }

    /// Migrations, then the first administrator of an empty database.
    public static func prepare(_ store: any Store, adminPassword: String?) async throws -> OrgBootstrap.Result {
        try await Migrator.migrate(store, migrations)
        try await TicketSearchRebuild.runIfRequested(store)
        return try await OrgBootstrap.ensureAdmin(store: store, password: adminPassword)
    }

    public struct Built {
        public let router: Router<KefuContext>
        public let routes: ApiRoutes
        /// The background work (breach scanner, webhook deliveries) that `application` runs beside the server.
        public let jobs: SlaJobs
        /// #16.4 live chat's WebSocket (`/chat/ws`): the upgrade decision for the server's channel.
        public let chatSocket: ChatSocket
    }

    /// #10.10: the operator's webhook allow-list (`KEFU_WEBHOOK_ALLOW_HOSTS`); a bad entry is an error naming it.
    public static func webhookTargetsFromEnvironment() throws -> WebhookTargets { try WebhookTargets.fromEnvironment() }

    public static func buildRouter(store: any Store, metrics: PrometheusCollectorRegistry? = nil, metricsToken: String? = nil,
                                   origin: RequestOrigin = RequestOrigin(), webhookTargets: WebhookTargets = WebhookTargets(),
                                   attachmentDisk: AttachmentDisk = .fromEnvironment(), baseURL: PublicBaseURL? = nil,
                                   clock: WallClock = .system, accessLog: Bool = false, mailLimits: MailLimits = .fromEnvironment(),
                                   mailRoutes: MailRoutes = .fromEnvironment(), smtp: SmtpSettings? = nil,
                                   telephonySecret: TelephonySecret = .fromEnvironment(), chatHours: ChatHours = .fromEnvironment(),
                                   tracing: TraceRequestsMiddleware? = nil) -> Built {
        let auth = AuthService(store: store, clock: clock)
        let addresses = ClientAddress.fromEnvironment()
        let org = OrgService(store: store, customerInScope: CustomerService.inScope)
        let featureGate = OrgFeatureGate() // #14 item 6: features switched on per unit, asked by the register features
        let slaSettings = SlaSettings(store: store)
        var tickets = TicketService(store: store, settings: slaSettings)
        tickets.observers.append(ComplaintTicketObserver())
        // #16 item 2: with a smarthost configured, public replies on e-mail tickets and acknowledgements are queued and sent.
        let mailOutbox = smtp.map(MailOutbox.init(settings:))
        if let mailOutbox { tickets.replyObservers.append(ReplyMailer(outbox: mailOutbox)) }
        let notifications = NotificationService(store: store, webhookTargets: webhookTargets)
        let jobs = BackgroundWork.jobs(store: store, settings: slaSettings, notifier: notifications, webhookTargets: webhookTargets, baseURL: baseURL,
                                       mailSender: smtp.map { MailOutboxSender(store: store, settings: $0) })
        let queries = TicketQueries(store: store, settings: slaSettings)
        let customers = CustomerService(store: store, clock: clock)
        let shell = PageShell(nav: ServiceDeskPages.nav + ReplyTemplatePages.nav /* #16 item 5 */ + SlaPages.nav + AftersalesPages.nav + MaterialsPages.nav + WorkOrderPages.nav + PeoplePages.nav + HandoverPages.nav + TrainingPages.nav + QualityPages.nav + AppraisalPages.nav + AttendancePages.nav + ScorecardPages.nav + FrontDeskPages.nav + PropertyPages.nav /* #14 item 2 */ + ScenicPages.nav /* #14.3 */ + [
            NavItem(id: "admin-units", href: "/admin/units", label: Text("组织架构", "Organisation"), area: .people, isVisible: { $0.isAdmin }),
            NavItem(id: "admin-users", href: "/admin/users", label: Text("用户", "Users"), area: .people, isVisible: { $0.isAdmin }),
            QualityAnalysisPages.navItem, // #15 KPI-07
        ] + RetentionPage.nav /* #14.5 */ + MailQuarantinePage.nav /* #16.1 */ + MailOutboxPage.nav /* #16 item 2 */ + TelephonyPages.nav /* #16.3 */ + ChatPages.nav /* #16.4 */ + WorkOrderAreaPages.nav /* WO-05 */ + WorkOrderFollowUpPages.nav /* WO-10 */, bell: PageShell.Bell(href: "/notifications", countURL: "/api/v1/notifications/unread-count",
                                listURL: "/api/v1/notifications?per=8", isVisible: { !$0.isCustomer }))

        let presessions = LoginPresessions(store: store)
        let formFlashes = FormFlashes(store: store)
        let router = Router(context: KefuContext.self)
        // #17.5 a request id on every answer and log line (outermost); #10.11 headers on every answer, then #10.18 the
        // canonical path before anything decides by it.
        if let tracing { router.add(middleware: tracing) } // #17.5 a span per request, when traces are configured
        router.add(middleware: RequestIdMiddleware(accessLog: accessLog))
        router.add(middleware: SecurityHeadersMiddleware(origin: origin))
        router.add(middleware: CanonicalPathMiddleware())
        if metrics != nil { router.add(middleware: MetricsMiddleware()) }
        router.add(middleware: AuthMiddleware(auth: auth))
        router.add(middleware: ErrorMiddleware(shell: shell))
        // #11.2: a form sent after the session expired is kept for after sign-in (outside the CSRF check, which refuses it);
        // a refused page form is kept and answered with a redirect to its page (inside it: a forged form is never kept).
        router.add(middleware: ExpiredSessionMiddleware(flashes: formFlashes))
        router.add(middleware: CSRFMiddleware(presessions: presessions))
        router.add(middleware: FormFlashMiddleware(flashes: formFlashes))

        router.get("/healthz") { _, _ in
            do {
                _ = try await store.read { db in try await db.raw("SELECT 1 AS ok").first() }
                return try JSONIO.response(["status": "ok"])
            } catch {
                throw AppError(.serviceUnavailable, "database_unavailable", Text("数据库不可用", "The database is unavailable"))
            }
        }
        if let metrics { MetricsEndpoint(registry: metrics, token: metricsToken).register(on: router) }
        Assets.register(on: router)

        let routes = ApiRoutes(router: router)
        OrgAPI(org: org, auth: auth, addresses: addresses).register(routes)
        TicketAPI(tickets: tickets, queries: queries, customers: customers).register(routes)
        let policies = SlaPolicyService(store: store, settings: slaSettings)
        let calendar = CalendarService(store: store, settings: slaSettings)
        let kpis = ServiceKpiService(store: store)
        SlaAPI(policies: policies, calendar: calendar, notifications: notifications, kpis: kpis).register(routes)
        var complaintService = ComplaintService(store: store), repairService = RepairService(store: store), returnService = ReturnService(store: store)
        complaintService.notifier = notifications; repairService.notifier = notifications; returnService.notifier = notifications // #11.4 hand-offs
        complaintService.returnVisits = PropertyReturnVisitRequirement() // #14 CMP-15
        complaintService.salesTickets = ComplaintTicketsFromSales(tickets: tickets) // #16 item 6 CMP-01
        let surveyService = SurveyService(store: store, tickets: tickets)
        AftersalesAPI(complaints: complaintService, repairs: repairService, returns: returnService, surveys: surveyService).register(routes)
        var satisfactionAssessments = SatisfactionAssessmentService(store: store, settings: slaSettings) // #15.5 SAT-09
        satisfactionAssessments.notifier = notifications
        SatisfactionAssessmentAPI(assessments: satisfactionAssessments).register(routes)
        let materials = MaterialsAPI(store: store, notifier: notifications, attachmentDisk: attachmentDisk,
                                     workCalendar: SlaMaterialCalendar(settings: slaSettings), // #13.1 REQ-04, #13.2 ARR-06: #3's calendar
                                     ticketDesk: DeskTicketsForMaterials()) // #13.6: tickets that consume parts
        materials.register(routes)
        // #11.1: the quick search, composed of each feature's finder in the order the results are grouped.
        let search = SiteSearch(store: store, providers: [TicketFinder(), CustomerFinder(customers: customers), AftersalesFinder(),
                                                          MaterialFinder(), MaterialRequestFinder(), ToolLoanFinder(), UserFinder(),
                                                          FreightFinder(), DamagedPartFinder(), ArrivalFinder(), // #13.1..#13.4
                                                          CommercialRepairFinder(), // #13.3 DMG-06
                                                          TicketPartsFinder(desk: DeskTicketsForMaterials()), // #13.6
                                                          DemandPlanFinder(), // #13.1 item 2 REQ-10
                                                          LossResponsibilityFinder(), // #15.5 KPI-06
                                                          WorkOrderFinder(), // #14.1
                                                          HandoverFinder(), // #15.2
                                                          TrainingFinder(), // #15.4
                                                          InspectionFinder(), // #15.5 inspection
                                                          InspectionTicketFinder(tickets: InspectionTicketsFromDesk()), // #15.5 the inspection form's ticket picker
                                                          AppraisalFinder(), // #15.5 KPI-04
                                                          RequestFinder(), // #15 leftovers: swaps and leave
                                                          AttendanceFinder(), // #15 leftovers: KG- and LG- numbers
                                                          FrontDeskFinder(), // #14.4
                                                          SatisfactionAssessmentFinder(), // #15.5 SAT-09
                                                          PropertyFinder(), // #14 item 2
                                                          PropertyOperationsFinder(), // #14 PRP-07 PRP-10
                                                          PlanningFinder(), // #14 PRP-08 PRP-05
                                                          ScenicFinder(), // #14.3
                                                          QualityAnalysisFinder(), // #15 KPI-07
                                                          PropertyEventFinder()]) // #14 ESC-03
        SearchAPI(search: search).register(routes)
        let workOrders = WorkOrderService(store: store, tickets: WorkOrderTicketsFromDesk(), duty: OnDutyFromRoster(), // #14.1, WO-05 the roster's duty
                                          materials: WorkOrderMaterialsFromStore(issues: WorkOrderMaterialIssues(notifier: notifications)), // #14 item 1
                                          features: featureGate) // #14 item 6
        WorkOrderAPI(orders: workOrders).register(routes)
        // #15.1, #15.3: shifts, rosters, swaps and leave on #3's working-day calendar.
        let peopleCalendar = SlaPeopleCalendar(settings: slaSettings)
        let peopleRosters = RosterService(store: store, calendar: peopleCalendar)
        var peopleSwaps = SwapService(store: store, calendar: peopleCalendar)
        peopleSwaps.notifier = notifications // #15 leftovers: a rejected leave tells its requester
        PeopleAPI(rosters: peopleRosters, swaps: peopleSwaps).register(routes)
        var handovers = HandoverService(store: store, facts: HandoverFactsFromDesk()), announcements = AnnouncementService(store: store) // #15.2
        handovers.notifier = notifications // #15 leftovers: the incoming people are told when the outgoing one signs
        HandoverAPI(handovers: handovers, announcements: announcements).register(routes)
        let trainingSessions = TrainingService(store: store), trainingPlans = TrainingPlanService(store: store), staffQualifications = QualificationService(store: store)
        TrainingAPI(sessions: trainingSessions, plans: trainingPlans, qualifications: staffQualifications).register(routes) // #15.4
        let inspectionStandards = InspectionStandardService(store: store), inspectionService = InspectionService(store: store, tickets: InspectionTicketsFromDesk())
        let qualityPenalties = QualityPenaltyService(store: store, complaints: AgentComplaintsFromAftersales())
        QualityAPI(standards: inspectionStandards, inspections: inspectionService, penalties: qualityPenalties).register(routes) // #15.5 inspection
        let appraisalPlans = AppraisalService(store: store, notifier: notifications) // #15.5 KPI-04
        AppraisalAPI(plans: appraisalPlans).register(routes)
        let scorecards = ScorecardService(store: store, facts: ScorecardFactsFromDesk(), quality: InspectionQualitySource()) // #15.5 KPI-01
        ScorecardAPI(scorecards: scorecards).register(routes)
        let frontDesk = FrontDeskService(store: store, features: featureGate) // #14.4, #14 item 6
        FrontDeskAPI(desk: frontDesk).register(routes)
        let escalationPaths = EscalationPathService(store: store) // #15.6
        EscalationPathAPI(paths: escalationPaths).register(routes)
        let replyTemplates = ReplyTemplateService(store: store) // #16 item 5 CH-03 CH-04
        ReplyTemplateAPI(templates: replyTemplates, queries: queries).register(routes)
        var customerFlags = CustomerFlagService(store: store) // #16 item 6 TKT-05
        customerFlags.notifier = notifications // #16 item 6: supervisors hear of a proposal
        CustomerFlagAPI(flags: customerFlags).register(routes)
        let absences = AbsenceService(store: store), workAreaLeaves = WorkAreaLeaveService(store: store) // #15.3 absenteeism, leaving the work area (SHF-05, SHF-11, SHF-12)
        AttendanceAPI(absences: absences, workAreaLeaves: workAreaLeaves).register(routes)
        let retention = RetentionReport(store: store, sources: retentionSources) // #14.5 RET-01..04
        let retentionSettings = RetentionSettings(store: store, sources: retentionSources) // #17.6 periods and legal holds
        RetentionAPI(report: retention, settings: retentionSettings).register(routes) // #14.5, #17.6
        let workOrderAreas = WorkOrderAreaService(store: store) // WO-05
        WorkOrderAreaAPI(areas: workOrderAreas).register(routes) // WO-05
        let property = PropertyService(store: store, features: featureGate) // #14 item 2, #14 item 6
        PropertyAPI(property: property).register(routes)
        let propertyOps = PropertyOperationsService(store: store, complaints: PropertyComplaintsFromAftersales(), features: featureGate) // #14 PRP-07 PRP-04 PRP-10, #14 item 6
        PropertyOperationsAPI(ops: propertyOps).register(routes) // #14 PRP-07 PRP-04 PRP-10
        let workPlans = WorkPlanService(store: store, features: featureGate) // #14 PRP-08, #14 item 6
        WorkPlanAPI(plans: workPlans).register(routes) // #14 PRP-08
        let contractors = ContractorService(store: store, features: featureGate) // #14 PRP-05, #14 item 6
        ContractorAPI(contractors: contractors).register(routes) // #14 PRP-05
        let adminRegisters = AdminRegisterService(store: store, features: featureGate) // #14 PRP-11, #14 item 6
        AdminRegisterAPI(registers: adminRegisters).register(routes) // #14 PRP-11
        let propertyReports = PropertyServiceReports(store: store, figures: PropertyServiceFiguresFromDesk()) // #14 PRP-09
        PropertyServiceReportAPI(reports: propertyReports).register(routes) // #14 PRP-09
        let ownerFiles = OwnerFileService(store: store) // #14 PRP-06 owner files
        OwnerFileAPI(files: ownerFiles).register(routes) // #14 PRP-06 owner files
        let mailIntake = MailIntakeService(store: store, tickets: tickets, limits: mailLimits, routes: mailRoutes, outbox: mailOutbox) // #16.1, #16 item 2
        let mailQuarantine = MailQuarantine(store: store, intake: mailIntake) // #16.1
        MailIntakeAPI(intake: mailIntake, quarantine: mailQuarantine).register(routes) // #16.1
        let mailOutboxLog = MailOutboxLog(store: store) // #16 item 2
        MailOutboxAPI(log: mailOutboxLog).register(routes) // #16 item 2
        let telephony = TelephonyService(store: store, tickets: tickets, inspection: TelephonyInspectionFromPeople()) // #16.3
        TelephonyAPI(telephony: telephony, secret: telephonySecret).register(routes) // #16.3
        let chat = ChatService(store: store, tickets: tickets, hours: chatHours) // #16.4
        ChatAPI(chat: chat, addresses: addresses).register(routes) // #16.4
        let scenic = ScenicService(store: store, notifier: notifications, features: featureGate) // #14.3, #14 item 6
        ScenicAPI(scenic: scenic).register(routes) // #14.3
        let qualityAnalyses = QualityAnalysisService(store: store, notifier: notifications, facts: ScorecardFactsFromDesk(), quality: InspectionQualitySource(), extras: QualityAnalysisExtrasFromAftersales()) // #15 KPI-07
        QualityAnalysisAPI(analyses: qualityAnalyses).register(routes) // #15 KPI-07
        let propertyEvents = PropertyEventService(store: store, notifier: notifications, features: featureGate) // #14 ESC-03
        PropertyEventAPI(events: propertyEvents).register(routes) // #14 ESC-03
        let propertyOpinions = PropertyOpinionService(store: store, surveys: PropertyOpinionSurveysFromAftersales(surveys: surveyService), features: featureGate) // #14 SAT-10
        PropertyOpinionAPI(opinions: propertyOpinions).register(routes) // #14 SAT-10
        let propertyVisits = PropertyVisitService(store: store, features: featureGate) // #14 SAT-10 visits and owner forums
        PropertyVisitAPI(visits: propertyVisits).register(routes) // #14 SAT-10
        // #12.1: files on records; each owning feature says who may read or add them.
        AttachmentAPI(attachments: Attachments(store: store, disk: attachmentDisk, owners: MaterialsAttachmentOwners.all + FrontDeskAttachmentOwners.all)).register(routes, on: router)
        routes.add(.init(.get, "/api/v1/openapi.json", summary: "This description (OpenAPI 3.1)", tag: "meta", auth: false)) { [routes] _, _ in
            try JSONIO.response(OpenAPIDocument.build(routes, version: version))
        }

        SignInPages(auth: auth, org: org, presessions: presessions, shell: shell, addresses: addresses, flashes: formFlashes).register(on: router)
        OrgPages(org: org, shell: shell).register(on: router)
        ServiceDeskPages(tickets: tickets, queries: queries, customers: customers, org: org, settings: slaSettings, customerFlags: customerFlags,
                         links: [ComplaintTicketLinks(), AftersalesTicketLinks(), MailAttachmentLinks() /* #16.1 */, TelephonyCallLinks() /* #16.3 */], parts: MaterialsPartsForTickets(), shell: shell).register(on: router)
        SlaPages(policies: policies, calendar: calendar, notifications: notifications, kpis: kpis, shell: shell).register(on: router)
        AftersalesPages(complaints: complaintService, repairs: repairService, returns: returnService, surveys: surveyService, shell: shell).register(on: router)
        MaterialsPages(api: materials, shell: shell).register(on: router)
        SearchPage(search: search, shell: shell).register(on: router)
        WorkOrderPages(orders: workOrders, shell: shell).register(on: router) // #14.1
        PeoplePages(rosters: peopleRosters, swaps: peopleSwaps, shell: shell).register(on: router) // #15.1, #15.3
        HandoverPages(handovers: handovers, announcements: announcements, shell: shell).register(on: router) // #15.2
        TrainingPages(sessions: trainingSessions, plans: trainingPlans, qualifications: staffQualifications, shell: shell).register(on: router) // #15.4
        QualityPages(standards: inspectionStandards, inspections: inspectionService, penalties: qualityPenalties, shell: shell).register(on: router) // #15.5 inspection
        AppraisalPages(plans: appraisalPlans, shell: shell).register(on: router) // #15.5 KPI-04
        ScorecardPages(scorecards: scorecards, shell: shell).register(on: router) // #15.5 KPI-01
        FrontDeskPages(desk: frontDesk, shell: shell).register(on: router) // #14.4
        EscalationPathPage(paths: escalationPaths, shell: shell).register(on: router) // #15.6
        ReplyTemplatePages(templates: replyTemplates, shell: shell).register(on: router) // #16 item 5
        AttendancePages(absences: absences, workAreaLeaves: workAreaLeaves, shell: shell).register(on: router) // #15.3 absenteeism, SHF-12
        SatisfactionAssessmentPages(assessments: satisfactionAssessments, shell: shell).register(on: router) // #15.5 SAT-09
        RetentionPage(report: retention, settings: retentionSettings, shell: shell).register(on: router) // #14.5, #17.6
        MailQuarantinePage(quarantine: mailQuarantine, shell: shell).register(on: router) // #16.1
        MailOutboxPage(log: mailOutboxLog, shell: shell).register(on: router) // #16 item 2
        MailAttachmentDownload(store: store).register(on: router) // #16.1
        TelephonyPages(telephony: telephony, shell: shell).register(on: router) // #16.3
        ChatPages(chat: chat, shell: shell).register(on: router) // #16.4
        WorkOrderAreaPages(areas: workOrderAreas, shell: shell).register(on: router) // WO-05
        WorkOrderFollowUpPages(orders: workOrders, shell: shell).register(on: router) // WO-10
        PropertyPages(property: property, shell: shell).register(on: router) // #14 item 2
        PropertyOperationsPages(ops: propertyOps, shell: shell).register(on: router) // #14 PRP-07 PRP-04 PRP-10
        WorkPlanPages(plans: workPlans, shell: shell).register(on: router) // #14 PRP-08, #14 item 6
        ContractorPages(contractors: contractors, shell: shell).register(on: router) // #14 PRP-05, #14 item 6
        AdminRegisterPages(registers: adminRegisters, shell: shell).register(on: router) // #14 PRP-11, #14 item 6
        PropertyServiceReportPages(reports: propertyReports, shell: shell).register(on: router) // #14 PRP-09
        OwnerFilePages(files: ownerFiles, shell: shell).register(on: router) // #14 PRP-06 owner files
        ScenicPages(scenic: scenic, shell: shell).register(on: router) // #14.3
        QualityAnalysisPages(analyses: qualityAnalyses, shell: shell).register(on: router) // #15 KPI-07
        PropertyEventPages(events: propertyEvents, shell: shell).register(on: router) // #14 ESC-03
        PropertyOpinionPages(opinions: propertyOpinions, shell: shell).register(on: router) // #14 SAT-10
        PropertyVisitPages(visits: propertyVisits, shell: shell).register(on: router) // #14 SAT-10 visits and owner forums
        // #16.6 the customer portal: sign-in by a one-time link sent through the outbox (none without KEFU_SMTP_URL).
        PortalPages(portal: PortalService(store: store, tickets: tickets, outbox: mailOutbox, baseURL: baseURL, maxFileBytes: mailLimits.maxMessageBytes,
                                                 ratings: PortalRatingsFromSurveys(surveys: surveyService)), shell: shell, addresses: addresses).register(on: router)
        HomePage(queries: HomeQueries(store: store), shell: shell).register(on: router)
        return Built(router: router, routes: routes, jobs: jobs, chatSocket: ChatSocket(chat: chat, auth: auth))
    }

    /// #16.1 the LMTP listener of `kefu serve --lmtp-port`: delivers as the mail_intake account of `token`
    /// (`KEFU_MAIL_TOKEN`), with the same intake rules and settings as `POST /api/v1/inbound/mail`.
    public static func lmtpServer(store: any Store, token: String, hostname: String = "kefu", smtp: SmtpSettings? = nil,
                                  limits: LmtpServer.Limits = LmtpServer.Limits()) -> LmtpServer {
        let auth = AuthService(store: store)
        let intake = MailIntakeService(store: store, tickets: TicketService(store: store), limits: .fromEnvironment(), routes: .fromEnvironment(),
                                       outbox: smtp.map(MailOutbox.init(settings:)))
        return LmtpServer(intake: intake, hostname: hostname, limits: limits) { try await auth.principal(forToken: token) }
    }

    public static func application(store: any Store, hostname: String, port: Int, logger: Logger,
                                   metrics: PrometheusCollectorRegistry? = nil, metricsToken: String? = nil,
                                   origin: RequestOrigin = RequestOrigin(), limits: ConnectionLimits = .defaults,
                                   webhookTargets: WebhookTargets = WebhookTargets(), attachmentDisk: AttachmentDisk = .fromEnvironment(),
                                   baseURL: PublicBaseURL? = nil, backup: ScheduledBackup? = nil, accessLog: Bool = false,
                                   smtp: SmtpSettings? = nil, tracing: TraceRequestsMiddleware? = nil,
                                   firstServices: [any Service] = [], listener: ListenerDrain? = nil) -> some ApplicationProtocol {
        let built = buildRouter(store: store, metrics: metrics, metricsToken: metricsToken, origin: origin, webhookTargets: webhookTargets,
                                attachmentDisk: attachmentDisk, baseURL: baseURL, accessLog: accessLog, smtp: smtp, tracing: tracing)
        // #10.1: a connection cap with a 503 refusal, header/body/idle timeouts, and a backlog for bursts.
        return Application(
            router: built.router,
            // #16.4 with the WebSocket upgrade of live chat (`/chat/ws`); every other request is HTTP as before.
            server: GuardedWebSocketChannel.builder(limits: limits, counter: ConnectionCounter(limit: limits.maxConnections), logger: logger,
                                                    shouldUpgrade: built.chatSocket.shouldUpgrade),
            configuration: .init(address: .hostname(hostname, port: port), serverName: "Kefu", backlog: 1024),
            // `firstServices` stop last (#17.5: the trace exporter sends the spans of the last requests).
            services: firstServices + [BackgroundJobs(jobs: built.jobs, logger: logger) as any Service] + (backup.map { [$0] } ?? []) // #17.1 scheduled backups
                + (store.dialect == .sqlite ? [SearchIndexMergeLoop(store: store, logger: logger)] : []) // #17.4
                + (smtp.map { [MailOutboxLoop(sender: MailOutboxSender(store: store, settings: $0), logger: logger)] } ?? []), // #16 item 8
            onServerRunning: { channel in await listener?.serverRunning(channel) },
            logger: logger
        )
    }
}

/// #16 item 8: outgoing mail leaves as soon as it is queued, not at the next background round: the outbox is drained
/// again and again, with a second's pause once nothing is due. (The round's own `mail_outbox` pass stays: it is what
/// `kefu sla-scan` runs; the claims keep the two from sending a message twice.)
/// #17.3: on SIGTERM a pass in progress is finished — the messages it claimed are sent and recorded — and no other
/// begins; only the pause is cut short. (Cancelled half-way, a message the relay had taken stayed claimed and unrecorded,
/// and was sent a second time when its claim lapsed five minutes later.) The application stops its HTTP server before
/// its other services, and `ShutdownGrace` bounds the whole.
struct MailOutboxLoop: Service {
    let sender: MailOutboxSender
    let logger: Logger

    func run() async throws {
        var counted = ContinuousClock.now - .seconds(60)
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            var sent = 0
            do {
                sent = try await sender.deliverDue()
                // #17.5: the queue's depth for /metrics, at most every 10 s (the loop turns every second when idle).
                if ContinuousClock.now - counted >= .seconds(10) {
                    counted = ContinuousClock.now
                    OperationalMetrics.queueDepth("mail", pending: try await sender.pendingCount())
                }
            } catch {
                logger.warning("mail outbox pass failed", metadata: ["error": "\(error)"])
            }
            if sent == 0 { try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) } }
        }
    }
}

/// Runs the SLA jobs for as long as the server runs. #17.3: on SIGTERM the round in progress (breach scan, feature
/// passes, webhook deliveries) is finished and no other begins; only the wait between rounds is cut short.
struct BackgroundJobs: Service {
    let jobs: SlaJobs
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let started = ContinuousClock.now
            await jobs.runOnce(logger: logger)
            // #17.5: the round's duration, when it finished, and the webhook deliveries still waiting after it.
            // The queue depth is told first so that a scrape which sees the round finished also sees the queue.
            let duration = ContinuousClock.now - started
            if let pending = try? await jobs.webhooks.pendingCount() { OperationalMetrics.queueDepth("webhooks", pending: pending) }
            OperationalMetrics.backgroundRound(finishedAt: Date(), duration: duration)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(jobs.interval)) }
        }
    }
}
