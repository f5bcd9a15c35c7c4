"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport, type UIMessage } from "ai";
import { RotateCcw } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { announceChatsChanged } from "@/lib/client/chat-events";
import { newUuid } from "@/lib/client/uuid";
import { Composer } from "./composer";
import { MemoryNotice } from "./memory-notice";
import { MessageItem } from "./message-item";

type ChatProps = {
  chatId: string;
  initialMessages: UIMessage[];
  stoppedMessageIds: string[];
  isNew: boolean;
  maxChars: number;
  memoryEnabled: boolean;
};

export function Chat({
  chatId,
  initialMessages,
  stoppedMessageIds,
  isNew,
  maxChars,
  memoryEnabled,
}: ChatProps) {
  const [watchedTurns, setWatchedTurns] = useState<string[]>([]);
  const [stopped, setStopped] = useState(() => new Set(stoppedMessageIds));
  const transport = useMemo(
    () =>
      new DefaultChatTransport({
        api: "/api/chat",
        // The server keeps the history: send only the new message.
        prepareSendMessagesRequest: ({ id, messages }) => ({
          body: { id, message: messages.at(-1) },
        }),
      }),
    [],
  );
  const { messages, sendMessage, status, stop, error, regenerate, clearError } = useChat({
    id: chatId,
    messages: initialMessages,
    generateId: newUuid,
    transport,
    onFinish: ({ message, isAbort, isError }) => {
      announceChatsChanged();
      if (isError) return;
      if (isAbort) setStopped((ids) => new Set(ids).add(message.id));
      if (memoryEnabled) setWatchedTurns((ids) => [...ids, message.id]);
    },
  });

  const streaming = status === "streaming" || status === "submitted";
  const last = messages.at(-1);
  const unanswered = !streaming && !error && last?.role === "user";

  const endRef = useRef<HTMLDivElement>(null);
  const [linkedId, setLinkedId] = useState<string | null>(null);
  const scrolledToLink = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll whenever the messages change
  useEffect(() => {
    // Opened from a link to one message (a memory's quote): show that one, not the end.
    if (!scrolledToLink.current) {
      scrolledToLink.current = true;
      const linked = linkedMessage();
      if (linked) {
        setLinkedId(linked.id.slice("message-".length));
        linked.scrollIntoView({ block: "center" });
        return;
      }
    }
    endRef.current?.scrollIntoView({ block: "end" });
  }, [messages]);

  const send = (text: string) => {
    if (isNew && messages.length === 0) window.history.replaceState({}, "", `/chat/${chatId}`);
    clearError();
    void sendMessage({ text });
  };

  const stopReply = () => {
    void fetch(`/api/chat/${chatId}/stream`, { method: "DELETE" });
    void stop();
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="min-h-0 flex-1 overflow-y-auto" aria-live="polite" aria-busy={streaming}>
        <div className="mx-auto flex max-w-3xl flex-col gap-4 px-4 py-6">
          {messages.length === 0 ? <EmptyState /> : null}
          {messages.map((message) => (
            <div key={message.id} className="flex flex-col gap-2">
              <MessageItem
                message={message}
                stopped={stopped.has(message.id)}
                linked={message.id === linkedId}
              />
              {message.role === "assistant" && watchedTurns.includes(message.id) ? (
                <MemoryNotice assistantMessageId={message.id} />
              ) : null}
            </div>
          ))}
          {status === "submitted" ? (
            <p className="text-muted-foreground text-sm" role="status">
              Ingat is thinking…
            </p>
          ) : null}
          {error ? (
            <div
              role="alert"
              className="flex flex-col items-start gap-2 rounded-lg border border-destructive/40 bg-destructive/5 p-3 text-sm"
            >
              <p>{readableError(error)}</p>
              <Button size="sm" variant="outline" onClick={() => void regenerate()}>
                <RotateCcw aria-hidden /> Retry
              </Button>
            </div>
          ) : null}
          {unanswered ? (
            <div className="flex items-center gap-2 text-muted-foreground text-sm">
              <span>This message has no reply yet.</span>
              <Button size="sm" variant="outline" onClick={() => void regenerate()}>
                <RotateCcw aria-hidden /> Retry
              </Button>
            </div>
          ) : null}
          <div ref={endRef} />
        </div>
      </div>
      <div className="border-t bg-background px-4 py-3">
        <Composer
          busy={streaming}
          streaming={streaming}
          maxChars={maxChars}
          onSend={send}
          onStop={stopReply}
        />
        {!memoryEnabled ? (
          <p className="mx-auto mt-1 max-w-3xl text-muted-foreground text-xs">
            Memory is off: Ingat neither learns from nor uses what you say.
          </p>
        ) : null}
      </div>
    </div>
  );
}

function EmptyState() {
  return (
    <div className="flex flex-col items-center gap-2 py-16 text-center">
      <h1 className="font-semibold text-2xl">What shall we talk about?</h1>
      <p className="max-w-md text-muted-foreground">
        Tell Ingat about yourself as you chat — it remembers, and you can see and edit everything it
        keeps on the Memory page.
      </p>
    </div>
  );
}

function linkedMessage(): HTMLElement | null {
  const hash = window.location.hash.slice(1);
  return hash.startsWith("message-") ? document.getElementById(hash) : null;
}

/** Our API answers errors as JSON; the transport hands over the raw body as the message. */
function readableError(error: Error): string {
  try {
    const parsed = JSON.parse(error.message) as { error?: { message?: string } };
    if (parsed.error?.message) return parsed.error.message;
  } catch {
    // not JSON: a stream error, already a sentence
  }
  return error.message || "Something went wrong. Your message is saved — try again.";
}
