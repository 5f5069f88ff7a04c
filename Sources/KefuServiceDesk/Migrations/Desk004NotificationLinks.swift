import KefuPlatform

extension ServiceDeskMigrations {
    /// #11.4: every notification leads to its record: a relative page path (`/tickets/{id}`, `/complaints/{id}`, …),
    /// checked by `LocalRedirect` when written and when followed. Rows written before it have none and still render.
    public static let desk004NotificationLinks = Migration(id: "desk-004-notification-links", common: [
        "ALTER TABLE notifications ADD COLUMN link TEXT",
    ])
}
