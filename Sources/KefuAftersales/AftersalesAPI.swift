import Foundation
import HTTPTypes
import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of API.md "After-sales". No DELETE route exists: records of this procedure are kept (RET-01/04).
public struct AftersalesAPI: Sendable {
    let complaints: ComplaintService
    let repairs: RepairService
    let returns: ReturnService
    let surveys: SurveyService

    public init(complaints: ComplaintService, repairs: RepairService, returns: ReturnService, surveys: SurveyService) {
        self.complaints = complaints
        self.repairs = repairs
        self.returns = returns
        self.surveys = surveys
    }

    struct TicketIdInput: Decodable, Sendable { let ticketId: String? }
    struct ClassifyInput: Decodable, Sendable { let responsibility: String?; let handling: String?; let aboutUserId: String? }
    struct ActionsInput: Decodable, Sendable { let corrective: String?; let preventive: String?; let dueDate: String? }
    struct MeetingInput: Decodable, Sendable { let minutes: String?; let participants: [String]?; let major: Bool? }
    struct ConfirmationInput: Decodable, Sendable { let accepted: Bool?; let comment: String? }
    struct VerificationInput: Decodable, Sendable { let effective: Bool?; let note: String?; let side: String? }
    struct NoteInput: Decodable, Sendable { let note: String? }
    struct SourceInput: Decodable, Sendable { let source: String? }
    struct DiagnosisInput: Decodable, Sendable {
        struct Fee: Decodable, Sendable { let amount: String?; let currency: String? }
        let mainComponentDamaged: Bool?; let inWarranty: Bool?; let fee: Fee?; let note: String?
    }
    struct DecisionInput: Decodable, Sendable { let approved: Bool?; let signedBy: String? }
    struct QCInput: Decodable, Sendable { let passed: Bool?; let note: String? }
    struct ShipInput: Decodable, Sendable { let method: String?; let trackingNumber: String? }
    struct InspectionInput: Decodable, Sendable { let report: String?; let responsibility: String? }
    struct ReasonInput: Decodable, Sendable { let reason: String? }
    struct SlipInput: Decodable, Sendable { let salespersonId: String? }
    struct SalespersonInput: Decodable, Sendable { let shipDate: String?; let note: String? }
    struct TrackingInput: Decodable, Sendable { let trackingNumber: String? }
    struct InvitationInput: Decodable, Sendable { let ticketId: String?; let repairOrderId: String?; let validDays: Int? }
    struct CampaignInput: Decodable, Sendable { let name: String?; let quarter: String?; let customerIds: [String]?; let validDays: Int?; let occasion: String? }
    struct TargetInput: Decodable, Sendable { let percent: String? }
    struct TargetView: Encodable { let percent: String? }

    /// Body of a POST that may be empty (`{}` or nothing).
    static func optionalBody<T: Decodable>(_ type: T.Type, _ request: Request, empty: T) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: JSONIO.bodyLimit)
        if buffer.readableBytes == 0 { return empty }
        return try await JSONIO.decode(T.self, from: request)
    }

    /// The public survey link's origin, from the request that asked for it.
    static func baseURL(_ request: Request) -> String {
        guard let host = request.head.authority, !host.isEmpty,
              host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-:[]".contains($0)) }) else { return "" }
        let proto = request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https" ? "https" : "http"
        return "\(proto)://\(host)"
    }


    struct NoBody: Decodable, Sendable {}

    /// `POST {path}/{id}/{step}`: decode the input (an empty body is allowed where the input has no required field), run one service step.
    static func step<I: Decodable & Sendable, V: Encodable & Sendable>(
        _ routes: ApiRoutes, _ path: String, _ summary: String, tag: String, request: String?, response: String, _ input: I.Type, empty: I? = nil,
        _ act: @escaping @Sendable (String, I, Principal) async throws -> V
    ) {
        routes.add(.init(.post, path, summary: summary, tag: tag, request: request, response: response)) { req, context in
            let p = try context.requirePrincipal()
            let body: I = if let empty { try await optionalBody(I.self, req, empty: empty) } else { try await JSONIO.decode(I.self, from: req) }
            return try JSONIO.response(try await act(try context.parameters.require("id"), body, p))
        }
    }

    public func register(_ routes: ApiRoutes) {
        AftersalesSchemas.register(routes)
        registerComplaints(routes)
        registerRepairs(routes)
        registerReturns(routes)
        registerSurveys(routes)
    }

    func registerComplaints(_ routes: ApiRoutes) {
        let c = complaints
        routes.add(.init(.get, "/api/v1/complaints", summary: "Complaint cases (顾客投诉处理单)", tag: "complaints", response: "ComplaintList",
                         query: ["status", "from", "to", "overdue", "reviewed", "page", "per"])) { request, context in
            let p = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await c.list(try ComplaintService.ListFilter.parse(q), paging: try Paging.from(q), viewer: p))
        }
        routes.add(.init(.post, "/api/v1/complaints", summary: "Open the complaint case of a complaint ticket", tag: "complaints",
                         request: "ComplaintOpenInput", response: "Complaint", status: 201)) { request, context in
            let p = try context.requirePrincipal()
            let input = try await JSONIO.decode(TicketIdInput.self, from: request)
            return try JSONIO.response(try await c.open(ticketId: input.ticketId, by: p), status: .created)
        }
        // #16 item 6 (CMP-01, D15): sales staff register the complaints their department accepted.
        routes.add(.init(.post, "/api/v1/complaints/from-sales", summary: "Register a complaint the sales department accepted (CMP-01)", tag: "complaints",
                         request: "ComplaintFromSalesInput", response: "Complaint", status: 201)) { request, context in
            let p = try context.requirePrincipal()
            let input = try await JSONIO.decode(ComplaintService.FromSalesInput.self, from: request)
            return try JSONIO.response(try await c.registerFromSales(input, by: p), status: .created)
        }
        routes.add(.init(.get, "/api/v1/complaints/{id}", summary: "A complaint case with its whole history", tag: "complaints", response: "Complaint")) { _, context in
            let p = try context.requirePrincipal()
            return try JSONIO.response(try await c.get(id: try context.parameters.require("id"), viewer: p))
        }
        let base = "/api/v1/complaints/{id}/"
        Self.step(routes, base + "classify", "Classify (customer service, CMP-02)", tag: "complaints", request: "ComplaintClassifyInput", response: "Complaint",
                  ClassifyInput.self) { id, i, p in try await c.classify(id: id, responsibility: i.responsibility, handling: i.handling, aboutUserId: i.aboutUserId, by: p) }
        Self.step(routes, base + "analysis", "Root cause and responsibility (quality, CMP-06)", tag: "complaints", request: "ComplaintAnalysisInput",
                  response: "Complaint", ComplaintService.AnalysisInput.self) { id, i, p in try await c.analysis(id: id, i, by: p) }
        Self.step(routes, base + "actions", "Corrective and preventive actions with a due date (responsible department, CMP-09)", tag: "complaints",
                  request: "ComplaintActionsInput", response: "Complaint", ActionsInput.self) { id, i, p in
            try await c.planActions(id: id, corrective: i.corrective, preventive: i.preventive, dueDate: i.dueDate, by: p)
        }
        Self.step(routes, base + "actions/approve", "Approve the actions (管理者代表)", tag: "complaints", request: nil, response: "Complaint",
                  NoBody.self, empty: NoBody()) { id, _, p in try await c.approve(id: id, by: p) }
        Self.step(routes, base + "review-meeting", "Record a joint review (会审, CMP-10)", tag: "complaints", request: "ReviewMeetingInput", response: "Complaint",
                  MeetingInput.self) { id, i, p in try await c.reviewMeeting(id: id, minutes: i.minutes, participants: i.participants, major: i.major, by: p) }
        Self.step(routes, base + "customer-confirmation", "The customer's confirmation (customer service, CMP-11)", tag: "complaints",
                  request: "CustomerConfirmationInput", response: "Complaint", ConfirmationInput.self) { id, i, p in
            try await c.customerConfirmation(id: id, accepted: i.accepted, comment: i.comment, by: p)
        }
        Self.step(routes, base + "verification", "Verify effectiveness (quality and customer service, CMP-12)", tag: "complaints", request: "VerificationInput",
                  response: "Complaint", VerificationInput.self) { id, i, p in try await c.verification(id: id, effective: i.effective, note: i.note, side: i.side, by: p) }
        Self.step(routes, base + "close", "Close with the explanation or handling (customer service)", tag: "complaints", request: "NoteInput", response: "Complaint",
                  NoteInput.self) { id, i, p in try await c.close(id: id, note: i.note, by: p) }
        Self.step(routes, base + "supervisor-review", "The CS supervisor's review of the day's complaint records (CMP-16)", tag: "complaints",
                  request: "OptionalNoteInput", response: "Complaint", NoteInput.self, empty: NoteInput(note: nil)) { id, i, p in
            try await c.supervisorReview(id: id, note: i.note, by: p)
        }
        Self.step(routes, base + "return-visit", "Record the return visit after handling (回访, CMP-15)", tag: "complaints", request: "NoteInput",
                  response: "Complaint", NoteInput.self) { id, i, p in try await c.returnVisit(id: id, note: i.note, by: p) }
        Self.step(routes, base + "source", "Where the complaint came from: direct or through sales (customer service, CMP-01)", tag: "complaints",
                  request: "ComplaintSourceInput", response: "Complaint", SourceInput.self) { id, i, p in try await c.setSource(id: id, source: i.source, by: p) }
        Self.step(routes, base + "first-answer", "The accepting department's first answer to the customer (D15)", tag: "complaints", request: "NoteInput",
                  response: "Complaint", NoteInput.self) { id, i, p in try await c.firstAnswer(id: id, note: i.note, by: p) }
        routes.add(.init(.get, "/api/v1/reports/complaints", summary: "Annual complaint statistics (CMP-13)", tag: "reports", response: "ComplaintReport",
                         query: ["year"])) { request, context in
            let p = try context.requirePrincipal()
            return try JSONIO.response(try await c.report(year: request.queryDictionary["year"], viewer: p))
        }
    }

    func registerRepairs(_ routes: ApiRoutes) {
        let r = repairs
        routes.add(.init(.get, "/api/v1/repair-orders", summary: "Repair orders (返修)", tag: "repairs", response: "RepairOrderList", query: ["status", "page", "per"])) { request, context in
            let p = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await r.list(status: q["status"], paging: try Paging.from(q), viewer: p))
        }
        routes.add(.init(.post, "/api/v1/repair-orders", summary: "Receive a batch of units for repair (RMA-01)", tag: "repairs",
                         request: "RepairOrderInput", response: "RepairOrder", status: 201)) { request, context in
            let p = try context.requirePrincipal()
            let i = try await JSONIO.decode(RepairOrderInput.self, from: request)
            return try JSONIO.response(try await r.create(i, by: p), status: .created)
        }
        routes.add(.init(.get, "/api/v1/repair-orders/{id}", summary: "A repair order with its history", tag: "repairs", response: "RepairOrder")) { _, context in
            let p = try context.requirePrincipal()
            return try JSONIO.response(try await r.get(id: try context.parameters.require("id"), viewer: p))
        }
        let base = "/api/v1/repair-orders/{id}/"
        Self.step(routes, base + "diagnosis", "Diagnosis with warranty and main-component check (repair group, RMA-02)", tag: "repairs", request: "DiagnosisInput",
                  response: "RepairOrder", DiagnosisInput.self) { id, i, p in
            if i.fee != nil, i.fee?.amount == nil { throw AppError.validation("fee.amount", Text("请填写 fee.amount", "fee.amount is required")) }
            return try await r.diagnose(id: id, mainComponentDamaged: i.mainComponentDamaged, inWarranty: i.inWarranty, feeAmount: i.fee?.amount,
                                        feeCurrency: i.fee?.currency, note: i.note, by: p)
        }
        Self.step(routes, base + "customer-decision", "The customer's signed decision on the fee quote (RMA-03/04)", tag: "repairs", request: "CustomerDecisionInput",
                  response: "RepairOrder", DecisionInput.self) { id, i, p in try await r.customerDecision(id: id, approved: i.approved, signedBy: i.signedBy, by: p) }
        Self.step(routes, base + "qc", "QC inspection (quality only, RMA-05)", tag: "repairs", request: "QCInput", response: "RepairOrder",
                  QCInput.self) { id, i, p in try await r.qc(id: id, passed: i.passed, note: i.note, by: p) }
        Self.step(routes, base + "ship", "Dispatch slip (返修品出库单); only after QC passed or returning unrepaired", tag: "repairs", request: "ShipInput",
                  response: "RepairOrder", ShipInput.self) { id, i, p in try await r.ship(id: id, method: i.method, trackingNumber: i.trackingNumber, by: p) }
        Self.step(routes, base + "close", "The customer has the unit (RMA-06)", tag: "repairs", request: nil, response: "RepairOrder",
                  NoteInput.self, empty: NoteInput(note: nil)) { id, i, p in try await r.close(id: id, note: i.note, by: p) }
        routes.add(.init(.get, "/api/v1/reports/repairs", summary: "Monthly repair report (RPT-03)", tag: "reports", response: "RepairReport", query: ["month"])) { request, context in
            let p = try context.requirePrincipal()
            return try JSONIO.response(try await r.monthlyReport(month: request.queryDictionary["month"], viewer: p))
        }
    }

    func registerReturns(_ routes: ApiRoutes) {
        let s = returns
        routes.add(.init(.get, "/api/v1/returns", summary: "Returns and exchanges", tag: "returns", response: "ReturnList", query: ["status", "page", "per"])) { request, context in
            let p = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await s.list(status: q["status"], paging: try Paging.from(q), viewer: p))
        }
        routes.add(.init(.post, "/api/v1/returns", summary: "Request a return or exchange (RMA-07)", tag: "returns", request: "ReturnInput", response: "Return", status: 201)) { request, context in
            let p = try context.requirePrincipal()
            let i = try await JSONIO.decode(ReturnInput.self, from: request)
            return try JSONIO.response(try await s.create(i, by: p), status: .created)
        }
        routes.add(.init(.get, "/api/v1/returns/{id}", summary: "A return with its history", tag: "returns", response: "Return")) { _, context in
            let p = try context.requirePrincipal()
            return try JSONIO.response(try await s.get(id: try context.parameters.require("id"), viewer: p))
        }
        let base = "/api/v1/returns/{id}/"
        func step<I: Decodable & Sendable>(_ path: String, _ summary: String, request: String? = nil, _ input: I.Type, empty: I? = nil,
                                           _ act: @escaping @Sendable (String, I, Principal) async throws -> ReturnView) {
            Self.step(routes, base + path, summary, tag: "returns", request: request, response: "Return", input, empty: empty, act)
        }
        step("receive", "Returned goods received (customer service)", NoBody.self, empty: NoBody()) { id, _, p in try await s.receive(id: id, by: p) }
        step("inspection", "QA inspection report fixing responsibility (RMA-08)", request: "ReturnInspectionInput", InspectionInput.self) { id, i, p in
            try await s.inspect(id: id, report: i.report, responsibility: i.responsibility, by: p)
        }
        step("override", "Sales manager overrides the 3-month rule with a written reason (D14)", request: "OverrideInput", ReasonInput.self) { id, i, p in
            try await s.override(id: id, reason: i.reason, by: p)
        }
        step("slip", "Issue the red copy of 退回/换货品详单 to the regional salesperson (RMA-10)", request: "SlipInput", SlipInput.self,
             empty: SlipInput(salespersonId: nil)) { id, i, p in try await s.issueSlip(id: id, salespersonId: i.salespersonId, by: p) }
        step("salesperson-note", "The salesperson annotates ship date and reason", request: "SalespersonInput", SalespersonInput.self) { id, i, p in
            try await s.annotate(id: id, shipDate: i.shipDate, note: i.note, by: p)
        }
        step("sign", "The sales manager signs the slip", NoBody.self, empty: NoBody()) { id, _, p in try await s.sign(id: id, by: p) }
        step("book", "Finance books the return", NoBody.self, empty: NoBody()) { id, _, p in try await s.book(id: id, by: p) }
        step("ship-replacement", "Ship the replacement of an exchange (RMA-11)", request: "ReplacementInput", TrackingInput.self,
             empty: TrackingInput(trackingNumber: nil)) { id, i, p in try await s.shipReplacement(id: id, trackingNumber: i.trackingNumber, by: p) }
        step("close", "Close the return", NoBody.self, empty: NoBody()) { id, _, p in try await s.close(id: id, by: p) }
    }

    func registerSurveys(_ routes: ApiRoutes) {
        let s = surveys
        routes.add(.init(.get, "/api/v1/survey-template", summary: "Sections and items of the satisfaction survey (SAT-03)", tag: "surveys",
                         response: "SurveyTemplate", auth: false)) { _, _ in
            try JSONIO.response(SurveyTemplateView.standard)
        }
        routes.add(.init(.post, "/api/v1/survey-invitations", summary: "Invite a customer after a repair or for a ticket", tag: "surveys",
                         request: "SurveyInvitationInput", response: "SurveyInvitation", status: 201)) { request, context in
            let p = try context.requirePrincipal()
            let i = try await JSONIO.decode(InvitationInput.self, from: request)
            return try JSONIO.response(try await s.invite(ticketId: i.ticketId, repairOrderId: i.repairOrderId, validDays: i.validDays,
                                                          baseURL: Self.baseURL(request), by: p), status: .created)
        }
        routes.add(.init(.post, "/api/v1/survey-campaigns", summary: "Quarterly survey to a list of customers (SAT-01)", tag: "surveys",
                         request: "SurveyCampaignInput", response: "SurveyCampaign", status: 201)) { request, context in
            let p = try context.requirePrincipal()
            let i = try await JSONIO.decode(CampaignInput.self, from: request)
            return try JSONIO.response(try await s.campaign(name: i.name, quarter: i.quarter, customerIds: i.customerIds, validDays: i.validDays, occasion: i.occasion,
                                                            baseURL: Self.baseURL(request), by: p), status: .created)
        }
        routes.add(.init(.post, "/api/v1/public/surveys/{token}", summary: "Submit a survey once (no sign-in)", tag: "surveys",
                         request: "SurveySubmission", response: "SurveyReceipt", status: 201, auth: false)) { request, context in
            let token = try context.parameters.require("token")
            let i = try await JSONIO.decode(SurveySubmission.self, from: request)
            return try JSONIO.response(try await s.submit(token: token, i), status: .created)
        }
        routes.add(.init(.get, "/api/v1/survey-responses", summary: "Returned survey forms with their answers (SAT-05)", tag: "surveys",
                         response: "SurveyResponseList", query: ["from", "to", "overall", "page", "per"])) { request, context in
            let p = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await s.responses(from: q["from"], to: q["to"], overall: q["overall"], paging: try Paging.from(q), viewer: p))
        }
        routes.add(.init(.get, "/api/v1/reports/satisfaction", summary: "Satisfaction rate (SAT-08) by department or period against the target (SAT-09)",
                         tag: "reports", response: "SatisfactionReport", query: ["from", "to", "groupBy"])) { request, context in
            let p = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await s.report(from: q["from"], to: q["to"], groupBy: q["groupBy"], viewer: p))
        }
        routes.add(.init(.get, "/api/v1/settings/satisfaction-target", summary: "The company quality target for satisfaction (SAT-09)", tag: "surveys",
                         response: "SatisfactionTarget")) { _, context in
            _ = try context.requirePrincipal()
            return try JSONIO.response(TargetView(percent: try await s.target().map { Yuan.text(Int64($0)) }))
        }
        routes.add(.init(.put, "/api/v1/settings/satisfaction-target", summary: "Set the quality target (CS manager)", tag: "surveys",
                         request: "SatisfactionTargetInput", response: "SatisfactionTarget")) { request, context in
            let p = try context.requirePrincipal()
            let i = try await JSONIO.decode(TargetInput.self, from: request)
            return try JSONIO.response(TargetView(percent: try await s.setTarget(percent: i.percent, by: p)))
        }
    }
}

/// The survey template as JSON (SAT-03/04).
struct SurveyTemplateView: Encodable, Sendable {
    struct Level: Encodable, Sendable { let value: Int; let zh: String; let en: String }
    struct Item: Encodable, Sendable { let code: String; let zh: String; let en: String }
    struct Section: Encodable, Sendable { let code: String; let zh: String; let en: String; let items: [Item] }
    let levels: [Level]
    let sections: [Section]

    static let standard = SurveyTemplateView(
        levels: SatisfactionLevel.allCases.map { Level(value: $0.rawValue, zh: $0.zh, en: $0.en) },
        sections: SurveyTemplate.standard.map { s in Section(code: s.code, zh: s.zh, en: s.en, items: s.items.map { Item(code: $0.code, zh: $0.zh, en: $0.en) }) })
}
