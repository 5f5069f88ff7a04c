import Foundation
import Hummingbird
import Testing

/// #13.5 on the pages: the keeper lends from the form (a refusal comes back under its field with what was typed), the
/// register lists it, the site lead signs off the return from the loan page; who may not lend gets no form.
@Suite("Tool-loan pages (#13.5, LND-01/02)")
struct ToolLoanPageTests {
    static func signedIn(_ app: TestApp, _ user: String) async throws -> PageSession {
        let s = PageSession(app)
        #expect(try await s.signIn(user, "password-\(user)").status == .seeOther)
        return s
    }

    @Test func theKeeperLendsOnTheFormAndTheLeadSignsOffOnTheLoanPage() async throws {
        try await TestApp.run { app in
            let s = try await ToolLoanFlowTests.site(app)
            let keeper = try await Self.signedIn(app, "keepa1")
            let empty = try await keeper.get("/materials/tool-loans")
            #expect(empty.status == .ok && empty.text.contains("id=\"empty-state\"") && empty.text.contains("id=\"nav-tool-loans\""))
            #expect(empty.text.contains("id=\"new-tool-loan\""))
            let form = try await keeper.get("/materials/tool-loans/new")
            #expect(form.status == .ok && form.text.contains("id=\"tool-loan-form\"") && form.text.contains("value=\"\(s.f.bolt)\""), "\(form.text)")
            var fields = ["_csrf": PageSession.csrf(in: form.text) ?? "", "warehouseId": s.f.A1G, "itemId": s.f.bolt, "quantity": "9", "borrower": "王师傅",
                          "workGroup": "检修一组", "purpose": "检修", "dueOn": "2099-01-10"]
            let refused = try await keeper.post("/materials/tool-loans", form: fields, from: "/materials/tool-loans/new")
            #expect(refused.status == .seeOther && refused.headers[.location] == "/materials/tool-loans/new")
            let again = try await keeper.get("/materials/tool-loans/new")
            #expect(again.text.contains("id=\"tl-quantity-error\"") && again.text.contains("value=\"王师傅\""), "\(again.text)")
            fields["_csrf"] = PageSession.csrf(in: again.text) ?? ""
            fields["quantity"] = "２"
            let lent = try await keeper.post("/materials/tool-loans", form: fields, from: "/materials/tool-loans/new")
            let location = try #require(lent.headers[.location])
            #expect(location.hasPrefix("/materials/tool-loans/") && location.contains("notice=tool_loan"), "\(location)")
            let page = try await keeper.get(location)
            #expect(page.text.contains("data-status=\"open\"") && page.text.contains("id=\"document-signatures\""))
            #expect(!page.text.contains("id=\"tool-loan-return-form\""), "the keeper does not sign off")
            let register = try await keeper.get("/materials/tool-loans")
            #expect(register.text.contains("class=\"tool-loan-row\""))

            // The department sees the open loans per site (LND-02).
            let department = try await Self.signedIn(app, "acca")
            let sites = try await department.get("/materials/tool-loans")
            #expect(sites.text.contains("id=\"tool-loan-site-list\"") && sites.text.contains("data-warehouse=\"\(s.f.A1G)\" data-open=\"1\" data-overdue=\"0\""),
                    "\(sites.text)")

            let lead = try await Self.signedIn(app, "leada1")
            let loanPath = String(location.split(separator: "?")[0])
            let loan = try await lead.get(loanPath)
            #expect(loan.text.contains("id=\"tool-loan-return-form\""))
            let back = try await lead.post(loanPath + "/return", form: ["_csrf": PageSession.csrf(in: loan.text) ?? "", "condition": "good", "returnedOn": ""],
                                           from: loanPath)
            #expect(back.status == .seeOther)
            let returned = try await lead.get(loanPath)
            #expect(returned.text.contains("data-status=\"returned\"") && returned.text.contains("id=\"tl-signed-off\""))
            #expect(try await keeper.get("/materials/tool-loans").text.contains("id=\"empty-state\""))
        }
    }

    @Test func whoMayNotLendGetsNoForm() async throws {
        try await TestApp.run { app in
            _ = try await ToolLoanFlowTests.site(app)
            let accountant = try await Self.signedIn(app, "acca")
            let register = try await accountant.get("/materials/tool-loans")
            #expect(register.status == .ok && !register.text.contains("id=\"new-tool-loan\""))
            #expect(try await accountant.get("/materials/tool-loans/new").status == .forbidden)
            let agent = try await Self.signedIn(app, "agent")
            #expect(try await agent.get("/materials/tool-loans").status == .forbidden)
        }
    }
}
