import KefuDomain
import KefuPlatform

/// Names of kinds and roles as people in the organisation say them.
public enum OrgLabels {
    public static func kind(_ raw: String) -> Text {
        switch OrgUnitKind(rawValue: raw) {
        case .management: return Text("业务管理部", "Management (HQ)")
        case .business: return Text("业务部", "Business department")
        case .site: return Text("现场", "Site")
        case .department: return Text("职能部门", "Functional department")
        case nil: return Text(raw, raw)
        }
    }

    public static func role(_ role: Role) -> Text {
        switch role {
        case .admin: return Text("系统管理员", "Administrator")
        case .csAgent: return Text("客服代表", "CS agent")
        case .csSupervisor: return Text("客服主管", "CS supervisor")
        case .csManager: return Text("客服经理", "CS manager")
        case .qa: return Text("品管部", "Quality (QA)")
        case .engineer: return Text("工程师/技工", "Engineer")
        case .siteKeeper: return Text("现场保管员", "Site storekeeper")
        case .siteLead: return Text("现场总代表", "Site lead")
        case .deptAccountant: return Text("业务部账务员", "Dept accountant")
        case .deptPlanner: return Text("业务部计划员", "Dept planner")
        case .deptSupervisor: return Text("业务部主管", "Dept supervisor")
        case .deptManager: return Text("业务部经理", "Dept manager")
        case .mgmtPlanner: return Text("业务管理部计划室", "HQ planning office")
        case .mgmtMaterials: return Text("业务管理部物资管理室", "HQ materials office")
        case .production: return Text("生产管理部", "Production")
        case .procurement: return Text("采购部", "Procurement")
        case .customer: return Text("客户", "Customer")
        case .sales: return Text("销售业务员", "Salesperson")
        case .salesManager: return Text("销售部经理", "Sales manager")
        case .finance: return Text("财务", "Finance")
        case .dutyTechnician: return Text("工程部值班技工", "Duty technician")
        case .frontDesk: return Text("服务台", "Front desk")
        case .generalManager: return Text("总经理", "General manager")
        case .propertyAdmin: return Text("物业客服管理员", "Property CS admin") // #14 item 2
        case .scenicOps: return Text("景区游客服务", "Scenic visitor services") // #14.3
        case .mailIntake: return Text("邮件接收（系统账号）", "Mail intake (system account)") // #16.1
        }
    }
}
