"use client";

import { Download, Search, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
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
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { MEMORY_TYPES } from "@/lib/memory/vocabulary";
import { deleteAllMemories } from "./api";
import { useMemoryLabels } from "./labels";
import type { MemoryFilters, MemorySort, MemoryType } from "./types";
import { MEMORY_SORTS } from "./url-filters";

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
  const t = useTranslations("Memory");
  const labels = useMemoryLabels();
  // A filter on a category that has since emptied stays selectable until changed.
  const options =
    filters.category && !categories.includes(filters.category)
      ? [...categories, filters.category].sort()
      : categories;
  return (
    // On a phone two columns, Sort on its own row: three would cut "All categories" short.
    <search
      className="grid grid-cols-2 gap-x-2 gap-y-2 sm:grid-cols-[1fr_9rem_9rem_9rem] sm:gap-x-3"
      aria-label={t("filter")}
    >
      <div className="col-span-2 flex flex-col gap-1 sm:col-span-1">
        <Label htmlFor="memory-search">{t("search")}</Label>
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
            placeholder={t("searchPlaceholder")}
            maxLength={200}
            className="pl-9"
          />
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="memory-type-filter">{t("type")}</Label>
        <Select
          id="memory-type-filter"
          value={filters.type}
          onChange={(event) =>
            onChange({ ...filters, type: event.target.value as MemoryType | "" })
          }
        >
          <option value="">{t("allTypes")}</option>
          {MEMORY_TYPES.map((type) => (
            <option key={type} value={type}>
              {labels.type(type, "many")}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="memory-category-filter">{t("category")}</Label>
        <Select
          id="memory-category-filter"
          value={filters.category}
          onChange={(event) => onChange({ ...filters, category: event.target.value })}
        >
          <option value="">{t("allCategories")}</option>
          {options.map((category) => (
            <option key={category} value={category}>
              {labels.category(category)}
            </option>
          ))}
        </Select>
      </div>
      <div className="col-span-2 flex flex-col gap-1 sm:col-span-1">
        <Label htmlFor="memory-sort">{t("sort")}</Label>
        <Select
          id="memory-sort"
          value={filters.sort}
          onChange={(event) => onChange({ ...filters, sort: event.target.value as MemorySort })}
        >
          {MEMORY_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(`sortOptions.${sort}`)}
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
  const t = useTranslations("Memory");
  const describeError = useErrorMessage();
  const [open, setOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const deleteAll = async () => {
    setDeleting(true);
    setError(null);
    const result = await deleteAllMemories();
    setDeleting(false);
    if (!result.ok) {
      setError(describeError(result));
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
        <Download aria-hidden /> {t("export")}
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
            <Trash2 aria-hidden /> {t("deleteAll")}
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{t("deleteAllTitle")}</AlertDialogTitle>
            <AlertDialogDescription>{t("deleteAllBody")}</AlertDialogDescription>
          </AlertDialogHeader>
          {error ? (
            <p role="alert" className="text-destructive text-sm">
              {error}
            </p>
          ) : null}
          <AlertDialogFooter>
            <AlertDialogCancel>{t("cancel")}</AlertDialogCancel>
            <AlertDialogAction
              disabled={deleting}
              onClick={(event) => {
                event.preventDefault(); // stay open until the server answers
                void deleteAll();
              }}
            >
              {t("deleteAll")}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}
