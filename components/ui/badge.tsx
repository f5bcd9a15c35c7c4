import type * as React from "react";
import { cn } from "@/lib/utils";

const badgeVariantClasses = {
  default: "border-transparent bg-primary text-primary-foreground",
  secondary: "border-transparent bg-secondary text-secondary-foreground",
  outline: "border-border text-foreground",
  destructive: "border-destructive/40 bg-destructive/10 text-destructive",
  success: "border-success/40 bg-success/10 text-success",
  warning: "border-warning/40 bg-warning/10 text-warning",
} as const;

export type BadgeVariant = keyof typeof badgeVariantClasses;

export type BadgeProps = React.ComponentProps<"span"> & { variant?: BadgeVariant };

/** A status label. Colour is never the only signal: the text must say the status too. */
export function Badge({ className, variant = "default", ...props }: BadgeProps) {
  return (
    <span
      data-slot="badge"
      data-variant={variant}
      className={cn(
        "inline-flex w-fit shrink-0 items-center gap-1 rounded-md border px-2 py-0.5 text-xs font-medium whitespace-nowrap [&>svg]:pointer-events-none [&>svg]:size-3",
        badgeVariantClasses[variant],
        className,
      )}
      {...props}
    />
  );
}
