"use client";

import { MoreHorizontal, Pencil, Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
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
import { onChatsChanged } from "@/lib/client/chat-events";
import { cn } from "@/lib/utils";

export type ChatListItem = { id: string; title: string };

/** The sidebar's chats, newest first, with rename and delete. */
export function ChatList({ initialChats }: { initialChats: ChatListItem[] }) {
  const [chats, setChats] = useState(initialChats);
  const [renaming, setRenaming] = useState<ChatListItem | null>(null);
  const [deleting, setDeleting] = useState<ChatListItem | null>(null);
  const pathname = usePathname();
  const router = useRouter();

  const reload = useCallback(async () => {
    const response = await fetch("/api/chats").catch(() => null);
    if (response?.ok) setChats(((await response.json()) as { chats: ChatListItem[] }).chats);
  }, []);

  useEffect(() => onChatsChanged(() => void reload()), [reload]);

  const removeChat = async (chat: ChatListItem) => {
    const response = await fetch(`/api/chats/${chat.id}`, { method: "DELETE" }).catch(() => null);
    if (!response?.ok) return false;
    setChats((current) => current.filter((item) => item.id !== chat.id));
    if (pathname === `/chat/${chat.id}`) router.push("/");
    return true;
  };

  return (
    <nav aria-label="Chats" className="flex min-h-0 flex-1 flex-col gap-2">
      <Button asChild variant="outline" className="justify-start">
        <Link href="/">
          <Plus aria-hidden /> New chat
        </Link>
      </Button>
      {chats.length === 0 ? (
        <p className="px-2 py-4 text-muted-foreground text-sm">Your chats will appear here.</p>
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
                      aria-label={`Options for chat ${chat.title}`}
                    >
                      <MoreHorizontal aria-hidden />
                    </Button>
                  </DropdownMenuTrigger>
                  <DropdownMenuContent align="end">
                    <DropdownMenuItem onSelect={() => setRenaming(chat)}>
                      <Pencil aria-hidden /> Rename
                    </DropdownMenuItem>
                    <DropdownMenuItem variant="destructive" onSelect={() => setDeleting(chat)}>
                      <Trash2 aria-hidden /> Delete
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
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Delete this chat?</AlertDialogTitle>
            <AlertDialogDescription>
              “{deleting?.title}” and all its messages will be deleted. Memories learned from it
              stay on the Memory page.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction onClick={() => deleting && void removeChat(deleting)}>
              Delete
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
      error?: { message?: string };
    } | null;
    setError(body?.error?.message ?? "Could not rename the chat. Try again.");
  };

  return (
    <Dialog open={chat !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent aria-describedby={undefined}>
        <DialogHeader>
          <DialogTitle>Rename chat</DialogTitle>
        </DialogHeader>
        <form action={submit} className="flex flex-col gap-3">
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="chat-title">Title</Label>
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
              Cancel
            </Button>
            <Button type="submit" disabled={saving}>
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
