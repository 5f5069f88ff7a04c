import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the service-quality analyses with rectification plans (KPI-07, API.md "People").
public struct QualityAnalysisAPI: Sendable {
    let analyses: QualityAnalysisService

    public init(analyses: QualityAnalysisService) { self.analyses = analyses }

    public func register(_ routes: ApiRoutes) {
        QualityAnalysisSchemas.register(routes)
        routes.add(.init(.get, "/api/v1/quality-analyses", summary: "Service-quality analyses of the caller's unit and below (KPI-07); filters orgUnitId, period (2026-11, 2026-Q4), status",
                         tag: "people", response: "QualityAnalysisPage", query: ["orgUnitId", "period", "status", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await analyses.analyses(viewer: principal, unitId: q["orgUnitId"], period: q["period"], status: q["status"], paging: try Paging.from(q)))
        }
        routes.add(.init(.post, "/api/v1/quality-analyses", summary: "The unit's CS supervisor opens a month's or quarter's quality analysis with findings and a rectification plan (KPI-07)",
                         tag: "people", request: "QualityAnalysisInput", response: "QualityAnalysis", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await analyses.create(try await JSONIO.decode(QualityAnalysisInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/quality-analyses/{id}", summary: "A quality analysis: its figures (live while a draft, frozen once submitted) and plan lines (KPI-07)",
                         tag: "people", response: "QualityAnalysis")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await analyses.analysis(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.put, "/api/v1/quality-analyses/{id}", summary: "Rewrite a draft analysis (KPI-07); 409 invalid_transition once submitted",
                         tag: "people", request: "QualityAnalysisInput", response: "QualityAnalysis")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await analyses.update(id: try context.parameters.require("id"), try await JSONIO.decode(QualityAnalysisInput.self, from: request), by: principal))
        }
        for step in QualityAnalysisRules.Step.allCases {
            let summary: String
            switch step {
            case .submit: summary = "Submit to the office director (the CS manager): the figures are frozen; 422 validation_failed (lines) when a target is missed without a plan line (KPI-07)"
            case .approve: summary = "The office director (CS manager) approves the rectification plan (KPI-07); 409 own_analysis or invalid_transition"
            case .return: summary = "The office director returns the analysis with a reason (note); it is a draft again (KPI-07)"
            }
            routes.add(.init(.post, "/api/v1/quality-analyses/{id}/\(step.rawValue)", summary: summary, tag: "people", request: "Decision", response: "QualityAnalysis")) { request, context in
                let principal = try context.requirePrincipal()
                let input = try await JSONIO.decode(DecisionInput.self, from: request)
                return try JSONIO.response(try await analyses.step(step, id: try context.parameters.require("id"), note: input.note, by: principal))
            }
        }
        routes.add(.init(.post, "/api/v1/quality-analyses/{id}/lines/{lineId}/done", summary: "A plan line carried out, with its result (整改结果), by its responsible person or the supervisor (KPI-07)",
                         tag: "people", request: "QualityLineDoneInput", response: "QualityAnalysis")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(QualityLineDoneInput.self, from: request)
            return try JSONIO.response(try await analyses.markDone(id: try context.parameters.require("id"), lineId: try context.parameters.require("lineId"),
                                                                   result: input.result, by: principal))
        }
    }
}

enum QualityAnalysisSchemas {
    static func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let int: JSONValue = ["type": "integer"]
        let date: JSONValue = ["type": "string", "format": "date"]
        let period: JSONValue = ["type": "string", "pattern": "^[0-9]{4}-([0-9]{2}|Q[1-4])$", "description": "a month 2026-11 or a quarter 2026-Q4"]
        let ratio: JSONValue = ["type": "object", "properties": ["count": int, "of": int, "percent": optStr, "basisPoints": ["type": ["integer", "null"]]]]
        routes.schema("QualityAnalysisInput", ["type": "object", "required": ["orgUnitId", "period"], "properties": [
            "orgUnitId": str, "period": period, "findings": ["type": "string", "maxLength": 4000],
            "lines": ["type": "array", "maxItems": 50, "items": ["type": "object", "required": ["problem", "measure", "responsibleId", "due"], "properties": [
                "problem": ["type": "string", "maxLength": 500], "measure": ["type": "string", "maxLength": 500], "responsibleId": str, "due": date]]]]])
        routes.schema("QualityLineDoneInput", ["type": "object", "required": ["result"], "properties": ["result": ["type": "string", "maxLength": 500]]])
        let figures: JSONValue = ["type": ["object", "null"], "properties": [
            "ticketsReceived": int, "firstResponse": ratio, "resolution": ratio, "escalations": int, "lateEscalations": int, "complaints": int,
            "verifiedComplaints": int, "satisfaction": ratio, "satisfactionTarget": optStr, "inspections": int, "inspectionScore": optStr, "penalties": int,
            "misses": ["type": "array", "items": ["type": "string", "enum": ["firstResponse", "resolution", "escalation", "satisfaction"]]], "frozen": ["type": "boolean"]]]
        let line: JSONValue = ["type": "object", "properties": [
            "id": str, "line": int, "problem": str, "measure": str, "responsibleId": str, "responsibleName": str, "due": date, "done": ["type": "boolean"],
            "doneAt": optStr, "doneByName": optStr, "result": optStr, "overdue": ["type": "boolean"], "actions": ["type": "array", "items": str]]]
        routes.schema("QualityAnalysis", ["type": "object", "properties": [
            "id": str, "number": str, "orgUnitId": str, "orgUnitName": str, "period": period, "periodStart": date, "periodEnd": date,
            "status": ["type": "string", "enum": ["draft", "submitted", "approved", "completed"]], "authorId": str, "authorName": str, "findings": str,
            "figures": figures, "lines": ["type": "array", "items": line], "overdueLines": int, "submittedAt": optStr, "decidedByName": optStr,
            "decidedAt": optStr, "decisionNote": optStr, "completedAt": optStr, "createdAt": str, "actions": ["type": "array", "items": str]]])
        routes.pageSchema("QualityAnalysisPage", item: "QualityAnalysis")
    }
}
