import KefuDomain
import KefuPeople
import KefuPlatform

/// #15.2 SHF-04: the home page's part "unread announcements" — what the agent sees at shift start; each title opens
/// the announcement (which records the receipt).
extension HomePage {
    func announcements(_ a: ListPage<AnnouncementView>, _ l: AppLocale) -> HTML {
        let rows = a.items.map { x -> DataTable.Row in
            DataTable.Row([.init("<a class=\"home-announcement\" href=\"/people/announcements/\(x.id)\">\(x.title)</a>"), .init("\(x.publisherName)"),
                           .init("\(String(x.publishedAt.prefix(10)))", class: "nowrap")], attributes: "class=\"home-announcement-row\"")
        }
        let content = DataTable.render(id: "home-announcements-table", headers: [Text("标题", "Title"), Text("发布人", "Publisher"), Text("发布日期", "Published")].map { $0(l) },
                                       rows: rows)
        return section(id: "home-announcements", title: Text("未读公告", "Unread announcements"), count: a.total,
                       more: (Text("查看全部公告", "All announcements"), "/people/announcements"), l, content: content)
    }
}
