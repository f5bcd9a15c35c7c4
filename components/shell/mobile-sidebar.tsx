"use client";

import { Menu } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { focusComposer } from "@/lib/client/focus";
import { ChatList } from "./chat-list";

/**
 * Below 768 px the sidebar is hidden; the Chats button opens it as a dialog with everything the
 * sidebar has. Choosing a chat (or New chat) closes it and puts focus in the message box;
 * closing it otherwise returns focus to the button.
 */
export function MobileSidebar() {
  const t = useTranslations("Shell");
  const [open, setOpen] = useState(false);
  const chosen = useRef(false);
  const content = useRef<HTMLDivElement>(null);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" className="-ml-2 md:hidden">
          <Menu aria-hidden /> {t("chats")}
        </Button>
      </DialogTrigger>
      <DialogContent
        ref={content}
        aria-describedby={undefined}
        className="top-0 left-0 flex h-dvh max-h-dvh w-[85%] max-w-xs translate-x-0 translate-y-0 flex-col gap-3 rounded-none border-0 border-r p-3 pt-4 sm:max-w-xs"
        onOpenAutoFocus={(event) => {
          // New chat rather than the search box: on a phone, focusing a text box opens the
          // keyboard over the list.
          event.preventDefault();
          content.current?.querySelector<HTMLElement>("a[href='/']")?.focus();
        }}
        onCloseAutoFocus={(event) => {
          if (!chosen.current) return;
          chosen.current = false;
          event.preventDefault();
          focusComposer();
        }}
      >
        <DialogTitle className="px-1 font-semibold text-base">{t("chats")}</DialogTitle>
        <ChatList
          onChoose={() => {
            chosen.current = true;
            setOpen(false);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
