import Hummingbird

/// A described API route. API routes are registered only through `ApiRoutes.add`, so every route the server
/// answers is in `/api/v1/openapi.json`, and the document lists nothing the server does not answer.
public struct ApiRouteDoc: Sendable {
    public let method: HTTPRequest.Method
    /// OpenAPI form, e.g. `/api/v1/tickets/{id}`.
    public let path: String
    public let summary: String
    public let tag: String
    /// Name of a schema in `OpenAPISchemas` for the JSON body, if any.
    public let requestSchema: String?
    /// Name of the success response schema and its status.
    public let responseSchema: String?
    public let successStatus: Int
    public let requiresAuth: Bool
    public let queryParameters: [String]

    public init(_ method: HTTPRequest.Method, _ path: String, summary: String, tag: String, request: String? = nil,
                response: String? = nil, status: Int = 200, auth: Bool = true, query: [String] = []) {
        self.method = method
        self.path = path
        self.summary = summary
        self.tag = tag
        self.requestSchema = request
        self.responseSchema = response
        self.successStatus = status
        self.requiresAuth = auth
        self.queryParameters = query
    }

    /// Hummingbird form of the path: `{id}` becomes `:id`.
    public var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part -> String in
            if part.hasPrefix("{") && part.hasSuffix("}") { return ":" + part.dropFirst().dropLast() }
            return String(part)
        }.joined(separator: "/")
    }
}

/// Collects the API routes of all features while registering them on the router.
public final class ApiRoutes: @unchecked Sendable {
    public private(set) var docs: [ApiRouteDoc] = []
    public private(set) var schemas: [String: JSONValue] = [:]
    let router: Router<KefuContext>

    public init(router: Router<KefuContext>) { self.router = router }

    public func add(_ doc: ApiRouteDoc, _ handler: @escaping @Sendable (Request, KefuContext) async throws -> Response) {
        docs.append(doc)
        router.on(RouterPath(doc.routerPath), method: doc.method) { request, context in
            try await handler(request, context)
        }
    }

    public func schema(_ name: String, _ value: JSONValue) {
        schemas[name] = value
    }

    /// #11.4: requests Kefu itself sends (OpenAPI 3.1 `webhooks`): a name, what it carries, and its body's schema.
    public private(set) var webhooks: [(name: String, summary: String, schema: String)] = []

    public func webhook(_ name: String, summary: String, schema: String) {
        webhooks.append((name, summary, schema))
    }

    /// A paged list of `item`: `{"items","page","per","total","totalExact"}`.
    public func pageSchema(_ name: String, item: String) {
        schemas[name] = [
            "type": "object",
            "properties": ["items": ["type": "array", "items": ["$ref": .string("#/components/schemas/\(item)")]],
                           "page": ["type": "integer"], "per": ["type": "integer"], "total": ["type": "integer"],
                           "totalExact": ["type": "boolean"]],
        ]
    }

    /// An unpaged list of `item`: `{"items"}`.
    public func itemsSchema(_ name: String, item: String) {
        schemas[name] = ["type": "object", "properties": ["items": ["type": "array", "items": ["$ref": .string("#/components/schemas/\(item)")]]]]
    }
}
