import KefuDomain
import KefuPlatform

/// The fields of 存货档案 (MAT-04) on the add form and the edit page, and reading them back from a post.
enum ItemForm {
    static func choice<E: CaseIterable & RawRepresentable>(_ e: E.Type) -> [(String, String)] where E.RawValue == String { E.allCases.map { ($0.rawValue, $0.rawValue) } }

    /// `prefix` keeps the ids unique (`new-` on the list page, `item-` on the edit page).
    static func fields(_ item: ItemView?, prefix: String, _ l: AppLocale) -> HTML {
        func text(_ label: Text, _ name: String, _ value: String?, type: String = "text") -> HTML {
            FormControls.field(label(l), for: prefix + name, FormControls.input(id: prefix + name, name: name, type: type, value: value))
        }
        func pick(_ label: Text, _ name: String, _ options: [(String, String)], _ value: String?) -> HTML {
            FormControls.field(label(l), for: prefix + name, FormControls.select(id: prefix + name, name: name, options: options, selected: value))
        }
        let checked = item?.onSparePartsList == true ? " checked" : ""
        return """
        \(item == nil ? text(Text("存货编码", "Code"), "code", nil) : .empty)
        \(text(Text("名称", "Name"), "name", item?.name))
        \(text(Text("规格", "Spec"), "spec", item?.spec))
        \(text(Text("型号", "Model"), "model", item?.model))
        \(text(Text("单位", "Unit"), "unit", item?.unit))
        \(pick(Text("分类", "Category"), "category", ItemCategory.allCases.map { ($0.rawValue, MaterialLabels.category($0.rawValue)(l)) }, item?.category))
        \(pick(Text("修复类别", "Repair class"), "repairClass", RepairClass.allCases.map { ($0.rawValue, MaterialLabels.repairClass($0.rawValue)(l)) }, item?.repairClass))
        \(pick(Text("ABC 分类", "ABC class"), "abcClass", choice(ABCClass.self), item?.abcClass ?? "C"))
        \(text(Text("保质期（天）", "Shelf life (days)"), "shelfLifeDays", item?.shelfLifeDays.map(String.init), type: "number"))
        \(text(Text("保养周期（天）", "Maintenance cycle (days)"), "maintenanceCycleDays", item?.maintenanceCycleDays.map(String.init), type: "number"))
        \(text(Text("生产厂家", "Maker"), "maker", item?.maker))
        \(text(Text("产地", "Origin"), "origin", item?.origin))
        \(text(Text("储备定额", "Reserve quota"), "reserveQuota", item?.reserveQuota?.text))
        \(storage(item, prefix: prefix, l))
        <div class="field"><label for="\(prefix)onSparePartsList"><input type="checkbox" id="\(prefix)onSparePartsList" name="onSparePartsList" value="1"\(HTML(raw: checked))>
        \(Text("列入 SL1500/SL3000 备件清单", "On the SL1500/SL3000 spare-parts list"), l)</label></div>
        """
    }

    /// #12.4: STO-01 storage attributes (one box each) and the STO-05 near-expiry threshold.
    static func storage(_ item: ItemView?, prefix: String, _ l: AppLocale) -> HTML {
        let boxes: [HTML] = StorageAttribute.allCases.map { a in
            let on = item?.storageAttributes.contains(a.rawValue) == true ? " checked" : ""
            return """
            <label class="inline" for="\(prefix)sa_\(a.rawValue)"><input type="checkbox" id="\(prefix)sa_\(a.rawValue)" name="sa_\(a.rawValue)" value="1"\(HTML(raw: on))> \(StorageLabels.attribute(a), l)</label>
            """
        }
        return """
        <fieldset class="field storage-attributes" id="\(prefix)storage-attributes"><legend>\(Text("储存属性（STO-01）", "Storage attributes (STO-01)"), l)</legend>\(boxes)</fieldset>
        \(FormControls.field(Text("临期预警（天，默认 30）", "Near expiry within (days, default 30)")(l), for: prefix + "nearExpiryDays",
                             FormControls.input(id: prefix + "nearExpiryDays", name: "nearExpiryDays", type: "number", value: item?.nearExpiryDays.map(String.init))))
        """
    }

    static func storageAttributes(_ form: FormData) -> [String] {
        StorageAttribute.allCases.filter { form["sa_" + $0.rawValue] != nil }.map(\.rawValue)
    }

    static func number(_ form: FormData, _ name: String) throws -> Int? {
        try MasterDataService.csvInt(form[name], name)
    }

    static func quota(_ form: FormData) throws -> Quantity? {
        guard let t = TextRules.trimmed(form["reserveQuota"]) else { return nil }
        guard let q = Quantity.parse(t) else {
            throw AppError.validation("reserveQuota", Text("储备定额应为数量（最多三位小数）", "Reserve quota must be a quantity (at most three decimals)"))
        }
        return q
    }

    static func input(_ form: FormData) throws -> ItemInput {
        ItemInput(code: form["code"], name: form["name"], spec: form["spec"], model: form["model"], unit: form["unit"], category: form["category"],
                  repairClass: form["repairClass"], abcClass: form["abcClass"], shelfLifeDays: try number(form, "shelfLifeDays"),
                  maintenanceCycleDays: try number(form, "maintenanceCycleDays"), maker: form["maker"], origin: form["origin"],
                  reserveQuota: try quota(form), onSparePartsList: form["onSparePartsList"] != nil,
                  storageAttributes: storageAttributes(form), nearExpiryDays: try number(form, "nearExpiryDays"))
    }

    /// The edit page posts every field: an empty number clears it; unticked boxes are false.
    static func patch(_ form: FormData) throws -> ItemPatch {
        let i = try input(form)
        var cleared: Set<String> = []
        for name in ["shelfLifeDays", "maintenanceCycleDays", "reserveQuota", "nearExpiryDays"] where TextRules.trimmed(form[name]) == nil { cleared.insert(name) }
        return ItemPatch(name: i.name ?? "", spec: i.spec ?? "", model: i.model ?? "", unit: i.unit ?? "", category: i.category, repairClass: i.repairClass,
                         abcClass: i.abcClass, maker: i.maker ?? "", origin: i.origin ?? "", shelfLifeDays: i.shelfLifeDays,
                         maintenanceCycleDays: i.maintenanceCycleDays, reserveQuota: i.reserveQuota, onSparePartsList: i.onSparePartsList,
                         active: form["active"] != nil, cleared: cleared, storageAttributes: i.storageAttributes, nearExpiryDays: i.nearExpiryDays)
    }
}
