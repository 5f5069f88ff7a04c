import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the estate events (ESC-03): record on an estate, list with filters and pages, read, follow up,
/// close. Nothing is deleted.
public struct PropertyEventAPI: Sendable {
    let events: PropertyEventService

    public init(events: PropertyEventService) { self.events = events }

    public func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let day: JSONValue = ["type": "string", "format": "date"]
        routes.schema("PropertyEventInput", ["type": "object", "required": ["kind", "title", "location"], "properties": [
            "kind": JSONValue.enumOf(PropertyEventKind.self), "severity": JSONValue.enumOf(PropertyEventSeverity.self), "title": str, "location": str,
            "occurredOn": day, "occurredTime": ["type": "string", "description": "HH:MM"], "description": str]])
        routes.schema("PropertyEventNote", ["type": "object", "properties": ["seq": ["type": "integer"], "note": str, "notedAt": str, "notedBy": str]])
        routes.schema("PropertyEvent", ["type": "object", "properties": [
            "id": str, "number": str, "estateId": str, "estateName": str, "kind": JSONValue.enumOf(PropertyEventKind.self),
            "severity": JSONValue.enumOf(PropertyEventSeverity.self), "title": str, "location": str, "occurredOn": str, "occurredTime": optStr,
            "description": optStr, "status": JSONValue.enumOf(PropertyEventStatus.self), "assigneeId": optStr, "assigneeName": optStr,
            "reportedTo": ["type": ["string", "null"], "description": "已上报: the CS managers told"], "reportedAt": optStr,
            "followUps": ["type": "integer"], "overdue": ["type": "boolean", "description": "an emergency not followed up within 2 hours"],
            "result": optStr, "closedAt": optStr, "closedBy": optStr, "recordedAt": str, "recordedBy": str,
            "notes": ["type": "array", "items": ["$ref": "#/components/schemas/PropertyEventNote"]],
            "mayFollowUp": ["type": "boolean"], "mayClose": ["type": "boolean"]]])
        routes.pageSchema("PropertyEventPage", item: "PropertyEvent")
        routes.schema("PropertyEventFollowUpInput", ["type": "object", "required": ["note"], "properties": ["note": str]])
        routes.schema("PropertyEventCloseInput", ["type": "object", "required": ["result"], "properties": ["result": str]])

        routes.add(.init(.get, "/api/v1/property/events", summary: "Estate events in the caller's scope (ESC-03; estateId, kind, status, overdue, from, to, q)",
                         tag: "property", response: "PropertyEventPage",
                         query: ["estateId", "kind", "status", "overdue", "from", "to", "q", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await events.events(q, paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/property/estates/{id}/events", summary: "Record an important event or an emergency at an estate (ESC-03)",
                         tag: "property", request: "PropertyEventInput", response: "PropertyEvent", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await events.record(estateId: try context.parameters.require("id"), body, by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/property/events/{id}", summary: "An estate event with its follow-ups (ESC-03)", tag: "property",
                         response: "PropertyEvent")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await events.event(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/property/events/{id}/follow-ups", summary: "Add a follow-up note to an event (ESC-03)", tag: "property",
                         request: "PropertyEventFollowUpInput", response: "PropertyEvent", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await events.followUp(id: try context.parameters.require("id"), body, by: principal), status: .created)
        }
        routes.add(.init(.post, "/api/v1/property/events/{id}/close", summary: "Close an event with its result (ESC-03; an emergency once followed up)",
                         tag: "property", request: "PropertyEventCloseInput", response: "PropertyEvent")) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await events.close(id: try context.parameters.require("id"), body, by: principal))
        }
    }
}
