import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the estate register and fees (#14 item 2: PRP-01..03, PRP-06). Money, areas and rates travel
/// as strings ("1.85", "89.50"). There is no delete: notices, payments and chase notes are kept.
public struct PropertyAPI: Sendable {
    let property: PropertyService

    public init(property: PropertyService) { self.property = property }

    public func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let int: JSONValue = ["type": "integer"]
        let money: JSONValue = ["type": "string", "description": "yuan, two decimals"]
        routes.schema("PropertyEstateInput", ["type": "object", "required": ["name"], "properties": ["name": str, "address": str, "orgUnitId": str]])
        routes.schema("PropertyUnitInput", ["type": "object", "required": ["building", "room", "area"], "properties": [
            "building": str, "room": ["type": "string", "description": "房号"], "area": ["type": "string", "description": "building area in m², two decimals"],
            "use": JSONValue.enumOf(PropertyUnitUse.self), "occupantKind": JSONValue.enumOf(PropertyOccupantKind.self), "occupantName": str, "occupantPhone": str,
            "moveInOn": ["type": "string", "format": "date"]]])
        routes.schema("PropertyUnitsInput", ["type": "object", "required": ["units"], "properties": [
            "units": ["type": "array", "items": ["$ref": "#/components/schemas/PropertyUnitInput"]]]])
        routes.schema("PropertyFeeRateInput", ["type": "object", "required": ["fee", "kind", "rate", "effectiveFrom"], "properties": [
            "fee": ["type": "string", "description": "the fee's name; a new rate for the same name keeps the old one in the history"],
            "kind": JSONValue.enumOf(PropertyFeeKind.self), "basis": JSONValue.enumOf(PropertyFeeBasis.self),
            "rate": ["type": "string", "description": "per_area: yuan per m² per month (4 decimals); area_share: the month's total; fixed: per unit per month"],
            "appliesTo": ["type": "string", "description": "comma-separated uses (residential,shop,vacant); default all"],
            "effectiveFrom": ["type": "string", "description": "YYYY-MM"]]])
        routes.schema("PropertyNoticeRunInput", ["type": "object", "required": ["month"], "properties": ["month": ["type": "string", "description": "YYYY-MM"]]])
        routes.schema("PropertyPaymentInput", ["type": "object", "required": ["amount", "method"], "properties": [
            "amount": money, "method": JSONValue.enumOf(PropertyPaymentMethod.self), "receiptNo": str, "paidOn": ["type": "string", "format": "date"], "note": str]])
        routes.schema("PropertyChaseInput", ["type": "object", "required": ["method", "result"], "properties": [
            "method": JSONValue.enumOf(PropertyChaseMethod.self), "result": str, "chasedOn": ["type": "string", "format": "date"]]])
        routes.schema("PropertyFeeRate", ["type": "object", "properties": [
            "id": str, "fee": str, "kind": JSONValue.enumOf(PropertyFeeKind.self), "basis": JSONValue.enumOf(PropertyFeeBasis.self), "rate": str,
            "appliesTo": ["type": "array", "items": JSONValue.enumOf(PropertyUnitUse.self)], "effectiveFrom": str, "current": ["type": "boolean"]]])
        routes.schema("PropertyEstate", ["type": "object", "properties": [
            "id": str, "name": str, "address": optStr, "orgUnitId": str, "unitName": str, "units": int,
            "feeRates": ["type": "array", "items": ["$ref": "#/components/schemas/PropertyFeeRate"]]]])
        routes.itemsSchema("PropertyEstateList", item: "PropertyEstate")
        routes.schema("PropertyUnit", ["type": "object", "properties": [
            "id": str, "estateId": str, "building": str, "room": str, "area": str, "use": JSONValue.enumOf(PropertyUnitUse.self),
            "occupantKind": ["type": ["string", "null"]], "occupantName": optStr, "occupantPhone": optStr, "moveInOn": optStr]])
        routes.pageSchema("PropertyUnitPage", item: "PropertyUnit")
        routes.schema("PropertyUnitsMade", ["type": "object", "properties": ["made": int, "units": ["type": "array", "items": ["$ref": "#/components/schemas/PropertyUnit"]]]])
        routes.schema("PropertyNoticeRun", ["type": "object", "properties": ["estateId": str, "month": str, "made": int, "already": int, "total": int]])
        routes.schema("PropertyNotice", ["type": "object", "properties": [
            "id": str, "number": str, "estateId": str, "estateName": str, "unitId": str, "building": str, "room": str, "area": str,
            "occupantName": optStr, "occupantPhone": optStr, "month": str, "billed": money, "paid": money, "owing": money, "settled": ["type": "boolean"],
            "ageMonths": ["type": "integer", "description": "arrears: whole months since the billing month"],
            "lines": ["type": "array", "items": ["type": "object", "properties": ["fee": str, "kind": str, "basis": str, "rate": str, "area": str, "amount": money, "paid": money]]],
            "payments": ["type": "array", "items": ["type": "object", "properties": ["id": str, "amount": money, "method": str, "receiptNo": optStr, "paidOn": str, "recordedBy": str]]],
            "chases": ["type": "array", "items": ["type": "object", "properties": ["id": str, "chasedOn": str, "method": str, "result": str, "chasedBy": str]]],
            "actions": ["type": "array", "items": str]]])
        routes.pageSchema("PropertyNoticePage", item: "PropertyNotice")
        routes.schema("PropertyCollectionReport", ["type": "object", "properties": [
            "estateId": str, "estateName": str, "period": JSONValue.enumOf(CollectionPeriod.self), "from": str, "to": str,
            "rows": ["type": "array", "items": ["type": "object", "properties": [
                "period": str, "fee": ["type": "string", "description": "empty: all fees (whole notices)"], "billed": money, "paid": money,
                "rate": ["type": "string", "description": "paid / billed, one decimal %"], "items": int, "paidItems": int,
                "countRate": ["type": "string", "description": "fully paid notices (or lines) / all"]]]]]])

        routes.add(.init(.get, "/api/v1/property/estates", summary: "Estates in the caller's scope (PRP-06)", tag: "property", response: "PropertyEstateList")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(["items": try await property.estates(viewer: principal)])
        }
        routes.add(.init(.post, "/api/v1/property/estates", summary: "Set up an estate of a service centre (PRP-06)", tag: "property",
                         request: "PropertyEstateInput", response: "PropertyEstate", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await property.createEstate(try await JSONIO.decode(PropertyBody.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/property/estates/{id}", summary: "An estate with its fee table and history (PRP-03)", tag: "property",
                         response: "PropertyEstate")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await property.estate(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/property/estates/{id}/units", summary: "The estate's units and occupants (PRP-06; q: 房号, name or phone)", tag: "property",
                         response: "PropertyUnitPage", query: ["q", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await property.units(estateId: try context.parameters.require("id"), q, paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/property/estates/{id}/units", summary: "Register many units in one request (PRP-06; all or none)", tag: "property",
                         request: "PropertyUnitsInput", response: "PropertyUnitsMade", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(PropertyUnitsBody.self, from: request)
            return try JSONIO.response(try await property.addUnits(estateId: try context.parameters.require("id"), body, by: principal), status: .created)
        }
        routes.add(.init(.post, "/api/v1/property/estates/{id}/fee-rates", summary: "A fee's rate from a month on (PRP-03; history kept)", tag: "property",
                         request: "PropertyFeeRateInput", response: "PropertyEstate", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(PropertyBody.self, from: request)
            return try JSONIO.response(try await property.addFeeRate(estateId: try context.parameters.require("id"), body, by: principal), status: .created)
        }
        routes.add(.init(.post, "/api/v1/property/estates/{id}/notices", summary: "Generate the month's fee notices (PRP-01; a second run adds only the missing units)",
                         tag: "property", request: "PropertyNoticeRunInput", response: "PropertyNoticeRun")) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(PropertyBody.self, from: request)
            return try JSONIO.response(try await property.generate(estateId: try context.parameters.require("id"), body, by: principal))
        }
        routes.add(.init(.get, "/api/v1/property/estates/{id}/collection-rate", summary: "Collection rate per fee and period (PRP-02, RPT-10)", tag: "property",
                         response: "PropertyCollectionReport", query: ["period", "from", "to"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await property.collection(estateId: try context.parameters.require("id"), request.queryDictionary, viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/property/notices", summary: "Fee notices in the caller's scope (arrears=1: unpaid or partly paid, oldest first)", tag: "property",
                         response: "PropertyNoticePage", query: ["estateId", "month", "arrears", "q", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await property.notices(q, paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/property/notices/{id}", summary: "A fee notice with its lines, payments and chase notes", tag: "property",
                         response: "PropertyNotice")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await property.notice(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/property/notices/{id}/payments", summary: "Record a payment (partial allowed, overpayment refused) (PRP-01)", tag: "property",
                         request: "PropertyPaymentInput", response: "PropertyNotice", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(PropertyBody.self, from: request)
            return try JSONIO.response(try await property.pay(noticeId: try context.parameters.require("id"), body, by: principal), status: .created)
        }
        routes.add(.init(.post, "/api/v1/property/notices/{id}/chases", summary: "Record a chase of arrears (催缴) (PRP-01)", tag: "property",
                         request: "PropertyChaseInput", response: "PropertyNotice", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(PropertyBody.self, from: request)
            return try JSONIO.response(try await property.chase(noticeId: try context.parameters.require("id"), body, by: principal), status: .created)
        }
    }
}
