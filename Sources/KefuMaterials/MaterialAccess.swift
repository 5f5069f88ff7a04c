import KefuDomain
import KefuPlatform
import SQLKit

/// Permission checks of the material books (DOC-08, D3, D6, D16) as AppErrors with clear messages.
enum MaterialAccess {
    static func requireViewer(_ actor: Principal) throws {
        guard !actor.roles.isDisjoint(with: MaterialPermissions.viewers) else {
            throw AppError.forbidden(Text("您的角色不能查看物资账", "Your role cannot see the material books"))
        }
    }

    static func requireView(_ actor: Principal, _ w: WarehouseView) throws {
        guard MaterialPermissions.canView(actor.roles, covers: actor.covers(unitPath: w.orgPath)) else {
            throw AppError.forbidden(Text("您不能查看仓库“{0}”的单据", "You cannot see the documents of warehouse {0}").with(w.name))
        }
    }

    static func requireMasterData(_ actor: Principal, what: Text) throws {
        guard MaterialPermissions.canMaintainMasterData(actor.roles, userPath: actor.orgPath) else {
            throw AppError.forbidden(Text("只有业务管理部物资管理室可以新增、修改或停用" + what.zh + "（MAT-05）",
                                          "Only the HQ materials office (业务管理部) can add, change or deactivate " + what.en + " (MAT-05)"))
        }
    }

    static func requireEdit(_ actor: Principal, _ w: WarehouseView) throws {
        guard MaterialPermissions.canEditDocuments(actor.roles, covers: actor.covers(unitPath: w.orgPath)) else {
            throw AppError.forbidden(Text("您不能编辑仓库“{0}”的单据：现场只能编辑本现场仓库的单据，业务部账务员只能编辑本业务部及其现场的单据",
                                          "You cannot edit documents of warehouse {0}: sites edit their own warehouses' documents, department accountants those of their department and its sites").with(w.name))
        }
    }

    static func requireAudit(_ actor: Principal, _ w: WarehouseView) throws {
        guard MaterialPermissions.canAuditDocuments(actor.roles, covers: actor.covers(unitPath: w.orgPath)) else {
            throw AppError.forbidden(Text("您不能审核或弃审仓库“{0}”的单据：只有本业务部账务员或业务管理部物资管理室可以",
                                          "You cannot audit or un-audit documents of warehouse {0}: only its department's accountant or the HQ materials office can").with(w.name))
        }
    }

    static func requireTransfer(_ actor: Principal, from: WarehouseView, to: WarehouseView) throws {
        let cross = TransferRules.isCrossDepartment(fromDept: from.departmentId, toDept: to.departmentId)
        let coversBoth = actor.covers(unitPath: from.orgPath) && actor.covers(unitPath: to.orgPath)
        guard MaterialPermissions.canManageTransfer(actor.roles, crossDepartment: cross, coversBoth: coversBoth) else {
            if cross {
                throw AppError.forbidden(Text("跨业务部调拨只能由业务管理部计划室或物资管理室办理（TRF-04）",
                                              "Only the HQ planning office or HQ materials office handles transfers between departments (TRF-04)"))
            }
            throw AppError.forbidden(Text("您不能办理这两个仓库之间的调拨：部门内调拨由本业务部账务员办理（TRF-06）",
                                          "You cannot handle a transfer between these warehouses: intra-department transfers are handled by the department accountant (TRF-06)"))
        }
    }
}
