import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of attendance (API.md "People"): absenteeism (旷工, SHF-05, SHF-09, SHF-11) and leaving the work area
/// (离岗, SHF-12) with each unit's allowed time.
public struct AttendanceAPI: Sendable {
    let absences: AbsenceService
    let workAreaLeaves: WorkAreaLeaveService

    public init(absences: AbsenceService, workAreaLeaves: WorkAreaLeaveService) {
        self.absences = absences
        self.workAreaLeaves = workAreaLeaves
    }

    static func view(_ q: [String: String]) throws -> WorkAreaLeaveListView {
        guard let raw = q["view"], !raw.isEmpty else { return .mine }
        guard let v = WorkAreaLeaveListView(rawValue: raw) else {
            throw AppError.validation("view", Text("view 只能是 mine、approval 或 unit", "view is mine, approval or unit"))
        }
        return v
    }

    public func register(_ routes: ApiRoutes) {
        AttendanceSchemas.register(routes)
        routes.add(.init(.get, "/api/v1/absences", summary: "Absenteeism records: the caller's own shares, and for supervisors and managers their units' (filter by orgUnitId, month yyyy-mm, userId)",
                         tag: "people", response: "AbsencePage", query: ["orgUnitId", "month", "userId", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            let filter = AbsenceQueries.Filter(orgUnitId: q["orgUnitId"], month: q["month"], userId: q["userId"])
            return try JSONIO.response(try await absences.absences(filter, viewer: principal, paging: try Paging.from(q)))
        }
        routes.add(.init(.post, "/api/v1/absences", summary: "Record a missed shift as absenteeism; 422 on_approved_leave, blame_shares_missing, blame_shares_invalid, blame_shares_unexpected, not_a_swapped_shift; 409 absence_exists (SHF-05, SHF-09, SHF-11)",
                         tag: "people", request: "AbsenceInput", response: "Absence", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await absences.record(try await JSONIO.decode(AbsenceInput.self, from: request), by: principal), status: .created)
        }
        registerWorkAreaLeaves(routes)
    }

    func registerWorkAreaLeaves(_ routes: ApiRoutes) {
        routes.add(.init(.get, "/api/v1/work-area-leaves", summary: "Work-area leaves: the caller's (mine), those awaiting its decision as duty manager (approval), or its units' (unit) (SHF-12)",
                         tag: "people", response: "WorkAreaLeavePage", query: ["view", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await workAreaLeaves.leaves(view: try Self.view(q), viewer: principal, paging: try Paging.from(q)))
        }
        routes.add(.init(.post, "/api/v1/work-area-leaves", summary: "Leave the work area for some minutes: logged within the unit's allowed time, else awaiting the duty manager; 409 work_area_leave_open (SHF-12)",
                         tag: "people", request: "WorkAreaLeaveInput", response: "WorkAreaLeave", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await workAreaLeaves.request(try await JSONIO.decode(WorkAreaLeaveInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.post, "/api/v1/work-area-leaves/{id}/approve", summary: "The duty manager approves a leave beyond the allowed time (SHF-12)",
                         tag: "people", request: "Decision", response: "WorkAreaLeave")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await workAreaLeaves.approve(id: try context.parameters.require("id"), try await JSONIO.decode(DecisionInput.self, from: request), by: principal))
        }
        routes.add(.init(.post, "/api/v1/work-area-leaves/{id}/reject", summary: "The duty manager refuses a leave beyond the allowed time (SHF-12)",
                         tag: "people", request: "Decision", response: "WorkAreaLeave")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await workAreaLeaves.reject(id: try context.parameters.require("id"), try await JSONIO.decode(DecisionInput.self, from: request), by: principal))
        }
        routes.add(.init(.post, "/api/v1/work-area-leaves/{id}/return", summary: "The person is back; an overstay beyond the approved time is flagged (SHF-12)",
                         tag: "people", response: "WorkAreaLeave")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await workAreaLeaves.returned(id: try context.parameters.require("id"), by: principal))
        }
        routes.add(.init(.get, "/api/v1/org-units/{id}/work-area-limit", summary: "A unit's allowed time away from the work area (own, inherited or the default) (SHF-12)",
                         tag: "people", response: "WorkAreaLimit")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await workAreaLeaves.limit(unitId: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.put, "/api/v1/org-units/{id}/work-area-limit", summary: "Set a unit's allowed time away from the work area, 1–120 minutes (SHF-12)",
                         tag: "people", request: "WorkAreaLimitInput", response: "WorkAreaLimit")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await workAreaLeaves.setLimit(unitId: try context.parameters.require("id"), try await JSONIO.decode(WorkAreaLimitInput.self, from: request),
                                                                       by: principal))
        }
    }
}

enum AttendanceSchemas {
    static func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let percent: JSONValue = ["type": "integer", "minimum": 0, "maximum": 100]
        routes.schema("AbsenceInput", ["type": "object", "required": ["shiftId"], "properties": [
            "shiftId": ["type": "string", "description": "the id of the roster entry that was missed"],
            "unclearHandover": ["type": "boolean", "description": "the shift was swapped and the handover between the two parties was unclear (SHF-11)"],
            "shares": ["type": "array", "items": ["type": "object", "required": ["userId", "percent"], "properties": ["userId": str, "percent": percent]]],
            "absenteePercent": percent, "otherPartyPercent": percent,
            "note": ["type": "string", "maxLength": 500]]])
        let brief: JSONValue = ["type": "object", "properties": ["entryId": str, "date": ["type": "string", "format": "date"], "shiftCode": str, "start": str, "end": str]]
        routes.schema("Absence", ["type": "object", "properties": [
            "id": str, "number": str, "orgUnitId": str, "userId": str, "userName": str, "shift": brief, "swapId": optStr,
            "unclearHandover": ["type": "boolean"], "note": str, "recordedBy": str, "recordedByName": str, "createdAt": str,
            "shares": ["type": "array", "items": ["type": "object", "properties": ["userId": str, "userName": str, "percent": percent]]]]])
        routes.pageSchema("AbsencePage", item: "Absence")
        let optTime: JSONValue = ["type": ["string", "null"], "format": "date-time"]
        routes.schema("WorkAreaLeaveInput", ["type": "object", "required": ["minutes", "reason"], "properties": [
            "minutes": ["type": "integer", "minimum": 1, "maximum": .number(WorkAreaLeaveRules.maxMinutes)], "reason": ["type": "string", "maxLength": 200]]])
        routes.schema("WorkAreaLeave", ["type": "object", "properties": [
            "id": str, "number": str, "orgUnitId": str, "userId": str, "userName": str, "minutes": ["type": "integer"], "allowedMinutes": ["type": "integer"],
            "needsApproval": ["type": "boolean"], "reason": str, "status": ["type": "string", "enum": ["requested", "out", "rejected", "returned"]],
            "decidedBy": optStr, "decidedByName": optStr, "decisionNote": optStr, "leftAt": optTime, "returnedAt": optTime,
            "overstayMinutes": ["type": ["integer", "null"]], "overstayed": ["type": "boolean"], "createdAt": str, "actions": ["type": "array", "items": str]]])
        routes.pageSchema("WorkAreaLeavePage", item: "WorkAreaLeave")
        routes.schema("WorkAreaLimitInput", ["type": "object", "required": ["allowedMinutes"], "properties": ["allowedMinutes": ["type": "integer", "minimum": 1, "maximum": 120]]])
        routes.schema("WorkAreaLimit", ["type": "object", "properties": [
            "orgUnitId": str, "allowedMinutes": ["type": "integer"], "fromUnitId": optStr, "defaultMinutes": ["type": "integer"], "actions": ["type": "array", "items": str]]])
    }
}
