"use client";

import { Plus } from "lucide-react";
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
import { createMemory } from "./api";
import { MemoryForm } from "./memory-form";
import type { MemoryItem } from "./types";

const EMPTY = { type: "fact", category: "", topic: "", detail: "" };

/** "Add memory": something the user tells Ingat directly. It is active and confirmed at once. */
export function MemoryAddDialog({ onAdded }: { onAdded: (memory: MemoryItem) => void }) {
  const t = useTranslations("Memory");
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus aria-hidden /> {t("addMemory")}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t("addTitle")}</DialogTitle>
          <DialogDescription>{t("addBody")}</DialogDescription>
        </DialogHeader>
        <MemoryForm
          initial={EMPTY}
          submitLabel={t("add")}
          onSubmit={async (fields) => {
            const result = await createMemory(fields);
            if (result.ok) {
              setOpen(false);
              onAdded(result.data.memory);
            }
            return result;
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
