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
        case "taken": return Text("接手（首问负责）", "Took ownership")
        case "owner_changed": return Text("变更首问负责人", "Changed owner")
        case "first_response": return Text("首次响应", "First response")
        case "updated": return Text("修改工单", "Edited the ticket")
        default: return Text(kind, kind)
        }
    }

    /// "剩余 3 分钟" / "已超时 12 分钟" for a due time.
    public static func timeLeft(dueAt: Date, now: Date) -> Text {
        let minutes = Int((dueAt.timeIntervalSince(now) / 60).rounded(.towardZero))
        func span(_ m: Int) -> (String, String) {
            if m >= 1440 { return ("\(m / 1440) 天", "\(m / 1440) d") }
            if m >= 60 { return ("\(m / 60) 小时 \(m % 60) 分钟", "\(m / 60) h \(m % 60) min") }
            return ("\(m) 分钟", "\(m) min")
        }
        if minutes >= 0 {
            let (zh, en) = span(minutes)
            return Text("剩余 \(zh)", "\(en) left")
        }
        let (zh, en) = span(-minutes)
        return Text("已超时 \(zh)", "\(en) overdue")
    }
}
