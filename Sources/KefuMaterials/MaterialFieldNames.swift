import KefuPlatform

/// #11.2: the materials fields by the labels their forms show (存货档案, 供应商档案, 仓库档案, documents, transfers), so a
/// refusal names the field in the user's language; the key stays in `details.field` and places the message under it.
enum MaterialFieldNames {
    static let names = FieldNames([
        "code": Text("编码", "Code"), "name": Text("名称", "Name"), "spec": Text("规格", "Spec"), "model": Text("型号", "Model"),
        "unit": Text("单位", "Unit"), "category": Text("分类", "Category"), "repairClass": Text("修复类别", "Repair class"),
        "abcClass": Text("ABC 分类", "ABC class"), "shelfLifeDays": Text("保质期（天）", "Shelf life (days)"),
        "maintenanceCycleDays": Text("保养周期（天）", "Maintenance cycle (days)"), "maker": Text("生产厂家", "Maker"),
        "origin": Text("产地", "Origin"), "reserveQuota": Text("储备定额", "Reserve quota"),
        "onSparePartsList": Text("备件清单", "Spare-parts list"), "active": Text("启用", "Active"), "contact": Text("联系人", "Contact"),
        "orgUnitId": Text("所属组织", "Org unit"), "condition": Text("完好/损坏", "Condition"), "warehouseId": Text("仓库", "Warehouse"),
        "fromWarehouseId": Text("转出仓库", "From warehouse"), "toWarehouseId": Text("转入仓库", "To warehouse"),
        "supplierId": Text("供应商", "Supplier"), "date": Text("日期", "Date"), "remark": Text("备注", "Remark"),
        "reason": Text("类别", "Category"), "direction": Text("单据", "Kind"), "number": Text("单据号", "Number"),
        "approvalRef": Text("审批单号", "Approval reference"),
        "nearExpiryDays": Text("临期预警天数", "Near-expiry warning (days)"), "storageAttributes": Text("储存属性", "Storage attributes"),
        "kind": Text("登记簿", "Register"), "status": Text("状态", "Status"), "lines": Text("表体", "Lines"),
        "requestedBy": Text("申领人", "Asked by"), "purpose": Text("用途", "Wanted for"),
    ])

    /// `template` with `{0}` the field's label in each language and `{1}`… the other arguments.
    static func message(_ template: Text, _ field: String, _ rest: String...) -> Text { names.message(template, field, rest) }
}
