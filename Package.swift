// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "kefu",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kefu", targets: ["kefu"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // #16 item 2: STARTTLS and TLS for the SMTP client (already resolved for postgres-nio).
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
        // #16 item 4: live chat over WebSocket (server upgrade; the client for tests).
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket.git", from: "1.6.2"),
        // #17 item 5: OpenTelemetry traces over OTLP/HTTP when configured (no gRPC: the OTLPHTTP trait alone).
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0", traits: ["OTLPHTTP"]),
    ],
    targets: [
        .target(name: "KefuDomain"),
        // #17.4: process-wide SQLite configuration, in C as SQLite's configuration call takes variable arguments: the
        // page cache behind a bound on its page numbers (PageCacheKeyBound.c), the statement journal's spill size.
        .target(name: "KefuSQLitePageCache", dependencies: [.product(name: "SQLiteKit", package: "sqlite-kit")]),
        .target(name: "KefuPlatform", dependencies: [
            "KefuDomain",
            "KefuSQLitePageCache",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "SQLiteKit", package: "sqlite-kit"),
            .product(name: "PostgresKit", package: "postgres-kit"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"), // #16.4 the guarded WebSocket upgrade
            .product(name: "Tracing", package: "swift-distributed-tracing"), // #17.5 a span per transaction
        ]),
        .target(name: "KefuOrg", dependencies: ["KefuDomain", "KefuPlatform"]),
        .target(name: "KefuServiceDesk", dependencies: ["KefuDomain", "KefuPlatform", "KefuOrg"]),
        // The top-level *Migrations.swift files are the shipped record of the one-file layout (216bfe7), kept
        // byte for byte because a shipped migration file is never edited or removed. The active list is
        // Migrations/*Migrations.swift (same ids, same SQL; FrozenMigrationRecordTests compares them).
        .target(name: "KefuAftersales", dependencies: ["KefuDomain", "KefuPlatform", "KefuOrg", "KefuServiceDesk"],
                exclude: ["AftersalesMigrations.swift"]),
        .target(name: "KefuMaterials", dependencies: ["KefuDomain", "KefuPlatform", "KefuOrg"],
                exclude: ["MaterialsMigrations.swift"]),
        // #14.1 work orders (WO-01..11): a feature of its own; tickets reach it through a port the composition root fills.
        .target(name: "KefuWorkOrders", dependencies: ["KefuDomain", "KefuPlatform", "KefuOrg", .product(name: "Crypto", package: "swift-crypto")]),
        // #15.1, #15.3 shifts, rosters, swaps and leave.
        .target(name: "KefuPeople", dependencies: ["KefuDomain", "KefuPlatform", "KefuOrg"]),
        // #14.4 front desk registers (FRD-01..07).
        .target(name: "KefuFrontDesk", dependencies: ["KefuDomain", "KefuPlatform", "KefuOrg"]),
        // #14 item 2 property fees (PRP-01..03, PRP-06).
        .target(name: "KefuProperty", dependencies: ["KefuDomain", "KefuPlatform", "KefuOrg"]),
        // #14.3 scenic area visitor services (VIS-01..05, LND-03/04).
        .target(name: "KefuScenic", dependencies: ["KefuDomain", "KefuPlatform", "KefuOrg"]),
        // #16.1 channels: inbound e-mail (CH-01); builds on tickets.
        .target(name: "KefuChannels", dependencies: ["KefuDomain", "KefuPlatform", "KefuOrg", "KefuServiceDesk",
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"), // #16.4 live chat
        ]),
        .target(name: "KefuApp", dependencies: [
            "KefuDomain", "KefuPlatform", "KefuOrg", "KefuServiceDesk", "KefuAftersales", "KefuMaterials", "KefuWorkOrders", "KefuPeople",
            "KefuFrontDesk",
            "KefuProperty", // #14 item 2
            "KefuScenic", // #14.3
            "KefuChannels", // #16.1
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"), // #16.4 live chat
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "kefu", dependencies: [
            "KefuApp", "KefuPlatform", "KefuChannels", // #16.1 kefu mail ingest
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "OTel", package: "swift-otel"), // #17.5 the OTLP exporter, built only in the composition root
        ]),
        .testTarget(name: "KefuDomainTests", dependencies: ["KefuDomain"]),
        .testTarget(name: "KefuServerTests", dependencies: [
            "KefuApp", "KefuPlatform", "KefuOrg", "KefuServiceDesk", "KefuAftersales", "KefuMaterials", "KefuWorkOrders", "KefuPeople",
            "KefuFrontDesk",
            "KefuProperty", // #14 item 2
            "KefuScenic", // #14.3
            "KefuChannels", // #16.1
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"), // #16 item 2 the test SMTP server's STARTTLS
            .product(name: "WSClient", package: "swift-websocket"), // #16.4 the chat tests' WebSocket client
        ], exclude: ["Channels/MailCorpus"]), // #16.1 the MIME corpus, read from the source tree
    ]
)
