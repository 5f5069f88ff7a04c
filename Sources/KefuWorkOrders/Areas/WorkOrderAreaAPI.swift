import Hummingbird
import KefuDomain
import KefuPlatform

/// WO-05: the area register over the API. `GET` lists the areas of the caller's unit and below; `PUT` names the
/// technician responsible for an area (or removes the area with an empty `technicianId`).
public struct WorkOrderAreaAPI: Sendable {
    let areas: WorkOrderAreaService

    public init(areas: WorkOrderAreaService) { self.areas = areas }

    public func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        routes.schema("WorkOrderAreaInput", ["type": "object", "required": ["area"], "properties": [
            "orgUnitId": ["type": "string", "description": "default: the caller's unit"], "area": str,
            "technicianId": ["type": ["string", "null"], "description": "the duty technician responsible; empty or null removes the area"]]])
        routes.schema("WorkOrderArea", ["type": "object", "properties": [
            "id": str, "orgUnitId": str, "unitName": str, "area": str, "technicianId": str, "technicianName": str, "updatedAt": str]])
        routes.itemsSchema("WorkOrderAreaList", item: "WorkOrderArea")
        routes.add(.init(.get, "/api/v1/work-order-areas", summary: "The area register: who is responsible for each area (WO-05)", tag: "work-orders",
                         response: "WorkOrderAreaList")) { [areas] _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(["items": try await areas.list(viewer: principal)])
        }
        routes.add(.init(.put, "/api/v1/work-order-areas", summary: "Name the technician responsible for an area, or remove the area (WO-05)", tag: "work-orders",
                         request: "WorkOrderAreaInput", response: "WorkOrderAreaList")) { [areas] request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(WorkOrderAreaInput.self, from: request)
            return try JSONIO.response(["items": try await areas.set(input, by: principal)])
        }
    }
}
