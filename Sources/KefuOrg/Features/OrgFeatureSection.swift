import KefuDomain
import KefuPlatform

/// #14 item 6: the feature switches on the admin unit page — one checkbox per feature, or "follow the unit above".
/// A refused form is drawn again from what was ticked.
enum OrgFeatureSection {
    static func action(_ unitId: String) -> String { "/admin/units/\(unitId)/features" }

    static func input(_ form: FormData) -> OrgService.FeaturesInput {
        if form["inherit"] == "1" { return .init(inherit: true) }
        return .init(enabled: KefuFeature.allCases.map(\.rawValue).filter { form["feature_\($0)"] == "1" }, inherit: false)
    }

    static func sourceLabel(_ source: String) -> Text {
        switch source {
        case FeatureSwitches.Source.own.rawValue: Text("本单位设置", "set here")
        case FeatureSwitches.Source.inherited.rawValue: Text("沿用上级", "from the unit above")
        default: Text("默认开通", "on by default")
        }
    }

    static func render(_ view: UnitFeaturesView, unitId: String, page: PageContext) -> HTML {
        let l = page.locale
        let target = Self.action(unitId)
        let state = page.formState(action: target)
        let kept = state.error == nil ? nil : state
        let inherit = kept.map { $0.value("inherit") == "1" } ?? !view.ownSetting
        let boxes: [HTML] = view.features.map { f in
            let on = kept.map { $0.value("feature_\(f.id)") == "1" } ?? f.on
            return """
            <label class="feature" for="feature-\(f.id)"><input type="checkbox" name="feature_\(f.id)" value="1" id="feature-\(f.id)" \(on ? "checked" : "")> \
            \(l == .en ? f.labelEn : f.label) <small class="feature-source">（\(sourceLabel(f.source), l)）</small></label>
            """
        }
        return """
        <section class="card" id="unit-features"><h2>\(Text("功能开关", "Features"), l)</h2>
        <p class="hint">\(Text("本单位及未单独设置的下级单位可使用的功能；关闭的功能不显示在菜单中，也不能在本单位登记新记录。",
                               "The features this unit and the units below it without a setting of their own use: a feature switched off leaves the menu and takes no new records here."), l)</p>
        \(state.generalMessage(fields: [], l, id: "unit-features-error"))
        <form method="post" action="\(target)" id="unit-features-form">\(page.csrfField)
          <div class="field"><label for="features-inherit"><input type="checkbox" name="inherit" value="1" id="features-inherit" \(inherit ? "checked" : "")> \
        \(Text("沿用上级单位的设置（勾选后忽略下面的选择）", "Follow the unit above (the choices below are then ignored)"), l)</label></div>
          <fieldset><legend>\(Text("开通的功能", "Features switched on"), l)</legend><div class="grid">\(boxes)</div></fieldset>
          <div class="actions"><button type="submit" id="unit-features-save">\(Text("保存功能开关", "Save features"), l)</button></div>
        </form></section>
        """
    }
}
