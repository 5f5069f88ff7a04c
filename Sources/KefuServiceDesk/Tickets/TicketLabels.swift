import Foundation
import KefuDomain
import KefuPlatform

/// How statuses, types, channels and priorities read on the pages.
public enum TicketLabels {
    public static func status(_ s: TicketStatus) -> Text {
        switch s {
        case .new: return Text("新建", "New")
        case .open: return Text("处理中", "Open")
        case .pendingCustomer: return Text("等待客户", "Waiting on customer")
        case .pendingInternal: return Text("等待内部", "Waiting internally")
        case .resolved: return Text("已解决", "Resolved")
        case .closed: return Text("已关闭", "Closed")
        }
    }

    public static func type(_ t: TicketType) -> Text {
        switch t {
        case .inquiry: return Text("咨询", "Inquiry")
        case .complaint: return Text("投诉", "Complaint")
        case .repair: return Text("报修", "Repair request")
        case .return: return Text("退货", "Return")
        case .exchange: return Text("换货", "Exchange")
        case .suggestion: return Text("建议", "Suggestion")
        case .other: return Text("其他", "Other")
        }
    }

    public static func channel(_ c: TicketChannel) -> Text {
        switch c {
        case .phone: return Text("电话", "Phone")
        case .email: return Text("邮件", "Email")
        case .chat: return Text("在线", "Chat")
        case .web: return Text("网页", "Web")
        case .walkIn: return Text("来访", "Walk-in")
        case .api: return Text("接口", "API")
        case .other: return Text("信函/其他", "Letter / other")
        }
    }

    public static func priority(_ p: TicketPriority) -> Text {
        switch p {
        case .low: return Text("低", "Low")
        case .normal: return Text("普通", "Normal")
        case .high: return Text("高", "High")
        case .urgent: return Text("紧急", "Urgent")
        }
    }

    public static func event(_ kind: String) -> Text {
        switch kind {
        case "created": return Text("登记工单", "Logged the ticket")
        case "comment": return Text("回复", "Replied")
        case "status": return Text("变更状态", "Changed status")
        case "assigned": return Text("分派", "Assigned")
        case "forwarded": return Text("转交", "Forwarded")
        case "escalated": return Text("升级", "Escalated")
        case "escalation_notified": return Text("按升级路径通知", "Escalation path: told")
        case "taken": return Text("接手（首问负责）", "Took ownership")
        case "owner_changed": return Text("变更首问负责人", "Changed owner")
        case "first_response": return Text("首次响应", "First response")
        case "sla_breached": return Text("超时", "SLA breached")
        case "updated": return Text("修改工单", "Edited the ticket")
        case "mail_sent": return Text("邮件已发出", "Mail sent")
        case "mail_failed": return Text("邮件发送失败", "Mail not delivered")
        default: return Text(kind, kind)
        }
    }

    /// "剩余 3 分钟" / "已超时 12 分钟" for a due time.
    public static func calendar(_ raw: String) -> Text {
        raw == ClockCalendar.allDay.rawValue ? Text("7×24 小时", "24×7") : Text("工作时间", "Business hours")
    }

    /// Time to a due time in working time (SLA-03, issue #3: queues count working time): `workingMillis` is
    /// negative once overdue. Business-hours clocks count hours, not days, because a working day is not 24 hours.
    public static func timeLeft(workingMillis: Int64, businessHours: Bool) -> Text {
        let minutes = Int(workingMillis / 60_000)
        func span(_ m: Int) -> (String, String) {
            if m >= 1440, !businessHours { return ("\(m / 1440) 天 \(m % 1440 / 60) 小时", "\(m / 1440) d \(m % 1440 / 60) h") }
            if m >= 60 { return ("\(m / 60) 小时 \(m % 60) 分钟", "\(m / 60) h \(m % 60) min") }
            return ("\(m) 分钟", "\(m) min")
        }
        let (zh, en) = span(abs(minutes))
        let suffix = businessHours ? Text("（工作时间）", " (working time)") : Text("", "")
        if workingMillis >= 0 { return Text("剩余 \(zh)\(suffix.zh)", "\(en) left\(suffix.en)") }
        return Text("已超时 \(zh)\(suffix.zh)", "\(en) overdue\(suffix.en)")
    }
}
