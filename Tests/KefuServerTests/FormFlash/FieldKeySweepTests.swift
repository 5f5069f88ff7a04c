import Foundation
import Hummingbird
import KefuPlatform
import Testing

/// #11.2 sweep: every page form, posted empty by an administrator, is refused (or done) with a message in the user's
/// language (zh-CN for the administrator) that names fields by their labels — neither the refused field's own key
/// (`code`, `name` …) nor any camelCase key (`reserveQuota`, `orgUnitId` …) in the answer.
@Suite("Page forms: refusals name no field key (#11.2)")
struct FieldKeySweepTests {
    @Test func noRefusalShowsAFieldKey() async throws {
        let routes = try PageFormRedirectTests.pageFormRoutes()
        try await TestApp.run { app in
            let session = PageSession(app)
            _ = try await session.signIn("admin", TestApp.adminPassword)
            let csrf = try #require(PageSession.csrf(in: try await session.get("/admin/units").text))
            let someId = UUID().uuidString.lowercased()
            var leaks: [String] = []
            var checked = 0
            for route in routes {
                let path = "/" + route.split(separator: "/").map { $0 == ":step" ? "close" : $0.hasPrefix(":") ? someId : String($0) }.joined(separator: "/")
                let r = try await session.post(path, form: ["_csrf": csrf], from: "/admin/units")
                guard r.status == .seeOther, let back = r.headers[.location] else { continue }
                let page = try await session.get(back)
                guard let start = page.text.range(of: "id=\"form-flash-message\">"),
                      let end = page.text[start.upperBound...].range(of: "</p>") else { continue }
                let message = String(page.text[start.upperBound..<end.lowerBound])
                checked += 1
                let field = page.text.range(of: "data-field=\"").map { String(page.text[$0.upperBound...].prefix { $0 != "\"" }) } ?? ""
                if !field.isEmpty, message.contains(field) { leaks.append("POST \(route): \(message) (names \(field))") }
                if let key = message.range(of: "[a-z]+[A-Z][A-Za-z]*", options: .regularExpression) {
                    leaks.append("POST \(route): \(message) (\(message[key]))")
                }
            }
            #expect(checked >= 10, "only \(checked) refusals were read")
            #expect(leaks.isEmpty, "\(leaks.joined(separator: "\n"))")
        }
    }
}
