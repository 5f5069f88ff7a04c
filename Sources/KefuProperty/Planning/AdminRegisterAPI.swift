import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of PRP-11 admin registers: items with in/out moves, and staff-movement and welfare logs.
public struct AdminRegisterAPI: Sendable {
    let registers: AdminRegisterService

    public init(registers: AdminRegisterService) { self.registers = registers }

    public func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let int: JSONValue = ["type": "integer"]
        routes.schema("PropertyAdminItemInput", ["type": "object", "required": ["kind", "name"], "properties": [
            "orgUnitId": str, "kind": JSONValue.enumOf(AdminRegisterKind.self), "name": str, "unitLabel": ["type": "string", "description": "计量单位, default 件"]]])
        routes.schema("PropertyAdminMoveInput", ["type": "object", "required": ["direction", "quantity"], "properties": [
            "direction": JSONValue.enumOf(AdminMoveDirection.self), "quantity": ["type": "integer", "minimum": 1], "movedOn": ["type": "string", "format": "date"],
            "party": ["type": "string", "description": "who took it or where it came from"], "note": str]])
        routes.schema("PropertyAdminLogInput", ["type": "object", "required": ["kind", "person", "detail"], "properties": [
            "orgUnitId": str, "kind": JSONValue.enumOf(AdminLogKind.self), "loggedOn": ["type": "string", "format": "date"], "person": str, "detail": str]])
        routes.schema("PropertyAdminItem", ["type": "object", "properties": [
            "id": str, "orgUnitId": str, "unitName": str, "kind": JSONValue.enumOf(AdminRegisterKind.self), "name": str, "unitLabel": str,
            "balance": ["type": "integer", "description": "never below zero"],
            "moves": ["type": "array", "items": ["type": "object", "properties": [
                "id": str, "direction": JSONValue.enumOf(AdminMoveDirection.self), "quantity": int, "balanceAfter": int, "movedOn": str, "party": optStr, "note": optStr, "by": str]]]]])
        routes.itemsSchema("PropertyAdminItemList", item: "PropertyAdminItem")
        routes.schema("PropertyAdminLog", ["type": "object", "properties": [
            "id": str, "orgUnitId": str, "kind": JSONValue.enumOf(AdminLogKind.self), "loggedOn": str, "person": str, "detail": str, "by": str]])
        routes.itemsSchema("PropertyAdminLogList", item: "PropertyAdminLog")

        routes.add(.init(.get, "/api/v1/property/admin-items", summary: "Admin register items in the caller's scope (PRP-11)", tag: "property",
                         response: "PropertyAdminItemList", query: ["kind"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(["items": try await registers.items(request.queryDictionary, viewer: principal)])
        }
        routes.add(.init(.post, "/api/v1/property/admin-items", summary: "Add an item to a register: fixed asset, consumable, office supply, uniform (PRP-11)",
                         tag: "property", request: "PropertyAdminItemInput", response: "PropertyAdminItem", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await registers.createItem(try await JSONIO.decode(FlatBody.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/property/admin-items/{id}", summary: "A register item with its moves (PRP-11)", tag: "property",
                         response: "PropertyAdminItem")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await registers.item(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/property/admin-items/{id}/moves", summary: "Record a move in or out (never below zero, PRP-11)", tag: "property",
                         request: "PropertyAdminMoveInput", response: "PropertyAdminItem", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await registers.move(itemId: try context.parameters.require("id"), body, by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/property/admin-logs", summary: "Staff-movement and welfare logs in the caller's scope (PRP-11)", tag: "property",
                         response: "PropertyAdminLogList", query: ["kind"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(["items": try await registers.logs(request.queryDictionary, viewer: principal)])
        }
        routes.add(.init(.post, "/api/v1/property/admin-logs", summary: "Log a staff movement or a welfare hand-out (PRP-11)", tag: "property",
                         request: "PropertyAdminLogInput", response: "PropertyAdminLog", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await registers.addLog(try await JSONIO.decode(FlatBody.self, from: request), by: principal), status: .created)
        }
    }
}
