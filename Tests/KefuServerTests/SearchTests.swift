import Foundation
import Testing

@Suite("Ticket search, Chinese included")
struct SearchTests {
    func ids(_ app: TestApp, _ token: String, _ q: String) async throws -> Set<String> {
        let encoded = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let reply = try await app.call(.get, "/api/v1/tickets?view=all&per=200&q=\(encoded)", token: token)
        #expect(reply.status == .ok, "\(q): \(reply.text)")
        return Set(reply.items.compactMap { $0["id"] as? String })
    }

    @Test func findsChineseTermsOfAnyLengthAndWords() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let t = org.agent.token
            let a = try await app.createTicket(t, subject: "3号风机齿轮箱漏油", description: "客户来电称主轴承温度报警").string("id")!
            let b = try await app.createTicket(t, subject: "变桨系统通讯中断", description: "SL1500 机组停机").string("id")!
            let c = try await app.createTicket(t, subject: "叶片巡检", description: "大风机组叶片表面裂纹").string("id")!
            _ = try await app.call(.post, "/api/v1/tickets/\(b)/comments", token: t, json: ["body": "更换了滑环，通讯恢复", "visibility": "public"])

            #expect(try await ids(app, t, "风机") == [a, c])          // two characters, also inside a longer word
            #expect(try await ids(app, t, "漏油") == [a])
            #expect(try await ids(app, t, "齿轮箱漏油") == [a])      // a longer phrase
            #expect(try await ids(app, t, "机组") == [b, c])
            #expect(try await ids(app, t, "滑环") == [b])            // found in a comment
            #expect(try await ids(app, t, "叶") == [c])               // a single character
            #expect(try await ids(app, t, "sl1500") == [b])         // Latin word, case-insensitive
            #expect(try await ids(app, t, "ＳＬ１５００") == [b])    // full-width input
            #expect(try await ids(app, t, "通讯 滑环") == [b])       // every term must occur, across subject and comments
            #expect(try await ids(app, t, "风机 滑环").isEmpty)
            #expect(try await ids(app, t, "油机").isEmpty)            // characters present but not together
            #expect(try await ids(app, t, "！？").isEmpty)            // nothing searchable
            let noMatch = try await app.call(.get, "/api/v1/tickets?q=%E9%BE%99%E5%8D%B7%E9%A3%8E", token: t) // 龙卷风
            #expect(noMatch["total"] as? Int == 0)
        }
    }

    @Test func editedTextIsSearchedAnew() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let t = org.agent.token
            let id = try await app.createTicket(t, subject: "发电机异响").string("id")!
            #expect(try await ids(app, t, "异响") == [id])
            let edit = try await app.call(.patch, "/api/v1/tickets/\(id)", token: t, json: ["subject": "发电机轴承磨损"])
            #expect(edit.status == .ok)
            #expect(try await ids(app, t, "异响").isEmpty)
            #expect(try await ids(app, t, "磨损") == [id])
            let events = try await app.call(.get, "/api/v1/tickets/\(id)/events", token: t)
            #expect(events.items.contains { $0["kind"] as? String == "updated" })
        }
    }

    @Test func searchRespectsScopeAndFilters() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let other = try await app.createUnit(org.admin, code: "CS2", name: "客服二部", parentId: org.root)
            let outsider = try await app.createUser(org.admin, "outsider", roles: ["cs_agent"], unitId: other)
            let id = try await app.createTicket(org.agent.token, subject: "主轴承损坏").string("id")!
            _ = try await app.createTicket(outsider.token, subject: "主轴承更换")
            #expect(try await ids(app, org.agent.token, "主轴承") == [id])
            #expect(try await ids(app, org.admin, "主轴承").count == 2)
            _ = try await app.call(.post, "/api/v1/tickets/\(id)/status", token: org.agent.token, json: ["status": "resolved"])
            let filtered = try await app.call(.get, "/api/v1/tickets?q=%E4%B8%BB%E8%BD%B4%E6%89%BF&status=resolved", token: org.admin)
            #expect(filtered.items.map { $0["id"] as? String } == [id])
            #expect(try await app.call(.get, "/api/v1/tickets?q=" + String(repeating: "a", count: 201), token: org.agent.token).status == .unprocessableContent)
        }
    }

    /// A whole ticket number typed into the list's search box finds that ticket, within the viewer's scope.
    @Test func theListsSearchFindsATicketByItsNumber() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let other = try await app.createUnit(org.admin, code: "CS2", name: "客服二部", parentId: org.root)
            let outsider = try await app.createUser(org.admin, "outsider", roles: ["cs_agent"], unitId: other)
            let mine = try await app.createTicket(org.agent.token, subject: "风机偏航异常")
            let theirs = try await app.createTicket(outsider.token, subject: "叶片裂纹")
            let number = try #require(mine.string("number"))
            for typed in [number, number.lowercased(), " \(number) "] {
                let found = try await app.call(.get, "/api/v1/tickets?q=" + typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, token: org.agent.token)
                #expect(found.items.map { $0["number"] as? String } == [number], "\(typed): \(found.text)")
            }
            let hidden = try await app.call(.get, "/api/v1/tickets?q=\(theirs.string("number")!)", token: org.agent.token)
            #expect(hidden.status == .ok && hidden.items.isEmpty, "another unit's ticket stays out of sight")
            #expect(try await app.call(.get, "/api/v1/tickets?q=\(theirs.string("number")!)", token: org.admin).items.count == 1)
        }
    }

    /// The index carries who may see each ticket: forwarding, assigning and taking over change what a search finds.
    @Test func searchFollowsForwardingAndOwnership() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let id = try await app.createTicket(org.agent.token, subject: "塔筒螺栓松动").string("id")!
            #expect(try await ids(app, org.qaUser.token, "螺栓").isEmpty)
            _ = try await app.call(.post, "/api/v1/tickets/\(id)/forward", token: org.agent.token, json: ["toOrgUnitId": org.qa])
            #expect(try await ids(app, org.qaUser.token, "螺栓") == [id])
            let mine = try await app.call(.get, "/api/v1/tickets?view=mine&q=%E8%9E%BA%E6%A0%93", token: org.qaUser.token)
            #expect(mine["total"] as? Int == 0)
            _ = try await app.call(.patch, "/api/v1/tickets/\(id)", token: org.agent.token, json: ["assigneeId": org.qaUser.id])
            let assigned = try await app.call(.get, "/api/v1/tickets?view=mine&q=%E8%9E%BA%E6%A0%93", token: org.qaUser.token)
            #expect(assigned.items.map { $0["id"] as? String } == [id])
            let team = try await app.call(.get, "/api/v1/tickets?view=team&q=%E8%9E%BA%E6%A0%93", token: org.colleague.token)
            #expect(team["total"] as? Int == 1)
            let colleagueMine = try await app.call(.get, "/api/v1/tickets?view=mine&q=%E8%9E%BA%E6%A0%93", token: org.colleague.token)
            #expect(colleagueMine["total"] as? Int == 0)
            _ = try await app.call(.post, "/api/v1/tickets/\(id)/owner", token: org.supervisor.token, json: ["ownerId": org.colleague.id, "reason": "交接"])
            let nowMine = try await app.call(.get, "/api/v1/tickets?view=mine&q=%E8%9E%BA%E6%A0%93", token: org.colleague.token)
            #expect(nowMine.items.map { $0["id"] as? String } == [id])
            // A search with a filter besides the scope gives the same answer through the join.
            let filtered = try await app.call(.get, "/api/v1/tickets?view=all&status=new&q=%E8%9E%BA%E6%A0%93", token: org.qaUser.token)
            #expect(filtered.items.map { $0["id"] as? String } == [id])
        }
    }
}
