import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the people feature (API.md "People": shifts, rosters, shift swaps, leave; #15.1, #15.3).
public struct PeopleAPI: Sendable {
    let rosters: RosterService
    let swaps: SwapService

    public init(rosters: RosterService, swaps: SwapService) {
        self.rosters = rosters
        self.swaps = swaps
    }

    static func view(_ q: [String: String]) throws -> RequestListView {
        guard let raw = q["view"], !raw.isEmpty else { return .mine }
        guard let v = RequestListView(rawValue: raw) else { throw AppError.validation("view", Text("view 只能是 mine 或 approval", "view is mine or approval")) }
        return v
    }

    public func register(_ routes: ApiRoutes) {
        PeopleSchemas.register(routes)
        routes.add(.init(.get, "/api/v1/shifts", summary: "Shift definitions of the caller's unit, the units above and below (SHF-13)", tag: "people",
                         response: "ShiftPage", query: ["page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await rosters.shifts(viewer: principal, paging: try Paging.from(request.queryDictionary)))
        }
        routes.add(.init(.post, "/api/v1/shifts", summary: "Define a unit's shift: times, meal break (12:00–13:30 by default), cleaning duty (SHF-13)",
                         tag: "people", request: "ShiftInput", response: "Shift", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await rosters.createShift(try await JSONIO.decode(ShiftInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/rosters/{orgUnitId}/{month}", summary: "A unit's duty roster for a month (yyyy-mm) on the working-day calendar (SHF-01)",
                         tag: "people", response: "Roster")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await rosters.roster(unitId: try context.parameters.require("orgUnitId"), month: try context.parameters.require("month"), viewer: principal))
        }
        routes.add(.init(.put, "/api/v1/rosters/{orgUnitId}/{month}", summary: "Plan a unit's month: the whole list of person, day and shift (SHF-01)",
                         tag: "people", request: "RosterInput", response: "Roster")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await rosters.putRoster(unitId: try context.parameters.require("orgUnitId"), month: try context.parameters.require("month"),
                                                                  try await JSONIO.decode(RosterInput.self, from: request), by: principal))
        }
        routes.add(.init(.get, "/api/v1/shift-swaps", summary: "The caller's swaps, (view=approval) those awaiting its decision, or (view=all) every one it may see, filtered by person, status, month (yyyy-mm) and number",
                         tag: "people", response: "SwapPage", query: ["view", "person", "status", "month", "number", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            if q["view"] == "all" { // #15 leftovers
                return try JSONIO.response(try await swaps.searchSwaps(try RequestFilter.from(q, kind: .swap), viewer: principal, paging: try Paging.from(q)))
            }
            return try JSONIO.response(try await swaps.swaps(view: try Self.view(q), viewer: principal, paging: try Paging.from(q)))
        }
        routes.add(.init(.post, "/api/v1/shift-swaps", summary: "Ask to swap a shift; 422 swap_limit_reached, consecutive_swap, back_to_back_shift or holiday_duty (4.9, SHF-07..10)",
                         tag: "people", request: "SwapInput", response: "Swap", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await swaps.request(try await JSONIO.decode(SwapInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.post, "/api/v1/shift-swaps/{id}/consent", summary: "The colleague asked consents (SHF-06)", tag: "people", response: "Swap")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await swaps.consent(id: try context.parameters.require("id"), by: principal))
        }
        routes.add(.init(.post, "/api/v1/shift-swaps/{id}/approve", summary: "The department manager approves: the roster entries change hands (SHF-06)",
                         tag: "people", request: "Decision", response: "Swap")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await swaps.approve(id: try context.parameters.require("id"), try await JSONIO.decode(DecisionInput.self, from: request), by: principal))
        }
        routes.add(.init(.post, "/api/v1/shift-swaps/{id}/reject", summary: "The department manager refuses, or the colleague declines", tag: "people",
                         request: "Decision", response: "Swap")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await swaps.reject(id: try context.parameters.require("id"), try await JSONIO.decode(DecisionInput.self, from: request), by: principal))
        }
        routes.add(.init(.get, "/api/v1/leave-requests", summary: "The caller's leave requests, (view=approval) those awaiting its decision, or (view=all) every one it may see, filtered by person, status, month (yyyy-mm) and number",
                         tag: "people", response: "LeavePage", query: ["view", "person", "status", "month", "number", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            if q["view"] == "all" { // #15 leftovers
                return try JSONIO.response(try await swaps.searchLeaves(try RequestFilter.from(q, kind: .leave), viewer: principal, paging: try Paging.from(q)))
            }
            return try JSONIO.response(try await swaps.leaves(view: try Self.view(q), viewer: principal, paging: try Paging.from(q)))
        }
        routes.add(.init(.post, "/api/v1/leave-requests", summary: "Ask for leave from one of one's shifts; 422 holiday_duty or swapped_shift (SHF-05, SHF-09, SHF-10)",
                         tag: "people", request: "LeaveInput", response: "Leave", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await swaps.requestLeave(try await JSONIO.decode(LeaveInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.post, "/api/v1/leave-requests/{id}/approve", summary: "The supervisor or manager approves the leave (SHF-05)", tag: "people",
                         response: "Leave")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await swaps.approveLeave(id: try context.parameters.require("id"), by: principal))
        }
        routes.add(.init(.post, "/api/v1/leave-requests/{id}/reject", summary: "The supervisor or manager rejects the leave with a reason; the requester is told (SHF-05)",
                         tag: "people", request: "LeaveRejection", response: "Leave")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await swaps.rejectLeave(id: try context.parameters.require("id"), try await JSONIO.decode(LeaveRejectionInput.self, from: request), by: principal))
        }
    }
}

enum PeopleSchemas {
    static func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let time: JSONValue = ["type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"]
        let date: JSONValue = ["type": "string", "format": "date"]
        let strings: JSONValue = ["type": "array", "items": str]
        routes.schema("ShiftInput", ["type": "object", "required": ["orgUnitId", "code", "name", "start", "end"], "properties": [
            "orgUnitId": str, "code": ["type": "string", "maxLength": 20], "name": ["type": "string", "maxLength": 40], "start": time, "end": time,
            "mealStart": time, "mealEnd": time, "cleaningDuty": ["type": "boolean"]]])
        let shift: JSONValue = ["type": "object", "properties": [
            "id": str, "orgUnitId": str, "code": str, "name": str, "start": time, "end": time, "mealStart": optStr, "mealEnd": optStr, "cleaningDuty": ["type": "boolean"]]]
        routes.schema("Shift", shift)
        routes.pageSchema("ShiftPage", item: "Shift")
        routes.schema("RosterInput", ["type": "object", "required": ["entries"], "properties": [
            "entries": ["type": "array", "items": ["type": "object", "required": ["date", "userId", "shiftId"], "properties": ["date": date, "userId": str, "shiftId": str]]]]])
        let entry: JSONValue = ["type": "object", "properties": [
            "id": str, "date": date, "userId": str, "userName": str, "shiftId": str, "shiftCode": str, "shiftName": str, "start": time, "end": time,
            "swapped": ["type": "boolean"], "onLeave": ["type": "boolean"]]]
        routes.schema("Roster", ["type": "object", "properties": [
            "orgUnitId": str, "orgUnitName": str, "month": str, "shifts": ["type": "array", "items": shift], "actions": strings,
            "days": ["type": "array", "items": ["type": "object", "properties": [
                "date": date, "kind": ["type": "string", "enum": ["workday", "weekend", "holiday", "adjusted_workday"]], "holidayName": optStr,
                "entries": ["type": "array", "items": entry]]]]]])
        routes.schema("SwapInput", ["type": "object", "required": ["requesterShiftId", "counterpartShiftId"], "properties": [
            "requesterShiftId": ["type": "string", "description": "the id of one of the requester's roster entries"],
            "counterpartShiftId": ["type": "string", "description": "the id of a colleague's roster entry of the same roster"],
            "reason": ["type": "string", "maxLength": 500]]])
        routes.schema("Decision", ["type": "object", "properties": ["note": ["type": "string", "maxLength": 500]]])
        let brief: JSONValue = ["type": "object", "properties": ["entryId": str, "date": date, "shiftCode": str, "start": str, "end": str]]
        routes.schema("Swap", ["type": "object", "properties": [
            "id": str, "number": str, "orgUnitId": str, "status": ["type": "string", "enum": ["requested", "effective", "rejected"]],
            "requesterId": str, "requesterName": str, "counterpartId": str, "counterpartName": str, "requesterShift": brief, "counterpartShift": brief,
            "reason": str, "consented": ["type": "boolean"], "decidedBy": optStr, "decidedByName": optStr, "decisionNote": optStr, "createdAt": str, "actions": strings]])
        routes.pageSchema("SwapPage", item: "Swap")
        routes.schema("LeaveInput", ["type": "object", "required": ["shiftId"], "properties": [
            "shiftId": ["type": "string", "description": "the id of one of the requester's roster entries"], "reason": ["type": "string", "maxLength": 500]]])
        routes.schema("Leave", ["type": "object", "properties": [
            "id": str, "number": str, "orgUnitId": str, "status": ["type": "string", "enum": ["requested", "approved", "rejected"]], "userId": str, "userName": str,
            "shift": brief, "reason": str, "decidedBy": optStr, "decidedByName": optStr, "decisionNote": optStr, "createdAt": str, "actions": strings]])
        routes.schema("LeaveRejection", ["type": "object", "required": ["reason"], "properties": ["reason": ["type": "string", "minLength": 1, "maxLength": 500]]])
        routes.pageSchema("LeavePage", item: "Leave")
    }
}
