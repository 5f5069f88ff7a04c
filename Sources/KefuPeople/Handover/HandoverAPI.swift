import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the shift handover and announcements (#15.2, API.md "People": SHF-02..04).
public struct HandoverAPI: Sendable {
    let handovers: HandoverService
    let announcements: AnnouncementService

    public init(handovers: HandoverService, announcements: AnnouncementService) {
        self.handovers = handovers
        self.announcements = announcements
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ q: [String: String], _ fallback: T) throws -> T where T.RawValue == String {
        guard let raw = q["view"], !raw.isEmpty else { return fallback }
        guard let v = T(rawValue: raw) else {
            let all = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw AppError.validation("view", Text("view 只能是 {0}", "view is one of {0}").with(all))
        }
        return v
    }

    public func register(_ routes: ApiRoutes) {
        HandoverSchemas.register(routes)
        routes.add(.init(.get, "/api/v1/handovers", summary: "The caller's handovers (mine), those waiting to be taken over in its units (incoming), or its units' (unit)",
                         tag: "people", response: "HandoverPage", query: ["view", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await handovers.handovers(view: try Self.choice(q, HandoverListView.mine), viewer: principal, paging: try Paging.from(q)))
        }
        routes.add(.init(.post, "/api/v1/handovers", summary: "The outgoing person starts the handover of one of its shifts; Kefu fills in the shift's open tickets, work orders and breaches; 409 handover_exists (SHF-02, SHF-03)",
                         tag: "people", request: "HandoverInput", response: "Handover", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await handovers.create(try await JSONIO.decode(HandoverInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/handovers/{id}", summary: "A handover log", tag: "people", response: "Handover")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await handovers.handover(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.put, "/api/v1/handovers/{id}", summary: "The outgoing person changes the log while a draft or sent back (SHF-03)", tag: "people",
                         request: "HandoverInput", response: "Handover")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await handovers.update(id: try context.parameters.require("id"), try await JSONIO.decode(HandoverInput.self, from: request), by: principal))
        }
        routes.add(.init(.post, "/api/v1/handovers/{id}/submit", summary: "The outgoing person signs; the facts are filled in as they stand (SHF-02)", tag: "people",
                         response: "Handover")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await handovers.submit(id: try context.parameters.require("id"), by: principal))
        }
        routes.add(.init(.post, "/api/v1/handovers/{id}/accept", summary: "The incoming person accepts: the outgoing shift is closed (SHF-02); 403 not_incoming, 409 wrong_state",
                         tag: "people", response: "Handover")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await handovers.accept(id: try context.parameters.require("id"), by: principal))
        }
        routes.add(.init(.post, "/api/v1/handovers/{id}/return", summary: "The incoming person sends it back with a reason", tag: "people",
                         request: "HandoverReturn", response: "Handover")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await handovers.sendBack(id: try context.parameters.require("id"), try await JSONIO.decode(HandoverReturnInput.self, from: request), by: principal))
        }
        routes.add(.init(.get, "/api/v1/announcements", summary: "The caller's unread (default) or all announcements, or (publishers) those published to its units (SHF-04)",
                         tag: "people", response: "AnnouncementPage", query: ["view", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await announcements.announcements(view: try Self.choice(q, AnnouncementListView.unread), viewer: principal, paging: try Paging.from(q)))
        }
        routes.add(.init(.post, "/api/v1/announcements", summary: "A supervisor or manager publishes to its unit or one below, with an optional last day (SHF-04)",
                         tag: "people", request: "AnnouncementInput", response: "Announcement", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await announcements.publish(try await JSONIO.decode(AnnouncementInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/announcements/{id}", summary: "An announcement (reading it through the API does not mark it read: see …/read)", tag: "people",
                         response: "Announcement")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await announcements.announcement(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/announcements/{id}/read", summary: "The addressee has read it (the first reading is kept)", tag: "people",
                         response: "Announcement")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await announcements.open(id: try context.parameters.require("id"), by: principal))
        }
        routes.add(.init(.get, "/api/v1/announcements/{id}/receipts", summary: "Who of its unit and below has and has not read it (publisher and supervisors)",
                         tag: "people", response: "AnnouncementReceipts")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await announcements.receipts(id: try context.parameters.require("id"), viewer: principal))
        }
    }
}

enum HandoverSchemas {
    static func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let strings: JSONValue = ["type": "array", "items": str]
        let text: JSONValue = ["type": "string", "maxLength": 4000]
        routes.schema("HandoverInput", ["type": "object", "properties": [
            "entryId": ["type": "string", "description": "on create: one of the outgoing person's roster entries"],
            "equipment": text, "issues": text, "staffing": text, "notes": text]])
        routes.schema("HandoverReturn", ["type": "object", "required": ["reason"], "properties": ["reason": text]])
        let line: JSONValue = ["type": "object", "properties": ["number": str, "subject": str, "status": str]]
        let lines: JSONValue = ["type": "array", "items": line]
        routes.schema("Handover", ["type": "object", "properties": [
            "id": str, "number": str, "orgUnitId": str, "orgUnitName": str,
            "status": ["type": "string", "enum": ["draft", "submitted", "accepted", "returned"]], "shiftClosed": ["type": "boolean"],
            "shift": ["type": "object", "properties": ["entryId": str, "date": ["type": "string", "format": "date"], "shiftCode": str, "shiftName": str, "start": str, "end": str]],
            "outgoingId": str, "outgoingName": str, "equipment": str, "issues": str, "staffing": str, "notes": str,
            "facts": ["type": "object", "properties": ["openTickets": lines, "openWorkOrders": lines, "breaches": lines]],
            "submittedAt": optStr, "acceptedBy": optStr, "acceptedByName": optStr, "acceptedAt": optStr, "returnReason": optStr, "createdAt": str, "actions": strings]])
        routes.pageSchema("HandoverPage", item: "Handover")
        routes.schema("AnnouncementInput", ["type": "object", "required": ["orgUnitId", "title", "body"], "properties": [
            "orgUnitId": str, "title": ["type": "string", "maxLength": 100], "body": text, "expiresOn": ["type": "string", "format": "date"]]])
        let announcement: JSONValue = ["type": "object", "properties": [
            "id": str, "orgUnitId": str, "orgUnitName": str, "title": str, "body": str, "publisherId": str, "publisherName": str, "publishedAt": str,
            "expiresAt": optStr, "read": ["type": "boolean"], "actions": strings]]
        routes.schema("Announcement", announcement)
        routes.pageSchema("AnnouncementPage", item: "Announcement")
        routes.schema("AnnouncementReceipts", ["type": "object", "properties": [
            "announcement": announcement, "readCount": ["type": "integer"], "unreadCount": ["type": "integer"],
            "receipts": ["type": "array", "items": ["type": "object", "properties": ["userId": str, "userName": str, "readAt": optStr]]]]])
    }
}
