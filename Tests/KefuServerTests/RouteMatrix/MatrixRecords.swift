import Foundation
import Hummingbird
import Testing

/// The kinds of record a route's path parameter names.
enum MatrixRecordKind: String, Sendable {
    case token, unit, user, ticket, customer, slaPolicy, year, notification, complaint, plannedComplaint, repairOrder, returnOrder,
         surveyToken, item, supplier, warehouse, stockDocument, transfer, webhookUnit, siteLedger, submittedSiteLedger, attachment, stocktake, itemRequest, toolLoan,
         damagedPart, damagedReturn, checkedDamagedReturn, shippedDamagedReturn, arrival, materialRequest
    /// #13.3 DMG-06: a draft commercial-repair application of 客服部 with one class II part.
    case commercialRepair
    /// #15.3: a swap asked by 客服部's agent of its colleague, and a leave request of the agent, each in a month of its own.
    case shiftSwap, leaveRequest
    /// #13.4: an express shipment of 客服部 above 200 yuan, awaiting its department's leadership.
    case freight
    /// #13.1 item 2: a published annual demand plan of 客服部 (REQ-10).
    case demandPlan
    /// #14.1: a work order of 客服部 just issued by its agent.
    case workOrder
    /// #15.2: a draft handover of 客服部's agent, and an announcement to 客服部.
    case handover, announcement
    /// #16 item 5: a reply template of 客服部 written by its supervisor.
    case replyTemplate
    /// #15.4: a past training session of 客服部; a draft training plan of 客服部's supervisor, and one submitted.
    case trainingSession, trainingPlan, submittedTrainingPlan
    /// #14.4: front desk entries of 客服部: a found item awaiting its claim, a stored bag, a membership-card application.
    case lostProperty, storedBag, cardApplication
    /// #15.5: an inspection standard, a call, an inspection and a proposed penalty record of 客服部's agent.
    case inspectionStandard, qualityCall, inspection, qualityPenalty
    /// #15.5 KPI-04: a draft appraisal plan of 客服部 by its supervisor, and one submitted to the general manager.
    case appraisalPlan, submittedAppraisalPlan
    /// #15.3 SHF-12: a work-area leave of a fresh agent of 客服部 beyond the allowed time, awaiting the duty manager.
    case workAreaLeave
    /// #15.5 SAT-09: a corrective/criticism notice of 客服部 (`MatrixSatisfactionRecords`).
    case satisfactionNotice
    /// #15.5 KPI-06: a registered material-loss record of a site under 客服部.
    case lossResponsibility
    /// #14 item 2: an estate of 客服部 with a fee rate and a unit, and a fee notice of it (`MatrixPropertyRecords`).
    case propertyEstate, propertyNotice
    /// #14.3 scenic: a lost-person case, a wheelchair, a loan of a fresh wheelchair, a reception plan sent to 客服部.
    case scenicLostCase, scenicItem, scenicLoan, receptionPlan
    /// #14 VIS-01/02: a mailing request and a ticket delivery of 客服部 (`MatrixScenicRecords`).
    case scenicMailing, scenicTicketDelivery
    /// #15 KPI-07: a draft quality analysis of 客服部 by its supervisor, and one submitted to the office director.
    case qualityAnalysis, submittedQualityAnalysis
    /// #14 PRP-07, PRP-10: a patrol of an estate of 客服部, an open owner proposal, one submitted, a submission (`MatrixPropertyOpsRecords`).
    case propertyPatrol, propertyProposal, submittedProposal, proposalBatch
    /// #14 PRP-08/05/11: work plans of 客服部 (a draft, one submitted), a contractor, a contractor plan handed in, a register item.
    case propertyWorkPlan, submittedWorkPlan, propertyContractor, submittedContractorPlan, propertyAdminItem // #14 PRP-08 PRP-05 PRP-11
    /// #14 ESC-03: an important event reported at an estate of 客服部 (`MatrixPropertyEventRecords`).
    case propertyEvent
    /// #14 SAT-10: an owners' opinion round of an estate of 客服部 for 2026-H2 (`MatrixPropertyEventRecords`).
    case opinionRound
    /// #14 SAT-10: a supervisor's visit with an open follow-up and a planned owner forum at an estate of 客服部 (`MatrixPropertyEventRecords`).
    case propertyVisit, propertyForum
    /// #14 PRP-06: a unit of 客服部's estate with its owner, a renovation applied on it, one approved (`MatrixOwnerFileRecords`).
    case propertyUnit, propertyRenovation, approvedRenovation
    /// #16.1: a message held in the mail quarantine (`MatrixChannelRecords`).
    case mailQuarantine
    /// #16 item 2: a message waiting in the outbox: a public reply on an e-mail ticket of 客服部 (`MatrixChannelRecords`).
    case mailOutbox
    /// #16.3: an extension of 客服部's agent, and an answered call on it (`MatrixChannelRecords`).
    case telephonyExtension, telephonyCall
    /// #16.3: a second extension for the DELETE probe, so that the other extension routes keep theirs.
    case spareTelephonyExtension
    /// #16.4: a visitor's chat waiting in 客服部 (`MatrixChannelRecords`).
    case chatSession
    /// #17.6: a kind of filed record (work orders), and a legal hold on the matrix's ticket placed by the root administrator.
    case retentionKind, retentionHold
}

/// One record of each kind in 客服部 for the route matrix, and fresh ones for probes that change or delete theirs.
struct MatrixRecords: Sendable {
    let org: MatrixOrg
    /// A (repair) ticket of 客服部 about the matrix's customer, named by writes that refer to a ticket.
    let ticketId: String
    let tokenId: String
    let notificationId: String
    let slaPolicyId: String
    let surveyToken: String
    let item: String, supplier: String
    /// Two good-stock warehouses of 客服部.
    let warehouse: String, warehouse2: String
    /// #12.3: a draft site-ledger day of `warehouse` and a photo attached to it (#12.1).
    let siteLedger: String, attachment: String
    /// #13.3: a registered damaged part of `warehouse` (the one a new return batch packs).
    let damagedPart: String
    /// #15.5: a call standard of 客服部 and a call of its agent, named by the inspection probes.
    var qualityStandard = "", qualityCall = ""
    /// #15.5 KPI-06: a site under 客服部 with its chief, where the loss records are.
    var lossSite = ""

    /// A small PNG (the 8-byte signature and an IHDR chunk) for attachment probes.
    static let pngBase64 = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0,
                                      0x90, 0x77, 0x53, 0xDE]).base64EncodedString()

    /// Site-ledger days are one per warehouse and date: each fresh one takes the next day.
    final class Days: @unchecked Sendable {
        private let lock = NSLock()
        private var next = CivilDayCounter.start
        func take() -> String {
            lock.lock(); defer { lock.unlock() }
            next += 1
            let date = Date(timeIntervalSince1970: Double(next) * 86_400)
            let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
            return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        }
    }
    enum CivilDayCounter { static let start = 16_000 } // 2013-10-23: far from the probes' own dates
    static let days = Days()
    /// #13.1 item 2: the years of the matrix's demand plans (one per department and year), from 2040 on.
    final class PlanYears: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 2040
        func take() -> Int { lock.lock(); defer { lock.unlock() }; next += 1; return next }
    }
    static let planYears = PlanYears()

    static func arrivalBody(_ warehouse: String, _ supplier: String, _ item: String) -> [String: Any] {
        ["warehouseId": warehouse, "supplierId": supplier, "arrivedAt": "2026-11-20", "deliveryNoteRef": "SH-1", "packingListRef": "ZX-1",
         "lines": [["itemId": item, "expectedQuantity": 3, "countedQuantity": 2, "note": "短少 1"]]]
    }

    static func workOrderBody(_ unit: String) -> [String: Any] {
        ["kind": "household", "location": "3 栋 2 单元 201", "description": "厨房水管漏水", "requesterName": "陈", "requesterPhone": "13911112222", "orgUnitId": unit]
    }

    static let bagTag = "MX-BAG"

    static func lostPropertyBody(_ unit: String) -> [String: Any] {
        ["register": "lost_property", "orgUnitId": unit, "personName": "保洁 张", "summary": "黑色钱包", "foundOn": "2026-11-20", "foundAt": "一楼中庭",
         "storagePlace": "服务台保险柜", "noticeDepartment": "保安部"]
    }

    static func materialRequestBody(_ unit: String, _ item: String) -> [String: Any] {
        ["orgUnitId": unit, "kind": "consumable", "urgency": "normal", "reason": "矩阵", "lines": [["itemId": item, "quantity": 1]]]
    }

    static func ledgerBody(_ warehouse: String, _ item: String, date: String) -> [String: Any] {
        ["warehouseId": warehouse, "date": date, "lateReason": "矩阵补录",
         "lines": [["kind": "transfer_in", "itemId": item, "quantityIn": 1, "remark": "调入", "reference": "DB-2026-000001"]]]
    }

    /// #13.5: a loan of one of `warehouse`'s `item` (which must be on hand there).
    static func loanBody(_ warehouse: String, _ item: String) -> [String: Any] {
        ["warehouseId": warehouse, "itemId": item, "quantity": 1, "borrower": "张三", "workGroup": "一组", "purpose": "检修", "lentOn": "2026-11-20", "dueOn": "2026-11-27"]
    }

    static func damagedPartBody(_ warehouse: String, _ item: String) -> [String: Any] {
        ["warehouseId": warehouse, "itemId": item, "quantity": 1, "turbineNumber": "MX-01", "replacedBy": "矩阵", "newSerial": "N1", "oldSerial": "O1",
         "cause": "磨损", "packedVolume": "0.5"]
    }

    static func make(_ app: TestApp, _ org: MatrixOrg) async throws -> MatrixRecords {
        let token = try await app.call(.post, "/api/v1/auth/token", json: ["username": "fxcolleague", "password": "password-fxcolleague"])
        // An urgent escalated ticket tells 客服部's supervisor at once: the notification probed as someone else's.
        let urgent = try await app.createTicket(org.agent.token, subject: "通知", extra: ["priority": "urgent", "customerId": org.customerId]).string("id")!
        try await expectOK(app.call(.post, "/api/v1/tickets/\(urgent)/escalate", token: org.agent.token, json: ["reason": "超时"]), "escalate")
        let notification = try await app.call(.get, "/api/v1/notifications", token: org.supervisor.token).items.first?["id"] as? String
        let invitation = try await app.call(.post, "/api/v1/survey-invitations", token: org.agent.token, json: ["ticketId": urgent])
        try expectOK(invitation, "invitation")
        let m = org.materials.token
        func made(_ path: String, _ body: [String: Any]) async throws -> String {
            let r = try await app.call(.post, path, token: m, json: body)
            try expectOK(r, path)
            return r.string("id")!
        }
        let warehouse = try await made("/api/v1/warehouses", ["code": "MXW1", "name": "客服一库", "orgUnitId": org.cs, "condition": "good"])
        let item = try await made("/api/v1/items", ["code": "MX-ITEM", "name": "螺栓", "unit": "个", "category": "consumable", "repairClass": "I"])
        let ledger = try await made("/api/v1/site-ledgers", ledgerBody(warehouse, item, date: days.take()))
        let attachment = try await made("/api/v1/attachments", ["ownerKind": "site_ledger", "ownerId": ledger, "fileName": "签字.png", "data": pngBase64])
        let supplier = try await made("/api/v1/suppliers", ["code": "MX-SUP", "name": "华锐配件厂"])
        // #13.6: stock on hand in 客服部's first warehouse for the parts a ticket takes (received and audited up front).
        let stocked = try await made("/api/v1/stock-documents", ["direction": "in", "reason": "purchase", "warehouseId": warehouse, "supplierId": supplier,
                                                                 "date": "2026-11-20", "lines": [["itemId": item, "quantity": 100]]])
        try await expectOK(app.call(.post, "/api/v1/stock-documents/\(stocked)/audit", token: m, json: [String: Any]()), "audit")
        return MatrixRecords(
            org: org, ticketId: urgent, tokenId: try #require(token.string("tokenId"), "token: \(token.text)"),
            notificationId: try #require(notification, "no notification for the supervisor"),
            slaPolicyId: try await Self.slaPolicy({ try await app.call($0, $1, token: $2, json: $3) }, org),
            surveyToken: String(invitation.string("url")!.split(separator: "/").last!),
            item: item,
            supplier: supplier,
            warehouse: warehouse,
            warehouse2: try await made("/api/v1/warehouses", ["code": "MXW2", "name": "客服二库", "orgUnitId": org.cs, "condition": "good"]),
            siteLedger: ledger, attachment: attachment, damagedPart: try await made("/api/v1/damaged-parts", damagedPartBody(warehouse, item)))
            .withQuality(try await qualityBase({ try await app.call($0, $1, token: $2, json: $3) }, org)) // #15.5
            .withLossSite(try await lossSiteBase({ try await app.call($0, $1, token: $2, json: $3) }, org)) // #15.5 KPI-06
    }

    func withQuality(_ q: (standard: String, call: String)) -> MatrixRecords {
        var r = self
        r.qualityStandard = q.standard; r.qualityCall = q.call
        return r
    }

    static func expectOK(_ r: TestApp.Reply, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard (200..<300).contains(Int(r.status.code)) else {
            Issue.record("matrix fixture \(what): \(r.status.code) \(r.text.prefix(300))", sourceLocation: sourceLocation)
            throw MatrixFixtureError.failed(what)
        }
    }

    static func slaPolicy(_ call: (HTTPRequest.Method, String, String?, Any?) async throws -> TestApp.Reply, _ org: MatrixOrg) async throws -> String {
        let r = try await call(.post, "/api/v1/sla-policies", org.admin, [
            "name": "矩阵" + UUID().uuidString.prefix(8), "match": ["channel": "email", "priority": "urgent"], "calendar": "24x7",
            "firstResponseMinutes": 2, "resolutionMinutes": 60, "escalateAfterMinutes": 10,
        ])
        try expectOK(r, "SLA policy")
        return r.string("id")!
    }

    /// The id a path parameter of `kind` stands for; a fresh record where `fresh`. Calls go `via` the worker's connection.
    func id(_ kind: MatrixRecordKind, fresh: Bool, via c: MatrixClient) async throws -> String {
        switch kind {
        case .token: return tokenId
        case .unit, .webhookUnit:
            if kind == .webhookUnit {
                try await Self.expectOK(c.call(.put, "/api/v1/org-units/\(org.cs)/webhook", token: org.admin, json: ["url": "https://hooks.example.com/kefu"]), "webhook")
            }
            return org.cs
        case .user: return org.colleague.id
        case .customer: return org.customerId
        case .slaPolicy: return fresh ? try await Self.slaPolicy(c.call, org) : slaPolicyId
        case .year: return "2027"
        case .notification: return notificationId
        case .surveyToken: return surveyToken
        case .item: return item
        case .supplier: return supplier
        case .warehouse: return warehouse
        case .ticket: return try await ticket(type: "repair", via: c)
        case .complaint: return try await complaint(via: c)
        case .plannedComplaint:
            let id = try await complaint(via: c)
            try await Self.expectOK(c.call(.post, "/api/v1/complaints/\(id)/classify", token: org.agent.token,
                                             json: ["responsibility": "company", "handling": "quality"]), "classify")
            try await Self.expectOK(c.call(.post, "/api/v1/complaints/\(id)/analysis", token: org.quality.token,
                                             json: ["rootCause": "来料不良", "responsibleOrgUnitId": org.cs]), "analysis")
            return id
        case .repairOrder: return try await made(c, "/api/v1/repair-orders", org.agent.token, ["customer": ["name": "陈"], "model": "M1", "defect": "坏"])
        case .returnOrder:
            return try await made(c, "/api/v1/returns", org.agent.token, ["kind": "return", "model": "M2", "shippedAt": "2026-01-01", "reason": "过热", "qualityIssue": true])
        case .stockDocument:
            return try await made(c, "/api/v1/stock-documents", org.materials.token, ["direction": "in", "reason": "purchase", "warehouseId": warehouse, "supplierId": supplier,
                                                                                 "date": "2026-11-20", "lines": [["itemId": item, "quantity": 5]]])
        case .attachment: return attachment
        case .siteLedger, .submittedSiteLedger:
            let id = try await made(c, "/api/v1/site-ledgers", org.materials.token, Self.ledgerBody(warehouse, item, date: Self.days.take()))
            if kind == .submittedSiteLedger {
                try await Self.expectOK(c.call(.post, "/api/v1/site-ledgers/\(id)/submit", token: org.materials.token, json: ["lateReason": "矩阵补录"]), "submit")
            }
            return id
        case .stocktake:
            // #12.1: a draft monthly count of 客服部's first warehouse (a permitted step on it answers 2xx or 409 by state).
            return try await made(c, "/api/v1/stocktakes", org.materials.token, ["warehouseIds": [warehouse], "kind": "monthly"])
        case .itemRequest:
            // #12.5: a draft item-code request of 客服部 (recorded by the HQ materials office), without photos.
            return try await made(c, "/api/v1/item-requests", org.materials.token, ["orgUnitId": org.cs, "name": "密封圈", "spec": "Φ20", "unit": "个", "purpose": "维修"])
        case .workOrder:
            return try await made(c, "/api/v1/work-orders", org.agent.token, Self.workOrderBody(org.cs))
        case .lostProperty:
            return try await made(c, "/api/v1/front-desk/records", org.admin, Self.lostPropertyBody(org.cs))
        case .storedBag:
            return try await made(c, "/api/v1/front-desk/records", org.admin, ["register": "bag_storage", "orgUnitId": org.cs, "personName": "刘",
                                                                                "personPhone": "13700002222", "summary": "购物袋 2 个", "ref": Self.bagTag, "pieces": 2])
        case .cardApplication:
            return try await made(c, "/api/v1/front-desk/records", org.admin, ["register": "membership_card", "orgUnitId": org.cs, "personName": "赵",
                                                                                "personPhone": "13600003333", "summary": "金卡", "applicantKind": "individual"])
        case .freight:
            return try await made(c, "/api/v1/freight", org.admin, ["shipmentRef": "MX-SHIP", "mode": "express", "cost": "350.00", "orgUnitId": org.cs, "shippedOn": "2026-11-20"])
        case .toolLoan:
            // #13.5: an open loan of 客服部's first warehouse, lent by the root administrator out of 20 received (and audited) first.
            let receipt = try await made(c, "/api/v1/stock-documents", org.materials.token, ["direction": "in", "reason": "purchase", "warehouseId": warehouse,
                                                                                            "supplierId": supplier, "date": "2026-11-20", "lines": [["itemId": item, "quantity": 20]]])
            try await Self.expectOK(c.call(.post, "/api/v1/stock-documents/\(receipt)/audit", token: org.materials.token, json: [String: Any]()), "audit")
            return try await made(c, "/api/v1/tool-loans", org.admin, Self.loanBody(warehouse, item))
        case .damagedPart: return damagedPart
        case .damagedReturn, .checkedDamagedReturn, .shippedDamagedReturn:
            // #13.3: a batch of a fresh part of 客服部's warehouse, packing; ticked, or ticked and shipped, for the later steps.
            let part = try await made(c, "/api/v1/damaged-parts", org.materials.token, Self.damagedPartBody(warehouse, item))
            let id = try await made(c, "/api/v1/damaged-returns", org.materials.token, ["partIds": [part]])
            if kind != .damagedReturn {
                try await Self.expectOK(c.call(.put, "/api/v1/damaged-returns/\(id)/checklist", token: org.materials.token,
                                                 json: ["woodenCrate": true, "plasticLining": true, "separators": true]), "checklist")
            }
            if kind == .shippedDamagedReturn {
                try await Self.expectOK(c.call(.post, "/api/v1/damaged-returns/\(id)/ship", token: org.materials.token, json: [String: Any]()), "ship")
            }
            return id
        case .arrival:
            // #13.2: an open arrival check of 客服部's first warehouse, from the supplier, with its papers and one short line.
            return try await made(c, "/api/v1/arrivals", org.materials.token, MatrixRecords.arrivalBody(warehouse, supplier, item))
        case .materialRequest:
            // #13.1: a draft material request of 客服部 (written by the HQ materials office, REQ-10).
            return try await made(c, "/api/v1/material-requests", org.materials.token, Self.materialRequestBody(org.cs, item))
        case .commercialRepair:
            var body = Self.damagedPartBody(warehouse, item)
            body["repairClass"] = "II"
            let part = try await made(c, "/api/v1/damaged-parts", org.materials.token, body)
            return try await made(c, "/api/v1/commercial-repairs", org.admin, ["orgUnitId": org.cs, "partIds": [part]])
        case .demandPlan:
            // #13.1 item 2: one plan per department and year, so each record takes the next year; published (the department reads it).
            let id = try await made(c, "/api/v1/demand-plans", org.materials.token, ["year": Self.planYears.take(), "orgUnitId": org.cs, "lines": [["itemId": item, "quantity": 12]]])
            try await Self.expectOK(c.call(.post, "/api/v1/demand-plans/\(id)/publish", token: org.materials.token, json: [String: Any]()), "publish")
            return id
        case .shiftSwap, .leaveRequest:
            return try await Self.peopleRecord(kind, org, via: c)
        case .handover: return try await Self.handoverRecord(org, via: c)
        case .workAreaLeave: return try await Self.workAreaLeaveRecord(org, via: c)
        case .satisfactionNotice: return try await Self.satisfactionNotice(org, via: c) // #15.5 SAT-09
        case .announcement: return try await Self.announcementRecord(org, via: c)
        case .replyTemplate:
            return try await made(c, "/api/v1/reply-templates", org.supervisor.token, ["orgUnitId": org.cs, "title": "矩阵模板", "body": "您好{客户}"])
        case .trainingSession, .trainingPlan, .submittedTrainingPlan:
            return try await Self.trainingRecord(kind, org, via: c)
        case .inspectionStandard, .qualityCall, .inspection, .qualityPenalty: // #15.5
            return try await qualityRecord(kind, via: c)
        case .appraisalPlan, .submittedAppraisalPlan: // #15.5
            return try await Self.appraisalRecord(kind, org, via: c)
        case .lossResponsibility: return try await lossRecord(via: c) // #15.5 KPI-06
        case .propertyEstate: return try await Self.propertyEstate(org, via: c) // #14 item 2
        case .propertyNotice: return try await Self.propertyNotice(org, via: c) // #14 item 2
        case .scenicLostCase, .scenicItem, .scenicLoan, .receptionPlan: return try await scenicRecord(kind, via: c) // #14.3
        case .scenicMailing, .scenicTicketDelivery: return try await scenicRecord(kind, via: c) // #14 VIS-01/02
        case .qualityAnalysis, .submittedQualityAnalysis: return try await Self.qualityAnalysisRecord(kind, org, via: c) // #15 KPI-07
        case .propertyPatrol, .propertyProposal, .submittedProposal, .proposalBatch: return try await Self.propertyOpsRecord(kind, org, via: c) // #14 PRP-07 PRP-10
        case .propertyWorkPlan, .submittedWorkPlan, .propertyContractor, .submittedContractorPlan, .propertyAdminItem: // #14 PRP-08 PRP-05 PRP-11
            return try await Self.planningRecord(kind, org, via: c)
        case .propertyEvent: return try await Self.propertyEvent(org, via: c) // #14 ESC-03
        case .opinionRound: return try await Self.opinionRound(org, via: c) // #14 SAT-10
        case .propertyVisit, .propertyForum: return try await Self.visitRecord(kind, org, via: c) // #14 SAT-10 visits and owner forums
        case .propertyUnit, .propertyRenovation, .approvedRenovation: return try await Self.ownerFileRecord(kind, org, via: c) // #14 PRP-06
        case .mailQuarantine: return try await Self.mailQuarantineRecord(org, via: c) // #16.1
        case .mailOutbox: return try await Self.mailOutboxRecord(org, via: c) // #16 item 2
        case .telephonyExtension, .telephonyCall, .spareTelephonyExtension: return try await Self.telephonyRecord(kind, org, via: c) // #16.3
        case .chatSession: return try await Self.chatRecord(org, via: c) // #16.4
        case .retentionKind: return "work_order" // #17.6
        case .retentionHold: // #17.6
            return try await made(c, "/api/v1/retention/holds", org.admin, ["kind": "ticket", "recordId": ticketId, "reason": "矩阵保全"])
        case .transfer:
            return try await made(c, "/api/v1/transfers", org.materials.token, ["fromWarehouseId": warehouse, "toWarehouseId": warehouse2, "date": "2026-11-20",
                                                                           "lines": [["itemId": item, "quantity": 1]]])
        }
    }

    func made(_ c: MatrixClient, _ path: String, _ token: String, _ body: [String: Any]) async throws -> String {
        let r = try await c.call(.post, path, token: token, json: body)
        try Self.expectOK(r, path)
        return r.string("id")!
    }

    func ticket(type: String, via c: MatrixClient) async throws -> String {
        let r = try await c.call(.post, "/api/v1/tickets", token: org.agent.token,
                                 json: ["subject": "矩阵工单", "type": type, "channel": "phone", "priority": "normal", "customerId": org.customerId])
        try Self.expectOK(r, "ticket")
        return r.string("id")!
    }

    /// A complaint ticket opens its complaint case.
    func complaint(via c: MatrixClient) async throws -> String {
        let ticket = try await ticket(type: "complaint", via: c)
        let cases = try await c.call(.get, "/api/v1/complaints?per=100", token: org.admin).items
        guard let id = cases.first(where: { $0["ticketId"] as? String == ticket })?["id"] as? String else {
            Issue.record("no complaint case for ticket \(ticket)")
            throw MatrixFixtureError.failed("complaint")
        }
        return id
    }
}

enum MatrixFixtureError: Error { case failed(String) }
