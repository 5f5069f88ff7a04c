import Foundation
import Hummingbird
import Testing

/// #11.2 (remainder item 5): the public survey `/s/:token` never leaves the respondent on the POST address with an
/// error page and never loses what was chosen: a refused answer draws the survey again with the choices and the message
/// beside the overall rating; an unknown, answered or expired link goes back (303) to the survey's own page, which says so.
@Suite("Public survey: refused answers keep what was chosen (#11.2)")
struct SurveyRefusalTests {
    static func path(_ app: TestApp, _ o: OrgFixture) async throws -> String {
        let ticket = try await app.createTicket(o.agent.token, subject: "咨询").string("id")!
        let url = try await app.call(.post, "/api/v1/survey-invitations", token: o.agent.token, json: ["ticketId": ticket]).string("url")!
        return "/s/" + url.components(separatedBy: "/s/").last!
    }

    @Test func aMissingOverallRatingRedrawsTheSurveyWithWhatWasChosen() async throws {
        try await TestApp.run { app in
            let o = try await OrgFixture.make(app)
            let path = try await Self.path(app, o)
            let visitor = PageSession(app)
            let page = try await visitor.get(path)
            let refused = try await visitor.post(path, form: ["_csrf": PageSession.csrf(in: page.text)!, "item_service.attitude": "2",
                                                              "comment_service.attitude": "等了三天才回电话", "comment": "希望缩短返修周期"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("survey-form"))
            // The message stands by the overall rating, and everything chosen or typed is there again.
            #expect(refused.text.contains("id=\"overall-error\""))
            #expect(refused.text.contains("请选择总体评价"))
            #expect(refused.text.contains("id=\"item_service.attitude-2\" checked"))
            #expect(refused.text.contains("value=\"等了三天才回电话\""))
            #expect(refused.text.contains(">希望缩短返修周期</textarea>"))
            // And it can be sent from there.
            let sent = try await visitor.post(path, form: ["_csrf": PageSession.csrf(in: refused.text)!, "overall": "3", "item_service.attitude": "2"])
            #expect(sent.status == .ok)
            #expect(sent.text.contains("survey-thanks"))
        }
    }

    @Test func anAnsweredOrUnknownLinkGoesBackToTheSurveysPage() async throws {
        try await TestApp.run { app in
            let o = try await OrgFixture.make(app)
            let path = try await Self.path(app, o)
            let first = PageSession(app)
            let page = try await first.get(path)
            let second = PageSession(app)
            let other = try await second.get(path)
            let visitor = PageSession(app)
            let open = try await visitor.get(path)
            #expect(try await first.post(path, form: ["_csrf": PageSession.csrf(in: page.text)!, "overall": "5"]).status == .ok)
            // Answered meanwhile in another window: back to the survey page, which says it was answered.
            let late = try await second.post(path, form: ["_csrf": PageSession.csrf(in: other.text)!, "overall": "4"])
            #expect(late.status == .seeOther)
            #expect(late.headers[.location] == path)
            let shown = try await second.get(path)
            #expect(shown.status == .ok)
            #expect(shown.text.contains("survey-closed") && shown.text.contains("该问卷已提交"))

            // A link that does not exist: the survey's page saying so, never the console's error page.
            let bad = try await visitor.get("/s/not-a-real-token")
            #expect(bad.status == .notFound)
            #expect(bad.text.contains("该问卷链接无效"))
            let posted = try await visitor.post("/s/not-a-real-token", form: ["_csrf": PageSession.csrf(in: open.text)!, "overall": "5"])
            #expect(posted.status == .seeOther)
            #expect(posted.headers[.location] == "/s/not-a-real-token")
        }
    }
}
