import Foundation
import KefuDomain
import Testing

/// #15 leftovers (SHF-02): the outgoing person's signature tells the next shift's people in the bell, nobody else.
@Suite("Handover signed notice (#15 leftovers)")
struct HandoverNoticeTests {
    @Test func theIncomingPersonIsToldWhenTheOutgoingOneSigns() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let day = CivilDay(iso: "2026-03-10")!
            let ids = try await HandoverFlowTests.plan(app, f, [(day, f.ann.id, f.early), (day, f.bo.id, f.late), (day.adding(days: 1), f.cy.id, f.early)])
            let draft = try await app.call(.post, "/api/v1/handovers", token: f.ann.token, json: ["entryId": ids["2026-03-10/\(f.ann.id)/\(f.early)"]!, "notes": "耳麦待修"])
            #expect(draft.status == .created, "\(draft.text)")
            let id = draft.string("id")!, number = draft.string("number")!
            // A draft tells nobody.
            #expect(try await app.bell(f.bo.token).isEmpty)
            let submitted = try await app.call(.post, "/api/v1/handovers/\(id)/submit", token: f.ann.token)
            #expect(submitted.status == .ok, "\(submitted.text)")
            let bell = try await app.bell(f.bo.token)
            #expect(bell.map(\.kind) == ["handover_signed"])
            #expect(bell.first?.title.contains(number) == true)
            for token in [f.ann.token, f.cy.token, f.supervisor.token, f.manager.token] {
                #expect(try await app.bell(token).isEmpty)
            }
        }
    }
}
