/**
 * Client components get only the namespaces of their part of the app, so a page's payload does
 * not carry every string of every other page.
 */
import "server-only";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type en from "@/messages/en.json";

export type Namespace = keyof typeof en;

/** What a chat page's client components say: the chat, its memory notices, API errors. */
export const CHAT_NAMESPACES: readonly Namespace[] = ["Chat", "Notice", "MemoryLabels", "Errors"];

export async function ClientMessages({
  namespaces,
  children,
}: {
  namespaces: readonly Namespace[];
  children: React.ReactNode;
}) {
  const all = await getMessages();
  const messages = Object.fromEntries(namespaces.map((name) => [name, all[name]]));
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}
