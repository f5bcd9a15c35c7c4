import { LoaderCircleIcon } from "lucide-react";
import type * as React from "react";
import { cn } from "@/lib/utils";

export type SpinnerProps = Omit<React.ComponentProps<"span">, "children"> & {
  /** What is happening, read to screen readers ("Loading memories", "Sending"). */
  label?: string;
};

/**
 * Busy indicator; role="status" so assistive tech announces the label when it appears.
 * Size it with size-* (default size-4); it takes the current text colour.
 */
export function Spinner({ label = "Loading", className, ...props }: SpinnerProps) {
  return (
    <span
      role="status"
      data-slot="spinner"
      className={cn("inline-flex size-4 shrink-0 items-center justify-center", className)}
      {...props}
    >
      <LoaderCircleIcon
        aria-hidden="true"
        className="size-full animate-spin motion-reduce:animate-[spin_1.5s_linear_infinite]"
      />
      <span className="sr-only">{label}</span>
    </span>
  );
}
