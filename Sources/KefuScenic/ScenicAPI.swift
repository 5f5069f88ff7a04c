import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the scenic visitor services (篇11): free-entry checks (VIS-03), lost-person cases (VIS-04),
/// wheelchair and stroller lending (LND-03/04), reception plans (VIS-05). There is no delete: records are kept.
public struct ScenicAPI: Sendable {
    let scenic: ScenicService

    public init(scenic: ScenicService) { self.scenic = scenic }

    static let base = "/api/v1/scenic"

    static func body(_ r: Request) async throws -> ScenicBody { try await JSONIO.decode(ScenicBody.self, from: r) }

    static func id(_ c: KefuContext) throws -> String { try c.parameters.require("id") }

    public func register(_ routes: ApiRoutes) {
        ScenicAPISchemas.declare(routes)
        let s = scenic

        // VIS-03
        routes.add(.init(.get, Self.base + "/free-entries", summary: "Free-entry checks (70 or over) in the caller's scope, by visit day and search (VIS-03)",
                         tag: "scenic", response: "FreeEntryPage", query: ["date", "q", "page", "per"])) { request, context in
            let q = request.queryDictionary
            return try JSONIO.response(try await s.freeEntries(q, paging: try Paging.from(q), viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.post, Self.base + "/free-entries", summary: "Check a visitor's ID for free entry at 70 or over; recorded only when free (VIS-03)",
                         tag: "scenic", request: "FreeEntryInput", response: "FreeEntry", status: 201)) { request, context in
            try JSONIO.response(try await s.checkFreeEntry(try await Self.body(request), by: try context.requirePrincipal()), status: .created)
        }
        // VIS-04
        routes.add(.init(.get, Self.base + "/lost-cases", summary: "Lost-person cases in the caller's scope (VIS-04)", tag: "scenic",
                         response: "LostCasePage", query: ["q", "status", "open", "page", "per"])) { request, context in
            let q = request.queryDictionary
            return try JSONIO.response(try await s.lostCases(q, paging: try Paging.from(q), viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.post, Self.base + "/lost-cases", summary: "Report a lost person (VIS-04)", tag: "scenic",
                         request: "LostCaseInput", response: "LostCase", status: 201)) { request, context in
            try JSONIO.response(try await s.reportLostPerson(try await Self.body(request), by: try context.requirePrincipal()), status: .created)
        }
        routes.add(.init(.get, Self.base + "/lost-cases/{id}", summary: "One lost-person case with its broadcast log", tag: "scenic", response: "LostCase")) { _, context in
            try JSONIO.response(try await s.lostCase(id: try Self.id(context), viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.post, Self.base + "/lost-cases/{id}/broadcasts", summary: "Log a Mandarin broadcast of the case (VIS-04)", tag: "scenic",
                         request: "BroadcastInput", response: "LostCase", status: 201)) { request, context in
            try JSONIO.response(try await s.logBroadcast(id: try Self.id(context), try await Self.body(request), by: try context.requirePrincipal()), status: .created)
        }
        routes.add(.init(.post, Self.base + "/lost-cases/{id}/close", summary: "Close the case with its outcome; 409 before the third broadcast (VIS-04)", tag: "scenic",
                         request: "LostCaseCloseInput", response: "LostCase")) { request, context in
            try JSONIO.response(try await s.closeLostCase(id: try Self.id(context), try await Self.body(request), by: try context.requirePrincipal()))
        }
        // LND-03/04
        routes.add(.init(.get, Self.base + "/items", summary: "Wheelchairs and strollers in the caller's scope (LND-03)", tag: "scenic", response: "ScenicItemList")) { _, context in
            try JSONIO.response(["items": try await s.items(viewer: try context.requirePrincipal())])
        }
        routes.add(.init(.post, Self.base + "/items", summary: "Add a wheelchair or stroller (LND-03)", tag: "scenic",
                         request: "ScenicItemInput", response: "ScenicItem", status: 201)) { request, context in
            try JSONIO.response(try await s.addItem(try await Self.body(request), by: try context.requirePrincipal()), status: .created)
        }
        routes.add(.init(.post, Self.base + "/items/{id}/lend", summary: "Lend (free) or rent out an available item (LND-03)", tag: "scenic",
                         request: "LendInput", response: "ScenicLoan", status: 201)) { request, context in
            try JSONIO.response(try await s.lendItem(id: try Self.id(context), try await Self.body(request), by: try context.requirePrincipal()), status: .created)
        }
        routes.add(.init(.post, Self.base + "/items/{id}/repaired", summary: "The repair shop gave the item back: available again (LND-04)", tag: "scenic",
                         request: "RepairedInput", response: "ScenicItem")) { request, context in
            try JSONIO.response(try await s.markRepaired(id: try Self.id(context), try await Self.body(request), by: try context.requirePrincipal()))
        }
        routes.add(.init(.get, Self.base + "/loans", summary: "Loans and rentals in the caller's scope (LND-03)", tag: "scenic",
                         response: "ScenicLoanPage", query: ["q", "open", "itemId", "page", "per"])) { request, context in
            let q = request.queryDictionary
            return try JSONIO.response(try await s.loans(q, paging: try Paging.from(q), viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.get, Self.base + "/loans/{id}", summary: "One loan or rental", tag: "scenic", response: "ScenicLoan")) { _, context in
            try JSONIO.response(try await s.loan(id: try Self.id(context), viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.post, Self.base + "/loans/{id}/return", summary: "Return with the check; damaged goes to the repair shop at once (LND-04)", tag: "scenic",
                         request: "ReturnInput", response: "ScenicLoan")) { request, context in
            try JSONIO.response(try await s.returnLoan(id: try Self.id(context), try await Self.body(request), by: try context.requirePrincipal()))
        }
        // VIS-05
        routes.add(.init(.get, Self.base + "/reception-plans", summary: "Reception plans of the caller's scope or sent to it (VIS-05)", tag: "scenic",
                         response: "ReceptionPlanPage", query: ["q", "from", "page", "per"])) { request, context in
            let q = request.queryDictionary
            return try JSONIO.response(try await s.plans(q, paging: try Paging.from(q), viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.post, Self.base + "/reception-plans", summary: "Draw up a special group's reception plan and send it to departments (VIS-05)", tag: "scenic",
                         request: "ReceptionPlanInput", response: "ReceptionPlan", status: 201)) { request, context in
            try JSONIO.response(try await s.createPlan(try await Self.body(request), by: try context.requirePrincipal()), status: .created)
        }
        routes.add(.init(.get, Self.base + "/reception-plans/{id}", summary: "One reception plan with its departments' confirmations", tag: "scenic",
                         response: "ReceptionPlan")) { _, context in
            try JSONIO.response(try await s.plan(id: try Self.id(context), viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.post, Self.base + "/reception-plans/{id}/confirm", summary: "A department confirms its preparation (VIS-05)", tag: "scenic",
                         request: "PlanConfirmInput", response: "ReceptionPlan")) { request, context in
            try JSONIO.response(try await s.confirmPlan(id: try Self.id(context), try await Self.body(request), by: try context.requirePrincipal()))
        }
        registerDeliveries(routes) // #14 VIS-01/02
    }
}

/// The OpenAPI schemas of the scenic routes.
enum ScenicAPISchemas {
    static func declare(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let int: JSONValue = ["type": "integer"]
        let money: JSONValue = ["type": "string", "description": "yuan, exact, at most two decimals (\"20.00\")"]
        routes.schema("FreeEntryInput", ["type": "object", "required": ["visitorName", "idNumber", "gate"], "properties": [
            "visitorName": str, "idKind": ["type": "string", "enum": ["resident_id", "other"]],
            "idNumber": ["type": "string", "description": "resident_id: 18 characters, GB 11643 check digit; stored masked"],
            "birthDate": ["type": "string", "description": "other IDs: the birth date shown on it (YYYY-MM-DD)"], "gate": str,
            "visitDate": ["type": "string", "description": "default today"], "orgUnitId": str]])
        routes.schema("FreeEntry", ["type": "object", "properties": [
            "id": str, "orgUnitId": str, "visitorName": str, "idKind": str, "idMasked": str, "birthDate": str, "age": int, "gate": str, "visitDate": str,
            "checkedAt": str, "checkedByName": str]])
        routes.pageSchema("FreeEntryPage", item: "FreeEntry")
        routes.schema("LostCaseInput", ["type": "object", "required": ["lostName", "description", "lastSeen", "reporterName", "reporterPhone"], "properties": [
            "lostName": str, "description": str, "lastSeen": str, "reporterName": str, "reporterPhone": str, "orgUnitId": str]])
        routes.schema("BroadcastInput", ["type": "object", "properties": ["text": ["type": "string", "description": "default: the usual notice built from the case; always Mandarin"]]])
        routes.schema("LostCaseCloseInput", ["type": "object", "required": ["outcome"], "properties": [
            "outcome": JSONValue.enumOf(LostPersonRules.Outcome.self), "note": str]])
        routes.schema("Broadcast", ["type": "object", "properties": ["seq": int, "language": ["type": "string", "enum": ["mandarin"]], "text": str, "broadcastAt": str, "byName": str]])
        routes.schema("LostCase", ["type": "object", "properties": [
            "id": str, "number": str, "orgUnitId": str, "status": JSONValue.enumOf(LostPersonRules.Status.self), "lostName": str, "description": str,
            "lastSeen": str, "reporterName": str, "reporterPhone": str, "broadcastCount": int,
            "outcome": ["type": ["string", "null"], "description": "found, handed_over, other"],
            "closeNote": optStr, "reportedAt": str, "closedAt": optStr,
            "broadcasts": ["type": "array", "items": ["$ref": "#/components/schemas/Broadcast"]], "actions": ["type": "array", "items": str]]])
        routes.pageSchema("LostCasePage", item: "LostCase")
        routes.schema("ScenicItemInput", ["type": "object", "required": ["code", "kind"], "properties": [
            "code": str, "kind": JSONValue.enumOf(LendingRules.ItemKind.self), "orgUnitId": str]])
        routes.schema("ScenicItem", ["type": "object", "properties": [
            "id": str, "code": str, "kind": JSONValue.enumOf(LendingRules.ItemKind.self), "orgUnitId": str, "status": JSONValue.enumOf(LendingRules.ItemStatus.self),
            "loanId": optStr, "loanNumber": optStr, "damage": optStr]])
        routes.itemsSchema("ScenicItemList", item: "ScenicItem")
        routes.schema("LendInput", ["type": "object", "required": ["borrowerName", "borrowerPhone"], "properties": [
            "kind": JSONValue.enumOf(LendingRules.LoanKind.self), "fee": money, "deposit": money, "borrowerName": str, "borrowerPhone": str,
            "idNote": str, "dueBack": ["type": "string", "description": "\"17:30\" (today) or \"2026-12-02 17:30\"; default today 18:00"]]])
        routes.schema("ReturnInput", ["type": "object", "required": ["check"], "properties": [
            "check": JSONValue.enumOf(LendingRules.Check.self), "damage": ["type": "string", "description": "required when damaged"]]])
        routes.schema("RepairedInput", ["type": "object", "properties": ["note": str]])
        routes.schema("ScenicLoan", ["type": "object", "properties": [
            "id": str, "number": str, "itemId": str, "itemCode": str, "kind": JSONValue.enumOf(LendingRules.LoanKind.self), "fee": money, "deposit": money,
            "borrowerName": str, "borrowerPhone": str, "idNote": optStr, "dueBack": str, "lentAt": str, "returnedAt": optStr,
            "returnCheck": ["type": ["string", "null"]], "damage": optStr]])
        routes.pageSchema("ScenicLoanPage", item: "ScenicLoan")
        routes.schema("ReceptionPlanInput", ["type": "object", "required": ["groupName", "visitDate", "groupSize", "contactName", "contactPhone", "departmentIds"], "properties": [
            "groupName": str, "visitDate": str, "groupSize": ["type": ["integer", "string"]], "contactName": str, "contactPhone": str,
            "facilities": str, "meals": str, "specialNeeds": str, "orgUnitId": str,
            "departmentIds": ["type": ["array", "string"], "items": str, "description": "the department units the plan is sent to"]]])
        routes.schema("PlanConfirmInput", ["type": "object", "properties": ["orgUnitId": ["type": "string", "description": "which of the caller's departments"], "note": str]])
        routes.schema("PlanDepartment", ["type": "object", "properties": [
            "orgUnitId": str, "name": str, "confirmed": ["type": "boolean"], "confirmedAt": optStr, "confirmedByName": optStr, "note": optStr]])
        routes.schema("ReceptionPlan", ["type": "object", "properties": [
            "id": str, "number": str, "orgUnitId": str, "groupName": str, "visitDate": str, "groupSize": int, "contactName": str, "contactPhone": str,
            "facilities": str, "meals": str, "specialNeeds": str, "status": JSONValue.enumOf(ReceptionPlanRules.Status.self),
            "departments": ["type": "array", "items": ["$ref": "#/components/schemas/PlanDepartment"]], "mayConfirm": ["type": "array", "items": str]]])
        routes.pageSchema("ReceptionPlanPage", item: "ReceptionPlan")
    }
}
