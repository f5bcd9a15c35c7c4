// The floor: the least a Next app built from Ingat's own dependency versions does to stream a reply
// — no sign-in, no database, no memory. `npm run bench` measures Ingat against it in the same run.
import { createOpenAI } from "@ai-sdk/openai";
import { convertToModelMessages, streamText } from "ai";

const provider = createOpenAI({
  baseURL: process.env.OPENAI_BASE_URL,
  apiKey: process.env.OPENAI_API_KEY ?? "bench",
});

export async function POST(request) {
  const { messages } = await request.json();
  const result = streamText({
    model: provider.chat(process.env.CHAT_MODEL ?? "mock-chat"),
    messages: await convertToModelMessages(messages),
  });
  return result.toUIMessageStreamResponse();
}
