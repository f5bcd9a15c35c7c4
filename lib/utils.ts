// Class-name helper shared by every UI component: clsx for conditionals, tailwind-merge so a
// caller's className overrides a component's defaults instead of fighting them.
import { type ClassValue, clsx } from "clsx";
import { twMerge } from "tailwind-merge";

export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
