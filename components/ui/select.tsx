import { ChevronDownIcon } from "lucide-react";
import type * as React from "react";
import { cn } from "@/lib/utils";

export type SelectProps = React.ComponentProps<"select"> & {
  /** Classes for the wrapper that positions the chevron; set width/margins here. */
  wrapperClassName?: string;
};

/**
 * A styled native <select> with <option> children: keyboard, screen-reader and mobile pickers
 * come from the browser. Full width by default, like Input; pair with <Label htmlFor>.
 */
export function Select({ className, wrapperClassName, multiple, ...props }: SelectProps) {
  return (
    <div data-slot="select-wrapper" className={cn("relative w-full", wrapperClassName)}>
      <select
        data-slot="select"
        multiple={multiple}
        className={cn(
          "w-full min-w-0 appearance-none rounded-md border border-input bg-background text-base shadow-xs transition-colors md:text-sm",
          multiple ? "px-2 py-1" : "h-9 py-1 pr-9 pl-3",
          "focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring",
          "aria-invalid:border-destructive aria-invalid:focus-visible:outline-destructive",
          "disabled:cursor-not-allowed disabled:opacity-50",
          "[&_option]:bg-background [&_option]:text-foreground",
          className,
        )}
        {...props}
      />
      {multiple ? null : (
        <ChevronDownIcon
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-muted-foreground"
        />
      )}
    </div>
  );
}
