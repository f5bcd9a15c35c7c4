/** Time to first and last token straight from the mock model: the baseline the app adds to. */
export async function streamDirect(
  openaiBaseUrl: string,
  text: string,
): Promise<{ firstTokenMs: number | null; totalMs: number }> {
  const started = performance.now();
  const response = await fetch(`${openaiBaseUrl}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer bench" },
    body: JSON.stringify({
      model: "mock-chat",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: text }],
    }),
  });
  if (!response.body) throw new Error(`mock answered ${response.status}`);
  return timeStream(response.body, started, '"content"');
}

/** Reads a streamed answer to its end: when `marker` (the first token) arrived, and the end. */
export async function timeStream(
  body: ReadableStream<Uint8Array>,
  started: number,
  marker: string,
): Promise<{ firstTokenMs: number | null; totalMs: number }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let firstTokenMs: number | null = null;
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    if (firstTokenMs === null && buffer.includes(marker))
      firstTokenMs = performance.now() - started;
  }
  return { firstTokenMs, totalMs: performance.now() - started };
}
