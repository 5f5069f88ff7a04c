import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// Permission checks of the procedure: a denial is 403 naming who may act.
enum AftersalesAccess {
    static func who(_ permission: AftersalesPermission) -> Text {
        switch permission {
        case .customerService: return Text("客服人员", "customer-service staff")
        case .quality: return Text("品管部", "the quality department (QA)")
        case .repairGroup: return Text("维修组", "the repair group")
        case .approveActions: return Text("管理者代表", "the management representative")
        case .salesperson: return Text("区域业务员", "the regional salesperson")
        case .salesManager: return Text("销售部经理", "the sales manager")
        case .finance: return Text("财务", "finance")
        case .supervise: return Text("客服主管", "a CS supervisor")
        case .setQualityTarget: return Text("总部客服经理", "a head-office CS manager")
        case .view: return Text("公司员工", "staff")
        }
    }

    static func require(_ p: Principal, _ permission: AftersalesPermission) throws {
        guard AftersalesPermission.granted(permission, to: p.roles) else {
            let w = who(permission)
            throw AppError.forbidden(Text("只有\(w.zh)可以执行此操作", "Only \(w.en) can do this"))
        }
    }

    static func requireAny(_ p: Principal, _ permissions: [AftersalesPermission]) throws {
        guard permissions.contains(where: { AftersalesPermission.granted($0, to: p.roles) }) else {
            let names = permissions.map(who)
            throw AppError.forbidden(Text("只有\(names.map(\.zh).joined(separator: "或"))可以执行此操作",
                                          "Only \(names.map(\.en).joined(separator: " or ")) can do this"))
        }
    }
}
