"use client";

import { Download, Search, Trash2 } from "lucide-react";
import { useState } from "react";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { MEMORY_TYPES } from "@/lib/memory/vocabulary";
import { deleteAllMemories } from "./api";
import { TYPE_LABELS } from "./format";
import type { MemoryFilters, MemoryType } from "./types";

/** Search and filters of the list. The search box filters as you type (on the server). */
export function MemoryFilterBar({
  filters,
  categories,
  onChange,
}: {
  filters: MemoryFilters;
  categories: string[];
  onChange: (filters: MemoryFilters) => void;
}) {
  // A filter on a category that has since emptied stays selectable until changed.
  const options =
    filters.category && !categories.includes(filters.category)
      ? [...categories, filters.category].sort()
      : categories;
  return (
    <search className="grid gap-3 sm:grid-cols-[1fr_10rem_10rem]" aria-label="Filter memories">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="memory-search">Search</Label>
        <div className="relative">
          <Search
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
          />
          <Input
            id="memory-search"
            type="search"
            value={filters.q}
            onChange={(event) => onChange({ ...filters, q: event.target.value })}
            placeholder="Topic or detail"
            maxLength={200}
            className="pl-9"
          />
        </div>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="memory-type-filter">Type</Label>
        <Select
          id="memory-type-filter"
          value={filters.type}
          onChange={(event) =>
            onChange({ ...filters, type: event.target.value as MemoryType | "" })
          }
        >
          <option value="">All types</option>
          {MEMORY_TYPES.map((type) => (
            <option key={type} value={type}>
              {TYPE_LABELS[type].many}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="memory-category-filter">Category</Label>
        <Select
          id="memory-category-filter"
          value={filters.category}
          onChange={(event) => onChange({ ...filters, category: event.target.value })}
        >
          <option value="">All categories</option>
          {options.map((category) => (
            <option key={category} value={category}>
              {category}
            </option>
          ))}
        </Select>
      </div>
    </search>
  );
}

/** Export (a JSON download of everything, with history) and Delete all (after a confirmation). */
export function MemoryDataActions({
  hasMemories,
  onDeletedAll,
}: {
  hasMemories: boolean;
  onDeletedAll: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const deleteAll = async () => {
    setDeleting(true);
    setError(null);
    const result = await deleteAllMemories();
    setDeleting(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setOpen(false);
    onDeletedAll();
  };

  return (
    <>
      <a
        href="/api/memories/export"
        download
        className={buttonVariants({ variant: "outline", size: "sm" })}
      >
        <Download aria-hidden /> Export
      </a>
      <AlertDialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          setError(null);
        }}
      >
        <AlertDialogTrigger asChild>
          <Button variant="outline" size="sm" disabled={!hasMemories} className="text-destructive">
            <Trash2 aria-hidden /> Delete all
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Delete all memories?</AlertDialogTitle>
            <AlertDialogDescription>
              Everything Ingat remembers about you — every memory, suggestion and its history — is
              deleted for good. This can’t be undone. Export first if you want a copy.
            </AlertDialogDescription>
          </AlertDialogHeader>
          {error ? (
            <p role="alert" className="text-destructive text-sm">
              {error}
            </p>
          ) : null}
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              disabled={deleting}
              onClick={(event) => {
                event.preventDefault(); // stay open until the server answers
                void deleteAll();
              }}
            >
              Delete all
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}
