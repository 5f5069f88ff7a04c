import Foundation
import Hummingbird
import Testing

/// Drives the pages over HTTP as a browser would: keeps the cookies, reads the CSRF token from forms.
final class PageSession: @unchecked Sendable {
    let app: TestApp
    var cookies: [String: String] = [:]

    init(_ app: TestApp) { self.app = app }

    var cookieHeader: String { cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }

    func absorb(_ headers: HTTPFields) {
        for value in headers[values: .setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let v = pair.count > 1 ? String(pair[1]) : ""
            if v.isEmpty || value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = v }
        }
    }

    func get(_ path: String, language: String? = nil) async throws -> TestApp.Reply {
        var headers: HTTPFields = [.cookie: cookieHeader]
        if let language { headers[.acceptLanguage] = language }
        let r = try await app.call(.get, path, headers: headers)
        absorb(r.headers)
        return r
    }

    /// `from`: the page the form is on, sent as the same-origin Referer a browser sends (#11.2: a refusal returns there).
    func post(_ path: String, form: [String: String], from page: String? = nil) async throws -> TestApp.Reply {
        let body = form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
        var headers: HTTPFields = [.cookie: cookieHeader, .contentType: "application/x-www-form-urlencoded"]
        if let page { headers[.referer] = "http://localhost" + page }
        let r = try await app.call(.post, path, raw: body, headers: headers)
        absorb(r.headers)
        return r
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    func signIn(_ username: String, _ password: String) async throws -> TestApp.Reply {
        let page = try await get("/login")
        let token = Self.csrf(in: page.text) ?? ""
        return try await post("/login", form: ["username": username, "password": password, "_csrf": token])
    }
}
