import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #16.4 REST for live chat: a visitor starts a chat (no sign-in); agents read the queue, take, end and read a chat.
/// The conversation itself runs over the WebSocket `/chat/ws` (ChatSocket).
public struct ChatAPI: Sendable {
    let chat: ChatService
    let addresses: ClientAddress

    public init(chat: ChatService, addresses: ClientAddress) {
        self.chat = chat
        self.addresses = addresses
    }

    public func register(_ routes: ApiRoutes) {
        Self.declareSchemas(routes)
        let chat = self.chat, addresses = self.addresses
        routes.add(.init(.post, "/api/v1/chat/sessions",
                         summary: "A visitor starts a chat in a unit (no sign-in): the session and the visitor's token (kept by the page; only its hash is stored). Out of hours the message becomes a ticket of channel chat at once (offline true, ticketNumber). At most 5 starts per client address in 10 minutes: 429 chat_start_throttled",
                         tag: "channels", request: "ChatStart", response: "ChatStarted", status: 201, auth: false)) { request, context in
            let input = try await JSONIO.decode(ChatStartInput.self, from: request)
            return try JSONIO.response(try await chat.start(input, client: addresses.resolve(request, context: context)), status: .created)
        }
        routes.add(.init(.get, "/api/v1/chat/sessions", summary: "Chats of the agent's units in a state (waiting: the queue, longest waiting first)",
                         tag: "channels", response: "ChatSessionList", query: ["state"])) { request, context in
            try JSONIO.response(["items": try await chat.sessions(state: request.queryDictionary["state"], viewer: try context.requirePrincipal())])
        }
        routes.add(.init(.post, "/api/v1/chat/sessions/{id}/take", summary: "Take a waiting chat (one agent only: 409 chat_taken for the second)",
                         tag: "channels", response: "ChatSession")) { _, context in
            try JSONIO.response(try await chat.take(id: try context.parameters.require("id"), by: try context.requirePrincipal()))
        }
        routes.add(.init(.post, "/api/v1/chat/sessions/{id}/close",
                         summary: "End a chat taken by the caller: the transcript becomes a chat ticket owned by the agent (TKT-03), or joins the open ticket ticketId",
                         tag: "channels", request: "ChatClose", response: "ChatSession")) { request, context in
            let input = try await JSONIO.decode(ChatCloseInput.self, from: request)
            return try JSONIO.response(try await chat.close(id: try context.parameters.require("id"), input, by: try context.requirePrincipal()))
        }
        routes.add(.init(.get, "/api/v1/chat/sessions/{id}/messages", summary: "A chat's messages after seq `after`, oldest first",
                         tag: "channels", response: "ChatMessageList", query: ["after"])) { request, context in
            let after = Int(request.queryDictionary["after"] ?? "0") ?? 0
            return try JSONIO.response(["items": try await chat.messages(sessionId: try context.parameters.require("id"), after: max(0, after),
                                                                       viewer: try context.requirePrincipal())])
        }
    }

    static func declareSchemas(_ routes: ApiRoutes) {
        let string: JSONValue = ["type": "string"]
        let nullableString: JSONValue = ["type": ["string", "null"]]
        routes.schema("ChatStart", [
            "type": "object", "required": ["orgUnitCode", "name", "contact", "message"],
            "properties": ["orgUnitCode": string, "name": string, "contact": string, "message": ["type": "string", "maxLength": .number(ChatRules.messageMax)]],
        ])
        routes.schema("ChatStarted", [
            "type": "object",
            "properties": ["offline": ["type": "boolean"], "sessionId": nullableString, "visitorToken": nullableString, "ticketNumber": nullableString],
        ])
        routes.schema("ChatSession", [
            "type": "object",
            "properties": ["id": string, "orgUnitId": string, "visitorName": string, "contact": string,
                           "state": ["type": "string", "enum": ["waiting", "active", "closed"]], "agentId": nullableString, "agentName": nullableString,
                           "ticketId": nullableString, "ticketNumber": nullableString, "lastSeq": ["type": "integer"], "createdAt": string,
                           "takenAt": nullableString, "closedAt": nullableString],
        ])
        routes.itemsSchema("ChatSessionList", item: "ChatSession")
        routes.schema("ChatClose", ["type": "object", "properties": ["ticketId": nullableString]])
        routes.schema("ChatMessage", [
            "type": "object",
            "properties": ["seq": ["type": "integer"], "author": ["type": "string", "enum": ["visitor", "agent", "system"]], "agentName": nullableString,
                           "clientId": string, "body": string, "at": string],
        ])
        routes.itemsSchema("ChatMessageList", item: "ChatMessage")
    }
}
