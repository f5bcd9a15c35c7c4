import { z } from "zod";
import { parseId, parseJsonBody, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { deleteChat, getChat, renameChat } from "@/lib/db/queries/chats";
import { listMessages } from "@/lib/db/queries/messages";
import { viewUsedMemories } from "@/lib/memory/used-memories";

type Params = { id: string };

const renameSchema = z.object({
  title: z.string().trim().min(1, "must not be empty").max(120, "must be at most 120 characters"),
});

export const GET = route<Params>(async (_request, { params }) => {
  const user = await requireUser();
  const chatId = parseId((await params).id, "Chat not found");
  const db = await getDb();
  const chat = await getChat(db, { userId: user.id, chatId });
  const rows = await listMessages(db, { userId: user.id, chatId });
  // Each reply with the memories its prompt carried (forgotten ones by id only).
  const used = await viewUsedMemories(db, user.id, rows);
  const messages = rows.map(({ searchVector: _words, ...message }) => ({
    ...message,
    usedMemories: used.get(message.id) ?? [],
  }));
  return Response.json({ chat, messages });
});

export const PATCH = route<Params>(async (request, { params }) => {
  const user = await requireUser();
  const chatId = parseId((await params).id, "Chat not found");
  const { title } = await parseJsonBody(request, renameSchema);
  const chat = await renameChat(await getDb(), { userId: user.id, chatId, title });
  return Response.json({ chat });
});

export const DELETE = route<Params>(async (_request, { params }) => {
  const user = await requireUser();
  const chatId = parseId((await params).id, "Chat not found");
  await deleteChat(await getDb(), { userId: user.id, chatId });
  return new Response(null, { status: 204 });
});
