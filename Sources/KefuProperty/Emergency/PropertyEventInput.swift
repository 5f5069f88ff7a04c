import Foundation
import KefuDomain
import KefuPlatform

/// Validation of estate events (ESC-03): each refusal names its field.
enum PropertyEventInput {
    static let kindAliases: [String: PropertyEventKind] = ["重要事件": .important, "重要": .important, "突发事件": .emergency, "突发": .emergency]
    static let severityAliases: [String: PropertyEventSeverity] = ["一般": .minor, "较大": .major, "重大": .critical]

    static func kindLabel(_ k: PropertyEventKind) -> Text {
        k == .important ? Text("重要事件", "Important event") : Text("突发事件", "Emergency")
    }

    static func severityLabel(_ s: PropertyEventSeverity) -> Text {
        switch s {
        case .minor: return Text("一般", "Minor")
        case .major: return Text("较大", "Major")
        case .critical: return Text("重大", "Critical")
        }
    }

    static func statusLabel(_ s: PropertyEventStatus) -> Text {
        switch s {
        case .reported: return Text("已上报", "Reported")
        case .assigned: return Text("待跟进", "Awaiting follow-up")
        case .following: return Text("跟进中", "Following up")
        case .closed: return Text("已关闭", "Closed")
        }
    }

    struct Event {
        let kind: PropertyEventKind
        let severity: PropertyEventSeverity
        let title: String
        let location: String
        let occurredOn: CivilDay
        let occurredTime: String?
        let description: String?
    }

    static func event(_ b: FlatBody, today: CivilDay) throws -> Event {
        Event(kind: try PropertyInput.choice(b["kind"], field: "kind", label: Text("事件类别", "Kind"), aliases: kindAliases),
              severity: try PropertyInput.choice(b["severity"], field: "severity", label: Text("严重程度", "Severity"), aliases: severityAliases, default: .minor),
              title: try PropertyInput.text(b["title"], field: "title", label: Text("事件", "What happened"), max: 200, required: true)!,
              location: try PropertyInput.text(b["location"], field: "location", label: Text("地点", "Where"), max: 200, required: true)!,
              occurredOn: try OperationsInput.pastDay(b["occurredOn"], field: "occurredOn", label: Text("发生日期", "Date"), today: today),
              occurredTime: try OperationsInput.time(b["occurredTime"], field: "occurredTime"),
              description: try PropertyInput.text(b["description"], field: "description", label: Text("经过", "Details"), max: 2000, required: false))
    }
}
