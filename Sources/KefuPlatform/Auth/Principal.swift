import KefuDomain

/// The signed-in user as every route sees it.
public struct Principal: Sendable {
    public let userId: String
    public let username: String
    public let displayName: String
    public let orgUnitId: String
    /// Materialised path of the user's unit (`OrgPath`): the user's roles act on this path and below.
    public let orgPath: String
    public let roles: Set<Role>
    public let locale: AppLocale
    /// For users with the `customer` role: the customer record they are.
    public let customerId: String?
    /// #14 item 6: the features on in the user's unit or below it (`FeatureSwitches.inReach`); all when none is set.
    public let features: Set<KefuFeature>

    public init(userId: String, username: String, displayName: String, orgUnitId: String, orgPath: String,
                roles: Set<Role>, locale: AppLocale, customerId: String?, features: Set<KefuFeature> = Set(KefuFeature.allCases)) {
        self.userId = userId
        self.username = username
        self.displayName = displayName
        self.orgUnitId = orgUnitId
        self.orgPath = orgPath
        self.roles = roles
        self.locale = locale
        self.customerId = customerId
        self.features = features
    }

    /// #14 item 6: the same user with the features in their reach.
    public func with(features: Set<KefuFeature>) -> Principal {
        Principal(userId: userId, username: username, displayName: displayName, orgUnitId: orgUnitId, orgPath: orgPath,
                  roles: roles, locale: locale, customerId: customerId, features: features)
    }

    /// #14 item 6: the menu shows a feature's pages only when the feature is on in one of the user's units;
    /// administrators see every page.
    public func seesFeature(ofPage href: String) -> Bool {
        isAdmin || FeatureSwitches.feature(ofPage: href).map { features.contains($0) } ?? true
    }

    public var isCustomer: Bool { Role.isCustomerOnly(roles) }
    public var isAdmin: Bool { roles.contains(.admin) }

    public func has(_ permission: ServiceDeskPermission) -> Bool {
        ServiceDeskPermission.granted(permission, to: roles, userPath: orgPath)
    }

    /// A user of the root unit acts on every unit.
    public var coversWholeOrganisation: Bool { OrgPath.isRoot(orgPath) }

    /// True when a unit at `unitPath` is this user's unit or below it.
    public func covers(unitPath: String) -> Bool {
        OrgPath.contains(orgPath, unitPath)
    }
}
