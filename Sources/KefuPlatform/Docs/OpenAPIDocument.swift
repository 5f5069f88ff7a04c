/// Builds the OpenAPI 3.1 description from the routes as registered.
public enum OpenAPIDocument {
    public static func build(_ routes: ApiRoutes, version: String) -> JSONValue {
        var byPath: [String: [(String, JSONValue)]] = [:]
        var order: [String] = []
        for doc in routes.docs {
            if byPath[doc.path] == nil { order.append(doc.path) }
            byPath[doc.path, default: []].append((doc.method.rawValue.lowercased(), operation(doc)))
        }
        let paths: [(String, JSONValue)] = order.map { ($0, .object(byPath[$0]!)) }
        let schemas: [(String, JSONValue)] = routes.schemas.keys.sorted().map { ($0, routes.schemas[$0]!) }
        let document: JSONValue = [
            "openapi": "3.1.0",
            "info": [
                "title": "Kefu 客服 API",
                "version": .string(version),
                "description": "Service desk and materials ledger. Errors: {\"error\":{\"code\",\"message\"}}. Lists: {\"items\",\"page\",\"per\",\"total\"}.",
            ],
            "servers": [["url": "/"]],
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": .object(schemas + [("Error", errorSchema)]),
            ],
            "paths": .object(paths),
        ]
        guard !routes.webhooks.isEmpty, case .object(let parts) = document else { return document }
        return .object(parts + [("webhooks", .object(routes.webhooks.map { ($0.name, webhook($0.summary, schema: $0.schema)) }))])
    }

    /// #11.4: an outgoing POST of Kefu's (a unit's webhook): its body, and what an answer means.
    static func webhook(_ summary: String, schema: String) -> JSONValue {
        ["post": [
            "summary": .string(summary),
            "requestBody": ["required": true, "content": ["application/json": ["schema": ["$ref": .string("#/components/schemas/\(schema)")]]]],
            "responses": ["2XX": ["description": "Delivered. Any other answer (a redirect too) is tried again later, up to six times."]],
        ]]
    }

    static let errorSchema: JSONValue = [
        "type": "object",
        "required": ["error"],
        "properties": ["error": [
            "type": "object",
            "required": ["code", "message"],
            "properties": ["code": ["type": "string"], "message": ["type": "string"], "field": ["type": "string"]],
        ]],
    ]

    static func operation(_ doc: ApiRouteDoc) -> JSONValue {
        var op: [(String, JSONValue)] = [
            ("summary", .string(doc.summary)),
            ("tags", [.string(doc.tag)]),
            ("operationId", .string(operationId(doc))),
        ]
        var parameters: [JSONValue] = doc.path.split(separator: "/").compactMap { part in
            guard part.hasPrefix("{") else { return nil }
            return ["name": .string(String(part.dropFirst().dropLast())), "in": "path", "required": true, "schema": ["type": "string"]]
        }
        parameters += doc.queryParameters.map { ["name": .string($0), "in": "query", "required": false, "schema": ["type": "string"]] }
        if !parameters.isEmpty { op.append(("parameters", .array(parameters))) }
        if let request = doc.requestSchema {
            op.append(("requestBody", [
                "required": true,
                "content": ["application/json": ["schema": ["$ref": .string("#/components/schemas/\(request)")]]],
            ]))
        }
        var success: [(String, JSONValue)] = [("description", "OK")]
        if let response = doc.responseSchema {
            success.append(("content", ["application/json": ["schema": ["$ref": .string("#/components/schemas/\(response)")]]]))
        }
        let error: JSONValue = ["description": "Error", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
        op.append(("responses", .object([(String(doc.successStatus), .object(success)), ("default", error)])))
        if doc.requiresAuth { op.append(("security", [["bearer": []]])) } else { op.append(("security", [])) }
        return .object(op)
    }

    static func operationId(_ doc: ApiRouteDoc) -> String {
        let words = doc.path.split(separator: "/").dropFirst(2).map { part -> String in
            part.hasPrefix("{") ? "By" + part.dropFirst().dropLast().capitalized : part.split(separator: "-").map { $0.capitalized }.joined()
        }
        return doc.method.rawValue.lowercased() + words.joined()
    }
}
