"use client";

import Link from "next/link";
import { announceNewChat } from "@/lib/client/chat-events";

/**
 * A link that always opens an empty chat: besides going to "/", it tells the chat there to start
 * over (after its first message the page at "/" stays on screen under the chat's address).
 */
export function NewChatLink({
  onChoose,
  ...props
}: Omit<React.ComponentProps<typeof Link>, "href"> & { onChoose?: () => void }) {
  return (
    <Link
      href="/"
      {...props}
      onClick={(event) => {
        props.onClick?.(event);
        announceNewChat();
        onChoose?.();
      }}
    />
  );
}
