import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of item-code requests (MAT-05, #12.5; API.md Materials).
struct ItemRequestAPI: Sendable {
    let requests: ItemRequestService

    func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optional: JSONValue = ["type": ["string", "null"]]
        routes.schema("ItemRequestInput", ["type": "object", "required": ["name", "spec", "unit", "purpose"], "properties": [
            "orgUnitId": str, "name": str, "spec": str, "unit": str, "purpose": str]])
        routes.schema("ItemRequestDecision", ["type": "object", "properties": ["item": ["$ref": "#/components/schemas/ItemInput"], "reason": str]])
        routes.schema("ItemRequest", ["type": "object", "properties": [
            "id": str, "orgUnitId": str, "name": str, "spec": str, "unit": str, "purpose": str,
            "status": ["type": "string", "enum": .array(ItemRequestStatus.allCases.map { .string($0.rawValue) })],
            "itemId": optional, "reason": optional, "requestedBy": str, "createdAt": str]])
        routes.itemsSchema("ItemRequestList", item: "ItemRequest")
        routes.add(.init(.get, "/api/v1/item-requests", summary: "Requests for a new item code in the caller's scope (MAT-05)", tag: "materials",
                         response: "ItemRequestList", query: ["status"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(Items(items: try await requests.list(status: request.queryDictionary["status"], viewer: principal)))
        }
        routes.add(.init(.post, "/api/v1/item-requests", summary: "Ask for a new item code (draft; add the three photos as attachments of kind item_request)",
                         tag: "materials", request: "ItemRequestInput", response: "ItemRequest", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await requests.create(try await JSONIO.decode(ItemRequestInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/item-requests/{id}", summary: "One item-code request", tag: "materials", response: "ItemRequest")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await requests.request(id: try context.parameters.require("id"), viewer: principal))
        }
        for action in ItemRequestAction.allCases {
            routes.add(.init(.post, "/api/v1/item-requests/{id}/\(action.rawValue)", summary: "Item-code request: \(action.rawValue) (MAT-05)", tag: "materials",
                             request: "ItemRequestDecision", response: "ItemRequest")) { request, context in
                let principal = try context.requirePrincipal()
                let decision = try await JSONIO.decode(ItemRequestDecision.self, from: request)
                return try JSONIO.response(try await requests.act(action, id: try context.parameters.require("id"), decision, by: principal))
            }
        }
    }
}
