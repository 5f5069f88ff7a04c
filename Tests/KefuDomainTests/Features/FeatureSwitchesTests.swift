import KefuDomain
import Testing

/// #14 item 6: features switched on per organisation unit — own setting, else the nearest ancestor's, else on.
@Suite("Feature switches per org unit (#14 item 6)")
struct FeatureSwitchesTests {
    // root /r/ ─ estate /r/e/ ─ building office /r/e/b/ ; scenic /r/s/
    static let root = "/r/", estate = "/r/e/", office = "/r/e/b/", scenic = "/r/s/"

    static func set(_ path: String, on: [KefuFeature]) -> [FeatureSwitches.Setting] {
        KefuFeature.allCases.map { FeatureSwitches.Setting(unitPath: path, feature: $0, on: on.contains($0)) }
    }

    @Test func withoutAnySettingEveryFeatureIsOnEverywhere() {
        for path in [Self.root, Self.estate, Self.office] {
            #expect(FeatureSwitches.effective(unitPath: path, settings: []) == Set(KefuFeature.allCases))
            #expect(FeatureSwitches.resolve(.scenic, unitPath: path, settings: []).source == .standard)
        }
    }

    @Test func aUnitFollowsItsOwnSettingElseTheNearestAncestors() {
        let settings = Self.set(Self.root, on: KefuFeature.allCases.filter { $0 != .scenic }) + Self.set(Self.estate, on: [.property, .serviceDesk])
        let table: [(path: String, feature: KefuFeature, on: Bool, source: FeatureSwitches.Source)] = [
            (Self.root, .scenic, false, .own),
            (Self.root, .materials, true, .own),
            (Self.estate, .property, true, .own),
            (Self.estate, .materials, false, .own),
            (Self.office, .property, true, .inherited),   // nearest: the estate, not the root
            (Self.office, .materials, false, .inherited),
            (Self.scenic, .scenic, false, .inherited),    // from the root
            (Self.scenic, .materials, true, .inherited),
        ]
        for row in table {
            let r = FeatureSwitches.resolve(row.feature, unitPath: row.path, settings: settings)
            #expect(r.on == row.on && r.source == row.source, "\(row.path) \(row.feature): \(r)")
        }
        #expect(FeatureSwitches.effective(unitPath: Self.office, settings: settings) == [.property, .serviceDesk])
    }

    @Test func aSettingPerFeatureLeavesTheOthersInherited() {
        let settings = [FeatureSwitches.Setting(unitPath: Self.root, feature: .scenic, on: false),
                        FeatureSwitches.Setting(unitPath: Self.estate, feature: .scenic, on: true)]
        #expect(FeatureSwitches.isOn(.scenic, unitPath: Self.office, settings: settings))
        #expect(!FeatureSwitches.isOn(.scenic, unitPath: Self.scenic, settings: settings))
        let property = FeatureSwitches.resolve(.property, unitPath: Self.office, settings: settings)
        #expect(property.on && property.source == .standard)
    }

    @Test func aSiblingsOrAChildsSettingDoesNotDecideAUnit() {
        // "/r/e/" is not an ancestor of "/r/ee/" although it is a prefix of its text without the slash.
        let settings = Self.set(Self.estate, on: []) + Self.set(Self.office, on: [.scenic])
        #expect(FeatureSwitches.effective(unitPath: "/r/ee/", settings: settings) == Set(KefuFeature.allCases))
        #expect(FeatureSwitches.effective(unitPath: Self.estate, settings: settings).isEmpty)
    }

    @Test func aUserReachesTheFeaturesOfTheirUnitAndOfTheUnitsBelow() {
        let settings = Self.set(Self.root, on: [.serviceDesk]) + Self.set(Self.estate, on: [.property]) + Self.set(Self.scenic, on: [.scenic])
            + Self.set(Self.office, on: [.frontDesk])
        let table: [(path: String, reach: Set<KefuFeature>)] = [
            (Self.root, [.serviceDesk, .property, .scenic, .frontDesk]),
            (Self.estate, [.property, .frontDesk]),
            (Self.office, [.frontDesk]),
            (Self.scenic, [.scenic]),
        ]
        for row in table { #expect(FeatureSwitches.inReach(userPath: row.path, settings: settings) == row.reach, "\(row.path)") }
        #expect(FeatureSwitches.inReach(userPath: Self.office, settings: []) == Set(KefuFeature.allCases))
    }

    @Test func pagesBelongToTheirFeatureByPath() {
        let table: [(href: String, feature: KefuFeature?)] = [
            ("/tickets", .serviceDesk), ("/tickets/new", .serviceDesk), ("/customers", .serviceDesk), ("/reports/service-kpis", .serviceDesk),
            ("/complaints", .aftersales), ("/repair-orders", .aftersales), ("/surveys", .aftersales), ("/satisfaction/assessments", .aftersales),
            ("/materials/documents?direction=in", .materials), ("/work-orders/follow-up", .workOrders), ("/people/roster", .people),
            ("/front-desk/lost-property", .frontDesk), ("/property/notices?arrears=1", .property), ("/scenic/free-entries", .scenic),
            ("/admin/units", nil), ("/", nil), ("/propertyx", nil), ("/admin/retention", nil),
        ]
        for row in table { #expect(FeatureSwitches.feature(ofPage: row.href) == row.feature, "\(row.href)") }
    }

    @Test func featureIdsAreStable() {
        #expect(KefuFeature.allCases.map(\.rawValue) == ["service_desk", "aftersales", "materials", "work_orders", "people", "front_desk", "property", "scenic"])
        for f in KefuFeature.allCases { #expect(!f.zh.isEmpty && !f.en.isEmpty) }
    }
}
