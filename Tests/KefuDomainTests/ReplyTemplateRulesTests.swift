import KefuDomain
import Testing

/// #16 item 5 (CH-03, CH-04): template variables and who writes templates where.
@Suite("Reply template rules (#16 item 5)")
struct ReplyTemplateRulesTests {
    @Test func variablesAreFilledInByEitherNameAndUnknownOnesAreRefused() {
        let values = ["customer": "王先生", "ticketNumber": "T-2026-000042", "agent": "小李", "unit": "一号楼管理处"]
        #expect(ReplyTemplateRules.render("您好，这里是{部门}，我是{agent}。{客户}的工单{ticketNumber}", values: values)
                == "您好，这里是一号楼管理处，我是小李。王先生的工单T-2026-000042")
        // No value: the variable stays for the agent to fill in; braces that are not a variable stay as written.
        #expect(ReplyTemplateRules.render("请在{dueAt}前{ 回复 }{}", values: values) == "请在{dueAt}前{ 回复 }{}")
        #expect(ReplyTemplateRules.render("未闭合{agent", values: values) == "未闭合{agent")
        #expect(ReplyTemplateRules.placeholders(in: "{a}{客户}{ x }{}") == ["a", "客户"])
        let bad = ReplyTemplateRules.validate(.init(kind: nil, channel: nil, category: nil, title: "t", code: nil, body: "{客户名}", locale: nil))
        #expect(bad == .failure(.unknownVariable("客户名")))
        let ok = ReplyTemplateRules.validate(.init(kind: "greeting", channel: "phone", category: " 问候 ", title: " 电话 ", code: "Hi-1", body: " {客户} ", locale: "en"))
        #expect(ok == .success(.init(kind: .greeting, channel: .phone, category: "问候", title: "电话", code: "hi-1", body: "{客户}", locale: "en")))
    }

    @Test func supervisorsWriteTheirUnitAndBelowAndOnlyTheHeadOfficeTheCompanyWideOnes() {
        let hq = "/root/", cs = "/root/cs/", team = "/root/cs/team/", qa = "/root/qa/"
        #expect(ReplyTemplateRules.mayManage(roles: [.csSupervisor], userPath: cs, templatePath: cs))
        #expect(ReplyTemplateRules.mayManage(roles: [.csSupervisor], userPath: cs, templatePath: team))
        #expect(!ReplyTemplateRules.mayManage(roles: [.csSupervisor], userPath: cs, templatePath: qa))
        #expect(!ReplyTemplateRules.mayManage(roles: [.csSupervisor], userPath: cs, templatePath: "/"))
        #expect(ReplyTemplateRules.mayManage(roles: [.csManager], userPath: hq, templatePath: "/"))
        #expect(!ReplyTemplateRules.mayManage(roles: [.csAgent], userPath: cs, templatePath: cs))
        #expect(ReplyTemplateRules.pathsInForce(userPath: team) == ["/", hq, cs, team])
    }

    @Test func theNearestUnitsTemplateHoldsInTheWantedLanguageFirst() {
        let found: [(path: String, locale: String)] = [("/", "zh-CN"), ("/root/cs/", "en"), ("/root/cs/", "zh-CN"), ("/root/", "zh-CN")]
        #expect(ReplyTemplateRules.nearest(found, locale: "zh-CN") == 2)
        #expect(ReplyTemplateRules.nearest(found, locale: "en") == 1)
        #expect(ReplyTemplateRules.nearest([("/", "en")], locale: "zh-CN") == 0, "the other language when the unit has no other")
        #expect(ReplyTemplateRules.nearest([], locale: "zh-CN") == nil)
    }
}
