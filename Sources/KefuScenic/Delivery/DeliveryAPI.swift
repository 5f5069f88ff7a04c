import Hummingbird
import KefuDomain
import KefuPlatform

/// VIS-01/02 REST endpoints: the mailing register (代邮) and ticket deliveries (送票). There is no delete.
extension ScenicAPI {
    func registerDeliveries(_ routes: ApiRoutes) {
        DeliveryAPISchemas.declare(routes)
        let s = scenic
        routes.add(.init(.get, Self.base + "/mailings", summary: "Mailing requests in the caller's scope, by number, tracking number, name or phone (VIS-01/02)",
                         tag: "scenic", response: "MailingPage", query: ["q", "status", "page", "per"])) { request, context in
            let q = request.queryDictionary
            return try JSONIO.response(try await s.mailings(q, paging: try Paging.from(q), viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.post, Self.base + "/mailings", summary: "Register a special visitor's mailing of crafts (marketing, VIS-01/02)", tag: "scenic",
                         request: "MailingInput", response: "Mailing", status: 201)) { request, context in
            try JSONIO.response(try await s.requestMailing(try await Self.body(request), by: try context.requirePrincipal()), status: .created)
        }
        routes.add(.init(.get, Self.base + "/mailings/{id}", summary: "One mailing request", tag: "scenic", response: "Mailing")) { _, context in
            try JSONIO.response(try await s.mailing(id: try Self.id(context), viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.post, Self.base + "/mailings/{id}/send", summary: "Sent, with the courier and tracking number; 409 unless requested", tag: "scenic",
                         request: "MailingSendInput", response: "Mailing")) { request, context in
            try JSONIO.response(try await s.sendMailing(id: try Self.id(context), try await Self.body(request), by: try context.requirePrincipal()))
        }
        routes.add(.init(.post, Self.base + "/mailings/{id}/deliver", summary: "Delivered to the addressee; 409 unless sent", tag: "scenic",
                         response: "Mailing")) { _, context in
            try JSONIO.response(try await s.deliverMailing(id: try Self.id(context), by: try context.requirePrincipal()))
        }
        routes.add(.init(.get, Self.base + "/ticket-deliveries", summary: "Ticket deliveries in the caller's scope, by number, reservation, name or phone (VIS-01/02)",
                         tag: "scenic", response: "TicketDeliveryPage", query: ["q", "status", "page", "per"])) { request, context in
            let q = request.queryDictionary
            return try JSONIO.response(try await s.ticketDeliveries(q, paging: try Paging.from(q), viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.post, Self.base + "/ticket-deliveries", summary: "Schedule the delivery of a reservation's tickets (market ops, VIS-01/02)", tag: "scenic",
                         request: "TicketDeliveryInput", response: "TicketDelivery", status: 201)) { request, context in
            try JSONIO.response(try await s.scheduleTicketDelivery(try await Self.body(request), by: try context.requirePrincipal()), status: .created)
        }
        routes.add(.init(.get, Self.base + "/ticket-deliveries/{id}", summary: "One ticket delivery", tag: "scenic", response: "TicketDelivery")) { _, context in
            try JSONIO.response(try await s.ticketDelivery(id: try Self.id(context), viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.post, Self.base + "/ticket-deliveries/{id}/deliver", summary: "Delivered, with who received the tickets; 409 when already delivered",
                         tag: "scenic", request: "TicketDeliveredInput", response: "TicketDelivery")) { request, context in
            try JSONIO.response(try await s.deliverTickets(id: try Self.id(context), try await Self.body(request), by: try context.requirePrincipal()))
        }
    }
}

/// The OpenAPI schemas of the mailing and ticket-delivery routes.
enum DeliveryAPISchemas {
    static func declare(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let money: JSONValue = ["type": "string", "description": "yuan, exact, at most two decimals (\"12.00\")"]
        routes.schema("MailingInput", ["type": "object", "required": ["visitorName", "addressee", "address", "phone", "items"], "properties": [
            "visitorName": str, "addressee": str, "address": str, "phone": str, "items": ["type": "string", "description": "the crafts mailed"],
            "fee": money, "orgUnitId": str]])
        routes.schema("MailingSendInput", ["type": "object", "required": ["courier", "trackingNo"], "properties": ["courier": str, "trackingNo": str]])
        routes.schema("Mailing", ["type": "object", "properties": [
            "id": str, "number": str, "orgUnitId": str, "status": JSONValue.enumOf(MailingRules.Status.self), "visitorName": str, "addressee": str,
            "address": str, "phone": str, "items": str, "fee": money, "courier": optStr, "trackingNo": optStr, "requestedAt": str, "sentAt": optStr,
            "deliveredAt": optStr, "actions": ["type": "array", "items": str]]])
        routes.pageSchema("MailingPage", item: "Mailing")
        routes.schema("TicketDeliveryInput", ["type": "object", "required": ["reservationRef", "tickets", "deliverTo", "phone", "place", "dueAt"], "properties": [
            "reservationRef": ["type": "string", "description": "the reservation, e.g. the reception plan's number"],
            "tickets": ["type": ["integer", "string"], "description": "1 to 500"], "deliverTo": str, "phone": str, "place": str,
            "dueAt": ["type": "string", "description": "\"2026-12-20 09:00\" (local)"], "note": str, "orgUnitId": str]])
        routes.schema("TicketDeliveredInput", ["type": "object", "required": ["receivedBy"], "properties": ["receivedBy": str]])
        routes.schema("TicketDelivery", ["type": "object", "properties": [
            "id": str, "number": str, "orgUnitId": str, "status": JSONValue.enumOf(TicketDeliveryRules.Status.self), "reservationRef": str,
            "tickets": ["type": "integer"], "deliverTo": str, "phone": str, "place": str, "dueAt": str, "note": optStr, "createdAt": str,
            "deliveredAt": optStr, "receivedBy": optStr, "actions": ["type": "array", "items": str]]])
        routes.pageSchema("TicketDeliveryPage", item: "TicketDelivery")
    }
}
