import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of training, attendance and qualifications (#15.4, TRN-01..03; API.md "People": `GET /api/v1/trainings`).
public struct TrainingAPI: Sendable {
    let sessions: TrainingService
    let plans: TrainingPlanService
    let qualifications: QualificationService

    public init(sessions: TrainingService, plans: TrainingPlanService, qualifications: QualificationService) {
        self.sessions = sessions
        self.plans = plans
        self.qualifications = qualifications
    }

    public func register(_ routes: ApiRoutes) {
        TrainingSchemas.register(routes)
        routes.add(.init(.get, "/api/v1/trainings", summary: "Training sessions of the caller's unit and below, newest first (TRN-01)", tag: "people",
                         response: "TrainingSessionPage", query: ["q", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await sessions.sessions(viewer: principal, q: q["q"], paging: try Paging.from(q)))
        }
        routes.add(.init(.post, "/api/v1/trainings", summary: "Record a unit's training session: topic, trainer, date, time, place, content (TRN-01); planId: an approved plan (TRN-02)",
                         tag: "people", request: "TrainingSessionInput", response: "TrainingSession", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await sessions.createSession(try await JSONIO.decode(TrainingSessionInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/trainings/{id}", summary: "A training session with its attendance", tag: "people", response: "TrainingSession")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await sessions.session(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.put, "/api/v1/trainings/{id}/attendance", summary: "The attendance sheet: present, absent or excused, score 0–100 (TRN-01); 409 session_not_held_yet",
                         tag: "people", request: "AttendanceInput", response: "TrainingSession")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await sessions.recordAttendance(sessionId: try context.parameters.require("id"),
                                                                           try await JSONIO.decode(AttendanceInput.self, from: request), by: principal))
        }
        routes.add(.init(.get, "/api/v1/training/gaps", summary: "Per unit of the caller's scope, the months from..to (YYYY-MM) without a held training session (TRN-01)",
                         tag: "people", response: "TrainingGaps", query: ["from", "to"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await sessions.gaps(viewer: principal, from: q["from"], to: q["to"]))
        }
        routes.add(.init(.get, "/api/v1/training-plans", summary: "Training plans of the caller's unit and below (TRN-02)", tag: "people",
                         response: "TrainingPlanPage", query: ["status", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await plans.plans(viewer: principal, status: q["status"], paging: try Paging.from(q)))
        }
        routes.add(.init(.post, "/api/v1/training-plans", summary: "The CS supervisor writes a training plan, one line per month and topic (TRN-02)", tag: "people",
                         request: "TrainingPlanInput", response: "TrainingPlan", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await plans.create(try await JSONIO.decode(TrainingPlanInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/training-plans/{id}", summary: "A training plan", tag: "people", response: "TrainingPlan")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await plans.plan(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.put, "/api/v1/training-plans/{id}", summary: "Rewrite a draft or returned plan (TRN-02); 409 plan_state once submitted", tag: "people",
                         request: "TrainingPlanInput", response: "TrainingPlan")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await plans.update(id: try context.parameters.require("id"), try await JSONIO.decode(TrainingPlanInput.self, from: request), by: principal))
        }
        for step in TrainingRules.PlanStep.allCases {
            let summary: String
            switch step {
            case .submit: summary = "Submit the plan to the office director (TRN-02); 409 plan_state"
            case .approve: summary = "The office director approves the plan (TRN-02); 409 own_plan or plan_state"
            case .return: summary = "The office director returns the plan with a note (TRN-02)"
            }
            routes.add(.init(.post, "/api/v1/training-plans/{id}/\(step.rawValue)", summary: summary, tag: "people", request: "Decision", response: "TrainingPlan")) { request, context in
                let principal = try context.requirePrincipal()
                let input = try await JSONIO.decode(DecisionInput.self, from: request)
                return try JSONIO.response(try await plans.step(step, id: try context.parameters.require("id"), note: input.note, by: principal))
            }
        }
        routes.add(.init(.get, "/api/v1/staff-qualifications", summary: "Qualifications of the staff of the caller's unit and below; flag=typing|certificates|any keeps the flagged (TRN-03)",
                         tag: "people", response: "QualificationsPage", query: ["flag", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await qualifications.staff(viewer: principal, flag: q["flag"], paging: try Paging.from(q)))
        }
        routes.add(.init(.get, "/api/v1/staff/{id}/qualifications", summary: "A person's qualifications with the typing and certificate flags (TRN-03)",
                         tag: "people", response: "Qualifications")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await qualifications.qualifications(userId: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.put, "/api/v1/staff/{id}/qualifications", summary: "Replace a person's qualifications: Mandarin level, dialects, typing speed, certificates (TRN-03)",
                         tag: "people", request: "QualificationsInput", response: "Qualifications")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await qualifications.put(userId: try context.parameters.require("id"),
                                                                    try await JSONIO.decode(QualificationsInput.self, from: request), by: principal))
        }
    }
}

enum TrainingSchemas {
    static func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let int: JSONValue = ["type": "integer"]
        let optInt: JSONValue = ["type": ["integer", "null"]]
        let date: JSONValue = ["type": "string", "format": "date"]
        let month: JSONValue = ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"]
        let time: JSONValue = ["type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"]
        let strings: JSONValue = ["type": "array", "items": str]
        routes.schema("TrainingSessionInput", ["type": "object", "required": ["orgUnitId", "topic", "trainer", "date", "start", "end", "place"], "properties": [
            "orgUnitId": str, "topic": ["type": "string", "maxLength": 100], "trainer": ["type": "string", "maxLength": 40], "date": date, "start": time, "end": time,
            "place": ["type": "string", "maxLength": 100], "content": ["type": "string", "maxLength": 2000], "planId": str]])
        let attendance: JSONValue = ["type": "object", "properties": [
            "userId": str, "userName": str, "status": ["type": "string", "enum": ["present", "absent", "excused"]], "score": optInt]]
        routes.schema("AttendanceInput", ["type": "object", "required": ["lines"], "properties": [
            "lines": ["type": "array", "items": ["type": "object", "required": ["userId", "status"], "properties": [
                "userId": str, "status": ["type": "string", "enum": ["present", "absent", "excused"]], "score": ["type": "integer", "minimum": 0, "maximum": 100]]]]]])
        routes.schema("TrainingSession", ["type": "object", "properties": [
            "id": str, "number": str, "orgUnitId": str, "orgUnitName": str, "topic": str, "trainer": str, "date": date, "start": time, "end": time,
            "place": str, "content": str, "planId": optStr, "presentCount": int, "attendance": ["type": "array", "items": attendance], "actions": strings]])
        routes.pageSchema("TrainingSessionPage", item: "TrainingSession")
        routes.schema("TrainingGaps", ["type": "object", "properties": [
            "from": month, "to": month, "units": ["type": "array", "items": ["type": "object", "properties": [
                "orgUnitId": str, "orgUnitName": str, "gaps": int, "months": ["type": "array", "items": ["type": "object", "properties": [
                    "month": month, "sessions": int, "status": ["type": "string", "enum": ["covered", "gap", "open"]]]]]]]]]])
        let line: JSONValue = ["type": "object", "required": ["month", "topic"], "properties": ["month": month, "topic": ["type": "string", "maxLength": 100]]]
        routes.schema("TrainingPlanInput", ["type": "object", "required": ["orgUnitId", "title", "lines"], "properties": [
            "orgUnitId": str, "title": ["type": "string", "maxLength": 100], "lines": ["type": "array", "items": line]]])
        routes.schema("TrainingPlan", ["type": "object", "properties": [
            "id": str, "number": str, "orgUnitId": str, "orgUnitName": str, "title": str,
            "status": ["type": "string", "enum": ["draft", "submitted", "approved", "returned"]], "authorId": str, "authorName": str,
            "decidedBy": optStr, "decidedByName": optStr, "decisionNote": optStr, "lines": ["type": "array", "items": line], "createdAt": str, "actions": strings]])
        routes.pageSchema("TrainingPlanPage", item: "TrainingPlan")
        let certificate: JSONValue = ["type": "object", "required": ["name", "number"], "properties": [
            "name": str, "number": str, "expiresOn": ["type": ["string", "null"], "format": "date"],
            "status": ["type": "string", "enum": ["valid", "expiring", "expired", "permanent"]]]]
        routes.schema("QualificationsInput", ["type": "object", "properties": [
            "mandarinLevel": ["type": "string", "enum": ["1A", "1B", "2A", "2B", "3A", "3B"]], "dialects": strings,
            "typingSpeed": ["type": "integer", "minimum": 0, "maximum": 400], "typingTestedOn": date, "certificates": ["type": "array", "items": certificate]]])
        routes.schema("Qualifications", ["type": "object", "properties": [
            "userId": str, "userName": str, "orgUnitId": str, "roles": strings, "mandarinLevel": optStr, "dialects": strings, "typingSpeed": optInt,
            "typingTestedOn": optStr, "typingFlag": ["type": ["string", "null"], "enum": ["below_required", "not_recorded", .null]],
            "certificates": ["type": "array", "items": certificate], "certificateAlerts": int, "actions": strings]])
        routes.pageSchema("QualificationsPage", item: "Qualifications")
    }
}
