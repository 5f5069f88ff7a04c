/// #11.5: the work areas of the main menu, in the order they stand in the header. A feature puts each of its entries
/// in one area (and, for the materials books, in a DOC-01 business group); an area with no entry the user may see is
/// not shown at all.
public enum NavArea: String, Sendable, CaseIterable {
    case desk, aftersales, materials, people, reports, admin

    public var label: Text {
        switch self {
        case .desk: Text("服务台", "Service desk")
        case .aftersales: Text("售后", "After-sales")
        case .materials: Text("物资", "Materials")
        case .people: Text("人员", "People")
        case .reports: Text("报表", "Reports")
        case .admin: Text("管理", "Administration")
        }
    }

    /// DOC-01: the U8 menu path above the area's groups (供应链 › 库存管理 › 入库业务 …).
    public var path: Text? {
        self == .materials ? Text("供应链 › 库存管理", "Supply chain › Inventory") : nil
    }
}

/// One entry of the main navigation; features contribute theirs, the composition root orders them.
public struct NavItem: Sendable {
    public let id: String
    public let href: String
    public let label: Text
    public let area: NavArea
    /// A business group inside the area (DOC-01: 入库业务, 出库业务, 调拨业务 …); entries without one come first.
    public let group: Text?
    public let isVisible: @Sendable (Principal) -> Bool

    public init(id: String, href: String, label: Text, area: NavArea = .desk, group: Text? = nil,
                isVisible: @escaping @Sendable (Principal) -> Bool = { _ in true }) {
        self.id = id
        self.href = href
        self.label = label
        self.area = area
        self.group = group
        self.isVisible = isVisible
    }
}

/// One step of a breadcrumb trail; the last step (the page itself) has no link.
public struct Crumb: Sendable {
    public let label: Text
    public let href: String?

    public init(_ label: Text, href: String? = nil) {
        self.label = label
        self.href = href
    }
}

/// Where a page stands: nothing (lists and forms reached from the menu), or below the menu entry it was opened from.
public enum Breadcrumbs: Sendable {
    case none
    /// A record page: 首页 › its area › the active menu entry › the page's title.
    case underActive
    /// A trail of its own between 首页 and the page's title.
    case trail([Crumb])
}

/// The grouped main menu as the signed-in user sees it: areas as disclosure menus (`<details>`: Enter and Space open
/// them without script; app.js adds Esc, the arrow keys and one-open-at-a-time).
struct NavMenu {
    let items: [NavItem]

    /// The areas the user has at least one entry in, each with its visible entries in order.
    static func areas(_ items: [NavItem], for p: Principal) -> [(area: NavArea, items: [NavItem])] {
        let visible = items.filter { $0.isVisible(p) && p.seesFeature(ofPage: $0.href) } // #14 item 6
        return NavArea.allCases.compactMap { area in
            let mine = visible.filter { $0.area == area }
            return mine.isEmpty ? nil : (area, mine)
        }
    }

    static func render(_ items: [NavItem], for p: Principal, active: String, _ l: AppLocale) -> HTML {
        let areas = areas(items, for: p).map { area, entries -> HTML in
            let current = entries.contains { $0.id == active }
            var groups: [(Text?, [NavItem])] = []
            for entry in entries {
                if let i = groups.firstIndex(where: { $0.0 == entry.group }) { groups[i].1.append(entry) } else { groups.append((entry.group, [entry])) }
            }
            let body = groups.map { group, entries -> HTML in
                let links = entries.map { item -> HTML in
                    let here = item.id == active ? " class=\"active\" aria-current=\"page\"" : ""
                    return "<li><a id=\"nav-\(item.id)\" href=\"\(item.href)\"\(HTML(raw: here))>\(item.label, l)</a></li>"
                }
                let title: HTML = group.map { "<span class=\"nav-group-label\">\($0, l)</span>" } ?? .empty
                return "<li class=\"nav-group\">\(title)<ul>\(links)</ul></li>"
            }
            let path: HTML = area.path.map { "<p class=\"nav-path\">\($0, l)</p>" } ?? .empty
            return """
            <li><details class="nav-area\(HTML(raw: current ? " current" : ""))" id="nav-area-\(area.rawValue)" data-nav-area>\
            <summary id="nav-area-\(area.rawValue)-label">\(area.label, l)</summary>\
            <div class="nav-menu" role="group" aria-labelledby="nav-area-\(area.rawValue)-label">\(path)<ul class="nav-groups">\(body)</ul></div></details></li>
            """
        }
        return "<ul class=\"nav-areas\">\(areas)</ul>"
    }

    /// The trail of a record page opened below the menu entry `active`.
    static func trail(_ items: [NavItem], active: String) -> [Crumb] {
        guard let item = items.first(where: { $0.id == active }) else { return [] }
        return [Crumb(item.area.label), Crumb(item.label, href: item.href)]
    }

    static func breadcrumbs(_ trail: [Crumb], title: Text, _ l: AppLocale) -> HTML {
        let steps = ([Crumb(Text("首页", "Home"), href: "/")] + trail).map { c -> HTML in
            c.href.map { "<li><a href=\"\($0)\">\(c.label, l)</a></li>" } ?? "<li>\(c.label, l)</li>"
        }
        return """
        <nav class="breadcrumbs" id="breadcrumbs" aria-label="\(Text("当前位置", "You are here"), l)"><ol>\(steps)<li aria-current="page">\(title, l)</li></ol></nav>
        """
    }
}
