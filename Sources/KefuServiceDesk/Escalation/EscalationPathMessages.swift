import KefuDomain
import KefuPlatform

/// #15.6: the refusals of `EscalationPathRules` in the user's language.
enum EscalationPathMessages {
    static func text(_ r: EscalationPathRules.Refusal) -> Text {
        let n = String(r.level)
        switch r.reason {
        case .tooManyLevels:
            return Text("升级路径最多 {0} 级", "A path has at most {0} levels").with(String(EscalationPathRules.maxLevels))
        case .levelOutOfOrder:
            return Text("级别须按 1、2、3… 依次排列（第 {0} 行写成了 {1}）", "Levels are numbered 1, 2, 3… in order (row {0} says {1})")
                .with(n, String(r.given ?? 0))
        case .firstLevelMinutes:
            return Text("第 1 级的等待分钟数须为 0（超时即通知）到 {0}", "Level 1 waits 0 (at the breach) to {0} minutes")
                .with(String(EscalationPathRules.maxMinutes))
        case .laterLevelMinutes:
            return Text("第 {0} 级的等待分钟数须大于 0（最多 {1}）", "Level {0} waits more than 0 minutes (at most {1})")
                .with(n, String(EscalationPathRules.maxMinutes))
        case .noRecipient:
            return Text("第 {0} 级至少要有一个通知对象", "Level {0} needs at least one recipient").with(n)
        case .tooManyRecipients:
            return Text("每级最多 {0} 个通知对象", "At most {0} recipients per level").with(String(EscalationPathRules.maxRecipientsPerLevel))
        case .duplicateRecipient:
            return Text("第 {0} 级的通知对象重复了", "Level {0} names a recipient twice").with(n)
        case .badRole:
            return Text("第 {0} 级：请选择一个员工角色", "Level {0}: choose a staff role").with(n)
        case .unitNotAbove:
            return Text("第 {0} 级：只能选择本部门或上级部门", "Level {0}: choose this unit or a unit above it").with(n)
        case .inactiveUser:
            return Text("第 {0} 级：请选择一位在职员工", "Level {0}: choose an active member of staff").with(n)
        case .badKind:
            return Text("第 {0} 级：通知对象须为角色、指定部门的角色或指定人员", "Level {0}: a recipient is a role, a role in a named unit, or a person").with(n)
        }
    }
}
