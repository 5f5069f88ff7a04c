/// The route table of permissions (#10 "Also": the route × role × unit matrix). Every API route is listed here once
/// with who may call it; the matrix test (Tests/KefuServerTests/RouteMatrixTests.swift) calls every listed route with
/// every role, inside and outside its unit, and fails on a route that is not listed. The audiences are computed from
/// the permission rules themselves (`ServiceDeskPermission`, `MaterialPermissions`, …), so a rule is written once.
public enum RouteAudience: Sendable, Equatable {
    /// No sign-in (the public survey, the API description, signing in).
    case anyone
    /// Any signed-in user, customers included.
    case signedIn
    /// Any staff role (not the `customer` role).
    case staff
    /// These roles, in any unit.
    case roles(Set<Role>)
    /// These roles, and only in the head office (the root unit).
    case headOffice(Set<Role>)
    /// Decided per record by its unit and the step's role (the services' scope rules: `OrgPath`, `AftersalesScope`,
    /// `Role.seesUnitTickets`, `MaterialPermissions`); the matrix test probes these by their lists' scope.
    case perRecord

    /// Whether a user with `roles` in the unit at `userPath` may call a route of this audience.
    public func allows(_ roles: Set<Role>, userPath: String) -> Bool {
        switch self {
        case .anyone: return true
        case .signedIn: return !roles.isEmpty
        case .staff: return !roles.isEmpty && !Role.isCustomerOnly(roles)
        case .roles(let allowed): return !roles.isDisjoint(with: allowed)
        case .headOffice(let allowed): return !roles.isDisjoint(with: allowed) && OrgPath.isRoot(userPath)
        case .perRecord: return !roles.isEmpty
        }
    }
}

extension ServiceDeskPermission {
    /// The roles that hold a permission on their own.
    public static func holders(_ permission: ServiceDeskPermission) -> Set<Role> {
        Set(Role.allCases.filter { granted(permission, to: [$0]) })
    }
}

public enum ApiAccess {
    /// "METHOD /path" → who may call it.
    public static let routes: [String: RouteAudience] = [
        "POST /api/v1/auth/token": .anyone,
        "DELETE /api/v1/auth/token": .perRecord,
        "GET /api/v1/auth/me": .signedIn,
        "GET /api/v1/auth/tokens": .signedIn,
        "DELETE /api/v1/auth/tokens/{id}": .perRecord,
        "GET /api/v1/org-units": .staff,
        "POST /api/v1/org-units": .perRecord,
        "GET /api/v1/org-units/{id}": .perRecord,
        "PATCH /api/v1/org-units/{id}": .perRecord,
        "GET /api/v1/users": .staff,
        "POST /api/v1/users": .perRecord,
        "GET /api/v1/users/{id}": .perRecord,
        "PATCH /api/v1/users/{id}": .perRecord,
        "GET /api/v1/audit-log": .headOffice([.admin]),
        "POST /api/v1/tickets": .perRecord,
        "GET /api/v1/tickets": .signedIn,
        "GET /api/v1/tickets/{id}": .perRecord,
        "PATCH /api/v1/tickets/{id}": .perRecord,
        "GET /api/v1/tickets/{id}/events": .perRecord,
        "GET /api/v1/tickets/{id}/comments": .perRecord,
        "POST /api/v1/tickets/{id}/comments": .perRecord,
        "POST /api/v1/tickets/{id}/status": .perRecord,
        "POST /api/v1/tickets/{id}/escalate": .perRecord,
        "POST /api/v1/tickets/{id}/forward": .perRecord,
        "POST /api/v1/tickets/{id}/take": .perRecord,
        "POST /api/v1/tickets/{id}/owner": .perRecord,
        "GET /api/v1/customers": .roles(ServiceDeskPermission.holders(.viewCustomerRegister)),
        "GET /api/v1/customers/lookup": .roles(ServiceDeskPermission.holders(.lookupCustomer)),
        "POST /api/v1/customers": .perRecord,
        "GET /api/v1/customers/{id}": .perRecord,
        "PATCH /api/v1/customers/{id}": .perRecord,
        "GET /api/v1/sla-policies": .staff,
        "POST /api/v1/sla-policies": .perRecord,
        "GET /api/v1/sla-policies/{id}": .perRecord,
        "PUT /api/v1/sla-policies/{id}": .perRecord,
        "DELETE /api/v1/sla-policies/{id}": .perRecord,
        "GET /api/v1/business-hours": .staff,
        "PUT /api/v1/business-hours": .perRecord,
        "GET /api/v1/calendar/days": .staff,
        "GET /api/v1/calendar/years/{year}": .perRecord,
        "PUT /api/v1/calendar/years/{year}": .perRecord,
        "GET /api/v1/reports/service-kpis": .roles(ServiceDeskPermission.holders(.superviseTickets)),
        "GET /api/v1/notifications": .signedIn,
        "GET /api/v1/notifications/unread-count": .signedIn,
        "POST /api/v1/notifications/{id}/read": .perRecord,
        "POST /api/v1/notifications/read-all": .perRecord,
        "GET /api/v1/org-units/{id}/webhook": .perRecord,
        "PUT /api/v1/org-units/{id}/webhook": .perRecord,
        "DELETE /api/v1/org-units/{id}/webhook": .perRecord,
        "GET /api/v1/complaints": .staff,
        "POST /api/v1/complaints": .perRecord,
        "GET /api/v1/complaints/{id}": .perRecord,
        "POST /api/v1/complaints/{id}/classify": .perRecord,
        "POST /api/v1/complaints/{id}/analysis": .perRecord,
        "POST /api/v1/complaints/{id}/actions": .perRecord,
        "POST /api/v1/complaints/{id}/actions/approve": .perRecord,
        "POST /api/v1/complaints/{id}/review-meeting": .perRecord,
        "POST /api/v1/complaints/{id}/customer-confirmation": .perRecord,
        "POST /api/v1/complaints/{id}/verification": .perRecord,
        "POST /api/v1/complaints/{id}/close": .perRecord,
        "POST /api/v1/complaints/{id}/supervisor-review": .perRecord,
        "POST /api/v1/complaints/{id}/return-visit": .perRecord,
        "GET /api/v1/reports/complaints": .staff,
        "GET /api/v1/repair-orders": .staff,
        "POST /api/v1/repair-orders": .perRecord,
        "GET /api/v1/repair-orders/{id}": .perRecord,
        "POST /api/v1/repair-orders/{id}/diagnosis": .perRecord,
        "POST /api/v1/repair-orders/{id}/customer-decision": .perRecord,
        "POST /api/v1/repair-orders/{id}/qc": .perRecord,
        "POST /api/v1/repair-orders/{id}/ship": .perRecord,
        "POST /api/v1/repair-orders/{id}/close": .perRecord,
        "GET /api/v1/reports/repairs": .staff,
        "GET /api/v1/returns": .staff,
        "POST /api/v1/returns": .perRecord,
        "GET /api/v1/returns/{id}": .perRecord,
        "POST /api/v1/returns/{id}/receive": .perRecord,
        "POST /api/v1/returns/{id}/inspection": .perRecord,
        "POST /api/v1/returns/{id}/override": .perRecord,
        "POST /api/v1/returns/{id}/slip": .perRecord,
        "POST /api/v1/returns/{id}/salesperson-note": .perRecord,
        "POST /api/v1/returns/{id}/sign": .perRecord,
        "POST /api/v1/returns/{id}/book": .perRecord,
        "POST /api/v1/returns/{id}/ship-replacement": .perRecord,
        "POST /api/v1/returns/{id}/close": .perRecord,
        "GET /api/v1/survey-template": .anyone,
        "POST /api/v1/survey-invitations": .perRecord,
        "POST /api/v1/survey-campaigns": .perRecord,
        "POST /api/v1/public/surveys/{token}": .anyone,
        "GET /api/v1/survey-responses": .staff,
        "GET /api/v1/reports/satisfaction": .staff,
        "GET /api/v1/settings/satisfaction-target": .signedIn,
        "PUT /api/v1/settings/satisfaction-target": .perRecord,
        "GET /api/v1/items": .roles(MaterialPermissions.viewers),
        "POST /api/v1/items": .perRecord,
        "POST /api/v1/items/import": .perRecord,
        "GET /api/v1/items/{id}": .perRecord,
        "PATCH /api/v1/items/{id}": .perRecord,
        "GET /api/v1/suppliers": .roles(MaterialPermissions.viewers),
        "POST /api/v1/suppliers": .perRecord,
        "PATCH /api/v1/suppliers/{id}": .perRecord,
        "GET /api/v1/warehouses": .roles(MaterialPermissions.viewers),
        "POST /api/v1/warehouses": .perRecord,
        "PATCH /api/v1/warehouses/{id}": .perRecord,
        "GET /api/v1/items/{id}/history": .perRecord,
        "GET /api/v1/suppliers/{id}/history": .perRecord,
        "GET /api/v1/warehouses/{id}/history": .perRecord,
        "GET /api/v1/stock-documents": .roles(MaterialPermissions.viewers),
        "POST /api/v1/stock-documents": .perRecord,
        "GET /api/v1/stock-documents/{id}": .perRecord,
        "GET /api/v1/stock-documents/{id}/history": .perRecord,
        "PATCH /api/v1/stock-documents/{id}": .perRecord,
        "DELETE /api/v1/stock-documents/{id}": .perRecord,
        "POST /api/v1/stock-documents/{id}/audit": .perRecord,
        "POST /api/v1/stock-documents/{id}/unaudit": .perRecord,
        "GET /api/v1/transfers": .roles(MaterialPermissions.viewers),
        "POST /api/v1/transfers": .perRecord,
        "GET /api/v1/transfers/{id}": .perRecord,
        "PATCH /api/v1/transfers/{id}": .perRecord,
        "DELETE /api/v1/transfers/{id}": .perRecord,
        "POST /api/v1/transfers/{id}/audit": .perRecord,
        "POST /api/v1/transfers/{id}/unaudit": .perRecord,
        "GET /api/v1/stock/on-hand": .roles(MaterialPermissions.viewers),
        "GET /api/v1/stock/ledger": .roles(MaterialPermissions.viewers),
        "GET /api/v1/openapi.json": .anyone,
    ]
}
