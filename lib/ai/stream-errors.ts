/**
 * A reply stream that breaks after it started (the connection drops, the body is cut) makes the
 * provider's stream *throw* instead of yielding an error part. streamText passes a thrown
 * stream error straight through: no onError, no onFinish, and the HTTP response to the browser
 * dies mid-body ("failed to pipe response") instead of ending with the chat's error message.
 * This middleware turns such a failure into an ordinary `error` part that ends the stream, so
 * it is handled like any other model error. Aborts (Stop) still propagate as aborts.
 */
import type { LanguageModelV4Middleware, LanguageModelV4StreamPart } from "@ai-sdk/provider";

export const endStreamOnError: LanguageModelV4Middleware = {
  specificationVersion: "v4",
  wrapStream: async ({ doStream }) => {
    const result = await doStream();
    return { ...result, stream: catchStreamErrors(result.stream) };
  },
};

export function catchStreamErrors(
  stream: ReadableStream<LanguageModelV4StreamPart>,
): ReadableStream<LanguageModelV4StreamPart> {
  const reader = stream.getReader();
  return new ReadableStream<LanguageModelV4StreamPart>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        if (isAbort(error)) {
          controller.error(error);
          return;
        }
        controller.enqueue({ type: "error", error });
        controller.close();
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

function isAbort(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === "AbortError" ||
      error.name === "TimeoutError" ||
      error.name === "ResponseAborted")
  );
}
