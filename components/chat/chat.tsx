"use client";

import "@/lib/client/zod-without-eval";
import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport, type UIMessage } from "ai";
import { RotateCcw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ReplyMetadata } from "@/lib/chat/ui-messages";
import { announceChatsChanged } from "@/lib/client/chat-events";
import { focusComposer } from "@/lib/client/focus";
import { newUuid } from "@/lib/client/uuid";
import type { ErrorDescription } from "@/lib/i18n/error-message";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import type { UsedMemoryView } from "@/lib/memory/used-memories";
import { ChatEmptyState } from "./chat-empty-state";
import { Composer } from "./composer";
import { MemoryNotice } from "./memory-notice";
import { MessageItem } from "./message-item";
import { TemporaryChatLabel, TemporaryChatToggle } from "./temporary-chat";
import type { TurnOutcome } from "./turn-outcome";
import { useChatScroll } from "./use-chat-scroll";
import { forgottenTopicKey, UsedMemories } from "./used-memories";

export type ChatModel = { id: string; offline: boolean };

type ChatProps = {
  chatId: string;
  initialMessages: UIMessage[];
  stoppedMessageIds: string[];
  /** What each turn's memory extraction did, by assistant message id, as stored. */
  initialOutcomes: Record<string, TurnOutcome>;
  isNew: boolean;
  /** An existing chat that is temporary (a new one is made temporary with the toggle). */
  temporary?: boolean;
  maxChars: number;
  memoryEnabled: boolean;
  model: ChatModel;
};

export function Chat({
  chatId,
  initialMessages,
  stoppedMessageIds,
  initialOutcomes,
  isNew,
  temporary: initiallyTemporary = false,
  maxChars,
  memoryEnabled,
  model,
}: ChatProps) {
  const t = useTranslations("Chat");
  const describeError = useErrorMessage();
  const [temporary, setTemporary] = useState(initiallyTemporary);
  const temporaryRef = useRef(temporary);
  temporaryRef.current = temporary;
  const memoryEnabledRef = useRef(memoryEnabled);
  memoryEnabledRef.current = memoryEnabled;
  const [watchedTurns, setWatchedTurns] = useState<string[]>([]);
  const [stopped, setStopped] = useState(() => new Set(stoppedMessageIds));
  const transport = useMemo(
    () =>
      new DefaultChatTransport({
        api: "/api/chat",
        // The server keeps the history: send only the new message, and what kind of send it is.
        prepareSendMessagesRequest: ({ id, messages, trigger, body }) => ({
          body: {
            ...body,
            id,
            message: messages.at(-1),
            ...(trigger === "regenerate-message" ? { regenerate: true } : {}),
            ...(temporaryRef.current ? { temporary: true } : {}),
            memory: memoryEnabledRef.current,
          },
        }),
      }),
    [],
  );
  const { messages, setMessages, sendMessage, status, stop, error, regenerate, clearError } =
    useChat({
      id: chatId,
      messages: initialMessages,
      generateId: newUuid,
      transport,
      onFinish: ({ message, isAbort, isError }) => {
        announceChatsChanged();
        if (isError) return;
        if (isAbort) setStopped((ids) => new Set(ids).add(message.id));
        if (memoryEnabled && !temporaryRef.current) setWatchedTurns((ids) => [...ids, message.id]);
      },
    });

  const streaming = status === "streaming" || status === "submitted";
  const last = messages.at(-1);
  const unanswered = !streaming && !error && last?.role === "user";
  const lastReplyId = last?.role === "assistant" ? last.id : undefined;
  const lastUserId = messages.findLast((message) => message.role === "user")?.id;
  const { scrollerRef, endRef, onScroll, linkedId, follow, reveal } = useChatScroll(
    messages,
    status,
  );

  // What each turn's extraction forgot ("forget that…"): the "Used N memories" lists of every
  // reply show those memories as forgotten at once, as they would after a reload.
  const [forgottenByTurn, setForgottenByTurn] = useState<Record<string, string[]>>({});
  const forgottenTopics = useMemo(
    () => new Set(Object.values(forgottenByTurn).flat()),
    [forgottenByTurn],
  );
  const noteForgotten = useCallback(
    (turnId: string, forgotten: { category: string; topic: string }[]) =>
      setForgottenByTurn((known) => {
        const keys = forgotten.map(forgottenTopicKey);
        if ((known[turnId] ?? []).join("\n") === keys.join("\n")) return known;
        return { ...known, [turnId]: keys };
      }),
    [],
  );

  const started = useRef(initialMessages.length > 0);
  // A send right after Stop waits until the stopped reply is saved: until then the chat is still
  // taken by it (on whichever server instance writes it) and the send would be refused.
  const stopping = useRef<Promise<unknown>>(Promise.resolve());
  const afterStop = (next: () => void) => void stopping.current.then(next);
  useDeleteWhenLeft({ chatId, temporary, started });

  const send = (text: string) => {
    if (isNew && !started.current && !temporary) {
      // A plain state object: Next's router then takes the new address as its own (the sidebar
      // marks this chat as current).
      window.history.replaceState({}, "", `/chat/${chatId}`);
    }
    started.current = true;
    clearError();
    follow();
    afterStop(() => void sendMessage({ text }));
  };

  const regenerateReply = () => {
    clearError();
    follow();
    afterStop(() => void regenerate());
    focusComposer();
  };

  const editMessage = (messageId: string, text: string) => {
    const index = messages.findIndex((message) => message.id === messageId);
    if (index === -1) return;
    clearError();
    setMessages(messages.slice(0, index));
    follow();
    afterStop(() => void sendMessage({ text }, { body: { replaces: messageId } }));
    focusComposer();
  };

  const stopReply = () => {
    stopping.current = fetch(`/api/chat/${chatId}/stream`, { method: "DELETE" }).catch(() => {});
    void stop();
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-chat-id={chatId}>
      {isNew && messages.length === 0 ? (
        <div className="flex justify-end px-3 pt-2">
          <TemporaryChatToggle on={temporary} onChange={setTemporary} />
        </div>
      ) : null}
      <div
        ref={scrollerRef}
        onScroll={onScroll}
        className="min-h-0 flex-1 overflow-y-auto"
        aria-live="polite"
        aria-busy={streaming}
      >
        <div className="mx-auto flex max-w-3xl flex-col gap-4 px-3 py-4 sm:px-4 sm:py-6">
          {temporary ? <TemporaryChatLabel /> : null}
          {messages.length === 0 ? (
            <ChatEmptyState memoryEnabled={memoryEnabled} temporary={temporary} />
          ) : null}
          {turnsOf(messages).map((turn) => (
            <div key={turn[0]?.id} className="flex flex-col gap-4" data-testid="turn">
              {turn.map((message) => (
                <div key={message.id} className="flex flex-col gap-2">
                  <MessageItem
                    message={message}
                    stopped={stopped.has(message.id)}
                    linked={message.id === linkedId}
                    streaming={streaming && message.id === last?.id}
                    onRegenerate={
                      !streaming && message.id === lastReplyId ? regenerateReply : undefined
                    }
                    onEdit={
                      !streaming && message.id === lastUserId
                        ? (text) => editMessage(message.id, text)
                        : undefined
                    }
                  />
                  {message.role === "assistant" ? (
                    <UsedMemories
                      used={usedMemoriesOf(message)}
                      forgottenTopics={forgottenTopics}
                    />
                  ) : null}
                  {message.role === "assistant" ? (
                    <MemoryNotice
                      chatId={chatId}
                      assistantMessageId={message.id}
                      initial={initialOutcomes[message.id]}
                      watch={watchedTurns.includes(message.id)}
                      onShown={reveal}
                      onForgotten={noteForgotten}
                    />
                  ) : null}
                </div>
              ))}
            </div>
          ))}
          {status === "submitted" ? (
            <p className="text-muted-foreground text-sm" role="status">
              {t("thinking")}
            </p>
          ) : null}
          {error ? (
            <div
              role="alert"
              className="flex flex-col items-start gap-2 rounded-lg border border-destructive/40 bg-destructive/5 p-3 text-sm"
            >
              <p>{readableError(error, describeError) ?? t("genericError")}</p>
              <Button size="sm" variant="outline" onClick={regenerateReply}>
                <RotateCcw aria-hidden /> {t("retry")}
              </Button>
            </div>
          ) : null}
          {unanswered ? (
            <div className="flex items-center gap-2 text-muted-foreground text-sm">
              <span>{t("noReplyYet")}</span>
              <Button size="sm" variant="outline" onClick={regenerateReply}>
                <RotateCcw aria-hidden /> {t("retry")}
              </Button>
            </div>
          ) : null}
          <div ref={endRef} />
        </div>
      </div>
      <div className="border-t bg-background px-3 pt-2 pb-[max(0.5rem,env(safe-area-inset-bottom))] sm:px-4 sm:py-3">
        <Composer
          busy={streaming}
          streaming={streaming}
          maxChars={maxChars}
          onSend={send}
          onStop={stopReply}
        />
        <p className="mx-auto mt-1 flex max-w-3xl flex-wrap gap-x-2 text-muted-foreground text-xs">
          <span data-testid="chat-model">
            {model.offline ? t("modelOffline") : t("modelNamed", { model: model.id })}
          </span>
          {/* An empty chat says so in its own words already. */}
          {!memoryEnabled && messages.length > 0 ? <span>{t("memoryOff")}</span> : null}
        </p>
      </div>
    </div>
  );
}

/**
 * A temporary chat is deleted when the user leaves it: another page of the app (this component
 * goes away) or the tab closes or reloads (pagehide, with a keepalive request that outlives the
 * page). The server's sweep removes any that slip through within a day.
 */
function useDeleteWhenLeft({
  chatId,
  temporary,
  started,
}: {
  chatId: string;
  temporary: boolean;
  started: { current: boolean };
}) {
  useEffect(() => {
    if (!temporary) return;
    let left = false;
    const leave = () => {
      if (left || !started.current) return;
      left = true;
      void fetch(`/api/chat/${chatId}/stream`, { method: "DELETE", keepalive: true });
      void fetch(`/api/chats/${chatId}`, { method: "DELETE", keepalive: true });
    };
    window.addEventListener("pagehide", leave);
    return () => {
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [chatId, temporary, started]);
}

/** The messages grouped by turn: a user message and the replies after it. */
function turnsOf(messages: UIMessage[]): UIMessage[][] {
  const turns: UIMessage[][] = [];
  for (const message of messages) {
    const current = turns.at(-1);
    if (message.role === "user" || !current) turns.push([message]);
    else current.push(message);
  }
  return turns;
}

/** The memories a reply's prompt carried: streamed with its start, or read back with the chat. */
function usedMemoriesOf(message: UIMessage): UsedMemoryView[] {
  const metadata = message.metadata as ReplyMetadata | undefined;
  return Array.isArray(metadata?.usedMemories) ? metadata.usedMemories : [];
}

/**
 * Our API answers errors as JSON, and a failed reply's stream ends with the same JSON; the
 * transport hands over the raw text as the message.
 */
function readableError(error: Error, say: (error: ErrorDescription) => string): string | undefined {
  try {
    const parsed = JSON.parse(error.message) as { error?: ErrorDescription };
    if (parsed.error?.message || parsed.error?.code) return say(parsed.error);
  } catch {
    // not JSON: a stream error, already a sentence
  }
  return error.message || undefined;
}
