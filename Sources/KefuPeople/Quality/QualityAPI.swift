import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of quality inspection (#15.5; KPI-02, KPI-03, CMP-17): standards, calls, inspections and the penalty
/// register.
public struct QualityAPI: Sendable {
    let standards: InspectionStandardService
    let inspections: InspectionService
    let penalties: QualityPenaltyService

    public init(standards: InspectionStandardService, inspections: InspectionService, penalties: QualityPenaltyService) {
        self.standards = standards
        self.inspections = inspections
        self.penalties = penalties
    }

    public func register(_ routes: ApiRoutes) {
        QualitySchemas.register(routes)
        routes.add(.init(.get, "/api/v1/inspection-standards", summary: "Inspection standards that apply to the caller's unit and those of the units below (KPI-03)",
                         tag: "people", response: "InspectionStandardPage", query: ["status", "kind", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await standards.standards(viewer: principal, status: q["status"], kind: q["kind"], paging: try Paging.from(q)))
        }
        routes.add(.init(.post, "/api/v1/inspection-standards", summary: "A unit's inspection standard: name, kind (ticket|call), items whose weights total 100 (KPI-03)",
                         tag: "people", request: "InspectionStandardInput", response: "InspectionStandard", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await standards.create(try await JSONIO.decode(InspectionStandardInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/inspection-standards/{id}", summary: "An inspection standard with its items", tag: "people", response: "InspectionStandard")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await standards.standard(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.put, "/api/v1/inspection-standards/{id}", summary: "Rewrite a standard or retire it; past inspections keep their items (KPI-03)",
                         tag: "people", request: "InspectionStandardInput", response: "InspectionStandard")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await standards.update(id: try context.parameters.require("id"), try await JSONIO.decode(InspectionStandardInput.self, from: request),
                                                                  by: principal))
        }
        routes.add(.init(.get, "/api/v1/calls", summary: "Calls entered for inspection: the caller's own, or the unit's and below for inspectors and supervisors",
                         tag: "people", response: "CallRecordPage", query: ["page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await inspections.calls(viewer: principal, paging: try Paging.from(request.queryDictionary)))
        }
        routes.add(.init(.post, "/api/v1/calls", summary: "Enter a call: time, caller number, agent, rings, duration, note; more than 3 rings proposes a penalty (KPI-02)",
                         tag: "people", request: "CallRecordInput", response: "CallRecord", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await inspections.enterCall(try await JSONIO.decode(CallRecordInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/calls/{id}", summary: "A call entered for inspection", tag: "people", response: "CallRecord")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await inspections.call(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/inspections", summary: "Inspections: view=mine the caller's own, else the unit's and below for inspectors and supervisors",
                         tag: "people", response: "InspectionPage", query: ["view", "q", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await inspections.inspections(viewer: principal, mine: q["view"] == "mine", q: q["q"], paging: try Paging.from(q)))
        }
        routes.add(.init(.post, "/api/v1/inspections", summary: "Score a ticket (by number) or a call against a standard; penaltyReason proposes a penalty (KPI-03, KPI-02)",
                         tag: "people", request: "InspectionInput", response: "Inspection", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await inspections.inspect(try await JSONIO.decode(InspectionInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/inspections/{id}", summary: "An inspection with its items as scored", tag: "people", response: "Inspection")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await inspections.inspection(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/quality-penalties", summary: "The penalty register of the caller's unit and below (an agent: its own); status narrows it (KPI-02)",
                         tag: "people", response: "QualityPenaltyPage", query: ["status", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await penalties.penalties(viewer: principal, status: q["status"], paging: try Paging.from(q)))
        }
        routes.add(.init(.post, "/api/v1/quality-penalties/scan", summary: "Propose a penalty for every third verified complaint about an agent, once each (KPI-02, CMP-17)",
                         tag: "people", response: "PenaltyScan")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await penalties.scan(by: principal))
        }
        routes.add(.init(.get, "/api/v1/quality-penalties/{id}", summary: "A penalty record", tag: "people", response: "QualityPenalty")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await penalties.penalty(id: try context.parameters.require("id"), viewer: principal))
        }
        for step in QualityPenaltyRules.Step.allCases {
            let summary = step == .confirm ? "The department supervisor confirms a proposed penalty with a reason (CMP-17); 409 penalty_state"
                : "The department supervisor waives a proposed penalty with a reason (CMP-17); 409 penalty_state"
            routes.add(.init(.post, "/api/v1/quality-penalties/{id}/\(step.rawValue)", summary: summary, tag: "people", request: "Decision",
                             response: "QualityPenalty")) { request, context in
                let principal = try context.requirePrincipal()
                let input = try await JSONIO.decode(DecisionInput.self, from: request)
                return try JSONIO.response(try await penalties.decide(step, id: try context.parameters.require("id"), reason: input.note, by: principal))
            }
        }
    }
}

enum QualitySchemas {
    static func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let int: JSONValue = ["type": "integer"]
        let bool: JSONValue = ["type": "boolean"]
        let strings: JSONValue = ["type": "array", "items": str]
        let hundred: JSONValue = ["type": "string", "pattern": "^[0-9]{1,3}\\.[0-9]{2}$"]
        let kind: JSONValue = ["type": "string", "enum": ["ticket", "call"]]
        let item: JSONValue = ["type": "object", "properties": ["label": str, "weight": hundred, "score": ["type": ["integer", "null"]]]]
        routes.schema("InspectionStandardInput", ["type": "object", "required": ["orgUnitId", "name", "kind", "items"], "properties": [
            "orgUnitId": str, "name": ["type": "string", "maxLength": 100], "kind": kind, "status": ["type": "string", "enum": ["active", "retired"]],
            "items": ["type": "array", "maxItems": 30, "items": ["type": "object", "required": ["label", "weight"], "properties": [
                "label": ["type": "string", "maxLength": 100], "weight": ["type": ["string", "number"]]]]]]])
        routes.schema("InspectionStandard", ["type": "object", "properties": [
            "id": str, "orgUnitId": str, "orgUnitName": str, "name": str, "kind": kind, "status": ["type": "string", "enum": ["active", "retired"]],
            "items": ["type": "array", "items": item], "actions": strings]])
        routes.pageSchema("InspectionStandardPage", item: "InspectionStandard")
        routes.schema("CallRecordInput", ["type": "object", "required": ["agentId", "calledAt", "callerNumber", "rings", "durationSeconds"], "properties": [
            "agentId": str, "calledAt": ["type": "string", "description": "YYYY-MM-DD HH:MM in the organisation's zone"], "callerNumber": ["type": "string", "maxLength": 30],
            "rings": ["type": "integer", "minimum": 0, "maximum": 99], "durationSeconds": ["type": "integer", "minimum": 0, "maximum": 86400],
            "note": ["type": "string", "maxLength": 1000]]])
        routes.schema("CallRecord", ["type": "object", "properties": [
            "id": str, "orgUnitId": str, "agentId": str, "agentName": str, "calledAt": str, "callerNumber": str, "rings": int, "durationSeconds": int, "note": str,
            "lateAnswer": bool, "penaltyId": optStr]])
        routes.pageSchema("CallRecordPage", item: "CallRecord")
        routes.schema("InspectionInput", ["type": "object", "required": ["standardId", "scores"], "properties": [
            "standardId": str, "ticketNumber": str, "callId": str, "agentId": str,
            "scores": ["type": "array", "items": ["type": "integer", "minimum": 0, "maximum": 100]], "comment": ["type": "string", "maxLength": 2000],
            "penaltyReason": ["type": "string", "maxLength": 500]]])
        routes.schema("Inspection", ["type": "object", "properties": [
            "id": str, "number": str, "orgUnitId": str, "agentId": str, "agentName": str, "standardId": str, "standardName": str, "kind": kind,
            "ticketId": optStr, "ticketNumber": optStr, "callId": optStr, "total": hundred, "items": ["type": "array", "items": item], "comment": str,
            "inspectorId": str, "inspectorName": str, "inspectedAt": str, "penaltyId": optStr]])
        routes.pageSchema("InspectionPage", item: "Inspection")
        routes.schema("QualityPenalty", ["type": "object", "properties": [
            "id": str, "number": str, "orgUnitId": str, "agentId": str, "agentName": str,
            "source": ["type": "string", "enum": ["late_answer", "complaints", "inspection"]], "reason": str,
            "status": ["type": "string", "enum": ["proposed", "confirmed", "waived"]], "occurredAt": str, "callId": optStr, "inspectionId": optStr,
            "decidedBy": optStr, "decidedByName": optStr, "decisionReason": optStr, "actions": strings]])
        routes.pageSchema("QualityPenaltyPage", item: "QualityPenalty")
        routes.schema("PenaltyScan", ["type": "object", "properties": ["created": int]])
    }
}
