import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the supervisor's visits to residents and the owner forums (SAT-10): record a visit, list and read,
/// close its follow-up, the quarter's buildings still to visit; plan a forum, hold it, take and close resolutions,
/// close or cancel it. Nothing is deleted.
public struct PropertyVisitAPI: Sendable {
    let visits: PropertyVisitService

    public init(visits: PropertyVisitService) { self.visits = visits }

    public func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let day: JSONValue = ["type": "string", "format": "date"]
        let bool: JSONValue = ["type": "boolean"]
        routes.schema("PropertyVisitInput", ["type": "object", "required": ["building", "opinions"], "properties": [
            "building": str, "room": str, "residentName": str, "visitedOn": day, "visitedTime": ["type": "string", "description": "HH:MM"], "opinions": str,
            "satisfaction": ["type": ["integer", "string"], "description": "1–5 or 很满意…不满意, as the opinion rounds"],
            "followUp": ["type": "string", "description": "what is to be done; opens a follow-up"],
            "followUpOwner": ["type": "string", "description": "who owns it; default the visitor"]]])
        routes.schema("PropertyVisit", ["type": "object", "properties": [
            "id": str, "number": str, "estateId": str, "estateName": str, "unitId": optStr, "building": str, "room": optStr, "residentName": optStr,
            "visitedOn": str, "visitedTime": optStr, "opinions": str, "satisfaction": ["type": ["integer", "null"]], "satisfactionLabel": optStr,
            "followUpStatus": JSONValue.enumOf(VisitFollowUpStatus.self), "followUp": optStr, "followUpOwner": optStr, "followUpNote": optStr,
            "followUpClosedAt": optStr, "followUpClosedBy": optStr, "visitor": str, "recordedAt": str, "mayCloseFollowUp": bool]])
        routes.pageSchema("PropertyVisitPage", item: "PropertyVisit")
        routes.schema("PropertyVisitCloseInput", ["type": "object", "required": ["note"], "properties": ["note": str]])
        routes.schema("PropertyVisitBuilding", ["type": "object", "properties": [
            "building": str, "units": ["type": "integer"], "visits": ["type": "integer"], "lastVisitedOn": optStr, "due": bool]])
        routes.schema("PropertyVisitsDue", ["type": "object", "properties": [
            "estateId": str, "estateName": str, "quarter": str, "from": str, "to": str,
            "buildings": ["type": "array", "items": ["$ref": "#/components/schemas/PropertyVisitBuilding"]],
            "due": ["type": "array", "items": str]]])
        routes.schema("PropertyForumInput", ["type": "object", "required": ["heldOn", "place", "topic"], "properties": [
            "heldOn": day, "heldTime": ["type": "string", "description": "HH:MM"], "place": str, "topic": str, "host": ["type": "string", "description": "default the caller"]]])
        routes.schema("PropertyForumResolution", ["type": "object", "properties": [
            "seq": ["type": "integer"], "content": str, "owner": str, "dueOn": str, "closed": bool, "closedNote": optStr, "closedAt": optStr, "closedBy": optStr]])
        routes.schema("PropertyForum", ["type": "object", "properties": [
            "id": str, "number": str, "estateId": str, "estateName": str, "status": JSONValue.enumOf(ForumStatus.self), "heldOn": str, "heldTime": optStr,
            "place": str, "topic": str, "host": str, "attendeeCount": ["type": ["integer", "null"]], "attendees": optStr, "minutes": optStr,
            "cancelReason": optStr, "resolutionCount": ["type": "integer"], "openResolutions": ["type": "integer"], "recordedAt": str, "recordedBy": str,
            "resolutions": ["type": "array", "items": ["$ref": "#/components/schemas/PropertyForumResolution"]],
            "mayHold": bool, "mayCancel": bool, "mayAddResolution": bool, "mayCloseResolutions": bool, "mayClose": bool]])
        routes.pageSchema("PropertyForumPage", item: "PropertyForum")
        routes.schema("PropertyForumHoldInput", ["type": "object", "required": ["attendeeCount", "minutes"], "properties": [
            "attendeeCount": ["type": ["integer", "string"]], "attendees": ["type": "string", "description": "owners' names or rooms"], "minutes": str]])
        routes.schema("PropertyForumResolutionInput", ["type": "object", "required": ["content", "owner", "dueOn"], "properties": [
            "content": str, "owner": str, "dueOn": day]])
        routes.schema("PropertyForumResolutionCloseInput", ["type": "object", "required": ["seq", "note"], "properties": [
            "seq": ["type": ["integer", "string"]], "note": str]])
        routes.schema("PropertyForumCancelInput", ["type": "object", "required": ["reason"], "properties": ["reason": str]])

        routes.add(.init(.get, "/api/v1/property/visits", summary: "Supervisor visits to residents in the caller's scope (SAT-10; estateId, quarter, from, to, building, room, followUp, openFollowUps)",
                         tag: "property", response: "PropertyVisitPage",
                         query: ["estateId", "quarter", "from", "to", "building", "room", "followUp", "openFollowUps", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await visits.visits(q, paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/property/estates/{id}/visits", summary: "Record the supervisor's visit to residents of an estate (SAT-10)",
                         tag: "property", request: "PropertyVisitInput", response: "PropertyVisit", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await visits.recordVisit(estateId: try context.parameters.require("id"), body, by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/property/estates/{id}/visits-due", summary: "The estate's buildings not visited in the quarter (SAT-10; quarter=2026-Q4, default this one)",
                         tag: "property", response: "PropertyVisitsDue", query: ["quarter"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await visits.visitsDue(estateId: try context.parameters.require("id"), quarter: request.queryDictionary["quarter"], viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/property/visits/{id}", summary: "A visit to residents (SAT-10)", tag: "property", response: "PropertyVisit")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await visits.visit(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/property/visits/{id}/close-follow-up", summary: "Close a visit's follow-up with what was done (SAT-10)",
                         tag: "property", request: "PropertyVisitCloseInput", response: "PropertyVisit")) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await visits.closeFollowUp(id: try context.parameters.require("id"), body, by: principal))
        }
        routes.add(.init(.get, "/api/v1/property/forums", summary: "Owner forums in the caller's scope (SAT-10; estateId, status, from, to)",
                         tag: "property", response: "PropertyForumPage", query: ["estateId", "status", "from", "to", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await visits.forums(q, paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/property/estates/{id}/forums", summary: "Plan an owner forum at an estate (SAT-10)",
                         tag: "property", request: "PropertyForumInput", response: "PropertyForum", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await visits.planForum(estateId: try context.parameters.require("id"), body, by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/property/forums/{id}", summary: "An owner forum with its resolutions (SAT-10)", tag: "property",
                         response: "PropertyForum")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await visits.forum(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/property/forums/{id}/hold", summary: "Record a planned forum as held: attendees and minutes (SAT-10)",
                         tag: "property", request: "PropertyForumHoldInput", response: "PropertyForum")) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await visits.holdForum(id: try context.parameters.require("id"), body, by: principal))
        }
        routes.add(.init(.post, "/api/v1/property/forums/{id}/resolutions", summary: "Add a resolution taken at a held forum (SAT-10)",
                         tag: "property", request: "PropertyForumResolutionInput", response: "PropertyForum", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await visits.addResolution(id: try context.parameters.require("id"), body, by: principal), status: .created)
        }
        routes.add(.init(.post, "/api/v1/property/forums/{id}/resolutions/close", summary: "Close one resolution of a forum (by seq) with a note (SAT-10)",
                         tag: "property", request: "PropertyForumResolutionCloseInput", response: "PropertyForum")) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await visits.closeResolution(id: try context.parameters.require("id"), body, by: principal))
        }
        routes.add(.init(.post, "/api/v1/property/forums/{id}/close", summary: "Close a held forum once every resolution is closed (SAT-10)",
                         tag: "property", response: "PropertyForum")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await visits.closeForum(id: try context.parameters.require("id"), by: principal))
        }
        routes.add(.init(.post, "/api/v1/property/forums/{id}/cancel", summary: "Cancel a planned forum with the reason (SAT-10)",
                         tag: "property", request: "PropertyForumCancelInput", response: "PropertyForum")) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await visits.cancelForum(id: try context.parameters.require("id"), body, by: principal))
        }
    }
}
