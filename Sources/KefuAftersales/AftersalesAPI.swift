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

    struct TicketIdInput: Decodable { let ticketId: String? }
    struct ClassifyInput: Decodable { let responsibility: String?; let handling: String? }
    struct ActionsInput: Decodable { let corrective: String?; let preventive: String?; let dueDate: String? }
    struct MeetingInput: Decodable { let minutes: String?; let participants: [String]?; let major: Bool? }
    struct ConfirmationInput: Decodable { let accepted: Bool?; let comment: String? }
    struct VerificationInput: Decodable { let effective: Bool?; let note: String?; let side: String? }
    struct NoteInput: Decodable { let note: String? }
    struct DiagnosisInput: Decodable {
        struct Fee: Decodable { let amount: String?; let currency: String? }
        let mainComponentDamaged: Bool?; let inWarranty: Bool?; let fee: Fee?; let note: String?
    }
    struct DecisionInput: Decodable { let approved: Bool?; let signedBy: String? }
    struct QCInput: Decodable { let passed: Bool?; let note: String? }
    struct ShipInput: Decodable { let method: String?; let trackingNumber: String? }
    struct InspectionInput: Decodable { let report: String?; let responsibility: String? }
    struct ReasonInput: Decodable { let reason: String? }
    struct SlipInput: Decodable { let salespersonId: String? }
    struct SalespersonInput: Decodable { let shipDate: String?; let note: String? }
    struct TrackingInput: Decodable { let trackingNumber: String? }
    struct InvitationInput: Decodable { let ticketId: String?; let repairOrderId: String?; let validDays: Int? }
    struct CampaignInput: Decodable { let name: String?; let quarter: String?; let customerIds: [String]?; let validDays: Int? }
    struct TargetInput: Decodable { let percent: String? }
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
                         query: ["status", "from", "to", "overdue", "page", "per"])) { request, context in
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
        routes.add(.init(.get, "/api/v1/complaints/{id}", summary: "A complaint case with its whole history", tag: "complaints", response: "Complaint")) { _, context in
            let p = try context.requirePrincipal()
            return try JSONIO.response(try await c.get(id: try context.parameters.require("id"), viewer: p))
        }
        routes.add(.init(.post, "/api/v1/complaints/{id}/classify", summary: "Classify (customer service, CMP-02)", tag: "complaints",
                         request: "ComplaintClassifyInput", response: "Complaint")) { request, context in
            let p = try context.requirePrincipal()
            let i = try await JSONIO.decode(ClassifyInput.self, from: request)
            return try JSONIO.response(try await c.classify(id: try context.parameters.require("id"), responsibility: i.responsibility, handling: i.handling, by: p))
        }
        routes.add(.init(.post, "/api/v1/complaints/{id}/analysis", summary: "Root cause and responsibility (quality, CMP-06)", tag: "complaints",
                         request: "ComplaintAnalysisInput", response: "Complaint")) { request, context in
            let p = try context.requirePrincipal()
            let i = try await JSONIO.decode(ComplaintService.AnalysisInput.self, from: request)
            return try JSONIO.response(try await c.analysis(id: try context.parameters.require("id"), i, by: p))
        }
        routes.add(.init(.post, "/api/v1/complaints/{id}/actions", summary: "Corrective and preventive actions with a due date (responsible department, CMP-09)",
                         tag: "complaints", request: "ComplaintActionsInput", response: "Complaint")) { request, context in
            let p = try context.requirePrincipal()
            let i = try await JSONIO.decode(ActionsInput.self, from: request)
            return try JSONIO.response(try await c.planActions(id: try context.parameters.require("id"), corrective: i.corrective, preventive: i.preventive, dueDate: i.dueDate, by: p))
        }
        routes.add(.init(.post, "/api/v1/complaints/{id}/actions/approve", summary: "Approve the actions (管理者代表)", tag: "complaints", response: "Complaint")) { _, context in
            let p = try context.requirePrincipal()
            return try JSONIO.response(try await c.approve(id: try context.parameters.require("id"), by: p))
        }
        routes.add(.init(.post, "/api/v1/complaints/{id}/review-meeting", summary: "Record a joint review (会审, CMP-10)", tag: "complaints",
                         request: "ReviewMeetingInput", response: "Complaint")) { request, context in
            let p = try context.requirePrincipal()
            let i = try await JSONIO.decode(MeetingInput.self, from: request)
            return try JSONIO.response(try await c.reviewMeeting(id: try context.parameters.require("id"), minutes: i.minutes, participants: i.participants, major: i.major, by: p))
        }
        routes.add(.init(.post, "/api/v1/complaints/{id}/customer-confirmation", summary: "The customer's confirmation (customer service, CMP-11)", tag: "complaints",
                         request: "CustomerConfirmationInput", response: "Complaint")) { request, context in
            let p = try context.requirePrincipal()
            let i = try await JSONIO.decode(ConfirmationInput.self, from: request)
            return try JSONIO.response(try await c.customerConfirmation(id: try context.parameters.require("id"), accepted: i.accepted, comment: i.comment, by: p))
        }
        routes.add(.init(.post, "/api/v1/complaints/{id}/verification", summary: "Verify effectiveness (quality and customer service, CMP-12)", tag: "complaints",
                         request: "VerificationInput", response: "Complaint")) { request, context in
            let p = try context.requirePrincipal()
            let i = try await JSONIO.decode(VerificationInput.self, from: request)
            return try JSONIO.response(try await c.verification(id: try context.parameters.require("id"), effective: i.effective, note: i.note, side: i.side, by: p))
        }
        routes.add(.init(.post, "/api/v1/complaints/{id}/close", summary: "Close with the explanation or handling (customer service)", tag: "complaints",
                         request: "NoteInput", response: "Complaint")) { request, context in
            let p = try context.requirePrincipal()
            let i = try await JSONIO.decode(NoteInput.self, from: request)
            return try JSONIO.response(try await c.close(id: try context.parameters.require("id"), note: i.note, by: p))
        }
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
        routes.add(.init(.post, "/api/v1/repair-orders/{id}/diagnosis", summary: "Diagnosis with warranty and main-component check (repair group, RMA-02)",
                         tag: "repairs", request: "DiagnosisInput", response: "RepairOrder")) { request, context in
            let p = try context.requirePrincipal()
            let i = try await JSONIO.decode(DiagnosisInput.self, from: request)
            if i.fee != nil, i.fee?.amount == nil { throw AppError.validation("fee.amount", Text("请填写 fee.amount", "fee.amount is required")) }
            return try JSONIO.response(try await r.diagnose(id: try context.parameters.require("id"), mainComponentDamaged: i.mainComponentDamaged, inWarranty: i.inWarranty,
                                                             feeAmount: i.fee?.amount, feeCurrency: i.fee?.currency, note: i.note, by: p))
        }
        routes.add(.init(.post, "/api/v1/repair-orders/{id}/customer-decision", summary: "The customer's signed decision on the fee quote (RMA-03/04)",
                         tag: "repairs", request: "CustomerDecisionInput", response: "RepairOrder")) { request, context in
            let p = try context.requirePrincipal()
            let i = try await JSONIO.decode(DecisionInput.self, from: request)
            return try JSONIO.response(try await r.customerDecision(id: try context.parameters.require("id"), approved: i.approved, signedBy: i.signedBy, by: p))
        }
        routes.add(.init(.post, "/api/v1/repair-orders/{id}/qc", summary: "QC inspection (quality only, RMA-05)", tag: "repairs",
                         request: "QCInput", response: "RepairOrder")) { request, context in
            let p = try context.requirePrincipal()
            let i = try await JSONIO.decode(QCInput.self, from: request)
            return try JSONIO.response(try await r.qc(id: try context.parameters.require("id"), passed: i.passed, note: i.note, by: p))
        }
        routes.add(.init(.post, "/api/v1/repair-orders/{id}/ship", summary: "Dispatch slip (返修品出库单); only after QC passed or returning unrepaired",
                         tag: "repairs", request: "ShipInput", response: "RepairOrder")) { request, context in
            let p = try context.requirePrincipal()
            let i = try await JSONIO.decode(ShipInput.self, from: request)
            return try JSONIO.response(try await r.ship(id: try context.parameters.require("id"), method: i.method, trackingNumber: i.trackingNumber, by: p))
        }
        routes.add(.init(.post, "/api/v1/repair-orders/{id}/close", summary: "The customer has the unit (RMA-06)", tag: "repairs", response: "RepairOrder")) { request, context in
            let p = try context.requirePrincipal()
            let i = try await Self.optionalBody(NoteInput.self, request, empty: NoteInput(note: nil))
            return try JSONIO.response(try await r.close(id: try context.parameters.require("id"), note: i.note, by: p))
        }
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
        func simple(_ path: String, _ summary: String, request: String? = nil,
                    _ act: @escaping @Sendable (String, Request, Principal) async throws -> ReturnView) {
            routes.add(.init(.post, "/api/v1/returns/{id}/" + path, summary: summary, tag: "returns", request: request, response: "Return")) { req, context in
                let p = try context.requirePrincipal()
                return try JSONIO.response(try await act(try context.parameters.require("id"), req, p))
            }
        }
        simple("receive", "Returned goods received (customer service)") { id, _, p in try await s.receive(id: id, by: p) }
        simple("inspection", "QA inspection report fixing responsibility (RMA-08)", request: "ReturnInspectionInput") { id, req, p in
            let i = try await JSONIO.decode(InspectionInput.self, from: req)
            return try await s.inspect(id: id, report: i.report, responsibility: i.responsibility, by: p)
        }
        simple("override", "Sales manager overrides the 3-month rule with a written reason (D14)", request: "OverrideInput") { id, req, p in
            try await s.override(id: id, reason: try await JSONIO.decode(ReasonInput.self, from: req).reason, by: p)
        }
        simple("slip", "Issue the red copy of 退回/换货品详单 to the regional salesperson (RMA-10)", request: "SlipInput") { id, req, p in
            let i = try await Self.optionalBody(SlipInput.self, req, empty: SlipInput(salespersonId: nil))
            return try await s.issueSlip(id: id, salespersonId: i.salespersonId, by: p)
        }
        simple("salesperson-note", "The salesperson annotates ship date and reason", request: "SalespersonInput") { id, req, p in
            let i = try await JSONIO.decode(SalespersonInput.self, from: req)
            return try await s.annotate(id: id, shipDate: i.shipDate, note: i.note, by: p)
        }
        simple("sign", "The sales manager signs the slip") { id, _, p in try await s.sign(id: id, by: p) }
        simple("book", "Finance books the return") { id, _, p in try await s.book(id: id, by: p) }
        simple("ship-replacement", "Ship the replacement of an exchange (RMA-11)", request: "ReplacementInput") { id, req, p in
            let i = try await Self.optionalBody(TrackingInput.self, req, empty: TrackingInput(trackingNumber: nil))
            return try await s.shipReplacement(id: id, trackingNumber: i.trackingNumber, by: p)
        }
        simple("close", "Close the return") { id, _, p in try await s.close(id: id, by: p) }
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
            return try JSONIO.response(try await s.campaign(name: i.name, quarter: i.quarter, customerIds: i.customerIds, validDays: i.validDays,
                                                            baseURL: Self.baseURL(request), by: p), status: .created)
        }
        routes.add(.init(.post, "/api/v1/public/surveys/{token}", summary: "Submit a survey once (no sign-in)", tag: "surveys",
                         request: "SurveySubmission", response: "SurveyReceipt", status: 201, auth: false)) { request, context in
            let token = try context.parameters.require("token")
            let i = try await JSONIO.decode(SurveySubmission.self, from: request)
            return try JSONIO.response(try await s.submit(token: token, i), status: .created)
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
