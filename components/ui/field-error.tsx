import { CircleAlertIcon } from "lucide-react";
import type * as React from "react";
import { cn } from "@/lib/utils";

export type FieldErrorProps = Omit<React.ComponentProps<"p">, "id"> & {
  /** Required: the field points at it with aria-describedby={id} (and sets aria-invalid). */
  id: string;
};

/**
 * A form field's error message. Renders nothing without children, so it can stay in the tree;
 * role="alert" announces the message when it appears. The icon keeps the error from being
 * signalled by colour alone.
 */
export function FieldError({ id, className, children, ...props }: FieldErrorProps) {
  if (children === undefined || children === null || children === false || children === "") {
    return null;
  }
  return (
    <p
      id={id}
      role="alert"
      data-slot="field-error"
      className={cn("flex items-start gap-1.5 text-sm text-destructive", className)}
      {...props}
    >
      <CircleAlertIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <span>{children}</span>
    </p>
  );
}
