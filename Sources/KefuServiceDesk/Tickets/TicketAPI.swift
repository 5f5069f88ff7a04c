import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the service desk (API.md "Service desk").
public struct TicketAPI: Sendable {
    let tickets: TicketService
    let queries: TicketQueries
    let customers: CustomerService

    public init(tickets: TicketService, queries: TicketQueries, customers: CustomerService) {
        self.tickets = tickets
        self.queries = queries
        self.customers = customers
    }

    struct CommentInput: Decodable { let body: String?; let visibility: String? }
    struct StatusInput: Decodable { let status: String?; let note: String? }
    struct EscalateInput: Decodable { let reason: String?; let toOrgUnitId: String? }
    struct ForwardInput: Decodable { let toOrgUnitId: String?; let toUserId: String?; let note: String? }
    struct OwnerInput: Decodable { let ownerId: String?; let reason: String? }
    struct Items<T: Encodable>: Encodable { let items: [T] }

    public func register(_ routes: ApiRoutes) {
        TicketSchemas.register(routes)
        routes.add(.init(.post, "/api/v1/tickets", summary: "Log a ticket; the creating agent becomes its owner (首问负责制)", tag: "tickets",
                         request: "TicketInput", response: "Ticket", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(CreateTicketInput.self, from: request)
            return try TicketReply.one(try await tickets.create(input, by: principal), for: principal, status: .created)
        }
        routes.add(.init(.get, "/api/v1/tickets", summary: "List and search tickets", tag: "tickets", response: "TicketList",
                         query: ["status", "q", "ownerId", "assigneeId", "teamId", "customerId", "type", "channel", "priority", "breached", "dueWithin", "openReceivedToday", "unassigned", "view", "sort", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            let filter = try TicketFilter.parse(q)
            let paging = try Paging.from(q)
            return try TicketReply.page(try await queries.list(filter, paging: paging, viewer: principal), for: principal)
        }
        routes.add(.init(.get, "/api/v1/tickets/{id}", summary: "One ticket", tag: "tickets", response: "Ticket")) { _, context in
            let principal = try context.requirePrincipal()
            return try TicketReply.one(try await queries.get(id: try context.parameters.require("id"), viewer: principal), for: principal)
        }
        routes.add(.init(.patch, "/api/v1/tickets/{id}", summary: "Edit fields, assign to an agent or a team", tag: "tickets",
                         request: "TicketPatch", response: "Ticket")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(UpdateTicketInput.self, from: request)
            return try JSONIO.response(try await tickets.update(ticketId: try context.parameters.require("id"), input, by: principal))
        }
        routes.add(.init(.get, "/api/v1/tickets/{id}/events", summary: "The ticket's full timeline", tag: "tickets", response: "EventList")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(Items(items: try await queries.events(ticketId: try context.parameters.require("id"), viewer: principal)))
        }
        routes.add(.init(.get, "/api/v1/tickets/{id}/comments", summary: "Comments (customers see public ones only)", tag: "tickets", response: "CommentList")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(Items(items: try await queries.comments(ticketId: try context.parameters.require("id"), viewer: principal)))
        }
        routes.add(.init(.post, "/api/v1/tickets/{id}/comments", summary: "Public reply or internal note; the first public staff reply stops the first-response clock",
                         tag: "tickets", request: "CommentInput", response: "Comment", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(CommentInput.self, from: request)
            return try JSONIO.response(try await tickets.comment(ticketId: try context.parameters.require("id"), body: input.body, visibility: input.visibility, by: principal),
                                       status: .created)
        }
        routes.add(.init(.post, "/api/v1/tickets/{id}/status", summary: "Change status (closed is final)", tag: "tickets",
                         request: "StatusInput", response: "Ticket")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(StatusInput.self, from: request)
            return try JSONIO.response(try await tickets.changeStatus(ticketId: try context.parameters.require("id"), to: input.status, note: input.note, by: principal))
        }
        routes.add(.init(.post, "/api/v1/tickets/{id}/handle", summary: "#11.4 one submit: a reply or internal note, a new status and a new assignee together, in one transaction (any refusal changes nothing)",
                         tag: "tickets", request: "HandleInput", response: "Ticket")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(HandleTicketInput.self, from: request)
            return try JSONIO.response(try await tickets.handle(ticketId: try context.parameters.require("id"), input, by: principal).ticket)
        }
        routes.add(.init(.post, "/api/v1/tickets/{id}/escalate", summary: "Escalate (ESC-01); later than 1 hour after receipt is flagged late", tag: "tickets",
                         request: "EscalateInput", response: "Ticket")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(EscalateInput.self, from: request)
            return try JSONIO.response(try await tickets.escalate(ticketId: try context.parameters.require("id"), reason: input.reason, toOrgUnitId: input.toOrgUnitId, by: principal))
        }
        routes.add(.init(.post, "/api/v1/tickets/{id}/forward", summary: "Forward to a department and optionally a person (TKT-04)", tag: "tickets",
                         request: "ForwardInput", response: "Ticket")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(ForwardInput.self, from: request)
            return try JSONIO.response(try await tickets.forward(ticketId: try context.parameters.require("id"), toOrgUnitId: input.toOrgUnitId,
                                                                  toUserId: input.toUserId, note: input.note, by: principal))
        }
        routes.add(.init(.post, "/api/v1/tickets/{id}/take", summary: "Take up a ticket nobody owns yet", tag: "tickets", response: "Ticket")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await tickets.take(ticketId: try context.parameters.require("id"), by: principal))
        }
        routes.add(.init(.post, "/api/v1/tickets/{id}/owner", summary: "Supervisor changes the owner, with a reason (TKT-03)", tag: "tickets",
                         request: "OwnerInput", response: "Ticket")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(OwnerInput.self, from: request)
            return try JSONIO.response(try await tickets.changeOwner(ticketId: try context.parameters.require("id"), ownerId: input.ownerId, reason: input.reason, by: principal))
        }

        routes.add(.init(.get, "/api/v1/customers", summary: "The customer register (supervisors and managers)", tag: "customers", response: "CustomerPage", query: ["q", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await customers.register(q: q["q"], paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/customers/lookup", summary: "Look a caller up by the whole phone number, in the caller's scope", tag: "customers", response: "CustomerList", query: ["phone"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(Items(items: try await customers.lookup(phone: request.queryDictionary["phone"] ?? "", viewer: principal)))
        }
        routes.add(.init(.post, "/api/v1/customers", summary: "Register a customer", tag: "customers", request: "CustomerInput", response: "Customer", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(CustomerInput.self, from: request)
            return try JSONIO.response(try await customers.create(input, by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/customers/{id}", summary: "One customer", tag: "customers", response: "Customer")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await customers.get(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.patch, "/api/v1/customers/{id}", summary: "Correct a customer's details", tag: "customers", request: "CustomerInput", response: "Customer")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(CustomerInput.self, from: request)
            return try JSONIO.response(try await customers.update(id: try context.parameters.require("id"), input, by: principal))
        }
    }
}

enum TicketSchemas {
    static func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        routes.schema("CustomerInput", ["type": "object", "properties": [
            "name": .text(max: 100), "phone": ["type": "string", "maxLength": 40, "pattern": "[0-9].*[0-9].*[0-9]"],
            "email": ["type": "string", "maxLength": 200, "format": "email"],
        ]])
        routes.schema("Customer", ["type": "object", "properties": ["id": str, "name": str, "phone": optStr, "email": optStr, "createdAt": str, "updatedAt": str]])
        routes.schema("TicketInput", [
            "type": "object", "required": ["subject"],
            "properties": [
                "subject": .text(max: 200), "description": ["type": "string", "maxLength": 10000],
                "type": JSONValue.enumOf(TicketType.self), "channel": JSONValue.enumOf(TicketChannel.self), "priority": JSONValue.enumOf(TicketPriority.self),
                "customer": ["$ref": "#/components/schemas/CustomerInput"], "customerId": str,
                "receivedAt": ["type": "string", "format": "date-time"],
            ],
        ])
        routes.schema("TicketPatch", [
            "type": "object",
            "properties": ["subject": .text(max: 200), "description": ["type": "string", "maxLength": 10000], "type": JSONValue.enumOf(TicketType.self), "channel": JSONValue.enumOf(TicketChannel.self),
                           "priority": JSONValue.enumOf(TicketPriority.self), "assigneeId": str, "teamId": str],
        ])
        routes.schema("Ticket", [
            "type": "object",
            "properties": [
                "id": str, "number": str, "subject": str, "description": str, "type": str, "channel": str, "priority": str,
                "status": JSONValue.enumOf(TicketStatus.self), "customer": ["oneOf": [["$ref": "#/components/schemas/Customer"], ["type": "null"]]],
                "ownerId": optStr, "assigneeId": optStr, "teamId": optStr, "orgUnitId": str, "escalationLevel": ["type": "integer"],
                "receivedAt": str, "createdAt": str, "updatedAt": str, "closedAt": optStr,
                "sla": ["type": "object", "properties": [
                    "firstResponseDueAt": optStr, "firstRespondedAt": optStr, "resolutionDueAt": optStr, "resolvedAt": optStr,
                    "breaches": ["type": "array", "items": ["type": "object", "properties": ["kind": str, "at": str]]],
                    "policyId": optStr, "policyName": optStr, "calendar": str, "escalationDueAt": optStr, "pausedAt": optStr, "nextDueAt": optStr,
                ]],
            ],
        ])
        routes.pageSchema("TicketList", item: "Ticket")
        routes.pageSchema("CustomerPage", item: "Customer")
        routes.itemsSchema("CustomerList", item: "Customer")
        routes.itemsSchema("CommentList", item: "Comment")
        routes.itemsSchema("EventList", item: "Event")
        routes.schema("Event", ["type": "object", "properties": [
            "id": str, "seq": ["type": "integer"], "kind": str, "actorId": optStr, "actorName": optStr, "visibility": str,
            "data": ["type": "object", "additionalProperties": ["type": "string"]], "at": str,
        ]])
        routes.schema("CommentInput", ["type": "object", "required": ["body"], "properties": ["body": .text(max: 10000), "visibility": JSONValue.enumOf(CommentVisibility.self)]])
        routes.schema("Comment", ["type": "object", "properties": ["id": str, "ticketId": str, "authorId": optStr, "authorName": optStr, "authorKind": str,
                                                                     "visibility": str, "body": str, "createdAt": str]])
        routes.schema("StatusInput", ["type": "object", "required": ["status"], "properties": ["status": JSONValue.enumOf(TicketStatus.self), "note": ["type": "string", "maxLength": 2000]]])
        routes.schema("HandleInput", ["type": "object", "properties": ["body": .text(max: 10000), "visibility": JSONValue.enumOf(CommentVisibility.self),
                                                                       "status": JSONValue.enumOf(TicketStatus.self), "assigneeId": str]])
        routes.schema("EscalateInput", ["type": "object", "required": ["reason"], "properties": ["reason": .text(max: 2000), "toOrgUnitId": str]])
        routes.schema("ForwardInput", ["type": "object", "required": ["toOrgUnitId"], "properties": ["toOrgUnitId": str, "toUserId": str, "note": ["type": "string", "maxLength": 2000]]])
        routes.schema("OwnerInput", ["type": "object", "required": ["ownerId", "reason"], "properties": ["ownerId": str, "reason": .text(max: 2000)]])
    }
}
