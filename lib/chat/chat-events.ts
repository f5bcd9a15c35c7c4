/**
 * The chat's event stream (server-sent events): which of its turns' memory extractions have
 * settled, on whichever instance or worker ran them — so the memory notice is pushed instead
 * of polled. Only ids go out; the notice reads the outcome from its own (user-scoped) route.
 */
import "server-only";
import { getBus } from "@/lib/events/process-bus";

const KEEPALIVE_MS = 20_000;
/** Ends the stream now and then, so a long-open tab spreads over instances as they come and go. */
const MAX_OPEN_MS = 10 * 60_000;
/** What the browser waits before reconnecting a stream that ended. */
const RECONNECT_MS = 2_000;

export async function chatEventsResponse(
  request: Request,
  { userId, chatId }: { userId: string; chatId: string },
): Promise<Response> {
  const bus = await getBus();
  const encoder = new TextEncoder();
  let close = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const unsubscribe = bus.subscribe((event) => {
        if (event.type !== "job-settled" || event.userId !== userId || event.chatId !== chatId) {
          return;
        }
        send(
          `event: job\ndata: ${JSON.stringify({ assistantMessageId: event.assistantMessageId })}\n\n`,
        );
      });
      const keepalive = setInterval(() => send(": keepalive\n\n"), KEEPALIVE_MS);
      const expiry = setTimeout(() => close(), MAX_OPEN_MS);
      close = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(keepalive);
        clearTimeout(expiry);
        request.signal.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      request.signal.addEventListener("abort", close);
      // Listening from here on: the client reads the outcome once now, then waits for events.
      send(`retry: ${RECONNECT_MS}\nevent: ready\ndata: {}\n\n`);
    },
    cancel() {
      close();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      // nginx and similar proxies would otherwise hold events back in a buffer.
      "X-Accel-Buffering": "no",
    },
  });
}
