"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { onChatsChanged } from "@/lib/client/chat-events";

export type ChatListItem = { id: string; title: string };

type ChatsState = {
  chats: ChatListItem[];
  setChats: React.Dispatch<React.SetStateAction<ChatListItem[]>>;
};

const ChatsContext = createContext<ChatsState | null>(null);

/**
 * The user's chats, shared by the sidebar and the phone's Chats dialog so both show the same
 * list; reloaded whenever a reply finishes or a chat changes.
 */
export function ChatsProvider({
  initialChats,
  children,
}: {
  initialChats: ChatListItem[];
  children: React.ReactNode;
}) {
  const [chats, setChats] = useState(initialChats);
  const reload = useCallback(async () => {
    const response = await fetch("/api/chats").catch(() => null);
    if (!response?.ok) return;
    const body = (await response.json()) as { chats: ChatListItem[] };
    setChats(body.chats.map(({ id, title }) => ({ id, title })));
  }, []);
  useEffect(() => onChatsChanged(() => void reload()), [reload]);
  const value = useMemo(() => ({ chats, setChats }), [chats]);
  return <ChatsContext value={value}>{children}</ChatsContext>;
}

export function useChats(): ChatsState {
  const state = useContext(ChatsContext);
  if (!state) throw new Error("useChats needs a ChatsProvider");
  return state;
}
