/// The route table of permissions (#10 "Also": the route × role × unit matrix). Every API route is listed here once
/// with who may call it (`RouteAudience`); the matrix test (Tests/KefuServerTests/RouteMatrix/) calls every listed
/// route with every role, in the head office, in the record's unit and outside it, and fails on a route that is not
/// listed or that it cannot probe. The audiences are computed from the permission rules themselves
/// (`ServiceDeskPermission`, `AftersalesPermission`, `MaterialPermissions`, …), so a rule is written once.
public enum ApiAccess {
    /// #10.20: tickets are seen and worked by unit only with a customer-service role (`Role.seesUnitTickets`); a
    /// customer sees its own.
    static let viewTicket = RouteAudience.inUnitOrOwner(Role.ticketOwners)
    static let workTicket = RouteAudience.inUnit(Role.ticketOwners.intersection(ServiceDeskPermission.holders(.workTicket)))
    static let superviseTicket = RouteAudience.inUnit(Role.ticketOwners.intersection(ServiceDeskPermission.holders(.superviseTickets)))
    /// The organisation, its users and their tokens are managed by administrators, in their unit and below.
    static let organisation = RouteAudience.inUnit([.admin])
    static func step(_ permissions: AftersalesPermission...) -> RouteAudience { .aftersales(Set(permissions)) }
    static let afterSalesStaff = RouteAudience.roles(AftersalesPermission.holders(.view))
    static let customerService = AftersalesPermission.holders(.customerService)
    static let materialViewers = RouteAudience.roles(MaterialPermissions.viewers)
    static let materialRequestViewers = RouteAudience.anyOf([.materials(.view), .roles(MaterialRequestFlow.production.union(MaterialRequestFlow.procurement))])

    /// "METHOD /path" → who may call it.
    public static let routes: [String: RouteAudience] = [
        "POST /api/v1/auth/token": .anyone,
        "DELETE /api/v1/auth/token": .signedIn,
        "GET /api/v1/auth/me": .signedIn,
        "GET /api/v1/auth/tokens": .signedIn,
        "DELETE /api/v1/auth/tokens/{id}": .inUnitOrOwner([.admin]),
        "GET /api/v1/org-units": .staff,
        "POST /api/v1/org-units": organisation,
        "GET /api/v1/org-units/{id}": .staff,
        "PATCH /api/v1/org-units/{id}": organisation,
        "GET /api/v1/org-units/{id}/features": organisation, // #14 item 6
        "PUT /api/v1/org-units/{id}/features": organisation, // #14 item 6
        "GET /api/v1/users": .staff,
        "POST /api/v1/users": organisation,
        "GET /api/v1/users/{id}": .staff,
        "PATCH /api/v1/users/{id}": .inUnitOrOwner([.admin]),
        "GET /api/v1/audit-log": .headOffice([.admin]),
        // #16.1 inbound mail: the MTA's intake account only; the quarantine: head-office administrators.
        "POST /api/v1/inbound/mail": .roles([.mailIntake]),
        "GET /api/v1/mail-quarantine": .headOffice([.admin]),
        "GET /api/v1/mail-quarantine/{id}": .headOffice([.admin]),
        "GET /api/v1/mail-quarantine/{id}/raw": .headOffice([.admin]),
        "POST /api/v1/mail-quarantine/{id}/reingest": .headOffice([.admin]),
        "POST /api/v1/mail-quarantine/{id}/discard": .headOffice([.admin]),
        "GET /api/v1/mail-outbox": .headOffice([.admin]), // #16 item 2
        "POST /api/v1/mail-outbox/{id}/retry": .headOffice([.admin]),
        // #16.3 telephony: the CTI system's events carry no session, only its HMAC signature (KEFU_TELEPHONY_SECRET):
        // no role reaches the route (every unsigned caller is answered 401). Extensions are kept by administrators for
        // the agents of their unit; the call log is the staff's (agents their own calls, ticket roles their unit's).
        "POST /api/v1/telephony/events": .roles([]),
        "GET /api/v1/telephony/extensions": .roles([.admin]),
        "GET /api/v1/telephony/extensions/{extension}": .inUnit([.admin]),
        "PUT /api/v1/telephony/extensions/{extension}": .inUnit([.admin]),
        "DELETE /api/v1/telephony/extensions/{extension}": .inUnit([.admin]),
        "GET /api/v1/telephony/calls": .staff,
        "POST /api/v1/telephony/calls/{id}/ticket": workTicket,
        // #16.4 live chat: a visitor starts a chat without signing in (the widget); the agents who work tickets read the
        // queue of their units and take, end and read a chat in their unit and below.
        "POST /api/v1/chat/sessions": .anyone,
        "GET /api/v1/chat/sessions": .roles(Role.ticketOwners.intersection(ServiceDeskPermission.holders(.workTicket))),
        "POST /api/v1/chat/sessions/{id}/take": workTicket,
        "POST /api/v1/chat/sessions/{id}/close": workTicket,
        "GET /api/v1/chat/sessions/{id}/messages": workTicket,
        "POST /api/v1/tickets": .inUnitOrOwner(ServiceDeskPermission.holders(.createTicket)),
        "GET /api/v1/tickets": .signedIn,
        "GET /api/v1/tickets/{id}": viewTicket,
        "PATCH /api/v1/tickets/{id}": workTicket,
        "GET /api/v1/tickets/{id}/events": viewTicket,
        "GET /api/v1/tickets/{id}/comments": viewTicket,
        "POST /api/v1/tickets/{id}/comments": viewTicket,
        "POST /api/v1/tickets/{id}/status": workTicket,
        "POST /api/v1/tickets/{id}/escalate": workTicket,
        "POST /api/v1/tickets/{id}/forward": workTicket,
        "POST /api/v1/tickets/{id}/take": workTicket,
        "POST /api/v1/tickets/{id}/owner": superviseTicket,
        "GET /api/v1/search": .staff,
        "POST /api/v1/tickets/{id}/handle": workTicket,
        // #16 item 5 (CH-03): every member of staff reads the templates; CS supervisors and managers write their unit's and below.
        "GET /api/v1/tickets/{id}/reply-templates": workTicket,
        "GET /api/v1/reply-templates": .staff,
        // #16 item 6 TKT-05: agents propose flagging a customer of their scope; CS supervisors decide.
        "GET /api/v1/customers/{id}/flags": .inUnit(ServiceDeskPermission.holders(.createTicket)),
        "POST /api/v1/customers/{id}/flags": .inUnit(ServiceDeskPermission.holders(.createTicket)),
        "POST /api/v1/customers/{id}/flags/confirm": .inUnit(ServiceDeskPermission.holders(.superviseTickets)),
        "POST /api/v1/customers/{id}/flags/reject": .inUnit(ServiceDeskPermission.holders(.superviseTickets)),
        "POST /api/v1/customers/{id}/flags/clear": .inUnit(ServiceDeskPermission.holders(.superviseTickets)),
        "GET /api/v1/customer-flags": .roles(ServiceDeskPermission.holders(.superviseTickets)),
        "POST /api/v1/reply-templates": .inUnit(ServiceDeskPermission.holders(.manageReplyTemplates)),
        "GET /api/v1/reply-templates/{id}": .staff,
        "PUT /api/v1/reply-templates/{id}": .inUnit(ServiceDeskPermission.holders(.manageReplyTemplates)),
        "GET /api/v1/customers": .roles(ServiceDeskPermission.holders(.viewCustomerRegister)),
        "GET /api/v1/customers/lookup": .roles(ServiceDeskPermission.holders(.lookupCustomer)),
        "POST /api/v1/customers": .roles(ServiceDeskPermission.holders(.createTicket)),
        "GET /api/v1/customers/{id}": .inUnitOrOwner(ServiceDeskPermission.holders(.viewCustomerRegister)),
        "PATCH /api/v1/customers/{id}": .inUnit(ServiceDeskPermission.holders(.viewCustomerRegister)),
        "GET /api/v1/sla-policies": .staff,
        "POST /api/v1/sla-policies": .headOffice(ServiceDeskPermission.holders(.setServiceStandards)),
        "GET /api/v1/sla-policies/{id}": .staff,
        "PUT /api/v1/sla-policies/{id}": .headOffice(ServiceDeskPermission.holders(.setServiceStandards)),
        "DELETE /api/v1/sla-policies/{id}": .headOffice(ServiceDeskPermission.holders(.setServiceStandards)),
        "GET /api/v1/business-hours": .staff,
        "PUT /api/v1/business-hours": .headOffice(ServiceDeskPermission.holders(.editCalendar)),
        "GET /api/v1/calendar/days": .staff,
        "GET /api/v1/calendar/years/{year}": .staff,
        "PUT /api/v1/calendar/years/{year}": .headOffice(ServiceDeskPermission.holders(.editCalendar)),
        "GET /api/v1/reports/service-kpis": .roles(ServiceDeskPermission.holders(.superviseTickets)),
        "GET /api/v1/notifications": .signedIn,
        "GET /api/v1/notifications/unread-count": .signedIn,
        "POST /api/v1/notifications/{id}/read": .inUnitOrOwner([]),
        "POST /api/v1/notifications/read-all": .signedIn,
        "GET /api/v1/org-units/{id}/webhook": .inUnit(ServiceDeskPermission.holders(.superviseTickets)),
        "PUT /api/v1/org-units/{id}/webhook": .inUnit(ServiceDeskPermission.holders(.superviseTickets)),
        "DELETE /api/v1/org-units/{id}/webhook": .inUnit(ServiceDeskPermission.holders(.superviseTickets)),
        // #15.6 (ESC-02): a unit's escalation path, read and set by the supervisors of the unit or above and administrators.
        "GET /api/v1/escalation-paths/{orgUnitId}": .inUnit(ServiceDeskPermission.holders(.superviseTickets)),
        "PUT /api/v1/escalation-paths/{orgUnitId}": .inUnit(ServiceDeskPermission.holders(.superviseTickets)),
        "GET /api/v1/escalation-paths/{orgUnitId}/effective": .inUnit(ServiceDeskPermission.holders(.superviseTickets)),
        "GET /api/v1/complaints": afterSalesStaff,
        "POST /api/v1/complaints": step(.customerService),
        "GET /api/v1/complaints/{id}": step(.view),
        "POST /api/v1/complaints/{id}/classify": step(.customerService),
        "POST /api/v1/complaints/{id}/analysis": step(.quality),
        "POST /api/v1/complaints/{id}/actions": .responsibleDepartment,
        "POST /api/v1/complaints/{id}/actions/approve": step(.approveActions),
        "POST /api/v1/complaints/{id}/review-meeting": step(.customerService, .quality),
        "POST /api/v1/complaints/{id}/customer-confirmation": step(.customerService),
        "POST /api/v1/complaints/{id}/verification": step(.quality, .customerService),
        "POST /api/v1/complaints/{id}/close": step(.customerService),
        "POST /api/v1/complaints/{id}/supervisor-review": step(.supervise),
        "POST /api/v1/complaints/{id}/return-visit": step(.customerService),
        // #16 item 6 (CMP-01, D15): sales register what they accepted; the accepting department answers first (the other
        // department's answer is refused by the case's source, 409).
        "POST /api/v1/complaints/from-sales": .roles(AftersalesPermission.holders(.salesperson).union(AftersalesPermission.holders(.salesManager))),
        "POST /api/v1/complaints/{id}/source": step(.customerService),
        "POST /api/v1/complaints/{id}/first-answer": step(.customerService, .salesperson, .salesManager),
        "GET /api/v1/reports/complaints": afterSalesStaff,
        "GET /api/v1/repair-orders": afterSalesStaff,
        "POST /api/v1/repair-orders": .roles(customerService),
        "GET /api/v1/repair-orders/{id}": step(.view),
        "POST /api/v1/repair-orders/{id}/diagnosis": step(.repairGroup),
        "POST /api/v1/repair-orders/{id}/customer-decision": step(.customerService),
        "POST /api/v1/repair-orders/{id}/qc": step(.quality),
        "POST /api/v1/repair-orders/{id}/ship": step(.customerService),
        "POST /api/v1/repair-orders/{id}/close": step(.customerService),
        "GET /api/v1/reports/repairs": afterSalesStaff,
        "GET /api/v1/returns": afterSalesStaff,
        "POST /api/v1/returns": .roles(customerService),
        "GET /api/v1/returns/{id}": step(.view),
        "POST /api/v1/returns/{id}/receive": step(.customerService),
        "POST /api/v1/returns/{id}/inspection": step(.quality),
        "POST /api/v1/returns/{id}/override": step(.salesManager),
        "POST /api/v1/returns/{id}/slip": step(.customerService),
        "POST /api/v1/returns/{id}/salesperson-note": step(.salesperson),
        "POST /api/v1/returns/{id}/sign": step(.salesManager),
        "POST /api/v1/returns/{id}/book": step(.finance),
        "POST /api/v1/returns/{id}/ship-replacement": step(.customerService),
        "POST /api/v1/returns/{id}/close": step(.customerService),
        "GET /api/v1/survey-template": .anyone,
        "POST /api/v1/survey-invitations": step(.customerService),
        "POST /api/v1/survey-campaigns": .inUnit(customerService),
        "POST /api/v1/public/surveys/{token}": .anyone,
        "GET /api/v1/survey-responses": afterSalesStaff,
        "GET /api/v1/reports/satisfaction": afterSalesStaff,
        "GET /api/v1/settings/satisfaction-target": .signedIn,
        "PUT /api/v1/settings/satisfaction-target": .headOffice(AftersalesPermission.holders(.setQualityTarget)),
        "GET /api/v1/items": materialViewers,
        "POST /api/v1/items": .materials(.masterData),
        "POST /api/v1/items/import": .materials(.masterData),
        "GET /api/v1/items/{id}": materialViewers,
        "PATCH /api/v1/items/{id}": .materials(.masterData),
        "GET /api/v1/suppliers": materialViewers,
        "POST /api/v1/suppliers": .materials(.masterData),
        "PATCH /api/v1/suppliers/{id}": .materials(.masterData),
        "GET /api/v1/warehouses": materialViewers,
        "POST /api/v1/warehouses": .materials(.masterData),
        "PATCH /api/v1/warehouses/{id}": .materials(.masterData),
        "GET /api/v1/items/{id}/history": materialViewers,
        "GET /api/v1/suppliers/{id}/history": materialViewers,
        "GET /api/v1/warehouses/{id}/history": .materials(.view),
        "GET /api/v1/stock-documents": materialViewers,
        "POST /api/v1/stock-documents": .materials(.edit),
        "GET /api/v1/stock-documents/{id}": .materials(.view),
        "GET /api/v1/stock-documents/{id}/history": .materials(.view),
        "PATCH /api/v1/stock-documents/{id}": .materials(.edit),
        "DELETE /api/v1/stock-documents/{id}": .materials(.edit),
        "POST /api/v1/stock-documents/{id}/audit": .materials(.audit),
        "POST /api/v1/stock-documents/{id}/unaudit": .materials(.audit),
        "GET /api/v1/transfers": materialViewers,
        "POST /api/v1/transfers": .materials(.transfer),
        "GET /api/v1/transfers/{id}": .materials(.view),
        "PATCH /api/v1/transfers/{id}": .materials(.transfer),
        "DELETE /api/v1/transfers/{id}": .materials(.transfer),
        "POST /api/v1/transfers/{id}/audit": .materials(.transfer),
        "POST /api/v1/transfers/{id}/unaudit": .materials(.transfer),
        "GET /api/v1/stock/on-hand": materialViewers,
        "GET /api/v1/stock/ledger": .materials(.view),
        // #12.4 storage: bins are laid out and stock moved by those who enter the warehouse's documents; lists are scoped.
        "GET /api/v1/bins": materialViewers,
        "POST /api/v1/bins": .materials(.edit),
        "POST /api/v1/bins/moves": .materials(.edit),
        "GET /api/v1/stock/batches": materialViewers,
        "GET /api/v1/stock/maintenance-due": materialViewers,
        "GET /api/v1/stock-documents/{id}/placements": .materials(.view),
        "GET /api/v1/reports/on-hand": materialViewers,
        "GET /api/v1/storage-registers": materialViewers,
        "POST /api/v1/storage-registers": .materials(.edit),
        // #12 STO-02: the ABC proposal is read in scope; applying it changes the item master (HQ).
        "GET /api/v1/reports/abc": materialViewers,
        "POST /api/v1/items/abc-classes": .materials(.masterData),
        // #12 ISS-06, STO-03: the line grid's FEFO/bin proposal and bin picker, read in the warehouse's scope.
        "GET /api/v1/stock/line-proposal": materialViewers,
        "GET /api/v1/bins/search": materialViewers,
        // #12.1 stocktakes (4.3, D5): opened, distributed and posted by the department accountant, counted by the site,
        // approved by the department manager, assessed by the HQ materials office.
        "GET /api/v1/stocktakes": materialViewers,
        "POST /api/v1/stocktakes": .materials(.audit),
        "GET /api/v1/stocktakes/{id}": .materials(.view),
        "GET /api/v1/stocktakes/{id}/history": .materials(.view),
        "GET /api/v1/stocktakes/{id}/sheet.xlsx": .materials(.view),
        "GET /api/v1/stocktakes/{id}/sheet.csv": .materials(.view),
        "POST /api/v1/stocktakes/{id}/distribute": .materials(.audit),
        "PUT /api/v1/stocktakes/{id}/counts": .materials(.edit),
        "POST /api/v1/stocktakes/{id}/counts/import": .materials(.edit),
        "POST /api/v1/stocktakes/{id}/submit": .materials(.edit),
        "POST /api/v1/stocktakes/{id}/return": .inUnit(StocktakeRules.approvers),
        "POST /api/v1/stocktakes/{id}/approve": .inUnit(StocktakeRules.approvers),
        "POST /api/v1/stocktakes/{id}/post": .materials(.audit),
        "POST /api/v1/stocktakes/{id}/assess": .roles(StocktakeRules.assessors),
        "GET /api/v1/reports/stocktake-differences": materialViewers,
        "GET /api/v1/openapi.json": .anyone,
        // #12.3 the site's daily ledger (LED-01..07): kept by whoever edits the warehouse's documents, posted by whoever audits them.
        "GET /api/v1/site-ledgers": materialViewers,
        "POST /api/v1/site-ledgers": .materials(.edit),
        "GET /api/v1/site-ledgers/{id}": .materials(.view),
        "PUT /api/v1/site-ledgers/{id}": .materials(.edit),
        "POST /api/v1/site-ledgers/{id}/submit": .materials(.edit),
        "POST /api/v1/site-ledgers/{id}/return": .materials(.audit),
        "POST /api/v1/site-ledgers/{id}/post": .materials(.audit),
        "POST /api/v1/site-ledgers/{id}/file": .materials(.edit),
        "GET /api/v1/reports/site-ledgers": materialViewers,
        // #12.4 ISS-05: refusals at the counter, logged by whoever keeps the warehouse's documents.
        "POST /api/v1/issue-refusals": .materials(.edit),
        "GET /api/v1/issue-refusals": materialViewers,
        // #12.2 STK-08, RPT-07: a unit's 15th-of-month reconciliation, read in scope, recorded by whoever audits its documents.
        "GET /api/v1/reconciliations": .materials(.view),
        "POST /api/v1/reconciliations": .materials(.audit),
        // #12.1 attachments: as the owning record allows (the matrix probes them on a site-ledger day).
        "POST /api/v1/attachments": .materials(.edit),
        "GET /api/v1/attachments": .materials(.view),
        "GET /api/v1/attachments/{id}": .materials(.view),
        // #12.5 MAT-05: item-code requests, asked by the site, forwarded by its department, decided by the HQ materials office.
        "GET /api/v1/item-requests": materialViewers,
        "POST /api/v1/item-requests": .inUnit(ItemRequestRules.creators),
        "GET /api/v1/item-requests/{id}": .materials(.view),
        "POST /api/v1/item-requests/{id}/submit": .inUnit(ItemRequestRules.requesters),
        "POST /api/v1/item-requests/{id}/forward": .inUnit(ItemRequestRules.forwarders),
        "POST /api/v1/item-requests/{id}/approve": .inUnit(ItemRequestRules.deciders),
        "POST /api/v1/item-requests/{id}/reject": .inUnit(ItemRequestRules.forwarders.union(ItemRequestRules.deciders)),
        // #12 matchecks: the STK-01/02 schedule in the API (scoped like the list).
        "GET /api/v1/stocktakes/schedule": materialViewers,
        // MAT-02: the warehouse check, for the HQ materials office, department accountants and administrators (their scope).
        "GET /api/v1/materials/warehouse-check": .roles(WarehousePairing.readers),
        // D5: the stocktake approver per business department, named by an administrator of the department or above.
        "GET /api/v1/stocktake-approvers": materialViewers,
        "PUT /api/v1/stocktake-approvers/{id}": .inUnit(StocktakeApproval.configurators),
        // #13.4 FRT-01..06, RPT-12: HQ keeps the reference prices; a site records its freight; its business department's
        // leaders decide (which of them: `FreightApprovalRule.approvers`, refused 403 in the service).
        "GET /api/v1/freight-prices": materialViewers,
        "POST /api/v1/freight-prices": .materials(.priceList),
        "GET /api/v1/freight": materialViewers,
        "POST /api/v1/freight": .inUnit(FreightRules.recorders),
        "GET /api/v1/freight/{id}": .materials(.view),
        "POST /api/v1/freight/{id}/approve": .inUnit(FreightApprovalRule.anyApprover),
        "POST /api/v1/freight/{id}/reject": .inUnit(FreightApprovalRule.anyApprover),
        "GET /api/v1/reports/freight-exceptions": materialViewers,
        // #13.5 LND-01/02/04: tool loans, written by the site's keeper or lead, signed off on return by its lead; read in scope.
        "GET /api/v1/tool-loans": materialViewers,
        "POST /api/v1/tool-loans": .inUnit(ToolLoanRules.lenders),
        "GET /api/v1/tool-loans/{id}": .materials(.view),
        "POST /api/v1/tool-loans/{id}/return": .inUnit(ToolLoanRules.returners),
        // #13.3 DMG-01..05, RPT-08: registered and packed by whoever keeps the site's documents; production sees and receives every batch.
        "GET /api/v1/damaged-parts": materialViewers,
        // #13.6: a ticket's parts are read by the staff who see the ticket; issuing them also needs the warehouse's documents.
        "GET /api/v1/tickets/{id}/parts": .inUnit(Role.ticketOwners),
        "POST /api/v1/tickets/{id}/parts": .allOf([.inUnit(Role.ticketOwners), .materials(.edit)]),
        "GET /api/v1/reports/ticket-parts": materialViewers,
        "POST /api/v1/damaged-parts": .materials(.edit),
        "GET /api/v1/damaged-parts/return-status": materialViewers,
        "GET /api/v1/damaged-parts/{id}": .materials(.view),
        "GET /api/v1/damaged-returns": materialViewers,
        "POST /api/v1/damaged-returns": .materials(.edit),
        "GET /api/v1/damaged-returns/{id}": .materials(.damagedReturn),
        "PUT /api/v1/damaged-returns/{id}/checklist": .materials(.edit),
        "POST /api/v1/damaged-returns/{id}/ship": .materials(.edit),
        "POST /api/v1/damaged-returns/{id}/receive": .roles(DamagedReturnRule.receivers.union([.mgmtMaterials])),
        // #13.2 ARR-01..07: arrival checks recorded and completed by whoever keeps the warehouse's documents; goods without
        // papers confirmed by the production warehouse's shipper (ARR-05, any unit); RPT-11, RPT-06 read in scope; TRF-10
        // shipping papers recorded by the shipping warehouse.
        "GET /api/v1/arrivals": materialViewers,
        "POST /api/v1/arrivals": .materials(.edit),
        "GET /api/v1/arrivals/{id}": .materials(.view),
        "POST /api/v1/arrivals/{id}/confirm": .roles(ArrivalRules.confirmers),
        "POST /api/v1/arrivals/{id}/complete": .materials(.edit),
        "GET /api/v1/reports/transfers-in-transit": materialViewers,
        "GET /api/v1/reports/negotiated-transfers": materialViewers,
        "GET /api/v1/transfers/{id}/shipping-papers": .materials(.view),
        "PUT /api/v1/transfers/{id}/shipping-papers": .materials(.edit),
        // #13.1 material requests (4.4): written by the site, signed in turn in scope; production and procurement for all.
        "GET /api/v1/material-requests": materialViewers,
        "POST /api/v1/material-requests": .inUnit(MaterialRequestFlow.creators),
        "GET /api/v1/material-requests/{id}": materialRequestViewers,
        "PUT /api/v1/material-requests/{id}": .inUnit(MaterialRequestFlow.creators),
        "POST /api/v1/material-requests/{id}/submit": .inUnit(MaterialRequestFlow.actors(.submit)),
        "POST /api/v1/material-requests/{id}/approve": .inUnit(MaterialRequestFlow.actors(.approve)),
        "POST /api/v1/material-requests/{id}/return": .inUnit(MaterialRequestFlow.actors(.return)),
        "POST /api/v1/material-requests/{id}/decide": .roles(MaterialRequestFlow.actors(.decide)),
        "POST /api/v1/material-requests/{id}/order": .roles(MaterialRequestFlow.actors(.order)),
        "POST /api/v1/material-requests/{id}/ship": .roles(MaterialRequestFlow.actors(.ship)),
        "POST /api/v1/material-requests/{id}/confirm-arrival": .inUnit(MaterialRequestFlow.actors(.confirmArrival)),
        "POST /api/v1/material-requests/{id}/backfill": .inUnit(MaterialRequestFlow.backfillers),
        "GET /api/v1/reports/open-requests": materialViewers,
        // #13.3 DMG-06/07, ESC-05: commercial repairs, applied for by the department in its unit, approved by HQ.
        "GET /api/v1/commercial-repairs": materialViewers,
        "POST /api/v1/commercial-repairs": .inUnit(CommercialRepairRules.actors(.edit, kind: .commercial)),
        "GET /api/v1/commercial-repairs/{id}": .materials(.view),
        "POST /api/v1/commercial-repairs/{id}/submit": .inUnit(CommercialRepairRules.actors(.submit, kind: .commercial)),
        "POST /api/v1/commercial-repairs/{id}/approve": .roles(CommercialRepairRules.headquarters),
        "POST /api/v1/commercial-repairs/{id}/reject": .roles(CommercialRepairRules.headquarters),
        "POST /api/v1/commercial-repairs/{id}/send": .inUnit(CommercialRepairRules.actors(.send, kind: .commercial)),
        "POST /api/v1/commercial-repairs/{id}/results": .inUnit(CommercialRepairRules.actors(.record, kind: .commercial)),
        "POST /api/v1/commercial-repairs/{id}/close": .anyOf([.inUnit(CommercialRepairRules.department), .roles(CommercialRepairRules.headquarters)]),
        "POST /api/v1/commercial-repairs/{id}/cancel": .inUnit(CommercialRepairRules.actors(.cancel, kind: .commercial)),
        // #13.1 item 2, REQ-10: 业务管理部 writes each department's annual demand plan; the department reads its published plan,
        // production and procurement every published one.
        "GET /api/v1/demand-plans": .roles(DemandPlanRules.departmentReaders.union(DemandPlanRules.receivers)),
        "POST /api/v1/demand-plans": .headOffice(DemandPlanRules.planners),
        "GET /api/v1/demand-plans/{id}": .anyOf([.inUnit(DemandPlanRules.departmentReaders), .roles(DemandPlanRules.receivers), .headOffice(DemandPlanRules.planners)]),
        "PUT /api/v1/demand-plans/{id}": .headOffice(DemandPlanRules.planners),
        "POST /api/v1/demand-plans/{id}/publish": .headOffice(DemandPlanRules.planners),
        // #14.1 work orders (WO-01..11, 4.8): issued by CS duty staff for their unit and below, worked by the engineering
        // duty technician of the unit (after acceptance only the accepting one, refused 403 in the service), read by both.
        "GET /api/v1/work-orders": .roles(WorkOrderRules.viewers),
        "POST /api/v1/work-orders": .inUnit(WorkOrderRules.issuers),
        "GET /api/v1/work-orders/{id}": .inUnit(WorkOrderRules.viewers),
        "POST /api/v1/work-orders/{id}/book-appointment": .inUnit(WorkOrderRules.issuers),
        "POST /api/v1/work-orders/{id}/accept": .inUnit(WorkOrderRules.technicians),
        "POST /api/v1/work-orders/{id}/depart": .inUnit(WorkOrderRules.technicians),
        "POST /api/v1/work-orders/{id}/arrive": .inUnit(WorkOrderRules.technicians),
        "POST /api/v1/work-orders/{id}/start": .inUnit(WorkOrderRules.technicians),
        "POST /api/v1/work-orders/{id}/finish": .inUnit(WorkOrderRules.technicians),
        "POST /api/v1/work-orders/{id}/signature": .inUnit(WorkOrderRules.technicians),
        "POST /api/v1/work-orders/{id}/complete": .inUnit(WorkOrderRules.technicians),
        "POST /api/v1/work-orders/{id}/return-visit": .inUnit(WorkOrderRules.issuers),
        "GET /api/v1/work-orders/follow-up": .roles(WorkOrderRules.viewers), // #14 WO-10
        // #15.1, #15.3 (SHF-01, SHF-05..10, 4.9): shifts and rosters planned by the unit's supervisors and managers, read by its
        // staff; swaps and leave asked by any staff member for its own shifts (another's shift is a 422 of the rule), consented
        // by the colleague asked (no role: the record's own person), decided by the manager (swaps) or superior (leave) in scope.
        "GET /api/v1/shifts": .staff,
        "POST /api/v1/shifts": .inUnit(RosterRoles.planners),
        "GET /api/v1/rosters/{orgUnitId}/{month}": .inUnit(RosterRoles.staffRoles),
        "PUT /api/v1/rosters/{orgUnitId}/{month}": .inUnit(RosterRoles.planners),
        "GET /api/v1/shift-swaps": .staff,
        "POST /api/v1/shift-swaps": .staff,
        "POST /api/v1/shift-swaps/{id}/consent": .inUnitOrOwner([]),
        "POST /api/v1/shift-swaps/{id}/approve": .inUnit(RosterRoles.swapApprovers),
        "POST /api/v1/shift-swaps/{id}/reject": .inUnit(RosterRoles.swapApprovers),
        "GET /api/v1/leave-requests": .staff,
        "POST /api/v1/leave-requests": .staff,
        "POST /api/v1/leave-requests/{id}/approve": .inUnit(RosterRoles.leaveApprovers),
        "POST /api/v1/leave-requests/{id}/reject": .inUnit(RosterRoles.leaveApprovers), // #15 leftovers
        // #15.2 (SHF-02..04): a handover is written and signed by its outgoing person and taken over by the incoming one (the
        // record's own people, decided by the rule: no role reaches another's), read by the staff of its unit and below;
        // announcements are published by supervisors and managers to their units and read by everyone addressed.
        "GET /api/v1/handovers": .staff,
        "POST /api/v1/handovers": .staff,
        "GET /api/v1/handovers/{id}": .inUnitOrOwner(RosterRoles.staffRoles),
        "PUT /api/v1/handovers/{id}": .inUnitOrOwner([]),
        "POST /api/v1/handovers/{id}/submit": .inUnitOrOwner([]),
        "POST /api/v1/handovers/{id}/accept": .inUnitOrOwner([]),
        "POST /api/v1/handovers/{id}/return": .inUnitOrOwner([]),
        "GET /api/v1/announcements": .staff,
        "POST /api/v1/announcements": .inUnit(AnnouncementRules.publishers),
        // An announcement is read by the staff of its unit and above, and (the record's "own" people) of the units below.
        "GET /api/v1/announcements/{id}": .inUnitOrOwner(RosterRoles.staffRoles),
        "POST /api/v1/announcements/{id}/read": .inUnitOrOwner(RosterRoles.staffRoles),
        "GET /api/v1/announcements/{id}/receipts": .inUnit(AnnouncementRules.publishers),
        // #15.4 (TRN-01..03): sessions, attendance and qualifications kept by the unit's supervisors and managers, read by its
        // staff (a person also reads its own qualifications); the plan written by the CS supervisor, decided by the manager.
        "GET /api/v1/trainings": .staff,
        "POST /api/v1/trainings": .inUnit(TrainingRules.organisers),
        "GET /api/v1/trainings/{id}": .inUnit(RosterRoles.staffRoles),
        "PUT /api/v1/trainings/{id}/attendance": .inUnit(TrainingRules.organisers),
        "GET /api/v1/training/gaps": .roles(TrainingRules.organisers),
        "GET /api/v1/training-plans": .roles(TrainingRules.planReaders),
        "POST /api/v1/training-plans": .inUnit(TrainingRules.planAuthors),
        "GET /api/v1/training-plans/{id}": .inUnit(TrainingRules.planReaders),
        "PUT /api/v1/training-plans/{id}": .inUnit(TrainingRules.planAuthors),
        "POST /api/v1/training-plans/{id}/submit": .inUnit(TrainingRules.planAuthors),
        "POST /api/v1/training-plans/{id}/approve": .inUnit(TrainingRules.planApprovers),
        "POST /api/v1/training-plans/{id}/return": .inUnit(TrainingRules.planApprovers),
        "GET /api/v1/staff-qualifications": .roles(TrainingRules.organisers),
        "GET /api/v1/staff/{id}/qualifications": .inUnitOrOwner(TrainingRules.organisers),
        "PUT /api/v1/staff/{id}/qualifications": .inUnit(TrainingRules.organisers),
        // #15.5 (KPI-02, KPI-03, CMP-17): standards kept by QA and the CS manager; calls entered and scored by the inspectors;
        // the department supervisor decides each proposed penalty; an agent reads its own inspections, calls and penalties.
        "GET /api/v1/inspection-standards": .staff,
        "POST /api/v1/inspection-standards": .inUnit(InspectionScoring.standardKeepers),
        "GET /api/v1/inspection-standards/{id}": .inUnit(RosterRoles.staffRoles),
        "PUT /api/v1/inspection-standards/{id}": .inUnit(InspectionScoring.standardKeepers),
        "GET /api/v1/calls": .staff,
        "POST /api/v1/calls": .inUnit(InspectionScoring.inspectors),
        "GET /api/v1/calls/{id}": .inUnitOrOwner(QualityPenaltyRules.registerReaders),
        "GET /api/v1/inspections": .staff,
        "POST /api/v1/inspections": .inUnit(InspectionScoring.inspectors),
        "GET /api/v1/inspections/{id}": .inUnitOrOwner(QualityPenaltyRules.registerReaders),
        "GET /api/v1/quality-penalties": .staff,
        "POST /api/v1/quality-penalties/scan": .roles(QualityPenaltyRules.deciders),
        "GET /api/v1/quality-penalties/{id}": .inUnitOrOwner(QualityPenaltyRules.registerReaders),
        "POST /api/v1/quality-penalties/{id}/confirm": .inUnit(QualityPenaltyRules.deciders),
        "POST /api/v1/quality-penalties/{id}/waive": .inUnit(QualityPenaltyRules.deciders),
        // #15.5 KPI-04: a unit's appraisal plans are written and submitted by its heads, decided by the general manager of
        // the unit or above (never their author), read by both and administrators; everyone reads the effective lines about itself.
        "GET /api/v1/appraisal-plans": .roles(AppraisalRules.readers),
        "POST /api/v1/appraisal-plans": .inUnit(AppraisalRules.authors),
        "GET /api/v1/appraisal-plans/my-lines": .staff,
        "GET /api/v1/appraisal-plans/{id}": .inUnit(AppraisalRules.readers),
        "PUT /api/v1/appraisal-plans/{id}": .inUnit(AppraisalRules.authors),
        "POST /api/v1/appraisal-plans/{id}/submit": .inUnit(AppraisalRules.authors),
        "POST /api/v1/appraisal-plans/{id}/approve": .inUnit(AppraisalRules.approvers),
        "POST /api/v1/appraisal-plans/{id}/return": .inUnit(AppraisalRules.approvers),
        // #15 KPI-07: a unit's quality analyses are written and submitted by its CS supervisor (or a CS manager / administrator over
        // it), approved or returned by the office director (the CS manager, TRN-02's decision), read by both and QA; a plan line is
        // marked done by an author over the unit (its responsible person too, whom the matrix's draft names nowhere).
        "GET /api/v1/quality-analyses": .roles(QualityAnalysisRules.readers),
        "POST /api/v1/quality-analyses": .inUnit(QualityAnalysisRules.authors),
        "GET /api/v1/quality-analyses/{id}": .inUnit(QualityAnalysisRules.readers),
        "PUT /api/v1/quality-analyses/{id}": .inUnit(QualityAnalysisRules.authors),
        "POST /api/v1/quality-analyses/{id}/submit": .inUnit(QualityAnalysisRules.authors),
        "POST /api/v1/quality-analyses/{id}/approve": .inUnit(QualityAnalysisRules.approvers),
        "POST /api/v1/quality-analyses/{id}/return": .inUnit(QualityAnalysisRules.approvers),
        "POST /api/v1/quality-analyses/{id}/lines/{lineId}/done": .inUnit(QualityAnalysisRules.authors),
        // #15.5 KPI-01: the agent scorecard, read by CS supervisors, managers, QA and administrators for their unit and below
        // (another unit's `orgUnitId` is refused); an agent reads only their own row.
        "GET /api/v1/reports/agent-scorecards": .roles(ScorecardRules.readers),
        "GET /api/v1/reports/agent-scorecards/me": .roles(ScorecardRules.agentRoles),
        // #14.4 front desk registers (FRD-02..07): the desk's staff, supervisors and managers, in their unit and below.
        "GET /api/v1/front-desk/records": .roles(FrontDeskRules.workers),
        "POST /api/v1/front-desk/records": .inUnit(FrontDeskRules.workers),
        "GET /api/v1/front-desk/records/{id}": .inUnit(FrontDeskRules.workers),
        "POST /api/v1/front-desk/records/{id}/claim": .inUnit(FrontDeskRules.workers),
        "POST /api/v1/front-desk/records/{id}/hand-over": .inUnit(FrontDeskRules.workers),
        "POST /api/v1/front-desk/records/{id}/retrieve": .inUnit(FrontDeskRules.workers),
        "POST /api/v1/front-desk/records/{id}/issue-card": .inUnit(FrontDeskRules.workers),
        "GET /api/v1/front-desk/gift-stock": .roles(FrontDeskRules.workers),
        "GET /api/v1/front-desk/gift-ledger": .roles(FrontDeskRules.workers), // #14.4 FRD-04
        "POST /api/v1/front-desk/gift-receipts": .inUnit(FrontDeskRules.workers),
        // #15.3 absenteeism (SHF-05, SHF-11): recorded by the superiors who approve leave, in their unit and below (a shift outside
        // it is refused by the service); read by every staff member, who sees the records it has a share of.
        "GET /api/v1/absences": .staff,
        "POST /api/v1/absences": .roles(AbsenceRules.recorders),
        // #15.3 leaving the work area (SHF-12): asked by any staff member for itself, decided by the duty manager (CS supervisor or
        // manager) in scope, the return logged by the person away (the record's own person); the unit's allowed time set by its planners.
        "GET /api/v1/work-area-leaves": .staff,
        "POST /api/v1/work-area-leaves": .staff,
        "POST /api/v1/work-area-leaves/{id}/approve": .inUnit(WorkAreaLeaveRules.dutyManagers),
        "POST /api/v1/work-area-leaves/{id}/reject": .inUnit(WorkAreaLeaveRules.dutyManagers),
        "POST /api/v1/work-area-leaves/{id}/return": .inUnitOrOwner([]),
        "GET /api/v1/org-units/{id}/work-area-limit": .inUnit(RosterRoles.staffRoles),
        "PUT /api/v1/org-units/{id}/work-area-limit": .inUnit(RosterRoles.planners),
        // #15.5 SAT-09: the head office assesses; after-sales staff read in their scope; the department's heads answer its notice.
        "POST /api/v1/satisfaction/assessments": .headOffice(AftersalesPermission.holders(.setQualityTarget)),
        "GET /api/v1/satisfaction/assessments": afterSalesStaff,
        "GET /api/v1/satisfaction/assessments/{id}": step(.view),
        "POST /api/v1/satisfaction/assessments/{id}/acknowledge": .allOf([step(.view), .inUnit(SatisfactionAssessmentRules.departmentHeads.union([.admin]))]),
        "POST /api/v1/satisfaction/assessments/{id}/close": .allOf([step(.view), .inUnit(SatisfactionAssessmentRules.departmentHeads.union([.admin]))]),
        // #15.5 KPI-06 material-loss responsibility: recorded and proposed by the site's 业务部 (in scope) or HQ's materials office,
        // decided by 业务管理部; read by HQ, in scope, and by the person responsible (the list is scoped for every staff member).
        "GET /api/v1/materials/loss-responsibilities": .staff,
        "POST /api/v1/materials/loss-responsibilities": .anyOf([.roles(LossResponsibilityRules.approvers), .inUnit(LossResponsibilityRules.proposers)]),
        "GET /api/v1/materials/loss-responsibilities/{id}": .anyOf([.roles(LossResponsibilityRules.headquarters), .inUnit(LossResponsibilityRules.unitReaders)]),
        "POST /api/v1/materials/loss-responsibilities/{id}/propose": .anyOf([.roles(LossResponsibilityRules.approvers), .inUnit(LossResponsibilityRules.proposers)]),
        "POST /api/v1/materials/loss-responsibilities/{id}/approve": .roles(LossResponsibilityRules.approvers),
        "POST /api/v1/materials/loss-responsibilities/{id}/reject": .roles(LossResponsibilityRules.approvers),
        "GET /api/v1/retention": .headOffice([.admin]), // #14.5 RET-01..04: the retention report, head-office administrators
        // #17.6 RET-01..04: the periods configured upward and the legal holds, for the report's audience.
        "GET /api/v1/retention/periods": .headOffice([.admin]),
        "PUT /api/v1/retention/periods/{kind}": .headOffice([.admin]),
        "GET /api/v1/retention/holds": .headOffice([.admin]),
        "POST /api/v1/retention/holds": .headOffice([.admin]),
        "POST /api/v1/retention/holds/{id}/release": .headOffice([.admin]),
        "GET /api/v1/work-order-areas": .roles(WorkOrderRules.viewers.union(WorkOrderAssignment.registerKeepers)), // WO-05: the area register, in scope
        "PUT /api/v1/work-order-areas": .inUnit(WorkOrderAssignment.registerKeepers), // WO-05
        // #14 item 2 property fees (PRP-01..03, PRP-06): the property CS admin works its estates; supervisors and managers read them.
        "GET /api/v1/property/estates": .roles(PropertyRules.readers),
        "POST /api/v1/property/estates": .inUnit(PropertyRules.workers),
        "GET /api/v1/property/estates/{id}": .inUnit(PropertyRules.readers),
        "GET /api/v1/property/estates/{id}/units": .inUnit(PropertyRules.readers),
        "POST /api/v1/property/estates/{id}/units": .inUnit(PropertyRules.workers),
        "POST /api/v1/property/estates/{id}/fee-rates": .inUnit(PropertyRules.workers),
        "POST /api/v1/property/estates/{id}/notices": .inUnit(PropertyRules.workers),
        "GET /api/v1/property/estates/{id}/collection-rate": .inUnit(PropertyRules.readers),
        "GET /api/v1/property/notices": .roles(PropertyRules.readers),
        "GET /api/v1/property/notices/{id}": .inUnit(PropertyRules.readers),
        "POST /api/v1/property/notices/{id}/payments": .inUnit(PropertyRules.workers),
        "POST /api/v1/property/notices/{id}/chases": .inUnit(PropertyRules.workers),
        // #14 PRP-07 patrols and vacant-unit checks (the property CS admin records, readers of the estates read).
        "GET /api/v1/property/patrols": .roles(PropertyRules.readers), // #14 PRP-07
        "POST /api/v1/property/estates/{id}/patrols": .inUnit(PropertyOperationsRules.recorders), // #14 PRP-07
        "GET /api/v1/property/patrols/{id}": .inUnit(PropertyRules.readers), // #14 PRP-07
        "GET /api/v1/property/vacant-checks": .roles(PropertyRules.readers), // #14 PRP-07
        "GET /api/v1/property/estates/{id}/vacant-units": .inUnit(PropertyRules.readers), // #14 PRP-07
        "POST /api/v1/property/estates/{id}/vacant-checks": .inUnit(PropertyOperationsRules.recorders), // #14 PRP-07
        // #14 PRP-04 the supervisor's daily review: a unit (default the caller's) and below.
        "GET /api/v1/property/daily-review": .roles(PropertyOperationsRules.reviewers), // #14 PRP-04
        "POST /api/v1/property/daily-reviews": .inUnit(PropertyOperationsRules.reviewers), // #14 PRP-04
        "GET /api/v1/property/daily-reviews/pending": .roles(PropertyOperationsRules.reviewers), // #14 PRP-04
        // #14 PRP-10 owner proposals: taken by the estate's readers, submitted by the supervisor, answered by the CS manager.
        "GET /api/v1/property/proposals": .roles(PropertyRules.readers), // #14 PRP-10
        "POST /api/v1/property/estates/{id}/proposals": .inUnit(PropertyOperationsRules.proposalTakers), // #14 PRP-10
        "GET /api/v1/property/proposals/{id}": .inUnit(PropertyRules.readers), // #14 PRP-10
        "POST /api/v1/property/proposals/{id}/answer": .inUnit(PropertyOperationsRules.answerers), // #14 PRP-10
        "GET /api/v1/property/proposal-batches": .roles(PropertyRules.readers), // #14 PRP-10
        "POST /api/v1/property/proposal-batches": .inUnit(PropertyOperationsRules.reviewers), // #14 PRP-10
        "GET /api/v1/property/proposal-batches/{id}": .inUnit(PropertyRules.readers), // #14 PRP-10
        "GET /api/v1/property/work-plans": .roles(PropertyRules.readers), // #14 PRP-08
        "POST /api/v1/property/work-plans": .inUnit(PropertyRules.workers), // #14 PRP-08
        "GET /api/v1/property/work-plan-standing": .roles(PropertyRules.readers), // #14 PRP-08
        "GET /api/v1/property/work-plans/{id}": .inUnit(PropertyRules.readers), // #14 PRP-08
        "PUT /api/v1/property/work-plans/{id}": .inUnit(PropertyRules.workers), // #14 PRP-08
        "POST /api/v1/property/work-plans/{id}/submit": .inUnit(PropertyRules.workers), // #14 PRP-08
        "POST /api/v1/property/work-plans/{id}/approve": .inUnit(WorkPlanFlow.approvers), // #14 PRP-08
        "POST /api/v1/property/work-plans/{id}/return": .inUnit(WorkPlanFlow.approvers), // #14 PRP-08
        "GET /api/v1/property/estates/{id}/contractors": .inUnit(PropertyRules.readers), // #14 PRP-05
        "POST /api/v1/property/estates/{id}/contractors": .inUnit(PropertyRules.workers), // #14 PRP-05
        "GET /api/v1/property/contractors/{id}": .inUnit(PropertyRules.readers), // #14 PRP-05
        "POST /api/v1/property/contractors/{id}/plans": .inUnit(PropertyRules.workers), // #14 PRP-05
        "POST /api/v1/property/contractors/{id}/evaluations": .inUnit(PropertyRules.workers), // #14 PRP-05
        "POST /api/v1/property/contractor-plans/{id}/approve": .inUnit(ContractorEvaluationRules.planReviewers), // #14 PRP-05
        "POST /api/v1/property/contractor-plans/{id}/return": .inUnit(ContractorEvaluationRules.planReviewers), // #14 PRP-05
        "GET /api/v1/property/admin-items": .roles(PropertyRules.readers), // #14 PRP-11
        "POST /api/v1/property/admin-items": .inUnit(PropertyRules.workers), // #14 PRP-11
        "GET /api/v1/property/admin-items/{id}": .inUnit(PropertyRules.readers), // #14 PRP-11
        "POST /api/v1/property/admin-items/{id}/moves": .inUnit(PropertyRules.workers), // #14 PRP-11
        "GET /api/v1/property/admin-logs": .roles(PropertyRules.readers), // #14 PRP-11
        "POST /api/v1/property/admin-logs": .inUnit(PropertyRules.workers), // #14 PRP-11
        "GET /api/v1/property/estates/{id}/service-report": .inUnit(PropertyRules.readers), // #14 PRP-09
        "GET /api/v1/property/events": .roles(PropertyRules.readers), // #14 ESC-03
        "POST /api/v1/property/estates/{id}/events": .inUnit(PropertyEventRules.recorders), // #14 ESC-03
        "GET /api/v1/property/events/{id}": .inUnit(PropertyRules.readers), // #14 ESC-03
        "POST /api/v1/property/events/{id}/follow-ups": .inUnit(PropertyEventRules.handlers), // #14 ESC-03
        "POST /api/v1/property/events/{id}/close": .inUnit(PropertyEventRules.handlers), // #14 ESC-03
        "GET /api/v1/property/opinion-rounds": .roles(PropertyRules.readers), // #14 SAT-10
        "POST /api/v1/property/estates/{id}/opinion-rounds": .inUnit(PropertyOpinionRules.starters), // #14 SAT-10
        "GET /api/v1/property/opinion-rounds/{id}": .inUnit(PropertyRules.readers), // #14 SAT-10
        "POST /api/v1/property/opinion-rounds/{id}/answers": .inUnit(PropertyOpinionRules.answerTakers), // #14 SAT-10
        "GET /api/v1/property/visits": .roles(PropertyRules.readers), // #14 SAT-10 visits
        "POST /api/v1/property/estates/{id}/visits": .inUnit(PropertyVisitRules.visitors), // #14 SAT-10 visits
        "GET /api/v1/property/estates/{id}/visits-due": .inUnit(PropertyRules.readers), // #14 SAT-10 visits
        "GET /api/v1/property/visits/{id}": .inUnit(PropertyRules.readers), // #14 SAT-10 visits
        "POST /api/v1/property/visits/{id}/close-follow-up": .inUnit(PropertyVisitRules.followUpClosers), // #14 SAT-10 visits
        "GET /api/v1/property/forums": .roles(PropertyRules.readers), // #14 SAT-10 owner forums
        "POST /api/v1/property/estates/{id}/forums": .inUnit(PropertyForumRules.hosts), // #14 SAT-10 owner forums
        "GET /api/v1/property/forums/{id}": .inUnit(PropertyRules.readers), // #14 SAT-10 owner forums
        "POST /api/v1/property/forums/{id}/hold": .inUnit(PropertyForumRules.hosts), // #14 SAT-10 owner forums
        "POST /api/v1/property/forums/{id}/resolutions": .inUnit(PropertyForumRules.hosts), // #14 SAT-10 owner forums
        "POST /api/v1/property/forums/{id}/resolutions/close": .inUnit(PropertyForumRules.resolutionClosers), // #14 SAT-10 owner forums
        "POST /api/v1/property/forums/{id}/close": .inUnit(PropertyForumRules.hosts), // #14 SAT-10 owner forums
        "POST /api/v1/property/forums/{id}/cancel": .inUnit(PropertyForumRules.hosts), // #14 SAT-10 owner forums
        "GET /api/v1/property/units/{id}/owner-file": .inUnit(PropertyRules.readers), // #14 PRP-06 owner files
        "POST /api/v1/property/units/{id}/move-in": .inUnit(OwnerFileRules.recorders), // #14 PRP-06 owner files
        "POST /api/v1/property/units/{id}/move-out": .inUnit(OwnerFileRules.recorders), // #14 PRP-06 owner files
        "POST /api/v1/property/units/{id}/file-entries": .inUnit(OwnerFileRules.recorders), // #14 PRP-06 owner files
        "GET /api/v1/property/file-entries/{id}": .inUnit(PropertyRules.readers), // #14 PRP-06 owner files
        "GET /api/v1/property/renovations": .roles(PropertyRules.readers), // #14 PRP-06 across the estates, scoped by the query
        "POST /api/v1/property/file-entries/{id}/approve": .inUnit(OwnerFileRules.approvers), // #14 PRP-06 owner files
        "POST /api/v1/property/file-entries/{id}/reject": .inUnit(OwnerFileRules.approvers), // #14 PRP-06 owner files
        "POST /api/v1/property/file-entries/{id}/supervise": .inUnit(OwnerFileRules.recorders), // #14 PRP-06 owner files
        "POST /api/v1/property/file-entries/{id}/accept": .inUnit(OwnerFileRules.approvers), // #14 PRP-06 owner files
        // #14.3 scenic visitor services (VIS-03..05, LND-03/04): the area's visitor-service staff, in their unit and below.
        "GET /api/v1/scenic/free-entries": .roles(ScenicRules.workers),
        "POST /api/v1/scenic/free-entries": .inUnit(ScenicRules.workers),
        "GET /api/v1/scenic/lost-cases": .roles(ScenicRules.workers),
        "POST /api/v1/scenic/lost-cases": .inUnit(ScenicRules.workers),
        "GET /api/v1/scenic/lost-cases/{id}": .inUnit(ScenicRules.workers),
        "POST /api/v1/scenic/lost-cases/{id}/broadcasts": .inUnit(ScenicRules.workers),
        "POST /api/v1/scenic/lost-cases/{id}/close": .inUnit(ScenicRules.workers),
        "GET /api/v1/scenic/items": .roles(ScenicRules.workers),
        "POST /api/v1/scenic/items": .inUnit(ScenicRules.workers),
        "POST /api/v1/scenic/items/{id}/lend": .inUnit(ScenicRules.workers),
        "POST /api/v1/scenic/items/{id}/repaired": .inUnit(ScenicRules.workers),
        "GET /api/v1/scenic/loans": .roles(ScenicRules.workers),
        "GET /api/v1/scenic/loans/{id}": .inUnit(ScenicRules.workers),
        "POST /api/v1/scenic/loans/{id}/return": .inUnit(ScenicRules.workers),
        "GET /api/v1/scenic/reception-plans": .roles(ScenicRules.workers),
        "POST /api/v1/scenic/reception-plans": .inUnit(ScenicRules.workers),
        "GET /api/v1/scenic/reception-plans/{id}": .inUnit(ScenicRules.workers),
        "POST /api/v1/scenic/reception-plans/{id}/confirm": .inUnit(ScenicRules.workers),
        // #14 VIS-01/02 mailing and ticket delivery: the area's visitor-service staff, in their unit and below.
        "GET /api/v1/scenic/mailings": .roles(ScenicRules.workers),
        "POST /api/v1/scenic/mailings": .inUnit(ScenicRules.workers),
        "GET /api/v1/scenic/mailings/{id}": .inUnit(ScenicRules.workers),
        "POST /api/v1/scenic/mailings/{id}/send": .inUnit(ScenicRules.workers),
        "POST /api/v1/scenic/mailings/{id}/deliver": .inUnit(ScenicRules.workers),
        "GET /api/v1/scenic/ticket-deliveries": .roles(ScenicRules.workers),
        "POST /api/v1/scenic/ticket-deliveries": .inUnit(ScenicRules.workers),
        "GET /api/v1/scenic/ticket-deliveries/{id}": .inUnit(ScenicRules.workers),
        "POST /api/v1/scenic/ticket-deliveries/{id}/deliver": .inUnit(ScenicRules.workers),
    ]
}
