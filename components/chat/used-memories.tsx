"use client";

import { BookMarked, ChevronRight, Trash2, Undo2 } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { deleteMemory, restoreMemory } from "@/components/memory/api";
import { useMemoryLabels } from "@/components/memory/labels";
import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import type { UsedMemoryView } from "@/lib/memory/used-memories";
import { cn } from "@/lib/utils";

/**
 * Under a reply: "Used N memories", a disclosure listing the memories its prompt carried, each
 * linking to it on the memory page, with Forget (and then Undo) in place. Nothing for a reply
 * that used none. A memory a later turn forgot (`forgottenTopics`) is shown as forgotten.
 */
export function UsedMemories({
  used,
  forgottenTopics,
}: {
  used: UsedMemoryView[];
  forgottenTopics?: ReadonlySet<string>;
}) {
  const t = useTranslations("Chat");
  const [open, setOpen] = useState(false);
  const listId = useId();
  if (used.length === 0) return null;
  return (
    <div className="ml-0 flex max-w-full flex-col text-sm sm:ml-2 sm:max-w-[85%]">
      <Button
        type="button"
        variant="ghost"
        size="sm"
        className="h-7 self-start px-2 text-muted-foreground"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((value) => !value)}
      >
        <ChevronRight aria-hidden className={cn("transition-transform", open && "rotate-90")} />
        {t("usedMemories.label", { count: used.length })}
      </Button>
      <ul
        id={listId}
        hidden={!open}
        aria-label={t("usedMemories.list")}
        className="mt-1 flex flex-col gap-1 rounded-lg border bg-muted/40 px-3 py-2"
      >
        {used.map((memory) => (
          <UsedMemoryRow
            key={memory.id}
            memory={memory}
            forgottenElsewhere={
              !memory.forgotten && (forgottenTopics?.has(forgottenTopicKey(memory)) ?? false)
            }
          />
        ))}
      </ul>
    </div>
  );
}

type RowState =
  | { kind: "live" }
  | { kind: "forgotten"; undoToken: string | null }
  | { kind: "busy" };

/** Names a memory by what "forget that…" removes: its category and topic. */
export function forgottenTopicKey({ category, topic }: { category: string; topic: string }) {
  return `${category}/${topic}`;
}

function UsedMemoryRow({
  memory,
  forgottenElsewhere,
}: {
  memory: UsedMemoryView;
  forgottenElsewhere: boolean;
}) {
  const t = useTranslations("Chat");
  const labels = useMemoryLabels();
  const describeError = useErrorMessage();
  const [state, setState] = useState<RowState>(
    memory.forgotten ? { kind: "forgotten", undoToken: null } : { kind: "live" },
  );
  const [problem, setProblem] = useState<string | null>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const linkRef = useRef<HTMLAnchorElement>(null);
  const rowRef = useRef<HTMLLIElement>(null);
  // The control that replaced the one just pressed takes the focus, once it is rendered.
  const [focusNext, setFocusNext] = useState<"undo" | "link" | null>(null);
  useEffect(() => {
    if (!focusNext) return;
    const target = focusNext === "undo" ? undoRef.current : linkRef.current;
    (target ?? rowRef.current)?.focus();
    setFocusNext(null);
  }, [focusNext]);

  if (memory.forgotten) {
    return (
      <li className="flex items-center gap-1.5 text-muted-foreground" data-testid="used-memory">
        <BookMarked aria-hidden className="size-3.5 shrink-0" />
        <span>{t("usedMemories.forgottenBefore")}</span>
      </li>
    );
  }
  const topic = labels.topic(memory.topic);

  const forget = async () => {
    if (state.kind === "busy") return;
    setProblem(null);
    setState({ kind: "busy" });
    const result = await deleteMemory(memory.id);
    // Already gone (forgotten in another tab, or by a turn): it is forgotten, as asked.
    if (!result.ok && result.code === "not_found") {
      setState({ kind: "forgotten", undoToken: null });
      setFocusNext("link");
      return;
    }
    if (!result.ok) {
      setState({ kind: "live" });
      setProblem(describeError(result));
      return;
    }
    setState({ kind: "forgotten", undoToken: result.data.undo_token });
    setFocusNext("undo"); // the Forget button goes away
  };

  const undo = async (undoToken: string) => {
    setProblem(null);
    setState({ kind: "busy" });
    const result = await restoreMemory(undoToken);
    if (!result.ok) {
      setState({ kind: "forgotten", undoToken });
      setProblem(describeError(result));
      return;
    }
    setState({ kind: "live" });
    setFocusNext("link");
  };

  const forgotten = state.kind === "forgotten" || (forgottenElsewhere && state.kind === "live");
  const undoToken = state.kind === "forgotten" ? state.undoToken : null;
  return (
    <li
      ref={rowRef}
      tabIndex={-1}
      data-testid="used-memory"
      data-forgotten={forgotten ? "true" : undefined}
      className="flex flex-wrap items-center justify-between gap-x-2 gap-y-0.5 outline-none"
    >
      {forgotten ? (
        <span className="flex items-center gap-1.5 text-muted-foreground">
          <BookMarked aria-hidden className="size-3.5 shrink-0" />
          <span>
            <s>{topic}</s> — {t("usedMemories.forgotten")}
          </span>
        </span>
      ) : (
        <Link
          ref={linkRef}
          href={`/settings/memory?memory=${encodeURIComponent(memory.id)}`}
          className="flex min-w-0 items-center gap-1.5 underline-offset-2 hover:underline"
        >
          <BookMarked aria-hidden className="size-3.5 shrink-0 text-muted-foreground" />
          <span className="break-words">
            <span className="font-medium">{topic}</span>: {memory.detail}
          </span>
        </Link>
      )}
      {undoToken ? (
        <Button
          ref={undoRef}
          type="button"
          variant="ghost"
          size="sm"
          className="h-7 px-2"
          aria-label={t("usedMemories.undoNamed", { topic })}
          onClick={() => void undo(undoToken)}
        >
          <Undo2 aria-hidden /> {t("usedMemories.undo")}
        </Button>
      ) : null}
      {forgotten ? null : (
        <Button
          type="button"
          variant="ghost"
          size="sm"
          className="h-7 px-2 text-destructive hover:text-destructive"
          aria-label={t("usedMemories.forgetNamed", { topic })}
          aria-disabled={state.kind === "busy"}
          onClick={() => void forget()}
        >
          <Trash2 aria-hidden /> {t("usedMemories.forget")}
        </Button>
      )}
      {problem ? (
        <p role="alert" className="basis-full text-destructive text-xs">
          {problem}
        </p>
      ) : null}
    </li>
  );
}
