"use client";

import { MoreHorizontal, Pencil, Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ErrorDescription } from "@/lib/i18n/error-message";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { cn } from "@/lib/utils";
import { ChatSearchBox, ChatSearchResults } from "./chat-search";
import { type ChatListItem, useChats } from "./chats-context";
import { NewChatLink } from "./new-chat-link";

/**
 * The sidebar: New chat, Search chats, and the chats newest first with rename and delete. On a
 * phone the same list opens in the Chats dialog; `onChoose` closes it when a chat is chosen.
 */
export function ChatList({ onChoose }: { onChoose?: () => void }) {
  const t = useTranslations("Shell");
  const { chats, setChats } = useChats();
  const [query, setQuery] = useState("");
  const [renaming, setRenaming] = useState<ChatListItem | null>(null);
  const [deleting, setDeleting] = useState<ChatListItem | null>(null);
  const newChatRef = useRef<HTMLAnchorElement>(null);
  const pathname = usePathname();
  const router = useRouter();

  const removeChat = async (chat: ChatListItem) => {
    const response = await fetch(`/api/chats/${chat.id}`, { method: "DELETE" }).catch(() => null);
    if (!response?.ok) return false;
    setChats((current) => current.filter((item) => item.id !== chat.id));
    if (pathname === `/chat/${chat.id}`) router.push("/");
    return true;
  };

  return (
    <nav aria-label={t("chats")} className="flex min-h-0 flex-1 flex-col gap-2">
      <Button asChild variant="outline" className="justify-start">
        <NewChatLink ref={newChatRef} onChoose={onChoose}>
          <Plus aria-hidden /> {t("newChat")}
        </NewChatLink>
      </Button>
      <ChatSearchBox query={query} onQueryChange={setQuery} />
      {query.trim() !== "" ? (
        <ChatSearchResults query={query} onChoose={onChoose} />
      ) : chats.length === 0 ? (
        <p className="px-2 py-4 text-muted-foreground text-sm">{t("chatsEmpty")}</p>
      ) : (
        <ul className="-mx-1 flex min-h-0 flex-col gap-0.5 overflow-y-auto px-1">
          {chats.map((chat) => {
            const current = pathname === `/chat/${chat.id}`;
            return (
              <li
                key={chat.id}
                className={cn("group flex items-center rounded-md", current && "bg-accent")}
              >
                <Link
                  href={`/chat/${chat.id}`}
                  aria-current={current ? "page" : undefined}
                  onClick={onChoose}
                  className="min-w-0 flex-1 truncate rounded-md px-2 py-1.5 text-sm hover:bg-accent"
                >
                  {chat.title}
                </Link>
                <DropdownMenu>
                  <DropdownMenuTrigger asChild>
                    <Button
                      variant="ghost"
                      size="icon"
                      className="size-7"
                      aria-label={t("chatOptions", { title: chat.title })}
                    >
                      <MoreHorizontal aria-hidden />
                    </Button>
                  </DropdownMenuTrigger>
                  <DropdownMenuContent align="end">
                    <DropdownMenuItem onSelect={() => setRenaming(chat)}>
                      <Pencil aria-hidden /> {t("rename")}
                    </DropdownMenuItem>
                    <DropdownMenuItem variant="destructive" onSelect={() => setDeleting(chat)}>
                      <Trash2 aria-hidden /> {t("delete")}
                    </DropdownMenuItem>
                  </DropdownMenuContent>
                </DropdownMenu>
              </li>
            );
          })}
        </ul>
      )}
      <RenameDialog
        chat={renaming}
        onClose={() => setRenaming(null)}
        onRenamed={(renamed) =>
          setChats((current) => current.map((item) => (item.id === renamed.id ? renamed : item)))
        }
      />
      <AlertDialog open={deleting !== null} onOpenChange={(open) => !open && setDeleting(null)}>
        <AlertDialogContent
          onCloseAutoFocus={(event) => {
            // The chat's menu button may be gone with the chat: land on New chat instead.
            event.preventDefault();
            newChatRef.current?.focus();
          }}
        >
          <AlertDialogHeader>
            <AlertDialogTitle>{t("deleteTitle")}</AlertDialogTitle>
            <AlertDialogDescription>
              {t("deleteBody", { title: deleting?.title ?? "" })}
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>{t("cancel")}</AlertDialogCancel>
            <AlertDialogAction onClick={() => deleting && void removeChat(deleting)}>
              {t("delete")}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </nav>
  );
}

function RenameDialog({
  chat,
  onClose,
  onRenamed,
}: {
  chat: ChatListItem | null;
  onClose: () => void;
  onRenamed: (chat: ChatListItem) => void;
}) {
  const t = useTranslations("Shell");
  const describeError = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (formData: FormData) => {
    if (!chat) return;
    setSaving(true);
    setError(null);
    const response = await fetch(`/api/chats/${chat.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: String(formData.get("title") ?? "") }),
    }).catch(() => null);
    setSaving(false);
    if (response?.ok) {
      const body = (await response.json()) as { chat: ChatListItem };
      onRenamed({ id: body.chat.id, title: body.chat.title });
      onClose();
      return;
    }
    const body = (await response?.json().catch(() => null)) as {
      error?: ErrorDescription;
    } | null;
    setError(body?.error ? describeError(body.error) : t("renameFailed"));
  };

  return (
    <Dialog open={chat !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent aria-describedby={undefined}>
        <DialogHeader>
          <DialogTitle>{t("renameTitle")}</DialogTitle>
        </DialogHeader>
        <form action={submit} className="flex flex-col gap-3">
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="chat-title">{t("titleLabel")}</Label>
            <Input
              id="chat-title"
              name="title"
              defaultValue={chat?.title}
              maxLength={120}
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "chat-title-error" : undefined}
            />
            <FieldError id="chat-title-error">{error}</FieldError>
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {t("cancel")}
            </Button>
            <Button type="submit" disabled={saving}>
              {t("save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
