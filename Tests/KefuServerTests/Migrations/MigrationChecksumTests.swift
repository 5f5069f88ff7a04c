import Foundation
import KefuApp
import KefuPlatform
import Testing

/// #11.7: every shipped migration is frozen. Its checksum on each engine is written here once, when it ships; a test
/// run after an edit of a shipped statement fails here (and the migrator would refuse such a database at start).
/// A new migration is a new file with the next number in the feature's `Migrations/` folder, pinned here by adding its line.
@Suite("Shipped migrations are frozen (#11.7)")
struct MigrationChecksumTests {
    /// id → (SQLite checksum, PostgreSQL checksum).
    static let pinned: [String: (sqlite: String, postgres: String)] = [
        "platform-001-counters": ("d4099e22334445961137836aaf91d61d65fad9a8798b1c0e8ebb257febeea850", "d4099e22334445961137836aaf91d61d65fad9a8798b1c0e8ebb257febeea850"),
        "platform-002-audit": ("a38b0bc5d362cd6999d67da70030552c3a6954e38506fad6bd5ccc43faf174ce", "a38b0bc5d362cd6999d67da70030552c3a6954e38506fad6bd5ccc43faf174ce"),
        "platform-003-form-flashes": ("82b8f0d51c0b5c0cfbf48199e605711cebda43031a4e6a19a488b7189bafd2b9", "82b8f0d51c0b5c0cfbf48199e605711cebda43031a4e6a19a488b7189bafd2b9"),
        "org-001-units-users": ("5e657a64d5f8e89aa2ddbe628eee598ab108997d907b461819d0032ff7135bb9", "5e657a64d5f8e89aa2ddbe628eee598ab108997d907b461819d0032ff7135bb9"),
        "org-002-login-throttle": ("27de12ea3df52721dc61dfbc541eda18ff300709656a8a37966bcb3f6c7b6618", "27de12ea3df52721dc61dfbc541eda18ff300709656a8a37966bcb3f6c7b6618"),
        "org-003-login-presessions": ("40cb7ffd17cf4a5ccd330b7d297f602b2fdcf69a225093a69d560f280400b098", "40cb7ffd17cf4a5ccd330b7d297f602b2fdcf69a225093a69d560f280400b098"),
        "desk-001-customers-tickets": ("0057cb9702ce21d71a25cdad323e6154bc3b8d83859c1fa6e8d877f61990ac1b", "fea71e0f0f1aa6d1f38bd2ea189ef4b42880904d64a6d04e0d4803b8857eeabc"),
        "desk-002-sla": ("981bbf7300ac8c35cde1f3648023466ef80b4ee5689d6b9b41c683f28cc0316d", "da29f91f1b0e1efe7df649fc16c966a787eef1267d149d34db3d7fa68957615a"),
        "desk-003-search-scope-tokens": ("6adc8c34dedd8766172ec1457e966605d6745dadbbe3ac6f86dab06e0d5f8cac", "6adc8c34dedd8766172ec1457e966605d6745dadbbe3ac6f86dab06e0d5f8cac"),
        "desk-004-notification-links": ("8c9d0065f3f5afa42c754a8240aacefe8987034c9a9beabbf588b08ab442cc54", "8c9d0065f3f5afa42c754a8240aacefe8987034c9a9beabbf588b08ab442cc54"),
        "desk-005-escalation-paths": ("f4d0432985f1905659b9165e1943f7995f9b67844c3b14fe710c82a420cc2dd0", "f4d0432985f1905659b9165e1943f7995f9b67844c3b14fe710c82a420cc2dd0"), // #15.6
        "desk-006-reply-templates": ("75f7ed9bdae57557c7dbb8e96ef2856076de1331001bcf72478edcb1c9c64174", "75f7ed9bdae57557c7dbb8e96ef2856076de1331001bcf72478edcb1c9c64174"), // #16 item 5
        "desk-007-customer-flags": ("b4ddcb183b50a246265902c8c105601c05d07902e7f17291df19aa85c7571a11", "b4ddcb183b50a246265902c8c105601c05d07902e7f17291df19aa85c7571a11"), // #16 item 6 TKT-05
        "desk-008-mail-acknowledgements": ("61960f86cc3c8faccee1bc2eb14c7fd8c07ebf4cfceed93a5f297b19703924fa", "61960f86cc3c8faccee1bc2eb14c7fd8c07ebf4cfceed93a5f297b19703924fa"), // #16 item 2
        "desk-009-queue-indexes": ("9394ca70da4caab228d8133eb3067a029a529852dbdc239dadfca580cf2a0195", "9394ca70da4caab228d8133eb3067a029a529852dbdc239dadfca580cf2a0195"), // #17.7
        "ppl-009-one-open-leave-per-shift": ("ff79f0f73aaf8bc29589abf56b8d94f8ebf4d8a5663d8e9283f2afd164058c1e", "ff79f0f73aaf8bc29589abf56b8d94f8ebf4d8a5663d8e9283f2afd164058c1e"), // a unique key behind the check
        "prp-010-one-open-contractor-plan": ("4b4a3efcf3987e1b5e92f518e05840ae1a22230f9f980885cdfde6e7d7c21b60", "4b4a3efcf3987e1b5e92f518e05840ae1a22230f9f980885cdfde6e7d7c21b60"), // a unique key behind the check
        "aftersales-001-complaints": ("5d51b89b2c2c7c466a2f2f174eae2ae908dbf951cd1629510b217ea39e5564ff", "5d51b89b2c2c7c466a2f2f174eae2ae908dbf951cd1629510b217ea39e5564ff"),
        "aftersales-002-repairs-returns": ("5ab677403894a8995366ae794c9966991c879554ffdb86b2742f88c2bbf5dad5", "5ab677403894a8995366ae794c9966991c879554ffdb86b2742f88c2bbf5dad5"),
        "aftersales-003-surveys": ("b396daadc287cd1e87cac5406bd0f6fd27510c653da7fce34bca8ddf2a2274ea", "b396daadc287cd1e87cac5406bd0f6fd27510c653da7fce34bca8ddf2a2274ea"),
        "aftersales-004-search-indexes": ("34d7c4d20609b0a6b05c4764211a6bdd60a31f3dedb22f032f7d487e7a9c8546", "34d7c4d20609b0a6b05c4764211a6bdd60a31f3dedb22f032f7d487e7a9c8546"),
        "aftersales-005-capa-reminders": ("6ee8eaaf95e0c15f0d16ad20926be4fb3a562ec5c435944a3424e7d7b49c12a6", "6ee8eaaf95e0c15f0d16ad20926be4fb3a562ec5c435944a3424e7d7b49c12a6"),
        "aftersales-006-satisfaction-assessments": ("c8751b89057a864462b2f3871ab2f0f4a761a99837e7f870f702867100d37c8f", "c8751b89057a864462b2f3871ab2f0f4a761a99837e7f870f702867100d37c8f"), // #15.5 SAT-09
        "aftersales-007-complaint-source": ("aebca8b70b88d3608dde5864517895fbe435f6f64201480f916f23101f16c49a", "aebca8b70b88d3608dde5864517895fbe435f6f64201480f916f23101f16c49a"), // #16 item 6 CMP-01, D15
        "mat-001-master-documents-ledger": ("7a56523fd8b77a84ad1fd9823069208a04f5bd470c1a4001782ed4f68035bb51", "c4a2ba5ae837f030f6420f609f36c5e2890735b8421104ead2afa8988c3120f9"),
        "mat-002-ledger-indexes": ("b5cfeb9414e73ec174229a913bd135bb6365a7e736182134ba1511ee36ac8d49", "b5cfeb9414e73ec174229a913bd135bb6365a7e736182134ba1511ee36ac8d49"),
        "mat-003-master-data-fields-active": ("c64bcc113b62b9b7fa6f7d50738c59fb72426b30f15dff795643ec3c1fe3d40b", "c64bcc113b62b9b7fa6f7d50738c59fb72426b30f15dff795643ec3c1fe3d40b"),
        "mat-006-storage": ("c5e4e2a5271eb2739838da8a6aa4569ad0ca7c0f7d2f77fc1771ae351f1ba2d0", "c5e4e2a5271eb2739838da8a6aa4569ad0ca7c0f7d2f77fc1771ae351f1ba2d0"),
        "platform-004-attachments": ("be2bb948beefa84611a661fb64127799c723018b3d247e6da93c57ef976726f3", "be2bb948beefa84611a661fb64127799c723018b3d247e6da93c57ef976726f3"),
        "platform-005-retention-periods-and-holds": ("831f4b27d8db1b90a230da3353e3dc77bb42db97cacfe723005db2123a98c113", "831f4b27d8db1b90a230da3353e3dc77bb42db97cacfe723005db2123a98c113"), // #17.6
        "platform-006-retention-archived": ("82f11e9bd5b7c9f3d2e027bd170d448ee9fa86b37c171abb2a9426119ce1e0c9", "82f11e9bd5b7c9f3d2e027bd170d448ee9fa86b37c171abb2a9426119ce1e0c9"), // #17.6 tombstones
        "aftersales-008-ticket-reference-indexes": ("ee0ff57d4c2a16d8b1162cda44270969f0e3ee97b3f77dcd018bdff41c8d9bde", "ee0ff57d4c2a16d8b1162cda44270969f0e3ee97b3f77dcd018bdff41c8d9bde"), // #17.6 tickets kept while named
        "wo-004-ticket-index": ("834278e6a8eabf9ed085b0272ca8626efd603687b6a6407ee0a2edc27b69f5e5", "834278e6a8eabf9ed085b0272ca8626efd603687b6a6407ee0a2edc27b69f5e5"), // #17.6
        "ppl-010-inspection-ticket-index": ("507a9c947f54691fb1c34040508007d8bcfce10ce03b61e6c7ccccba862154ba", "507a9c947f54691fb1c34040508007d8bcfce10ce03b61e6c7ccccba862154ba"), // #17.6
        "ch-008-ticket-indexes": ("b27b3727c801cdc976e9872383532fa1c6adcb22776b151259c6158b9b6c3f3f", "b27b3727c801cdc976e9872383532fa1c6adcb22776b151259c6158b9b6c3f3f"), // #17.6
        "desk-010-closed-tickets-index": ("9ac5101d3a4fc04d0ececde7c1892797c735dcb939455ca6cfe94132765d3346", "9ac5101d3a4fc04d0ececde7c1892797c735dcb939455ca6cfe94132765d3346"), // #17.6 archive batches
        "desk-011-open-ticket-indexes": ("05280183e3c1be5326f786826b151434ff242ac30fc6f24e72b19007c9bb980a", "debab8dc1f214966071e7de8cdbe81a2d1bc9840445da090930b1b042deca417"), // #17.7 a unit's open tickets
        "desk-012-path-pattern-indexes": ("81b703967f1def5edd98a2d8f65c2544c51e21b69ed78d88e2dc03a0bac24f93", "d95679e85fc80d285aef7e0dd9a6c19f6b27d79531af743b16eeb5714cdc077f"), // #17.7 unit paths PostgreSQL can range over
        "desk-013-search-document-compression": ("2550424fb2e5ddae1f38444afc50425c7d2607ef4db252a1d0cab3eb3ebf2c03", "603e8f6c721ef6853febfec25a6cdab33673be4f4a71781c9ee75bb1dd1e0f28"), // #18.5 search documents in lz4 on PostgreSQL
        "desk-014-queue-order-indexes": ("1e95f1410c8df37984e828160a9177b4669f2cfce540c0339584e08c39ce35a4", "f565f62ba33117a0a4a4a24e7f82a8be004f3e824d6a8d56ba836e47b4b55f71"), // #17.7 queues in due order read off their indexes (SQLite)
        "desk-015-postgres-queue-order-indexes": ("0573dc78a9a76d13c18c2ec3ae1a7a7758ee4fd635a04cb1e19f0b1353a66ad9", "f72a240a00546dcfb82171979b55c0cc02ecb4f89f73ee3f35d64c7fb3f9be50"), // #17.7 the same on PostgreSQL
        "desk-016-breach-marks": ("5b2cf7623431df121a3084452351034dbb87793e627047e9c331f325bc35b0ad", "504fe003e01c4432540576ea1a3c823b6e1db05f97c6126f424c8a64e0856ad1"), // #17.7 breached tickets counted off indexes
        "desk-017-search-scopes": ("ff993a71a7d36e6454480f6d54b9c98aff020916f0ae57aa32a1bcb01442b0a2", "83ecfa0242da52bb4a411ff757240d961b87f6e28c583d48000e15b81e1ffb9f"), // #17.7 a unit's search walks its own documents
        "desk-018-search-table-settings": ("590507621ad1d56cfa5701cb3fd56ea492295c70d895efb339c74810e8aff76c", "094cd734508141544281a34760ec084e649ba831e2737ddc664b00fc6d8ddb19"), // #18.5 no parallel plans for a search, scope rows kept all-visible
        "desk-019-search-merge-off-commit": ("5cdee7293773e00cdf12e6b0a8135ab0e2a1389bd52bc1d872a0808662dfe9b1", "094bcfb9b2203e5fda75cf0559db85b7d89832c1068dfa4088d36715fcf72a5f"), // #17.4 SQLite's search index merged between requests
        "mat-005-site-ledger": ("57884829b5e05938bef2b13ffa6fe5fa573540827fcc774b7ac61a054ebf200e", "57884829b5e05938bef2b13ffa6fe5fa573540827fcc774b7ac61a054ebf200e"),
        "mat-007-issue-refusals": ("687285b015e2b42925f68375d971db0980ddb60745a1e4070d6da778884f2804", "687285b015e2b42925f68375d971db0980ddb60745a1e4070d6da778884f2804"),
        "mat-008-item-code-requests": ("9bf5971518ba6eaeebe980b35386cc87bf17b075e55c377e72710535a016da94", "9bf5971518ba6eaeebe980b35386cc87bf17b075e55c377e72710535a016da94"),
        "mat-004-stocktakes": ("c7bce06bf2242d34ee38824b119abdf55b7660d601ab8f5d3c24f71e8b26dcf0", "c7bce06bf2242d34ee38824b119abdf55b7660d601ab8f5d3c24f71e8b26dcf0"),
        "mat-010-transfer-line-bins": ("72ac9fc1b28461becc34f22faf7105feae9f421ecb1de46758660d3f46ae8d39", "72ac9fc1b28461becc34f22faf7105feae9f421ecb1de46758660d3f46ae8d39"),
        "mat-009-stocktake-approvers": ("3abf7a753cf440675fd918c02669871fe3183881e0272fc7356f7f333ea29d32", "3abf7a753cf440675fd918c02669871fe3183881e0272fc7356f7f333ea29d32"),
        "mat-011-freight": ("720be69805f375be62568a451e43923f0fcaadf18e14187965c743369e663472", "720be69805f375be62568a451e43923f0fcaadf18e14187965c743369e663472"),
        "mat-012-tool-loans": ("c6aea145956a8702d4015e43a6742833853a0c7593733c54c24554ab5686f5e7", "c6aea145956a8702d4015e43a6742833853a0c7593733c54c24554ab5686f5e7"),
        "mat-013-damaged-parts": ("5b660d007f1b91190355d935b024cdbeb7ecc8350369cc6a017596bea28627b9", "5b660d007f1b91190355d935b024cdbeb7ecc8350369cc6a017596bea28627b9"),
        "mat-015-arrivals": ("c5ff7b3fd26c77233da6c20b563a3a5111122438c32eb96c8f5515eec241941e", "c5ff7b3fd26c77233da6c20b563a3a5111122438c32eb96c8f5515eec241941e"),
        "mat-014-material-requests": ("e0c804b074abb1b4551d667849d00e3878105de5845f4574d5e4f65efe768ebf", "e0c804b074abb1b4551d667849d00e3878105de5845f4574d5e4f65efe768ebf"),
        "mat-018-ticket-parts": ("b6f543f1ae40e0936d4e3d6d1e5e558b4e8bac46a9d8047afe1510617b62c3ba", "b6f543f1ae40e0936d4e3d6d1e5e558b4e8bac46a9d8047afe1510617b62c3ba"),
        "mat-019-request-list-order": ("d1c109cf1443547bf74d256df2047e2817dafd2c450f6c577d6ec9b4641bf8f6", "d1c109cf1443547bf74d256df2047e2817dafd2c450f6c577d6ec9b4641bf8f6"),
        "mat-020-loss-responsibilities": ("82416c1fe22a4373a373f868a4bae935d96994935efacb1c87040a6244d9d232", "82416c1fe22a4373a373f868a4bae935d96994935efacb1c87040a6244d9d232"), // #15.5 KPI-06
        "mat-016-commercial-repairs": ("faa80f657893fa6d42637f3e7b01484e22b8d6c28725f7421afbb2ec0acfb970", "faa80f657893fa6d42637f3e7b01484e22b8d6c28725f7421afbb2ec0acfb970"),
        "mat-017-demand-plans": ("5c6c899939f02f3251d0de8e82d13d68af2ba9b6c648c27034bf6d62e06c6775", "5c6c899939f02f3251d0de8e82d13d68af2ba9b6c648c27034bf6d62e06c6775"),
        "wo-001-work-orders": ("4aa98f2e1f51d8b3c2497a7ac941ac14bb74937dbf98e69f72d96716740dcc4c", "4aa98f2e1f51d8b3c2497a7ac941ac14bb74937dbf98e69f72d96716740dcc4c"),
        "ppl-001-shifts-rosters": ("4007cfa929b649a8c6bd94aeb04e90252d56ca9280ce07cd89ea4b5c92c54ca4", "4007cfa929b649a8c6bd94aeb04e90252d56ca9280ce07cd89ea4b5c92c54ca4"),
        "ppl-002-handovers-announcements": ("0a16e1270c86dfdf757f2caa52d6db1dd55710c906f462023d9ea0bc12359a43", "0a16e1270c86dfdf757f2caa52d6db1dd55710c906f462023d9ea0bc12359a43"),
        "ppl-003-training": ("b4daf96ca35e9e507d6f6d57e79f622ab7b86fbb2bbdca3b137a676b09001a00", "b4daf96ca35e9e507d6f6d57e79f622ab7b86fbb2bbdca3b137a676b09001a00"), // #15.4
        "ppl-004-quality-inspection": ("53937129bd86d796200c77fdb59bdbec8b19bed1ed0d65d2fb3eb6458896f173", "53937129bd86d796200c77fdb59bdbec8b19bed1ed0d65d2fb3eb6458896f173"), // #15.5 inspection
        "ppl-005-appraisal-plans": ("c262539656e60503eef750d449f25c21116ee2201486017bed5c5e9ad66fa6fa", "c262539656e60503eef750d449f25c21116ee2201486017bed5c5e9ad66fa6fa"), // #15.5 KPI-04
        "ppl-006-leave-decision-note": ("8c0d756ad50314c3c7a745b0cf246e731c1a8057dbbbc00fe76549e9eeda2af6", "8c0d756ad50314c3c7a745b0cf246e731c1a8057dbbbc00fe76549e9eeda2af6"), // #15 leftovers
        "ppl-007-absences-work-area-leaves": ("259cf78bae5536adfe74bdf2a76ecb14831133a6fe1e095298907bb3c9c008d6", "259cf78bae5536adfe74bdf2a76ecb14831133a6fe1e095298907bb3c9c008d6"), // #15.3 absence helper
        "ppl-008-quality-analyses": ("36f066d995437f550a32d6c85e26feb1dcb60de86bfd9b85adb738cbbe697d90", "36f066d995437f550a32d6c85e26feb1dcb60de86bfd9b85adb738cbbe697d90"), // #15 KPI-07
        "fd-001-registers": ("e8e036f1587cb4af4c5c171d3ac93691956b1910cc9dafde9271a71e1a82602b", "e8e036f1587cb4af4c5c171d3ac93691956b1910cc9dafde9271a71e1a82602b"), // #14.4
        "wo-002-area-responsibility": ("3ab59afdeb4dfe158752cb2924afa7251786adb3a9bbd71cb174ae063c009085", "3ab59afdeb4dfe158752cb2924afa7251786adb3a9bbd71cb174ae063c009085"), // WO-05
        "prp-001-estates-and-fees": ("a7d04726e42f3011620f4e502cfa37c53769d1d9e7f3731a344141760001d696", "a7d04726e42f3011620f4e502cfa37c53769d1d9e7f3731a344141760001d696"), // #14 item 2
        "prp-002-patrols-reviews-proposals": ("8594a00cdb831b3cfc4d2bd97e5fba6e9707c21422d383cebc23e1ed0725819d", "8594a00cdb831b3cfc4d2bd97e5fba6e9707c21422d383cebc23e1ed0725819d"), // #14 PRP-07 PRP-04 PRP-10
        "scn-001-visitor-services": ("883ab6a9a27f17838becd47d3a3e7f62d1f3183d79aa1d7bee70e48ffb62de66", "883ab6a9a27f17838becd47d3a3e7f62d1f3183d79aa1d7bee70e48ffb62de66"), // #14.3
        "prp-003-plans-contractors-registers": ("fff4edb9b3dad61d50e287e41518fa6e80656e6e846a509dfcac586ec814a62a", "fff4edb9b3dad61d50e287e41518fa6e80656e6e846a509dfcac586ec814a62a"), // #14 PRP-08 PRP-05 PRP-11
        "org-004-unit-features": ("dcf0bc3734660e2fd9f77eb5e0d3ff11b941b11f7bd1999522c85a834258a37c", "dcf0bc3734660e2fd9f77eb5e0d3ff11b941b11f7bd1999522c85a834258a37c"), // #14 item 6
        "scn-002-deliveries": ("dd5548290e804b2d3f0647276b4dfefecae26ce474824b91b28fcdaa65eca5b5", "dd5548290e804b2d3f0647276b4dfefecae26ce474824b91b28fcdaa65eca5b5"), // #14 VIS-01/02
        "ch-001-inbound-mail": ("e7f457c9fc9bb841e4f0748538251fed95289b6404967279ccc3c104a4f952f7", "e2e706aee6ee9a326e04a70345a26f8af5896d5bcf96090a1e9a8ac66982d3da"), // #16.1
        "ch-002-attachments-by-ticket": ("738dcb9936d04930b7f1d487e82d181d14d6c4563d033cc42e279f7cc0d00ea5", "738dcb9936d04930b7f1d487e82d181d14d6c4563d033cc42e279f7cc0d00ea5"), // #16.1 a ticket's mail attachments
        "ch-003-telephony": ("87bd5c3c8a3edf9b5cc73d923f9d60816ff04553e65a37814d54738018f9d9c3", "87bd5c3c8a3edf9b5cc73d923f9d60816ff04553e65a37814d54738018f9d9c3"), // #16.3 telephony
        "ch-004-mail-outbox": ("fbd4a32c9406937ebdae00760e4373fafbf9951e49574fc6761fde7b77812769", "fbd4a32c9406937ebdae00760e4373fafbf9951e49574fc6761fde7b77812769"), // #16 item 2
        "ch-005-chat": ("ed9683b1a3f10c2c173b93a998903502fc154eeab235b0aaaedf9bdc3e448a19", "ed9683b1a3f10c2c173b93a998903502fc154eeab235b0aaaedf9bdc3e448a19"), // #16.4 live chat
        "ch-006-chat-starts": ("2c924dc4e9b6db16850b7041d7da144a2cd925e2a28b3539e732b07eb0bd7da2", "2c924dc4e9b6db16850b7041d7da144a2cd925e2a28b3539e732b07eb0bd7da2"), // #16.4 the chat widget's start throttle
        "ch-007-portal": ("fde402f011190b4e414b3fc0b78364af9f9b347e897eb394034a9957663c0691", "09ef4f1ecbbf6f2b91ac4bcca170b7e09020fa76a3dd23299731ddc88f62b280"), // #16.6 the customer portal
        "wo-003-materials-issue": ("4ab3bf90057168b065bb87c564b09f6e9b278cfc2e3ad1ed5b595902081abb83", "4ab3bf90057168b065bb87c564b09f6e9b278cfc2e3ad1ed5b595902081abb83"), // #14 item 1
        "prp-005-events-opinion-rounds": ("971f96c47cca520bcb4cf807a05a4dcd369bb55917687dcc4531391867c8e63e", "971f96c47cca520bcb4cf807a05a4dcd369bb55917687dcc4531391867c8e63e"), // #14 ESC-03 SAT-10
        "prp-006-notice-settled-at": ("9252f6d6dc23f7c25a5870d7ef4f583ff4f1e765c1dee4cb799325e6436a062a", "9252f6d6dc23f7c25a5870d7ef4f583ff4f1e765c1dee4cb799325e6436a062a"), // #14 RET-03
        "prp-007-notices-clustered-by-month": ("a669198559df16f4131bdbfff96ed086ff9656c6f0e5bac1b012b1aa5e39443f", "a669198559df16f4131bdbfff96ed086ff9656c6f0e5bac1b012b1aa5e39443f"), // #14 item 8
        "prp-008-occupant-name-index": ("0cc6fdc83bbec1a0e906bac6c2f075c40d3d288ba797c6816eeb6fa8e8574631", "0cc6fdc83bbec1a0e906bac6c2f075c40d3d288ba797c6816eeb6fa8e8574631"), // #11.1
        "prp-009-visits-and-forums": ("0653086bf5b3fdaf8e54aeee5b4b797e2640521e31633c246cd541edeb6f5c4a", "0653086bf5b3fdaf8e54aeee5b4b797e2640521e31633c246cd541edeb6f5c4a"), // #14 SAT-10
        "prp-004-owner-files": ("04d52b57b46bd08719cad2c142fe51d90b31fe4da01811a28c45fa4d4fbfd526", "04d52b57b46bd08719cad2c142fe51d90b31fe4da01811a28c45fa4d4fbfd526"), // #14 PRP-06 owner files
    ]

    @Test func everyShippedMigrationKeepsItsPinnedChecksum() {
        for migration in KefuServer.migrations {
            let now = (migration.checksum(for: .sqlite), migration.checksum(for: .postgres))
            guard let pin = Self.pinned[migration.id] else {
                Issue.record("\(migration.id) is not pinned: add \"\(migration.id)\": (\"\(now.0)\", \"\(now.1)\"),")
                continue
            }
            #expect(pin.sqlite == now.0, "\(migration.id) changed on SQLite: a shipped migration is never edited; add a new one")
            #expect(pin.postgres == now.1, "\(migration.id) changed on PostgreSQL: a shipped migration is never edited; add a new one")
        }
        let shipped = Set(KefuServer.migrations.map(\.id))
        for id in Self.pinned.keys.sorted() { #expect(shipped.contains(id), "\(id) is pinned but no longer shipped: a shipped migration is never removed") }
    }

    /// Ids are unique, and each feature's migrations are numbered 001, 002, … in the order they apply.
    @Test func idsAreUniqueAndNumberedInOrderPerFeature() {
        let ids = KefuServer.migrations.map(\.id)
        #expect(Set(ids).count == ids.count)
        var next: [String: Int] = [:]
        for id in ids {
            let parts = id.split(separator: "-")
            guard parts.count >= 3, let number = Int(parts[1]) else { Issue.record("\(id) is not <feature>-<number>-<name>"); continue }
            let feature = String(parts[0])
            #expect(number == next[feature, default: 1], "\(id) is out of order")
            next[feature] = number + 1
        }
    }
}
