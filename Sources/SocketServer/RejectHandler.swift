import MingaProtocol
import NIOCore

/// Answers a connection the server will not serve (too many connections, or shutting down)
/// with one `busy` error line, half-closes, drains what the client sent and closes: a client
/// reads the error instead of a connection reset.
final class RejectHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let line: String
    private let drainTime: TimeAmount

    init(message: String? = nil, drainTime: TimeAmount = .seconds(1)) {
        line = ProtocolErrorCode.busy.line(message: message) + "\n"
        self.drainTime = drainTime
    }

    func channelActive(context: ChannelHandlerContext) {
        let buffer = context.channel.allocator.buffer(string: line)
        context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenComplete { _ in
            context.close(mode: .output, promise: nil)
        }
        context.eventLoop.assumeIsolated().scheduleTask(in: drainTime) {
            context.close(promise: nil)
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event { context.close(promise: nil) }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
