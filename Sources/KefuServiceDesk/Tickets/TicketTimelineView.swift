import Foundation
import KefuDomain
import KefuPlatform

/// #11.4: the ticket's timeline as people read it: every step by its label in the viewer's language, with the names and
/// texts it concerns — never an internal id or a raw code.
enum TicketTimelineView {
    static func render(_ entries: [TicketTimelineEntry], _ l: AppLocale) -> [HTML] {
        entries.map { entry in
            let e = entry.event
            let cls = e.kind == "comment" ? (e.visibility == "internal" ? "event internal" : "event public-comment") : (e.visibility == "internal" ? "event internal" : "event")
            return "<li class=\"\(cls)\" data-kind=\"\(e.kind)\"><div class=\"meta\">\(entry.at.display) · \(e.actorName ?? Text("系统", "System")(l)) · \(TicketLabels.event(e.kind), l)</div>\(detail(entry, l))</li>"
        }
    }

    static func note(_ e: EventView, _ key: String = "note") -> HTML {
        e.data[key].flatMap { $0.isEmpty ? nil : "<div class=\"body\">\($0)</div>" as HTML } ?? .empty
    }

    /// #15.6: which level of the escalation path was reached and who was told (ESC-04: with the business-management team).
    static func pathStep(_ e: EventView, _ l: AppLocale) -> HTML {
        var parts: [HTML] = []
        if let level = e.data["pathLevel"] { parts.append("<div data-path-level=\"\(level)\">\(Text("升级路径第 {0} 级", "Escalation path level {0}").with(level), l)</div>") }
        if e.data["businessManagement"] == "true" { parts.append("<div>\(Text("疑难投诉：已通知业务管理部", "Difficult complaint: business management told"), l)</div>") }
        if let alerted = e.data["alerted"] {
            let who = alerted.isEmpty ? Text("无人可通知", "Nobody could be told")(l) : alerted
            parts.append("<div class=\"alerted\">\(Text("已通知：", "Told: "), l)\(who)</div>")
        }
        return "\(parts)"
    }

    static func detail(_ entry: TicketTimelineEntry, _ l: AppLocale) -> HTML {
        let e = entry.event
        switch e.kind {
        case "comment":
            let label = e.visibility == "internal" ? Text("内部备注", "Internal note") : Text("公开回复", "Public reply")
            return "<div class=\"meta\">\(label, l)</div><div class=\"body\">\(e.data["body"] ?? "")</div>"
        case "created":
            let channel = e.data["channel"].flatMap(TicketChannel.init(rawValue:)).map { TicketLabels.channel($0)(l) } ?? ""
            let type = e.data["type"].flatMap(TicketType.init(rawValue:)).map { TicketLabels.type($0)(l) } ?? ""
            return "<div>\(e.data["number"] ?? "") · \(type) · \(channel)</div>"
        case "status":
            let from = TicketStatus(rawValue: e.data["from"] ?? "").map { TicketLabels.status($0)(l) } ?? ""
            let to = TicketStatus(rawValue: e.data["to"] ?? "").map { TicketLabels.status($0)(l) } ?? ""
            return "<div>\(from) → \(to)</div>\(note(e))"
        case "forwarded", "assigned":
            let parts = [e.data["teamName"], e.data["assigneeName"]].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
            let to: HTML = parts.isEmpty ? "\(Text("取消指定处理人", "Assignee cleared"), l)" : "\(Text("接收：", "To: "), l)\(parts)"
            return "<div>\(to)</div>\(note(e))"
        case "escalated":
            let late = e.data["late"] == "true" ? Text("（超过升级时限，迟报）", " (after the escalation time: late)")
                : e.data["automatic"] == "true" ? Text("（超时自动升级）", " (automatic, on a breach)") : Text("", "")
            return "<div>\(Text("级别", "Level"), l) \(e.data["level"] ?? "")\(late, l)</div>\(note(e, "reason"))\(pathStep(e, l))"
        case "escalation_notified":
            return pathStep(e, l)
        case "owner_changed":
            return "<div>→ \(e.data["toName"] ?? "")</div>\(note(e, "reason"))"
        case "first_response":
            return "<div>\(Text("受理后 {0} 分钟（按服务标准计时）", "{0} min after receipt (on the SLA clock)").with(e.data["minutes"] ?? ""), l)</div>"
        case "sla_breached":
            let clock = e.data["clock"] == "first_response" ? Text("首次响应超时", "First response overdue") : Text("解决超时", "Resolution overdue")
            return "<div>\(clock, l) · \(Text("时限", "Due"), l) \(entry.dueAt.displayOrDash)</div>"
        case "updated":
            let fields: [(String, Text)] = [("subject", Text("主题", "Subject")), ("description", Text("描述", "Description")),
                                            ("type", Text("类型", "Type")), ("channel", Text("渠道", "Channel")), ("priority", Text("优先级", "Priority"))]
            let changed = fields.filter { e.data[$0.0] != nil }.map { $0.1(l) }.joined(separator: Text("、", ", ")(l))
            return changed.isEmpty ? .empty : "<div>\(Text("修改了：", "Changed: "), l)\(changed)</div>"
        case "mail_sent", "mail_failed":
            // #16 item 2: what became of the mail a reply or acknowledgement sent to the customer.
            let kind = e.data["mailKind"] == "acknowledgement" ? Text("自动回执", "Acknowledgement") : Text("回复", "Reply")
            let error: HTML = e.data["error"].map { "<div class=\"body mail-error\">\($0)</div>" } ?? .empty
            return "<div>\(kind, l) → \(e.data["to"] ?? "")</div>\(error)"
        default:
            return .empty
        }
    }
}
