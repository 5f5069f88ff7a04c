/// #14 item 6: the features of one Kefu installation. Each is switched on or off per organisation unit, so that one
/// installation serves a wind-farm service company, an estate or a scenic area side by side. The raw values are stable
/// ids (stored, and used by the API).
public enum KefuFeature: String, CaseIterable, Sendable, Codable {
    case serviceDesk = "service_desk"
    case aftersales
    case materials
    case workOrders = "work_orders"
    case people
    case frontDesk = "front_desk"
    case property
    case scenic

    public var zh: String {
        switch self {
        case .serviceDesk: "服务台（工单）"
        case .aftersales: "售后"
        case .materials: "物资"
        case .workOrders: "工作任务单"
        case .people: "人员"
        case .frontDesk: "前台登记"
        case .property: "物业"
        case .scenic: "景区"
        }
    }

    public var en: String {
        switch self {
        case .serviceDesk: "Service desk (tickets)"
        case .aftersales: "After-sales"
        case .materials: "Materials"
        case .workOrders: "Work orders"
        case .people: "People"
        case .frontDesk: "Front desk"
        case .property: "Property"
        case .scenic: "Scenic area"
        }
    }
}

/// #14 item 6: which features are on in a unit. A unit's switch for a feature is its own setting, else the nearest
/// ancestor's, else on — so an installation without any setting changes nothing. Settings are kept per feature, so a
/// feature added later is on wherever nobody switched it off.
public enum FeatureSwitches {
    /// One stored switch: the feature is on (or off) at the unit whose path is `unitPath`.
    public struct Setting: Sendable, Equatable {
        public let unitPath: String
        public let feature: KefuFeature
        public let on: Bool

        public init(unitPath: String, feature: KefuFeature, on: Bool) {
            self.unitPath = unitPath
            self.feature = feature
            self.on = on
        }
    }

    /// Where a unit's switch comes from.
    public enum Source: String, Sendable, Codable {
        /// The unit's own setting.
        case own
        /// The nearest ancestor with a setting for the feature.
        case inherited
        /// Nobody above set it: on.
        case standard = "default"
    }

    /// The switch of `feature` at the unit `unitPath`: the setting of the unit itself or of its nearest ancestor (the
    /// longest path that is a prefix of the unit's), else on. Settings of other units are ignored.
    public static func resolve(_ feature: KefuFeature, unitPath: String, settings: [Setting]) -> (on: Bool, source: Source) {
        let nearest = settings
            .filter { $0.feature == feature && OrgPath.contains($0.unitPath, unitPath) }
            .max { $0.unitPath.count < $1.unitPath.count }
        guard let nearest else { return (true, .standard) }
        return (nearest.on, nearest.unitPath == unitPath ? .own : .inherited)
    }

    public static func isOn(_ feature: KefuFeature, unitPath: String, settings: [Setting]) -> Bool {
        resolve(feature, unitPath: unitPath, settings: settings).on
    }

    /// The features on at the unit `unitPath`.
    public static func effective(unitPath: String, settings: [Setting]) -> Set<KefuFeature> {
        Set(KefuFeature.allCases.filter { isOn($0, unitPath: unitPath, settings: settings) })
    }

    /// The features a user of the unit `userPath` works with: those on in the user's unit or in any unit below it (the
    /// units the user's roles act in). A unit below without a setting of its own inherits, so it adds nothing beyond
    /// the user's unit and the units below that switched a feature on themselves.
    public static func inReach(userPath: String, settings: [Setting]) -> Set<KefuFeature> {
        var on = effective(unitPath: userPath, settings: settings)
        for s in settings where s.on && s.unitPath != userPath && OrgPath.contains(userPath, s.unitPath) { on.insert(s.feature) }
        return on
    }

    /// The feature a page belongs to, by its path (the menu's entries): nil for pages of no one feature (home,
    /// administration), which the switches never hide.
    public static func feature(ofPage href: String) -> KefuFeature? {
        let path = href.split(separator: "?", maxSplits: 1).first.map(String.init) ?? href
        return pagePrefixes.first { path == $0.prefix || path.hasPrefix($0.prefix + "/") }?.feature
    }

    static let pagePrefixes: [(prefix: String, feature: KefuFeature)] = [
        ("/tickets", .serviceDesk), ("/customers", .serviceDesk), ("/reports/service-kpis", .serviceDesk),
        ("/complaints", .aftersales), ("/repair-orders", .aftersales), ("/returns", .aftersales), ("/surveys", .aftersales),
        ("/aftersales", .aftersales), ("/satisfaction", .aftersales),
        ("/materials", .materials),
        ("/work-orders", .workOrders),
        ("/people", .people),
        ("/front-desk", .frontDesk),
        ("/property", .property),
        ("/scenic", .scenic),
    ]
}
