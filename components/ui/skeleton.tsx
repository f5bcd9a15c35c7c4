import type * as React from "react";
import { cn } from "@/lib/utils";

/**
 * Loading placeholder; hidden from screen readers. Mark the region that is loading with
 * aria-busy="true", or show a <Spinner> so the wait is announced.
 */
export function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden="true"
      className={cn("rounded-md bg-muted motion-safe:animate-pulse", className)}
      {...props}
    />
  );
}
