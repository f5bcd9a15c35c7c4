"use client";

import { Pencil } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { editMemory } from "./api";
import { useMemoryLabels } from "./labels";
import { MemoryForm } from "./memory-form";
import type { MemoryItem } from "./types";

/** "Edit <topic>": the user's wording replaces Ingat's, and the memory counts as confirmed. */
export function MemoryEditDialog({
  memory,
  onSaved,
}: {
  memory: MemoryItem;
  onSaved: (memory: MemoryItem) => void;
}) {
  const t = useTranslations("Memory");
  const labels = useMemoryLabels();
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          className="h-7 px-2"
          aria-label={t("editNamed", { topic: labels.topic(memory.topic) })}
        >
          <Pencil aria-hidden /> {t("edit")}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t("editTitle")}</DialogTitle>
          <DialogDescription>{t("editBody")}</DialogDescription>
        </DialogHeader>
        <MemoryForm
          initial={memory}
          submitLabel={t("save")}
          onSubmit={async (fields) => {
            const result = await editMemory(memory.id, fields);
            if (result.ok) {
              setOpen(false);
              onSaved(result.data.memory);
            }
            return result;
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
