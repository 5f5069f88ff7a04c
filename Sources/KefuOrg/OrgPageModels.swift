import KefuDomain
import KefuPlatform
import SQLKit

/// #11.6: the user list as its page shows it — one page of users and every unit (the filter's choices and the unit column),
/// read in one transaction.
struct UserListPageModel: Sendable {
    let users: ListPage<UserRecord>
    let units: [OrgUnitRecord]
}

/// #11.6: the user form (new or edit): the user being edited, if any, and the active units it can belong to, read in one
/// transaction.
struct UserFormPageModel: Sendable {
    let user: UserRecord?
    let units: [OrgUnitRecord]
}

extension OrgService {
    /// Every unit the admin pages offer: up to 1,000 (as the pages showed before).
    static let pageUnitLimit = Paging(page: 1, per: 1000)

    func userListPageModel(filter: UserFilter, paging: Paging, viewer: Principal) async throws -> UserListPageModel {
        try Self.requireStaff(viewer)
        return try await store.read { db in
            UserListPageModel(users: try await Self.users(db, filter: filter, paging: paging),
                              units: try await Self.units(db, paging: Self.pageUnitLimit, includeInactive: true).items)
        }
    }

    func userFormPageModel(userId: String?, viewer: Principal) async throws -> UserFormPageModel {
        // Staff see any colleague (to forward and assign work); customers only themselves (as `user(id:viewer:)`).
        if userId != viewer.userId { try Self.requireStaff(viewer) }
        let model: UserFormPageModel? = try await store.read { db in
            var user: UserRecord?
            if let userId {
                user = try await Self.user(db, id: userId)
                if user == nil { return nil }
            }
            return UserFormPageModel(user: user, units: try await Self.units(db, paging: Self.pageUnitLimit, includeInactive: false).items)
        }
        guard let model else { throw AppError.notFound(Text("用户", "User")) }
        return model
    }
}
