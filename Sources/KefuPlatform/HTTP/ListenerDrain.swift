import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// #17.3: a rolling restart loses no request that reached the node. Closing a listening socket resets every connection
/// the kernel has completed but the server has not yet accepted; under load that is a few requests at every stop, and
/// the client cannot tell whether they were done (nginx does not resend a POST). So on SIGTERM, before the HTTP server
/// closes its listener, the listener stops completing handshakes (a socket filter drops new SYNs: the client sends its
/// SYN again a second later and reaches the restarted node, or is refused once the port is closed), and the server takes
/// the connections already queued. Then the listener closes with nothing queued and nothing accepted but not yet set up
/// (NIO closes an accepted connection whose setup on its event loop finishes after the listener has closed).
public final class ListenerDrain: Sendable {
    /// How long the queue may take to empty before the listener closes anyway.
    public static let bound: Duration = .milliseconds(500)
    private let listener = NIOLockedValueBox<(any Channel)?>(nil)
    /// The server's event loops (Hummingbird's default: the singleton group).
    private let loops: any EventLoopGroup

    public init(loops: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) { self.loops = loops }

    /// Hummingbird's `onServerRunning`: the listening channel.
    @Sendable public func serverRunning(_ channel: any Channel) async {
        listener.withLockedValue { $0 = channel }
    }

    /// Stops new handshakes and waits (at most `bound`) until the queued connections are accepted; returns how many
    /// were still queued when it gave up (0: none), or nil where the platform cannot say (not Linux).
    @discardableResult
    public func stopTakingConnections(bound: Duration = ListenerDrain.bound) async -> Int? {
        guard let channel = listener.withLockedValue({ $0 }), let provider = channel as? SocketOptionProvider else { return nil }
        #if os(Linux)
        guard (try? await Self.dropNewHandshakes(provider)) != nil else { return nil }
        let deadline = ContinuousClock.now + bound
        while true {
            guard let queued = try? await provider.unsafeGetSocketOption(
                level: NIOBSDSocket.OptionLevel.tcp, name: NIOBSDSocket.Option(rawValue: TCP_INFO)).get() as tcp_info
            else { return nil }
            // For a listening socket `tcpi_unacked` is the accept queue's length.
            if queued.tcpi_unacked == 0 || ContinuousClock.now >= deadline {
                await settle(listenerLoop: channel.eventLoop)
                return Int(queued.tcpi_unacked)
            }
            try? await Task.sleep(for: .milliseconds(2))
        }
        #else
        return nil
        #endif
    }

    /// An accepted connection is set up on its own event loop and then handed back to the listener's: a turn of every
    /// loop and then of the listener's lets the ones accepted so far through.
    private func settle(listenerLoop: any EventLoop) async {
        for loop in loops.makeIterator() { try? await loop.submit {}.get() }
        try? await listenerLoop.submit {}.get()
    }

    #if os(Linux)
    /// `struct sock_filter`.
    private struct FilterInstruction { var code: UInt16; var jt: UInt8; var jf: UInt8; var k: UInt32 }
    /// `struct sock_fprog` (the pointer as an address, so that the value is `Sendable`).
    private struct FilterProgram: Sendable { var length: UInt16; var instructions: UInt }

    /// A classic BPF filter on the listener: a TCP segment with SYN set is dropped, any other (the handshake's last
    /// ACK included, so handshakes under way complete and are queued) passes. The filter sees the TCP header at 0.
    private static func dropNewHandshakes(_ provider: SocketOptionProvider) async throws {
        let program: [FilterInstruction] = [
            .init(code: 0x30, jt: 0, jf: 0, k: 13),           // ldb [13]: the flags byte
            .init(code: 0x45, jt: 0, jf: 1, k: 0x02),         // jset #SYN
            .init(code: 0x06, jt: 0, jf: 0, k: 0),            // ret #0: drop
            .init(code: 0x06, jt: 0, jf: 0, k: 0xFFFF_FFFF),  // ret #-1: keep
        ]
        let instructions = UnsafeMutableBufferPointer<FilterInstruction>.allocate(capacity: program.count)
        defer { instructions.deallocate() }
        _ = instructions.initialize(from: program)
        let value = FilterProgram(length: UInt16(program.count), instructions: UInt(bitPattern: instructions.baseAddress))
        try await provider.unsafeSetSocketOption(level: NIOBSDSocket.OptionLevel.socket,
                                                 name: NIOBSDSocket.Option(rawValue: SO_ATTACH_FILTER), value: value).get()
    }
    #endif
}
