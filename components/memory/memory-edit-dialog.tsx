"use client";

import { Pencil } from "lucide-react";
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
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Edit ${memory.topic}`}>
          <Pencil aria-hidden /> Edit
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Edit memory</DialogTitle>
          <DialogDescription>
            Your wording replaces Ingat’s. A memory you edit counts as confirmed: later chats can
            only suggest changes to it.
          </DialogDescription>
        </DialogHeader>
        <MemoryForm
          initial={memory}
          submitLabel="Save"
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
