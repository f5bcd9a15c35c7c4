"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogFooter } from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { MEMORY_TYPES, SUGGESTED_CATEGORIES } from "@/lib/memory/vocabulary";
import type { ApiResult, MemoryFields } from "./api";
import { useMemoryLabels } from "./labels";

type FieldName = keyof MemoryFields;
const FIELD_NAMES: FieldName[] = ["topic", "detail", "type", "category"];

/**
 * The fields of a memory as the user writes them, for the Add and Edit dialogs. The API checks
 * everything; its message shows next to the field it names, or under the form.
 */
export function MemoryForm({
  initial,
  submitLabel,
  onSubmit,
}: {
  initial: MemoryFields;
  submitLabel: string;
  onSubmit: (fields: MemoryFields) => Promise<ApiResult<unknown>>;
}) {
  const t = useTranslations("Memory");
  const labels = useMemoryLabels();
  const describeError = useErrorMessage();
  const id = useId();
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const fields = Object.fromEntries(
      FIELD_NAMES.map((name) => [name, String(data.get(name) ?? "")]),
    ) as MemoryFields;
    setSaving(true);
    setError(null);
    const result = await onSubmit(fields);
    setSaving(false);
    if (!result.ok) setError({ message: describeError(result), field: result.field });
  };

  const fieldError = (name: FieldName) => (error?.field === name ? error.message : null);
  const generalError =
    error && !FIELD_NAMES.includes(error.field as FieldName) ? error.message : null;
  const errorProps = (name: FieldName) => ({
    "aria-invalid": fieldError(name) ? true : undefined,
    "aria-describedby": fieldError(name) ? `${id}-${name}-error` : undefined,
  });

  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-topic`}>{t("topic")}</Label>
        <Input
          id={`${id}-topic`}
          name="topic"
          defaultValue={initial.topic}
          placeholder={t("topicPlaceholder")}
          maxLength={120}
          required
          autoComplete="off"
          {...errorProps("topic")}
        />
        <FieldError id={`${id}-topic-error`}>{fieldError("topic")}</FieldError>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-detail`}>{t("detail")}</Label>
        <Textarea
          id={`${id}-detail`}
          name="detail"
          defaultValue={initial.detail}
          placeholder={t("detailPlaceholder")}
          maxLength={1000}
          required
          className="max-h-40"
          {...errorProps("detail")}
        />
        <FieldError id={`${id}-detail-error`}>{fieldError("detail")}</FieldError>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${id}-type`}>{t("type")}</Label>
          <Select id={`${id}-type`} name="type" defaultValue={initial.type} {...errorProps("type")}>
            {MEMORY_TYPES.map((type) => (
              <option key={type} value={type}>
                {labels.type(type)}
              </option>
            ))}
          </Select>
          <FieldError id={`${id}-type-error`}>{fieldError("type")}</FieldError>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${id}-category`}>{t("category")}</Label>
          <Input
            id={`${id}-category`}
            name="category"
            defaultValue={initial.category}
            list={`${id}-categories`}
            maxLength={60}
            autoComplete="off"
            {...errorProps("category")}
          />
          <datalist id={`${id}-categories`}>
            {SUGGESTED_CATEGORIES.map((category) => (
              <option key={category} value={category} />
            ))}
          </datalist>
          <FieldError id={`${id}-category-error`}>{fieldError("category")}</FieldError>
        </div>
      </div>
      {generalError ? (
        <p role="alert" className="text-destructive text-sm">
          {generalError}
        </p>
      ) : null}
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            {t("cancel")}
          </Button>
        </DialogClose>
        <Button type="submit" disabled={saving}>
          {submitLabel}
        </Button>
      </DialogFooter>
    </form>
  );
}
