import type * as React from "react";
import { cn } from "@/lib/utils";

const meterToneClasses = {
  default: "bg-primary",
  success: "bg-success",
  warning: "bg-warning",
  destructive: "bg-destructive",
} as const;

export type MeterTone = keyof typeof meterToneClasses;

export type MeterProps = Omit<React.ComponentProps<"div">, "role" | "children"> & {
  /** Between min and max; clamped. Confidence scores are 0..1, the default range. */
  value: number;
  min?: number;
  max?: number;
  /** Accessible name, e.g. "Confidence". Required: a meter means nothing without one. */
  label: string;
  tone?: MeterTone;
  /** Hide the visible percentage (it is still announced). */
  hideValue?: boolean;
};

/** A scalar reading such as a memory's confidence: a bar plus the percentage. */
export function Meter({
  value,
  min = 0,
  max = 1,
  label,
  tone = "default",
  hideValue = false,
  className,
  ...props
}: MeterProps) {
  const span = max - min;
  const clamped = Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
  const percent = span > 0 ? Math.round(((clamped - min) / span) * 100) : 0;
  const valueText = `${percent}%`;

  return (
    // biome-ignore lint/a11y/useSemanticElements: a native <meter> can't be styled consistently across browsers and some screen readers announce it as a progress bar.
    <div
      role="meter"
      aria-label={label}
      aria-valuenow={clamped}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuetext={valueText}
      data-slot="meter"
      data-tone={tone}
      className={cn("flex min-w-24 items-center gap-2", className)}
      {...props}
    >
      <div
        data-slot="meter-track"
        className="relative h-2 flex-1 overflow-hidden rounded-full bg-muted ring-1 ring-input/40 ring-inset forced-colors:border forced-colors:border-[CanvasText]"
      >
        <div
          data-slot="meter-indicator"
          className={cn(
            "h-full rounded-full transition-[width] motion-reduce:transition-none forced-colors:bg-[Highlight]",
            meterToneClasses[tone],
          )}
          style={{ width: `${percent}%` }}
        />
      </div>
      {hideValue ? null : (
        <span
          data-slot="meter-value"
          className="w-[4ch] shrink-0 text-right text-xs text-muted-foreground tabular-nums"
        >
          {valueText}
        </span>
      )}
    </div>
  );
}
