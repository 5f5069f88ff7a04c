import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the service centre's logs (#14): PRP-07 patrols and vacant-unit checks, PRP-04 the supervisor's
/// daily review, PRP-10 owner proposals and their submissions. Days travel as "YYYY-MM-DD". Nothing is deleted.
public struct PropertyOperationsAPI: Sendable {
    let ops: PropertyOperationsService

    public init(ops: PropertyOperationsService) { self.ops = ops }

    public func register(_ routes: ApiRoutes) {
        schemas(routes)
        patrolRoutes(routes)
        reviewRoutes(routes)
        proposalRoutes(routes)
    }

    func schemas(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let int: JSONValue = ["type": "integer"]
        let day: JSONValue = ["type": "string", "format": "date"]
        let state = JSONValue.enumOf(VacantCheckState.self)
        routes.schema("PropertyPatrolFinding", ["type": "object", "required": ["description"], "properties": [
            "location": str, "description": str, "disposition": JSONValue.enumOf(FindingDisposition.self),
            "ticketRef": ["type": ["string", "null"], "description": "the ticket the finding was turned into"]]])
        routes.schema("PropertyPatrolInput", ["type": "object", "required": ["buildings"], "properties": [
            "patrolledOn": day, "patrolledTime": ["type": "string", "description": "HH:MM"], "buildings": str,
            "patroller": ["type": "string", "description": "default: the caller"], "note": str,
            "findings": ["type": "array", "items": ["$ref": "#/components/schemas/PropertyPatrolFinding"]]]])
        routes.schema("PropertyPatrol", ["type": "object", "properties": [
            "id": str, "number": str, "estateId": str, "estateName": str, "patrolledOn": str, "patrolledTime": optStr, "buildings": str, "patroller": str,
            "status": JSONValue.enumOf(PatrolStatus.self), "findingCount": int, "note": optStr, "recordedBy": str,
            "findings": ["type": "array", "items": ["$ref": "#/components/schemas/PropertyPatrolFinding"]]]])
        routes.pageSchema("PropertyPatrolPage", item: "PropertyPatrol")
        routes.schema("PropertyVacantCheckInput", ["type": "object", "required": ["building", "room"], "properties": [
            "building": str, "room": str, "checkedOn": day, "checker": str, "doors": state, "windows": state, "water": state, "power": state,
            "note": ["type": "string", "description": "required when a state is abnormal"]]])
        routes.schema("PropertyVacantCheck", ["type": "object", "properties": [
            "id": str, "number": str, "estateId": str, "estateName": str, "unitId": str, "building": str, "room": str, "checkedOn": str, "checker": str,
            "doors": state, "windows": state, "water": state, "power": state, "note": optStr, "recordedBy": str]])
        routes.pageSchema("PropertyVacantCheckPage", item: "PropertyVacantCheck")
        routes.schema("PropertyVacantUnit", ["type": "object", "properties": [
            "unitId": str, "estateId": str, "estateName": str, "building": str, "room": str, "lastCheckedOn": optStr]])
        routes.itemsSchema("PropertyVacantUnitList", item: "PropertyVacantUnit")
        routes.schema("PropertyDailyReviewInput", ["type": "object", "required": ["comment"], "properties": [
            "orgUnitId": ["type": "string", "description": "default: the caller's unit"], "day": day, "comment": str]])
        routes.schema("PropertyDailyReview", ["type": "object", "properties": [
            "id": str, "orgUnitId": str, "day": str, "comment": str, "complaints": int, "patrols": int, "logs": int, "reviewedBy": str, "reviewedAt": str]])
        routes.schema("PropertyComplaintLine", ["type": "object", "properties": [
            "id": str, "number": str, "subject": str, "customerName": optStr, "status": str, "registeredAt": int]])
        routes.schema("PropertyDailyReviewDay", ["type": "object", "properties": [
            "orgUnitId": str, "unitName": str, "day": str,
            "complaints": ["type": "array", "items": ["$ref": "#/components/schemas/PropertyComplaintLine"]],
            "patrols": ["type": "array", "items": ["$ref": "#/components/schemas/PropertyPatrol"]],
            "vacantChecks": ["type": "array", "items": ["$ref": "#/components/schemas/PropertyVacantCheck"]],
            "proposals": ["type": "array", "items": ["$ref": "#/components/schemas/PropertyProposal"]],
            "review": ["oneOf": [["$ref": "#/components/schemas/PropertyDailyReview"], ["type": "null"]]], "maySign": ["type": "boolean"]]])
        routes.schema("PropertyPendingReviews", ["type": "object", "properties": [
            "orgUnitId": str, "unitName": str, "from": str, "to": str,
            "items": ["type": "array", "items": ["type": "object", "properties": ["day": str, "complaints": int, "patrols": int, "logs": int]]]]])
        routes.schema("PropertyProposalInput", ["type": "object", "required": ["ownerName", "content"], "properties": [
            "building": str, "room": str, "ownerName": str, "ownerPhone": str, "content": str, "proposedOn": day,
            "receivedBy": ["type": "string", "description": "default: the caller"]]])
        routes.schema("PropertyProposal", ["type": "object", "properties": [
            "id": str, "number": str, "estateId": str, "estateName": str, "unitId": optStr, "unitLabel": optStr, "ownerName": str, "ownerPhone": optStr,
            "content": str, "proposedOn": str, "receivedBy": str, "status": JSONValue.enumOf(ProposalStatus.self), "batchId": optStr, "batchNumber": optStr,
            "answer": optStr, "answeredAt": optStr]])
        routes.pageSchema("PropertyProposalPage", item: "PropertyProposal")
        routes.schema("PropertyProposalBatchInput", ["type": "object", "properties": [
            "orgUnitId": ["type": "string", "description": "default: the caller's unit"], "note": str]])
        routes.schema("PropertyProposalAnswerInput", ["type": "object", "required": ["answer"], "properties": ["answer": str]])
        routes.schema("PropertyProposalBatch", ["type": "object", "properties": [
            "id": str, "number": str, "orgUnitId": str, "unitName": str, "status": JSONValue.enumOf(ProposalBatchStatus.self), "note": optStr,
            "proposalCount": int, "answered": int, "submittedAt": str, "submittedBy": str, "answeredAt": optStr, "mayAnswer": ["type": "boolean"],
            "proposals": ["type": "array", "items": ["$ref": "#/components/schemas/PropertyProposal"]]]])
        routes.pageSchema("PropertyProposalBatchPage", item: "PropertyProposalBatch")
    }

    func patrolRoutes(_ routes: ApiRoutes) {
        routes.add(.init(.get, "/api/v1/property/patrols", summary: "Patrol log in the caller's scope (PRP-07; estateId, from, to, status, q)", tag: "property",
                         response: "PropertyPatrolPage", query: ["estateId", "from", "to", "status", "q", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await ops.patrols(q, paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/property/estates/{id}/patrols", summary: "Record a building patrol with its findings (PRP-07)", tag: "property",
                         request: "PropertyPatrolInput", response: "PropertyPatrol", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(PropertyPatrolBody.self, from: request)
            return try JSONIO.response(try await ops.recordPatrol(estateId: try context.parameters.require("id"), body, by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/property/patrols/{id}", summary: "A patrol with its findings (PRP-07)", tag: "property", response: "PropertyPatrol")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await ops.patrol(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/property/vacant-checks", summary: "Vacant-unit checks in the caller's scope (PRP-07; estateId, from, to, q)", tag: "property",
                         response: "PropertyVacantCheckPage", query: ["estateId", "from", "to", "q", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await ops.vacantChecks(q, paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/property/estates/{id}/vacant-units", summary: "The estate's vacant units and their latest check (PRP-07)", tag: "property",
                         response: "PropertyVacantUnitList")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(["items": try await ops.vacantUnits(estateId: try context.parameters.require("id"), viewer: principal)])
        }
        routes.add(.init(.post, "/api/v1/property/estates/{id}/vacant-checks", summary: "Record a check of a vacant unit (PRP-07)", tag: "property",
                         request: "PropertyVacantCheckInput", response: "PropertyVacantCheck", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await ops.recordVacantCheck(estateId: try context.parameters.require("id"), body, by: principal), status: .created)
        }
    }

    func reviewRoutes(_ routes: ApiRoutes) {
        routes.add(.init(.get, "/api/v1/property/daily-review", summary: "A unit's day for the supervisor: complaints, patrols, logs, the sign-off (PRP-04)",
                         tag: "property", response: "PropertyDailyReviewDay", query: ["orgUnitId", "day"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await ops.reviewDay(request.queryDictionary, viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/property/daily-reviews", summary: "Sign a unit's day off with a comment, once (PRP-04)", tag: "property",
                         request: "PropertyDailyReviewInput", response: "PropertyDailyReview", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await ops.signReview(try await JSONIO.decode(FlatBody.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/property/daily-reviews/pending", summary: "The days of a unit not yet reviewed (PRP-04; default the last 14)",
                         tag: "property", response: "PropertyPendingReviews", query: ["orgUnitId", "from", "to"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await ops.pendingReviews(request.queryDictionary, viewer: principal))
        }
    }

    func proposalRoutes(_ routes: ApiRoutes) {
        routes.add(.init(.get, "/api/v1/property/proposals", summary: "Owner proposals in the caller's scope (PRP-10; estateId, status, q)", tag: "property",
                         response: "PropertyProposalPage", query: ["estateId", "status", "q", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await ops.proposals(q, paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/property/estates/{id}/proposals", summary: "Record an owner proposal (PRP-10)", tag: "property",
                         request: "PropertyProposalInput", response: "PropertyProposal", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await ops.recordProposal(estateId: try context.parameters.require("id"), body, by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/property/proposals/{id}", summary: "An owner proposal (PRP-10)", tag: "property", response: "PropertyProposal")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await ops.proposal(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/property/proposals/{id}/answer", summary: "Record the project manager's answer to a submitted proposal (PRP-10)",
                         tag: "property", request: "PropertyProposalAnswerInput", response: "PropertyProposal")) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await ops.answerProposal(id: try context.parameters.require("id"), body, by: principal))
        }
        routes.add(.init(.get, "/api/v1/property/proposal-batches", summary: "Submissions of owner proposals to the project manager (PRP-10)", tag: "property",
                         response: "PropertyProposalBatchPage", query: ["page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await ops.batches(paging: try Paging.from(request.queryDictionary), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/property/proposal-batches", summary: "Submit the unit's open proposals to the project manager (PRP-10)", tag: "property",
                         request: "PropertyProposalBatchInput", response: "PropertyProposalBatch", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await ops.submitProposals(body, by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/property/proposal-batches/{id}", summary: "A submission with its proposals and answers (PRP-10)", tag: "property",
                         response: "PropertyProposalBatch")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await ops.batch(id: try context.parameters.require("id"), viewer: principal))
        }
    }
}
