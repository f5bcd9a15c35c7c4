"use client";

import { Upload } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import {
  type ApiFailure,
  applyImport,
  type ImportReport,
  importPastedText,
  previewImport,
} from "./api";
import { useMemoryLabels } from "./labels";

/** The import routes' file limit (lib/memory/export-format.ts), checked before uploading. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const MAX_PASTE_CHARS = 20_000;

export type ImportDone =
  | { kind: "file"; report: ImportReport }
  | { kind: "text"; suggested: number; refused: number };

/**
 * "Import": Ingat's own export file (previewed, then applied) or text pasted from another
 * assistant (read by the extraction model; what it finds goes to Review).
 */
export function MemoryImportDialog({ onImported }: { onImported: (done: ImportDone) => void }) {
  const t = useTranslations("Memory");
  const [open, setOpen] = useState(false);
  const finish = (done: ImportDone) => {
    setOpen(false);
    onImported(done);
  };
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <Upload aria-hidden /> {t("import.open")}
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90dvh] overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{t("import.title")}</DialogTitle>
          <DialogDescription>{t("import.body")}</DialogDescription>
        </DialogHeader>
        <FileImport onDone={(report) => finish({ kind: "file", report })} />
        <PasteImport
          onDone={(suggested, refused) => finish({ kind: "text", suggested, refused })}
        />
      </DialogContent>
    </Dialog>
  );
}

function FileImport({ onDone }: { onDone: (report: ImportReport) => void }) {
  const t = useTranslations("Memory");
  const labels = useMemoryLabels();
  const describeError = useErrorMessage();
  const id = useId();
  const [fileText, setFileText] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const previewHeading = useRef<HTMLHeadingElement>(null);

  /** The API's message, said about the file rather than "the request". */
  const describeFileError = (failure: ApiFailure): string => {
    if (failure.reason === "invalid_json" || failure.message.startsWith("The request body must")) {
      return t("import.fileNotJson");
    }
    if (failure.code === "payload_too_large") {
      return t("import.fileTooLarge", {
        limitMb: failure.params?.limitMb ?? MAX_FILE_BYTES / (1024 * 1024),
      });
    }
    const message = describeError(failure);
    return failure.field ? t("import.notAnExport", { field: failure.field, message }) : message;
  };
  const reasonLabel = (reason: string) => {
    const key = `import.reasons.${reason}` as Parameters<typeof t>[0];
    return t.has(key) ? t(key) : reason;
  };

  useEffect(() => {
    if (preview) previewHeading.current?.focus();
  }, [preview]);

  const readPreview = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("file");
    setPreview(null);
    setError(null);
    if (!(file instanceof File) || file.size === 0) {
      setError(t("import.chooseFile"));
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      setError(t("import.fileTooLarge", { limitMb: MAX_FILE_BYTES / (1024 * 1024) }));
      return;
    }
    setBusy(true);
    const text = await file.text();
    const result = await previewImport(text);
    setBusy(false);
    if (!result.ok) {
      setError(describeFileError(result));
      return;
    }
    setFileText(text);
    setPreview(result.data);
  };

  const apply = async () => {
    if (!fileText || busy) return;
    setBusy(true);
    const result = await applyImport(fileText);
    setBusy(false);
    if (result.ok) onDone(result.data);
    else setError(describeFileError(result));
  };

  const nothingToDo = preview !== null && preview.added + preview.updated === 0;
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-2">
      <h3 id={`${id}-heading`} className="font-medium">
        {t("import.fileHeading")}
      </h3>
      <form onSubmit={readPreview} className="flex flex-col gap-2">
        <Label htmlFor={`${id}-file`}>{t("import.fileLabel")}</Label>
        <Input
          id={`${id}-file`}
          name="file"
          type="file"
          accept="application/json,.json"
          aria-describedby={error ? `${id}-error` : undefined}
          aria-invalid={error ? true : undefined}
          onChange={() => {
            setPreview(null);
            setFileText(null);
            setError(null);
          }}
        />
        <FieldError id={`${id}-error`}>{error}</FieldError>
        <Button type="submit" variant="outline" className="self-start" aria-disabled={busy}>
          {t("import.preview")}
        </Button>
      </form>
      {preview ? (
        <div className="flex flex-col gap-2 rounded-md border p-3">
          <h4 ref={previewHeading} tabIndex={-1} className="font-medium text-sm outline-none">
            {t("import.wouldDo", {
              added: preview.added,
              updated: preview.updated,
              skipped: preview.skipped,
            })}
          </h4>
          <ul
            className="flex max-h-56 flex-col gap-1 overflow-y-auto text-sm"
            aria-label={t("import.previewList")}
          >
            {preview.items.map((item) => (
              <li
                key={`${item.status}/${item.category}/${item.topic}/${item.detail}`}
                data-testid="import-preview-item"
              >
                <span className="font-medium">{t(`import.outcomes.${item.outcome}`)}</span>{" "}
                {labels.topic(item.topic)}: {item.detail}{" "}
                <span className="text-muted-foreground">({reasonLabel(item.reason)})</span>
              </li>
            ))}
          </ul>
          <Button className="self-start" onClick={() => void apply()} aria-disabled={busy}>
            {nothingToDo ? t("import.nothingToImport") : t("import.apply")}
          </Button>
        </div>
      ) : null}
    </section>
  );
}

function PasteImport({ onDone }: { onDone: (suggested: number, refused: number) => void }) {
  const t = useTranslations("Memory");
  const describeError = useErrorMessage();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const text = String(new FormData(event.currentTarget).get("text") ?? "");
    setError(null);
    setBusy(true);
    const result = await importPastedText(text);
    setBusy(false);
    if (result.ok) onDone(result.data.suggestions.length, result.data.rejected);
    else setError(describeError(result));
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-2">
      <h3 id={`${id}-heading`} className="font-medium">
        {t("import.pasteHeading")}
      </h3>
      <form onSubmit={submit} className="flex flex-col gap-2">
        <Label htmlFor={`${id}-text`}>{t("import.pasteLabel")}</Label>
        <p id={`${id}-hint`} className="text-muted-foreground text-sm">
          {t("import.pasteHint")}
        </p>
        <Textarea
          id={`${id}-text`}
          name="text"
          rows={5}
          maxLength={MAX_PASTE_CHARS}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={error ? true : undefined}
        />
        <FieldError id={`${id}-error`}>{error}</FieldError>
        <Button type="submit" variant="outline" className="self-start" aria-disabled={busy}>
          {busy ? t("import.reading") : t("import.suggest")}
        </Button>
      </form>
    </section>
  );
}
