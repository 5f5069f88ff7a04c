import KefuDomain
import Testing

@Suite("Webhook target rule (#10.10)")
struct WebhookTargetRuleTests {
    func classOf(_ literal: String) -> WebhookTargetRule.AddressClass? {
        guard let address = IPAddress(literal) else {
            Issue.record("\(literal) is not a literal")
            return .reserved
        }
        return WebhookTargetRule.classify(address)
    }

    @Test func internalIPv4RangesAreRefused() {
        #expect(classOf("127.0.0.1") == .loopback)
        #expect(classOf("127.255.0.9") == .loopback)
        #expect(classOf("169.254.169.254") == .linkLocal)
        #expect(classOf("10.1.2.3") == .privateNetwork)
        #expect(classOf("172.16.0.1") == .privateNetwork)
        #expect(classOf("172.31.255.255") == .privateNetwork)
        #expect(classOf("192.168.1.1") == .privateNetwork)
        #expect(classOf("100.64.0.1") == .sharedAddressSpace)
        #expect(classOf("100.127.255.254") == .sharedAddressSpace)
        #expect(classOf("0.0.0.0") == .unspecified)
        #expect(classOf("0.1.2.3") == .reserved)
        #expect(classOf("224.0.0.1") == .multicast)
        #expect(classOf("239.255.255.250") == .multicast)
        #expect(classOf("255.255.255.255") == .broadcast)
        #expect(classOf("240.0.0.1") == .reserved)
        #expect(classOf("198.18.0.1") == .reserved)
        #expect(classOf("192.0.2.10") == .reserved)
    }

    @Test func publicIPv4IsAllowed() {
        for literal in ["8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
                        "169.253.1.1", "192.169.0.1", "223.255.255.255", "101.6.6.6"] {
            #expect(classOf(literal) == nil, "\(literal)")
        }
    }

    @Test func internalIPv6RangesAreRefused() {
        #expect(classOf("::1") == .loopback)
        #expect(classOf("[::1]") == .loopback)
        #expect(classOf("0:0:0:0:0:0:0:1") == .loopback)
        #expect(classOf("::") == .unspecified)
        #expect(classOf("fe80::1") == .linkLocal)
        #expect(classOf("febf::1") == .linkLocal)
        #expect(classOf("fc00::1") == .privateNetwork)
        #expect(classOf("fd12:3456::1") == .privateNetwork)
        #expect(classOf("ff02::1") == .multicast)
        // IPv4 inside IPv6 is judged by its IPv4 address.
        #expect(classOf("::ffff:127.0.0.1") == .loopback)
        #expect(classOf("::ffff:7f00:1") == .loopback)
        #expect(classOf("::ffff:169.254.169.254") == .linkLocal)
        #expect(classOf("::ffff:10.0.0.1") == .privateNetwork)
        #expect(classOf("64:ff9b::a9fe:a9fe") == .linkLocal)
        #expect(classOf("2002:7f00:1::1") == .loopback)
        #expect(classOf("::127.0.0.1") == .reserved)
        #expect(classOf("2001:db8::1") == .reserved)
        #expect(classOf("2001:0:4136:e378::1") == .reserved)
        #expect(classOf("100::1") == .reserved)
    }

    @Test func publicIPv6IsAllowed() {
        for literal in ["2400:3200::1", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"] {
            #expect(classOf(literal) == nil, "\(literal)")
        }
    }

    @Test func literalsAreParsedStrictly() {
        #expect(IPAddress("127.0.0.1")?.bytes == [127, 0, 0, 1])
        #expect(IPAddress("::ffff:1.2.3.4")?.bytes == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4])
        #expect(IPAddress("fe80::1")?.description == "fe80::1")
        #expect(IPAddress("::1")?.description == "::1")
        #expect(IPAddress("::")?.description == "::")
        #expect(IPAddress("1:0:0:2:0:0:0:3")?.description == "1:0:0:2::3")
        #expect(IPAddress("2001:db8:0:1:1:1:1:1")?.description == "2001:db8:0:1:1:1:1:1")
        #expect(IPAddress("1:2:3:4:5:6:7::")?.description == "1:2:3:4:5:6:7:0")
        for text in ["fe80::1", "::1", "::", "1:0:0:2:0:0:0:3", "::ffff:7f00:1", "1:2:3:4:5:6:7::", "abcd::"] {
            #expect(IPAddress(IPAddress(text)!.description) == IPAddress(text), "\(text) reads back")
        }
        // Not literals: they go to the resolver, whose answers are checked in turn.
        for text in ["127.1", "0x7f.0.0.1", "017.0.0.1", "2130706433", "1.2.3.4.5", "256.0.0.1", "fe80::1%eth0",
                     "1::2::3", "12345::1", "localhost", "", "::ffff:1.2.3", "1:2:3:4:5:6:7:8:9"] {
            #expect(IPAddress(text) == nil, "\(text)")
        }
    }

    @Test func everyResolvedAddressIsChecked() {
        let public1 = IPAddress("203.119.1.1")!, loopback = IPAddress("127.0.0.1")!
        #expect(WebhookTargetRule.verdict(resolved: [public1], allowListed: false) == .connect([public1]))
        #expect(WebhookTargetRule.verdict(resolved: [public1, loopback], allowListed: false) == .refused(loopback, .loopback))
        #expect(WebhookTargetRule.verdict(resolved: [loopback], allowListed: true) == .connect([loopback]))
        #expect(WebhookTargetRule.verdict(resolved: [], allowListed: false) == .unresolved)
    }

    @Test func allowListEntries() throws {
        let plain = try #require(WebhookTargetRule.AllowedHost(entry: " Hooks.Internal.Example. "))
        #expect(plain.host == "hooks.internal.example" && plain.port == nil)
        #expect(plain.matches(host: "HOOKS.internal.example", port: 8443))
        #expect(!plain.matches(host: "evil.hooks.internal.example", port: 80))
        let withPort = try #require(WebhookTargetRule.AllowedHost(entry: "127.0.0.1:9000"))
        #expect(withPort.matches(host: "127.0.0.1", port: 9000))
        #expect(!withPort.matches(host: "127.0.0.1", port: 9001))
        let v6 = try #require(WebhookTargetRule.AllowedHost(entry: "[::1]:9000"))
        #expect(v6.matches(host: "0:0::1", port: 9000))
        #expect(v6.description == "[::1]:9000")
        #expect(WebhookTargetRule.AllowedHost(entry: "::1")?.matches(host: "[::1]", port: 80) == true)
        for bad in ["", "host:0", "host:70000", "host:x", "[::1", "[nothost]:80", "a/b", "user@host", "a b"] {
            #expect(WebhookTargetRule.AllowedHost(entry: bad) == nil, "\(bad)")
        }
        #expect(WebhookTargetRule.isAllowListed(host: "127.0.0.1", port: 9000, allowList: [plain, withPort]))
        #expect(!WebhookTargetRule.isAllowListed(host: "169.254.169.254", port: 80, allowList: [plain, withPort]))
    }
}
