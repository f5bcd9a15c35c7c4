"use client";

import { Search } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { announceShowMessage } from "@/lib/client/chat-events";

type SearchResult = {
  chatId: string;
  title: string;
  messageId: string | null;
  snippet: string | null;
};

const DEBOUNCE_MS = 200;

/** The Search chats box; while it has text, its results take the place of the chat list. */
export function ChatSearchBox({
  query,
  onQueryChange,
}: {
  query: string;
  onQueryChange: (query: string) => void;
}) {
  const t = useTranslations("Shell");
  const id = useId();
  return (
    <div className="relative">
      <label htmlFor={id} className="sr-only">
        {t("searchChats")}
      </label>
      <Search
        aria-hidden
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
      />
      <input
        id={id}
        type="search"
        value={query}
        placeholder={t("searchChats")}
        autoComplete="off"
        maxLength={200}
        onChange={(event) => onQueryChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape" && query !== "") {
            event.preventDefault();
            event.stopPropagation(); // clear the box; don't close the phone's dialog
            onQueryChange("");
          }
        }}
        className="flex h-9 w-full min-w-0 rounded-md border border-input bg-transparent py-1 pr-2 pl-8 text-base shadow-xs transition-colors placeholder:text-muted-foreground focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-ring md:text-sm"
      />
    </div>
  );
}

export function ChatSearchResults({ query, onChoose }: { query: string; onChoose?: () => void }) {
  const t = useTranslations("Shell");
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/chats/search?q=${encodeURIComponent(query)}`, {
          signal: controller.signal,
        });
        if (!response.ok) throw new Error(String(response.status));
        setResults(((await response.json()) as { results: SearchResult[] }).results);
        setFailed(false);
      } catch {
        if (!controller.signal.aborted) setFailed(true);
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const status = failed
    ? t("searchFailed")
    : results === null
      ? t("searching")
      : results.length === 0
        ? t("noChatsFound")
        : t("chatsFound", { count: results.length });

  return (
    <div className="flex min-h-0 flex-col gap-1">
      <p
        role="status"
        className={results?.length ? "sr-only" : "px-2 py-4 text-muted-foreground text-sm"}
      >
        {status}
      </p>
      {results?.length ? (
        <ul
          aria-label={t("searchResults")}
          className="-mx-1 flex min-h-0 flex-col gap-0.5 overflow-y-auto px-1"
        >
          {results.map((result) => (
            <li key={result.chatId}>
              <Link
                href={`/chat/${result.chatId}${result.messageId ? `#message-${result.messageId}` : ""}`}
                onClick={() => {
                  if (result.messageId) announceShowMessage(result.messageId);
                  onChoose?.();
                }}
                className="flex flex-col rounded-md px-2 py-1.5 text-sm hover:bg-accent"
              >
                <span className="truncate font-medium">{result.title}</span>
                {result.snippet ? (
                  <span className="line-clamp-2 text-muted-foreground text-xs">
                    <Highlight text={result.snippet} query={query} />
                  </span>
                ) : null}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The snippet with the words that start like a searched word marked. */
function Highlight({ text, query }: { text: string; query: string }) {
  const terms = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term !== "");
  const pieces = text.split(/([\p{L}\p{N}]+)/u);
  return (
    <>
      {pieces.map((piece, index) => {
        const lower = piece.toLowerCase();
        const hit = terms.some((term) => lower.startsWith(term));
        return hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one fixed string
          <mark key={index} className="bg-transparent font-semibold text-foreground">
            {piece}
          </mark>
        ) : (
          piece
        );
      })}
    </>
  );
}
