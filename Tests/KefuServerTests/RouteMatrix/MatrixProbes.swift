import Foundation
import KefuDomain

/// How the matrix calls each route: the record its path parameter names, the body of a write (valid, so that a
/// permitted caller passes validation and only state can refuse it: 2xx/400/409/422), the query of a read.
enum MatrixProbes {
    /// Path prefix before the parameter → the record it names. A route with a parameter not covered here cannot be
    /// probed and fails the matrix.
    static let parameterKinds: [(prefix: String, kind: MatrixRecordKind)] = [
        ("/api/v1/mail-quarantine/", .mailQuarantine), // #16.1
        ("/api/v1/retention/periods/", .retentionKind), ("/api/v1/retention/holds/", .retentionHold), // #17.6
        ("/api/v1/mail-outbox/", .mailOutbox), // #16 item 2
        ("/api/v1/telephony/extensions/", .telephonyExtension), ("/api/v1/telephony/calls/", .telephonyCall), // #16.3
        ("/api/v1/chat/sessions/", .chatSession), // #16.4
        ("/api/v1/auth/tokens/", .token), ("/api/v1/users/", .user), ("/api/v1/tickets/", .ticket), ("/api/v1/customers/", .customer),
        ("/api/v1/sla-policies/", .slaPolicy), ("/api/v1/calendar/years/", .year), ("/api/v1/notifications/", .notification),
        ("/api/v1/complaints/", .complaint), ("/api/v1/repair-orders/", .repairOrder), ("/api/v1/returns/", .returnOrder),
        ("/api/v1/public/surveys/", .surveyToken), ("/api/v1/items/", .item), ("/api/v1/suppliers/", .supplier),
        ("/api/v1/warehouses/", .warehouse), ("/api/v1/stock-documents/", .stockDocument), ("/api/v1/transfers/", .transfer),
        ("/api/v1/org-units/", .unit), ("/api/v1/site-ledgers/", .siteLedger), ("/api/v1/attachments/", .attachment),
        ("/api/v1/org-units/", .unit), ("/api/v1/stocktakes/", .stocktake),
        ("/api/v1/item-requests/", .itemRequest),
        ("/api/v1/arrivals/", .arrival),
        ("/api/v1/material-requests/", .materialRequest),
        ("/api/v1/demand-plans/", .demandPlan),
        ("/api/v1/stocktake-approvers/", .unit),
        ("/api/v1/freight/", .freight),
        ("/api/v1/tool-loans/", .toolLoan),
        ("/api/v1/work-orders/", .workOrder),
        ("/api/v1/damaged-parts/", .damagedPart), ("/api/v1/damaged-returns/", .damagedReturn),
        ("/api/v1/commercial-repairs/", .commercialRepair),
        ("/api/v1/front-desk/records/", .lostProperty), // #14.4
        ("/api/v1/rosters/", .unit), ("/api/v1/shift-swaps/", .shiftSwap), ("/api/v1/leave-requests/", .leaveRequest),
        ("/api/v1/handovers/", .handover), ("/api/v1/announcements/", .announcement),
        ("/api/v1/trainings/", .trainingSession), ("/api/v1/training-plans/", .trainingPlan), ("/api/v1/staff/", .user),
        ("/api/v1/escalation-paths/", .unit), // #15.6
        ("/api/v1/reply-templates/", .replyTemplate), // #16 item 5
        ("/api/v1/inspection-standards/", .inspectionStandard), ("/api/v1/calls/", .qualityCall), ("/api/v1/inspections/", .inspection),
        ("/api/v1/quality-penalties/", .qualityPenalty), // #15.5
        ("/api/v1/appraisal-plans/", .appraisalPlan), // #15.5
        ("/api/v1/work-area-leaves/", .workAreaLeave), // #15.3 SHF-12
        ("/api/v1/satisfaction/assessments/", .satisfactionNotice), // #15.5 SAT-09
        ("/api/v1/materials/loss-responsibilities/", .lossResponsibility), // #15.5 KPI-06
        ("/api/v1/property/estates/", .propertyEstate), ("/api/v1/property/notices/", .propertyNotice), // #14 item 2
        ("/api/v1/scenic/lost-cases/", .scenicLostCase), ("/api/v1/scenic/items/", .scenicItem), // #14.3
        ("/api/v1/scenic/loans/", .scenicLoan), ("/api/v1/scenic/reception-plans/", .receptionPlan), // #14.3
        ("/api/v1/quality-analyses/", .qualityAnalysis), // #15 KPI-07
        ("/api/v1/property/patrols/", .propertyPatrol), ("/api/v1/property/proposals/", .propertyProposal), // #14 PRP-07 PRP-10
        ("/api/v1/property/proposal-batches/", .proposalBatch), // #14 PRP-10
        ("/api/v1/property/work-plans/", .propertyWorkPlan), ("/api/v1/property/contractors/", .propertyContractor), // #14 PRP-08 PRP-05
        ("/api/v1/property/contractor-plans/", .submittedContractorPlan), ("/api/v1/property/admin-items/", .propertyAdminItem), // #14 PRP-05 PRP-11
        ("/api/v1/scenic/mailings/", .scenicMailing), ("/api/v1/scenic/ticket-deliveries/", .scenicTicketDelivery), // #14 VIS-01/02
        ("/api/v1/property/events/", .propertyEvent), // #14 ESC-03
        ("/api/v1/property/opinion-rounds/", .opinionRound), // #14 SAT-10
        ("/api/v1/property/visits/", .propertyVisit), ("/api/v1/property/forums/", .propertyForum), // #14 SAT-10 visits and owner forums
        ("/api/v1/property/units/", .propertyUnit), ("/api/v1/property/file-entries/", .propertyRenovation), // #14 PRP-06 owner files
    ]

    /// Routes whose record must be in a later state than a fresh one.
    static let kindOverrides: [String: MatrixRecordKind] = [
        "POST /api/v1/complaints/{id}/actions": .plannedComplaint,
        "DELETE /api/v1/telephony/extensions/{extension}": .spareTelephonyExtension, // #16.3
        "GET /api/v1/org-units/{id}/webhook": .webhookUnit,
        "DELETE /api/v1/org-units/{id}/webhook": .webhookUnit,
        "POST /api/v1/site-ledgers/{id}/return": .submittedSiteLedger,
        "POST /api/v1/site-ledgers/{id}/post": .submittedSiteLedger,
        "POST /api/v1/damaged-returns/{id}/ship": .checkedDamagedReturn,
        "POST /api/v1/damaged-returns/{id}/receive": .shippedDamagedReturn,
        "POST /api/v1/training-plans/{id}/approve": .submittedTrainingPlan,
        "POST /api/v1/training-plans/{id}/return": .submittedTrainingPlan,
        "POST /api/v1/front-desk/records/{id}/retrieve": .storedBag, // #14.4
        "POST /api/v1/front-desk/records/{id}/issue-card": .cardApplication,
        "POST /api/v1/appraisal-plans/{id}/approve": .submittedAppraisalPlan, // #15.5
        "POST /api/v1/appraisal-plans/{id}/return": .submittedAppraisalPlan,
        "POST /api/v1/quality-analyses/{id}/approve": .submittedQualityAnalysis, // #15 KPI-07
        "POST /api/v1/quality-analyses/{id}/return": .submittedQualityAnalysis, // #15 KPI-07
        "POST /api/v1/property/proposals/{id}/answer": .submittedProposal, // #14 PRP-10
        "POST /api/v1/property/work-plans/{id}/approve": .submittedWorkPlan, // #14 PRP-08
        "POST /api/v1/property/work-plans/{id}/return": .submittedWorkPlan, // #14 PRP-08
        "POST /api/v1/property/file-entries/{id}/supervise": .approvedRenovation, // #14 PRP-06 owner files
        "POST /api/v1/property/file-entries/{id}/accept": .approvedRenovation, // #14 PRP-06 owner files
    ]

    /// Records the matrix's customer caller owns (`RouteAudience.inUnitOrOwner`): its tickets and its own record.
    static let customerOwnedPrefixes = ["/api/v1/tickets", "/api/v1/customers/"]

    /// The record kind of a route, nil when it has no parameter; throws a message saying what to add when unknown.
    static func kind(of route: String) throws -> MatrixRecordKind? {
        if let k = kindOverrides[route] { return k }
        let path = String(route.split(separator: " ", maxSplits: 1)[1])
        guard let brace = path.firstIndex(of: "{") else { return nil }
        let prefix = String(path[..<brace])
        guard let k = parameterKinds.first(where: { $0.prefix == prefix })?.kind else {
            throw ProbeError.missing("\(route): no matrix record for the parameter after \(prefix) — add its kind to MatrixProbes.parameterKinds and a record to MatrixRecords.id")
        }
        return k
    }

    /// "Not yours" is answered 404 where the code hides a record's existence outside the caller's scope (#10.2,
    /// #10.6: after-sales records, customers, someone else's notification, a warehouse's history) and for writes
    /// that name such a record (a ticket's customer, the ticket a complaint or survey starts from, a campaign's
    /// customers); elsewhere a record outside the scope is refused with 403. A caller who lacks the role altogether
    /// is refused with 403 everywhere.
    static let hidingKinds: Set<MatrixRecordKind> = [.complaint, .plannedComplaint, .repairOrder, .returnOrder, .customer, .notification, .warehouse,
                                                     .satisfactionNotice, // #15.5 SAT-09
                                                     .lossResponsibility] // #15.5 KPI-06
    static let hidingRoutes: Set<String> = ["POST /api/v1/tickets", "POST /api/v1/complaints", "POST /api/v1/survey-invitations", "POST /api/v1/survey-campaigns"]

    /// The status a refused caller gets: 401 without sign-in; 404 when the caller would be allowed on a record of its
    /// own unit (so only the scope refuses it) and the route hides existence, or when the record is someone else's
    /// own; else 403.
    static func refusal(_ route: String, _ kind: MatrixRecordKind?, _ audience: RouteAudience, _ caller: MatrixCaller, recordPath: String) -> Int {
        if caller.token == nil { return 401 }
        // #16.3: the PBX's events are reached by signature only: an unsigned request is 401 whoever sends it.
        if route == "POST /api/v1/telephony/events" { return 401 }
        guard hidingRoutes.contains(route) || kind.map(hidingKinds.contains) == true else { return 403 }
        switch audience {
        case .inUnitOrOwner(let roles) where roles.isEmpty: return 404
        case .aftersales, .responsibleDepartment:
            // A record the caller sees (`AftersalesScope`) is refused for the step: 403.
            if AftersalesScope.covers(roles: caller.roles, userPath: caller.path, recordPath: recordPath) { return 403 }
        default: break
        }
        return audience.allows(caller.roles, userPath: caller.path, recordPath: caller.path) ? 404 : 403
    }

    /// Kinds whose records change with every step: each route gets a record of its own.
    static let perRouteKinds: Set<MatrixRecordKind> = [.ticket, .complaint, .plannedComplaint, .repairOrder, .returnOrder, .stockDocument, .transfer,
                                                  .siteLedger, .submittedSiteLedger, .stocktake, .itemRequest, .freight, .toolLoan,
                                                  .damagedReturn, .checkedDamagedReturn, .shippedDamagedReturn, .arrival, .materialRequest,
                                                  .commercialRepair, .workOrder, .shiftSwap, .leaveRequest,
                                                  .trainingPlan, .submittedTrainingPlan,
                                                  .lostProperty, .storedBag, .cardApplication, // #14.4
                                                  .qualityPenalty, // #15.5
                                                  .appraisalPlan, .submittedAppraisalPlan, // #15.5
                                                  .workAreaLeave, // #15.3
                                                  .lossResponsibility, // #15.5 KPI-06
                                                  .scenicLostCase, .scenicItem, .scenicLoan, .receptionPlan, // #14.3
                                                  .qualityAnalysis, .submittedQualityAnalysis, // #15 KPI-07
                                                  .submittedProposal, // #14 PRP-10
                                                  .propertyWorkPlan, .submittedWorkPlan, .submittedContractorPlan, // #14 PRP-08 PRP-05
                                                  .scenicMailing, .scenicTicketDelivery, // #14 VIS-01/02
                                                  .propertyEvent, // #14 ESC-03
                                                  .opinionRound, // #14 SAT-10
                                                  .propertyVisit, .propertyForum, // #14 SAT-10 visits and owner forums
                                                  .propertyUnit, .propertyRenovation, .approvedRenovation, // #14 PRP-06 owner files
                                                  .chatSession] // #16.4: taking a chat changes it

    /// Deletions: a fresh record for each permitted caller (and one for all the refusals).
    static func freshPerCaller(_ route: String) -> Bool { route.hasPrefix("DELETE ") && route != "DELETE /api/v1/auth/token" }

    /// Queries that make a permitted read answer 200 rather than 422.
    static func query(_ path: String, _ r: MatrixRecords) -> String {
        let month = "from=2026-11-01&to=2026-11-30"
        return [
            "/api/v1/audit-log": "?entity=ticket&entityId=\(r.ticketId)",
            "/api/v1/calendar/days": "?" + month,
            "/api/v1/reports/service-kpis": "?" + month,
            "/api/v1/customers/lookup": "?phone=13911112222",
            "/api/v1/stock/ledger": "?warehouseId=\(r.warehouse)&" + month,
            "/api/v1/stock/on-hand": "?warehouseId=\(r.warehouse)",
            "/api/v1/attachments": "?ownerKind=site_ledger&ownerId=\(r.siteLedger)",
            "/api/v1/reports/site-ledgers": "?date=2026-11-20",
            "/api/v1/reconciliations": "?orgUnitId=\(r.org.cs)&month=2026-11",
        ][path] ?? ""
    }

    static func body(_ route: String, _ org: MatrixOrg, _ r: MatrixRecords) throws -> [String: Any]? {
        if route.hasPrefix("GET ") || route.hasPrefix("DELETE ") { return nil }
        guard let body = bodies(org, r)[route] else {
            throw ProbeError.missing("\(route): no matrix body — add a valid one to MatrixProbes.bodies")
        }
        return body
    }

    static func bodies(_ org: MatrixOrg, _ r: MatrixRecords) -> [String: [String: Any]] {
        let none: [String: Any] = [:]
        let note = ["note": "矩阵"]
        let document: [String: Any] = ["direction": "in", "reason": "purchase", "warehouseId": r.warehouse, "supplierId": r.supplier, "date": "2026-11-20",
                                       "lines": [["itemId": r.item, "quantity": 2]]]
        let transfer: [String: Any] = ["fromWarehouseId": r.warehouse, "toWarehouseId": r.warehouse2, "date": "2026-11-20", "lines": [["itemId": r.item, "quantity": 1]]]
        let policy: [String: Any] = ["name": "矩阵策略", "match": ["channel": "phone", "priority": "high"], "calendar": "24x7",
                                     "firstResponseMinutes": 5, "resolutionMinutes": 120, "escalateAfterMinutes": 30]
        return [
            "POST /api/v1/auth/token": ["username": "fxcolleague", "password": "password-fxcolleague"],
            // #16.1: a JSON object is no mail: an allowed caller's message is quarantined (200), never refused.
            "POST /api/v1/inbound/mail": none,
            "POST /api/v1/mail-quarantine/{id}/reingest": none,
            // #17.6: the work-order period set to its floor (no change to the other probes); a hold on the matrix's ticket; its release.
            "PUT /api/v1/retention/periods/{kind}": ["years": 2],
            "POST /api/v1/retention/holds": ["kind": "ticket", "recordId": r.ticketId, "reason": "矩阵保全"],
            "POST /api/v1/retention/holds/{id}/release": ["reason": "矩阵解除"],
            "POST /api/v1/mail-quarantine/{id}/discard": none,
            "POST /api/v1/mail-outbox/{id}/retry": none, // #16 item 2: the message waits (not failed): 409 for those allowed
            "POST /api/v1/telephony/events": ["callId": "matrix-unsigned", "event": "ringing", "callerNumber": "13911112222", "extension": "8001", "rings": 1], // #16.3
            "PUT /api/v1/telephony/extensions/{extension}": ["agentId": org.agent.id],
            "POST /api/v1/telephony/calls/{id}/ticket": none,
            // #16.4: a visitor's chat in 客服部 (anyone); a fresh chat is waiting: the first allowed caller takes it, the
            // others get 409 chat_taken, and ending a chat nobody took is 409 chat_not_taken.
            "POST /api/v1/chat/sessions": ["orgUnitCode": "CS", "name": "矩阵访客", "contact": "13911112222", "message": "你好"],
            "POST /api/v1/chat/sessions/{id}/take": none,
            "POST /api/v1/chat/sessions/{id}/close": none,
            "POST /api/v1/org-units": ["code": "MXNEW", "name": "矩阵科", "kind": "department", "parentId": org.cs],
            "PATCH /api/v1/org-units/{id}": ["name": "客服部"],
            "POST /api/v1/users": ["username": "mxnewuser", "password": "a long matrix passphrase 2026", "displayName": "新人", "orgUnitId": org.cs, "roles": ["cs_agent"]],
            "PATCH /api/v1/users/{id}": ["locale": "zh-CN"],
            "POST /api/v1/tickets": ["subject": "矩阵新工单", "type": "repair", "channel": "phone", "priority": "normal", "customerId": org.customerId],
            "PATCH /api/v1/tickets/{id}": ["subject": "矩阵工单（改）"],
            "POST /api/v1/tickets/{id}/comments": ["body": "已收到", "visibility": "public"],
            "POST /api/v1/tickets/{id}/status": ["status": "open"],
            "POST /api/v1/tickets/{id}/escalate": ["reason": "超出权限"],
            "POST /api/v1/tickets/{id}/forward": ["toOrgUnitId": org.cs],
            "POST /api/v1/tickets/{id}/take": none,
            "POST /api/v1/tickets/{id}/owner": ["ownerId": org.colleague.id, "reason": "交接"],
            "POST /api/v1/tickets/{id}/handle": ["body": "已处理", "visibility": "internal"],
            "POST /api/v1/customers": ["name": "新客户", "phone": "13900001111"],
            "PATCH /api/v1/customers/{id}": ["name": "陈先生"],
            "POST /api/v1/customers/{id}/flags": ["reason": "多次无理投诉"], // #16 item 6 TKT-05
            "POST /api/v1/customers/{id}/flags/confirm": none,
            "POST /api/v1/customers/{id}/flags/reject": ["note": "证据不足"],
            "POST /api/v1/customers/{id}/flags/clear": ["note": "已改善"],
            "POST /api/v1/sla-policies": policy,
            "PUT /api/v1/sla-policies/{id}": policy,
            "PUT /api/v1/business-hours": ["start": "08:30", "end": "17:30"],
            "PUT /api/v1/calendar/years/{year}": ["holidays": [Any](), "workdays": [Any]()],
            "POST /api/v1/notifications/{id}/read": none,
            "POST /api/v1/notifications/read-all": none,
            "PUT /api/v1/org-units/{id}/webhook": ["url": "https://hooks.example.com/kefu"],
            "PUT /api/v1/org-units/{id}/features": ["enabled": KefuFeature.allCases.map(\.rawValue)], // #14 item 6: all on, so later probes still create
            "PUT /api/v1/escalation-paths/{orgUnitId}": ["levels": [["afterMinutes": 0, "recipients": [["kind": "role", "role": "cs_supervisor"]]]]], // #15.6
            "POST /api/v1/reply-templates": ["orgUnitId": org.cs, "title": "矩阵模板", "body": "您好{客户}"], // #16 item 5
            "PUT /api/v1/reply-templates/{id}": ["title": "矩阵模板", "body": "您好{客户}，工单{工单号}"],
            "POST /api/v1/complaints": ["ticketId": r.ticketId],
            "POST /api/v1/complaints/{id}/classify": ["responsibility": "company", "handling": "quality"],
            "POST /api/v1/complaints/{id}/analysis": ["rootCause": "来料不良", "responsibleOrgUnitId": org.cs],
            "POST /api/v1/complaints/{id}/actions": ["corrective": "退换来料", "preventive": "加严来料检验", "dueDate": "2099-01-01"],
            "POST /api/v1/complaints/{id}/actions/approve": none,
            "POST /api/v1/complaints/{id}/review-meeting": ["minutes": "评审纪要", "participants": ["张三"], "major": false],
            "POST /api/v1/complaints/{id}/customer-confirmation": ["accepted": true, "comment": "满意"],
            "POST /api/v1/complaints/{id}/verification": ["effective": true, "note": "有效"],
            "POST /api/v1/complaints/{id}/close": note,
            "POST /api/v1/complaints/{id}/supervisor-review": note,
            // #16 item 6 (CMP-01, D15): the matrix case came in directly; sales staff's first answer to it is a 409 of its source.
            "POST /api/v1/complaints/from-sales": ["subject": "矩阵投诉", "customer": ["name": "矩阵客户", "phone": "13800000000"]],
            "POST /api/v1/complaints/{id}/source": ["source": "direct"],
            "POST /api/v1/complaints/{id}/first-answer": note,
            "POST /api/v1/complaints/{id}/return-visit": note,
            "POST /api/v1/repair-orders": ["customer": ["name": "陈"], "model": "M1", "defect": "坏"],
            "POST /api/v1/repair-orders/{id}/diagnosis": ["mainComponentDamaged": false, "inWarranty": true],
            "POST /api/v1/repair-orders/{id}/customer-decision": ["approved": true, "signedBy": "陈"],
            "POST /api/v1/repair-orders/{id}/qc": ["passed": true],
            "POST /api/v1/repair-orders/{id}/ship": ["method": "自提"],
            "POST /api/v1/repair-orders/{id}/close": note,
            "POST /api/v1/returns": ["kind": "return", "model": "M2", "shippedAt": "2026-01-01", "reason": "过热", "qualityIssue": true],
            "POST /api/v1/returns/{id}/receive": none,
            "POST /api/v1/returns/{id}/inspection": ["report": "外壳破损", "responsibility": "product"],
            "POST /api/v1/returns/{id}/override": ["reason": "老客户"],
            "POST /api/v1/returns/{id}/slip": none,
            "POST /api/v1/returns/{id}/salesperson-note": ["shipDate": "2026-01-01", "note": "发货"],
            "POST /api/v1/returns/{id}/sign": none,
            "POST /api/v1/returns/{id}/book": none,
            "POST /api/v1/returns/{id}/ship-replacement": none,
            "POST /api/v1/returns/{id}/close": none,
            "POST /api/v1/survey-invitations": ["ticketId": r.ticketId],
            "POST /api/v1/survey-campaigns": ["name": "四季度", "quarter": "2026-Q4", "customerIds": [org.customerId]],
            "POST /api/v1/public/surveys/{token}": ["overall": 4],
            "PUT /api/v1/settings/satisfaction-target": ["percent": "90"],
            "POST /api/v1/items": ["code": "MX-NEW", "name": "垫片", "unit": "个", "category": "consumable", "repairClass": "I"],
            "POST /api/v1/items/import": ["csv": ""],
            "PATCH /api/v1/items/{id}": ["name": "螺栓"],
            "POST /api/v1/suppliers": ["code": "MX-SUP2", "name": "新供应商"],
            "PATCH /api/v1/suppliers/{id}": ["name": "华锐配件厂"],
            "POST /api/v1/warehouses": ["code": "MXW9", "name": "新库", "orgUnitId": org.cs, "condition": "good"],
            "PATCH /api/v1/warehouses/{id}": ["name": "客服一库"],
            "POST /api/v1/stock-documents": document,
            "PATCH /api/v1/stock-documents/{id}": ["remark": "矩阵"],
            "POST /api/v1/stock-documents/{id}/audit": none,
            "POST /api/v1/stock-documents/{id}/unaudit": none,
            "POST /api/v1/transfers": transfer,
            "PATCH /api/v1/transfers/{id}": ["remark": "矩阵"],
            "POST /api/v1/transfers/{id}/audit": none,
            "POST /api/v1/transfers/{id}/unaudit": none,
            "POST /api/v1/bins": ["warehouseId": r.warehouse, "rack": "MX", "tier": "1", "position": "1"],
            "POST /api/v1/storage-registers": ["kind": "access", "warehouseId": r.warehouse, "date": "2026-11-20", "subject": "张三 京A12345", "finding": "送货"],
            "POST /api/v1/bins/moves": ["warehouseId": r.warehouse, "itemId": r.item, "toBinId": "no-such-bin", "quantity": 1],
            "POST /api/v1/items/abc-classes": ["a": 80, "b": 95],
            "POST /api/v1/site-ledgers": MatrixRecords.ledgerBody(r.warehouse, r.item, date: "2026-11-20"),
            "PUT /api/v1/site-ledgers/{id}": MatrixRecords.ledgerBody(r.warehouse, r.item, date: "2026-11-20"),
            "POST /api/v1/site-ledgers/{id}/submit": ["lateReason": "矩阵补录"],
            "POST /api/v1/site-ledgers/{id}/return": ["comment": "请补充摘要"],
            "POST /api/v1/site-ledgers/{id}/post": ["audit": false],
            "POST /api/v1/site-ledgers/{id}/file": none,
            "POST /api/v1/issue-refusals": ["warehouseId": r.warehouse, "itemId": r.item, "quantity": 1, "requestedBy": "外包队", "purpose": "私用", "reason": "非现场正常工作"],
            "POST /api/v1/reconciliations": ["orgUnitId": org.cs, "month": "2026-11", "lines": [["itemId": r.item, "physicalQuantity": 0]]],
            "POST /api/v1/attachments": ["ownerKind": "site_ledger", "ownerId": r.siteLedger, "fileName": "a.png", "data": MatrixRecords.pngBase64],
            "POST /api/v1/stocktakes": ["warehouseIds": [r.warehouse], "kind": "spot", "scope": "spot", "itemIds": [r.item], "deadline": "2026-12-20"],
            "POST /api/v1/stocktakes/{id}/distribute": none,
            "PUT /api/v1/stocktakes/{id}/counts": ["lines": [["itemId": r.item, "warehouseId": r.warehouse, "countedQuantity": 1, "reasonCode": "surplus", "reason": "矩阵"]]],
            "POST /api/v1/stocktakes/{id}/counts/import": none,
            "POST /api/v1/stocktakes/{id}/submit": none,
            "POST /api/v1/stocktakes/{id}/return": ["comment": "重盘"],
            "POST /api/v1/stocktakes/{id}/approve": none,
            "POST /api/v1/stocktakes/{id}/post": none,
            "POST /api/v1/stocktakes/{id}/assess": note,
            "POST /api/v1/item-requests": ["orgUnitId": org.cs, "name": "密封圈", "spec": "Φ20", "unit": "个", "purpose": "维修"],
            "POST /api/v1/item-requests/{id}/submit": none,
            "POST /api/v1/item-requests/{id}/forward": none,
            "POST /api/v1/item-requests/{id}/approve": ["item": ["code": "MX-REQ", "name": "密封圈", "unit": "个", "category": "consumable", "repairClass": "I"]],
            "POST /api/v1/item-requests/{id}/reject": ["reason": "已有同类编码"],
            "PUT /api/v1/stocktake-approvers/{id}": ["role": "dept_supervisor"],
            // #13.4 freight: a price HQ adds once (the next permitted callers meet 409 price_exists), an express shipment of 客服部.
            "POST /api/v1/freight-prices": ["route": "矩阵仓—客服部", "vehicleType": "4.2米厢车", "price": "1000.00", "effectiveFrom": "2026-11-01"],
            "POST /api/v1/freight": ["shipmentRef": "MX-NEW", "mode": "express", "cost": "150.00", "orgUnitId": org.cs, "shippedOn": "2026-11-20"],
            "POST /api/v1/freight/{id}/approve": ["comment": "同意"],
            "POST /api/v1/freight/{id}/reject": ["comment": "超出标准"],
            "POST /api/v1/tool-loans": MatrixRecords.loanBody(r.warehouse, r.item),
            "POST /api/v1/tool-loans/{id}/return": ["condition": "good"],
            // #14.1 work orders: a valid body for each step (a fresh order is `issued`: later steps answer 409 by state).
            "POST /api/v1/work-orders": MatrixRecords.workOrderBody(org.cs),
            "POST /api/v1/work-orders/{id}/book-appointment": ["appointmentAt": "2026-12-02 10:00", "note": "技工外出"],
            "POST /api/v1/work-orders/{id}/accept": none,
            "POST /api/v1/work-orders/{id}/depart": none,
            "POST /api/v1/work-orders/{id}/arrive": none,
            "POST /api/v1/work-orders/{id}/start": none,
            "POST /api/v1/work-orders/{id}/finish": ["workNotes": "更换角阀", "materials": "角阀 DN15 1 个"],
            "POST /api/v1/work-orders/{id}/signature": ["signerName": "陈", "signerRelation": "owner", "image": "data:image/png;base64," + MatrixRecords.pngBase64],
            "POST /api/v1/work-orders/{id}/complete": none,
            "POST /api/v1/work-orders/{id}/return-visit": ["note": "住户满意"],
            "PUT /api/v1/work-order-areas": ["orgUnitId": org.cs, "area": "矩阵区域", "technicianId": ""], // WO-05 (removes: no technician needed)
            // #14.4 front desk: hand-over within the 30 days answers 409 by the rule; the bag's tag is MatrixRecords.bagTag.
            "POST /api/v1/front-desk/records": MatrixRecords.lostPropertyBody(org.cs),
            "POST /api/v1/front-desk/records/{id}/claim": ["claimantName": "王", "claimantPhone": "13900001111", "idType": "id_card", "idNumber": "110101199001011234", "idChecked": true],
            "POST /api/v1/front-desk/records/{id}/hand-over": ["receivedBy": "商场失物招领处 李"],
            "POST /api/v1/front-desk/records/{id}/retrieve": ["ticketNumber": MatrixRecords.bagTag],
            "POST /api/v1/front-desk/records/{id}/issue-card": ["cardNumber": "VIP-0001"],
            "POST /api/v1/front-desk/gift-receipts": ["gift": "购物袋", "quantity": 10, "orgUnitId": org.cs],
            // #14 item 2 property fees: an estate of 客服部 (the next permitted callers meet 409 estate_exists), a unit (409 unit_exists after the
            // first), a rate, the month's notices (a second run makes none), a payment of 1.00 and a chase note on the notice.
            "POST /api/v1/property/estates": ["name": "矩阵新小区", "orgUnitId": org.cs],
            "POST /api/v1/property/estates/{id}/units": ["units": [["building": "2栋", "room": "201", "area": "90.00"]]],
            "POST /api/v1/property/estates/{id}/fee-rates": ["fee": "物业费", "kind": "property_fee", "rate": "2.10", "effectiveFrom": "2026-12"],
            "POST /api/v1/property/estates/{id}/notices": ["month": "2026-12"],
            "POST /api/v1/property/notices/{id}/payments": ["amount": "1.00", "method": "cash", "receiptNo": "MX-1"],
            "POST /api/v1/property/notices/{id}/chases": ["method": "phone", "result": "答应月底交"],
            // #14 PRP-07, PRP-04, PRP-10: a patrol with a finding, a check naming a unit that is not vacant (422), a day of 客服部 signed
            // once (409 after), a proposal, a submission of 客服部 (422 once nothing is open), the project manager's answer (409 after).
            "POST /api/v1/property/estates/{id}/patrols": ["buildings": "1栋", "findings": [["description": "矩阵发现", "ticketRef": "GD-MX-1"]]],
            "POST /api/v1/property/estates/{id}/vacant-checks": ["building": "1栋", "room": "101"],
            "POST /api/v1/property/daily-reviews": ["orgUnitId": org.cs, "day": "2026-11-20", "comment": "已阅"],
            "POST /api/v1/property/estates/{id}/proposals": ["ownerName": "矩阵业主", "content": "矩阵建议"],
            "POST /api/v1/property/proposal-batches": ["orgUnitId": org.cs],
            "POST /api/v1/property/proposals/{id}/answer": ["answer": "同意"],
            // #14 PRP-08/05/11: a plan of 客服部 for 2030-01 (409 plan_exists after the first), a rewrite, a return reason; a contractor, its
            // plan (409 after the first), an evaluation; a register item (409 item_exists after the first), a move in, a log entry.
            "POST /api/v1/property/work-plans": MatrixRecords.workPlanBody(org.cs, month: "2030-01"),
            "PUT /api/v1/property/work-plans/{id}": MatrixRecords.workPlanBody(org.cs, month: "2030-01"),
            "POST /api/v1/property/work-plans/{id}/submit": none,
            "POST /api/v1/property/work-plans/{id}/approve": none,
            "POST /api/v1/property/work-plans/{id}/return": ["reason": "请补充绿化养护安排"],
            "POST /api/v1/property/estates/{id}/contractors": MatrixRecords.contractorBody,
            "POST /api/v1/property/contractors/{id}/plans": ["month": "2027-01", "content": "每周消杀一次"],
            "POST /api/v1/property/contractors/{id}/evaluations": ["evaluator": "孙丽", "evaluatedOn": "2026-11-30",
                                                                  "scores": [["criterion": "清洁度", "score": 85], ["criterion": "及时性", "score": 90]]],
            "POST /api/v1/property/contractor-plans/{id}/approve": none,
            "POST /api/v1/property/contractor-plans/{id}/return": ["reason": "频次不足"],
            "POST /api/v1/property/admin-items": ["orgUnitId": org.cs, "kind": "office_supply", "name": "矩阵打印纸", "unitLabel": "包"],
            "POST /api/v1/property/admin-items/{id}/moves": ["direction": "in", "quantity": 5, "party": "采购"],
            "POST /api/v1/property/admin-logs": ["orgUnitId": org.cs, "kind": "welfare", "person": "张伟", "detail": "中秋月饼一盒"],
            // #14 ESC-03: an important event (reported), a follow-up note, the closing result (409 invalid_transition after the first).
            "POST /api/v1/property/estates/{id}/events": ["kind": "important", "severity": "major", "title": "矩阵事件", "location": "1栋大堂"],
            "POST /api/v1/property/events/{id}/follow-ups": ["note": "已到场处理"],
            "POST /api/v1/property/events/{id}/close": ["result": "已处理完毕"],
            // #14 SAT-10: a round of the record's estate for 2030-H1 (409 round_exists after the first), a paper form of 1栋 101 (409 after the first).
            "POST /api/v1/property/estates/{id}/opinion-rounds": ["halfYear": "2030-H1"],
            "POST /api/v1/property/opinion-rounds/{id}/answers": ["building": "1栋", "room": "101", "overall": 4, "comment": "矩阵意见"],
            // #14 SAT-10 visits and owner forums: a visit with a follow-up, its close (409 after the first); a forum planned, held (409
            // after the first), a resolution and its close (409 on a planned forum), closed (409 while planned), cancelled (409 after the first).
            "POST /api/v1/property/estates/{id}/visits": ["building": "1栋", "room": "101", "opinions": "矩阵走访意见", "satisfaction": 4, "followUp": "修路灯"],
            "POST /api/v1/property/visits/{id}/close-follow-up": ["note": "已修好"],
            "POST /api/v1/property/estates/{id}/forums": ["heldOn": "2026-12-20", "place": "会所", "topic": "矩阵座谈会"],
            "POST /api/v1/property/forums/{id}/hold": ["attendeeCount": 12, "attendees": "1栋 101", "minutes": "矩阵纪要"],
            "POST /api/v1/property/forums/{id}/resolutions": ["content": "增设路灯", "owner": "张伟", "dueOn": "2026-12-31"],
            "POST /api/v1/property/forums/{id}/resolutions/close": ["seq": 1, "note": "已完成"],
            "POST /api/v1/property/forums/{id}/close": none,
            "POST /api/v1/property/forums/{id}/cancel": ["reason": "矩阵取消"],
            // #14 PRP-06 owner files: a tenant moves in (409 occupant_current after the first), the owner moves out (409 after), a
            // renovation applied; steps on a renovation (409 once its state no longer allows them).
            "POST /api/v1/property/units/{id}/move-in": ["kind": "tenant", "name": "矩阵租户", "movedInOn": "2026-11-01"],
            "POST /api/v1/property/units/{id}/move-out": ["kind": "owner", "movedOutOn": "2026-11-20"],
            "POST /api/v1/property/units/{id}/file-entries": ["kind": "renovation", "summary": "厨房改造", "entryOn": "2026-11-20"],
            "POST /api/v1/property/file-entries/{id}/approve": none,
            "POST /api/v1/property/file-entries/{id}/reject": ["note": "方案涉及承重墙"],
            "POST /api/v1/property/file-entries/{id}/supervise": ["note": "现场检查无违规"],
            "POST /api/v1/property/file-entries/{id}/accept": ["passed": true],
            "POST /api/v1/damaged-parts": MatrixRecords.damagedPartBody(r.warehouse, r.item),
            "POST /api/v1/tickets/{id}/parts": ["warehouseId": r.warehouse, "lines": [["itemId": r.item, "quantity": 1]],
                                                "removed": [MatrixRecords.damagedPartBody(r.warehouse, r.item)]],
            "POST /api/v1/damaged-returns": ["partIds": [r.damagedPart]],
            "PUT /api/v1/damaged-returns/{id}/checklist": ["woodenCrate": true, "plasticLining": true, "separators": true],
            "POST /api/v1/damaged-returns/{id}/ship": none,
            "POST /api/v1/damaged-returns/{id}/receive": none,
            "POST /api/v1/arrivals": MatrixRecords.arrivalBody(r.warehouse, r.supplier, r.item),
            "POST /api/v1/arrivals/{id}/confirm": note,
            "POST /api/v1/arrivals/{id}/complete": none,
            "PUT /api/v1/transfers/{id}/shipping-papers": ["shippingListRef": "FH-1", "deliveryNoteRef": "SH-1", "packingListRef": "ZX-1"],
            "POST /api/v1/material-requests": MatrixRecords.materialRequestBody(org.cs, r.item),
            "PUT /api/v1/material-requests/{id}": MatrixRecords.materialRequestBody(org.cs, r.item),
            "POST /api/v1/material-requests/{id}/submit": none,
            "POST /api/v1/material-requests/{id}/approve": none,
            "POST /api/v1/material-requests/{id}/return": ["comment": "请核实数量"],
            "POST /api/v1/material-requests/{id}/decide": ["source": "stock"],
            "POST /api/v1/material-requests/{id}/order": ["orderRef": "PO-1"],
            "POST /api/v1/material-requests/{id}/ship": none,
            "POST /api/v1/material-requests/{id}/confirm-arrival": none,
            "POST /api/v1/material-requests/{id}/backfill": none,
            // #13.3 DMG-06: a draft application of 客服部 (a permitted step answers 2xx or 409 by state); the create names a class I part (422).
            "POST /api/v1/commercial-repairs": ["orgUnitId": org.cs, "partIds": [r.damagedPart]],
            "POST /api/v1/commercial-repairs/{id}/submit": none,
            "POST /api/v1/commercial-repairs/{id}/approve": ["comment": "同意"],
            "POST /api/v1/commercial-repairs/{id}/reject": ["comment": "请补充"],
            "POST /api/v1/commercial-repairs/{id}/send": ["repairer": "矩阵修理厂", "cost": "100.00"],
            "POST /api/v1/commercial-repairs/{id}/results": ["results": [Any]()],
            "POST /api/v1/commercial-repairs/{id}/close": none,
            "POST /api/v1/commercial-repairs/{id}/cancel": none,
            "POST /api/v1/demand-plans": ["year": 2031, "orgUnitId": org.cs, "lines": [["itemId": r.item, "quantity": 5]]],
            "PUT /api/v1/demand-plans/{id}": ["lines": [["itemId": r.item, "quantity": 6]]],
            "POST /api/v1/demand-plans/{id}/publish": none,
            // #15.1, #15.3: a shift of 客服部 (the next permitted callers meet 409 shift_code_taken); the roster probes name the unit as
            // the month too (a permitted caller meets 422); a swap or leave of a shift that is not the caller's is a 422 of the rule.
            "POST /api/v1/shifts": ["orgUnitId": org.cs, "code": "MX-E", "name": "早班", "start": "08:00", "end": "16:00"],
            "PUT /api/v1/rosters/{orgUnitId}/{month}": ["entries": [Any]()],
            "POST /api/v1/shift-swaps": ["requesterShiftId": "mx-none", "counterpartShiftId": "mx-none"],
            "POST /api/v1/shift-swaps/{id}/consent": none,
            "POST /api/v1/shift-swaps/{id}/approve": note,
            "POST /api/v1/shift-swaps/{id}/reject": note,
            "POST /api/v1/leave-requests": ["shiftId": "mx-none", "reason": "矩阵"],
            "POST /api/v1/leave-requests/{id}/approve": none,
            "POST /api/v1/leave-requests/{id}/reject": ["reason": "矩阵"],
            "POST /api/v1/absences": ["shiftId": "mx-none"], // #15.3: a shift that does not exist is a 400 for a recorder
            // #15.3 SHF-12: each caller leaves for 5 minutes (logged); the duty manager decides; the return is the person's own (403 for all).
            "POST /api/v1/work-area-leaves": ["minutes": 5, "reason": "矩阵"],
            "POST /api/v1/work-area-leaves/{id}/approve": note,
            "POST /api/v1/work-area-leaves/{id}/reject": note,
            "POST /api/v1/work-area-leaves/{id}/return": none,
            "PUT /api/v1/org-units/{id}/work-area-limit": ["allowedMinutes": 20],
            // #15.2: a handover names a shift that is not the caller's (422); its steps belong to its own people (403 for every caller).
            "POST /api/v1/handovers": ["entryId": "mx-none", "notes": "矩阵"],
            "PUT /api/v1/handovers/{id}": ["notes": "矩阵"],
            "POST /api/v1/handovers/{id}/submit": none,
            "POST /api/v1/handovers/{id}/accept": none,
            "POST /api/v1/handovers/{id}/return": ["reason": "矩阵"],
            "POST /api/v1/announcements": ["orgUnitId": org.cs, "title": "矩阵公告", "body": "请注意"],
            "POST /api/v1/announcements/{id}/read": none,
            // #15.4: a session of 客服部 on a past day, its sheet naming 客服部's agent, a plan of 客服部, a person's record.
            "POST /api/v1/trainings": MatrixRecords.trainingBody(org.cs),
            "PUT /api/v1/trainings/{id}/attendance": ["lines": [["userId": org.agent.id, "status": "present", "score": 90]]],
            "POST /api/v1/training-plans": MatrixRecords.trainingPlanBody(org.cs),
            "POST /api/v1/training-plans/{id}/submit": none,
            "PUT /api/v1/training-plans/{id}": MatrixRecords.trainingPlanBody(org.cs),
            "POST /api/v1/training-plans/{id}/approve": note,
            "POST /api/v1/training-plans/{id}/return": note,
            // #15.5: a call standard of 客服部, a call of its agent, an inspection of the matrix's call, a decision's reason.
            "POST /api/v1/inspection-standards": MatrixRecords.standardBody(org.cs),
            "PUT /api/v1/inspection-standards/{id}": MatrixRecords.standardBody(org.cs),
            "POST /api/v1/calls": MatrixRecords.callBody(org.agent.id, rings: 2),
            "POST /api/v1/inspections": MatrixRecords.inspectionBody(standard: r.qualityStandard, call: r.qualityCall),
            "POST /api/v1/quality-penalties/scan": none,
            "POST /api/v1/quality-penalties/{id}/confirm": note,
            "POST /api/v1/quality-penalties/{id}/waive": note,
            // #15.5 KPI-04: a plan of 客服部 rewarding its agent; the GM's return carries its reason.
            "POST /api/v1/appraisal-plans": MatrixRecords.appraisalPlanBody(org),
            "PUT /api/v1/appraisal-plans/{id}": MatrixRecords.appraisalPlanBody(org),
            "POST /api/v1/appraisal-plans/{id}/submit": none,
            "POST /api/v1/appraisal-plans/{id}/approve": note,
            "POST /api/v1/appraisal-plans/{id}/return": note,
            // #15.5 KPI-06: a loss at 客服部's site; a proposal with an amount and a text; a decision's reason.
            "POST /api/v1/materials/loss-responsibilities": MatrixRecords.lossBody(site: r.lossSite, item: r.item),
            "POST /api/v1/materials/loss-responsibilities/{id}/propose": ["amount": "200.00", "text": "扣现场负责人当月绩效 200 元"],
            "POST /api/v1/materials/loss-responsibilities/{id}/approve": ["reason": "同意"],
            "POST /api/v1/materials/loss-responsibilities/{id}/reject": ["reason": "金额过高"],
            "PUT /api/v1/staff/{id}/qualifications": ["mandarinLevel": "2A", "dialects": ["粤语"], "typingSpeed": 85,
                                                          "certificates": [["name": "客服资格证", "number": "MX-001", "expiresOn": "2030-01-01"]]],
            // #15.5 SAT-09: a past month without responses (200, nothing created); the notice's steps (409 once answered).
            "POST /api/v1/satisfaction/assessments": ["period": "2026-01"],
            "POST /api/v1/satisfaction/assessments/{id}/acknowledge": note,
            "POST /api/v1/satisfaction/assessments/{id}/close": ["rectification": "矩阵整改"],
            // #15 KPI-07: an analysis of 客服部 naming its agent responsible; the director's return carries its reason; a line's result.
            "POST /api/v1/quality-analyses": MatrixRecords.qualityAnalysisBody(org),
            "PUT /api/v1/quality-analyses/{id}": MatrixRecords.qualityAnalysisBody(org),
            "POST /api/v1/quality-analyses/{id}/submit": none,
            "POST /api/v1/quality-analyses/{id}/approve": note,
            "POST /api/v1/quality-analyses/{id}/return": note,
            "POST /api/v1/quality-analyses/{id}/lines/{lineId}/done": ["result": "矩阵整改结果"],
        ].merging(MatrixRecords.scenicBodies(org)) { a, _ in a } // #14.3
    }

    enum ProbeError: Error, CustomStringConvertible {
        case missing(String)
        var description: String { switch self { case .missing(let m): return m } }
    }
}
