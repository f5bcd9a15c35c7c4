/**
 * Memory types, categories and topics as words of the reader's language. Categories and the
 * common topic keys ("city", "job") have translations; any other topic is shown as stored, with
 * a capital when it reads as a key (see topicLabel).
 */
import { useMessages, useTranslations } from "next-intl";
import { useMemo } from "react";
import type { MemoryType } from "@/lib/memory/vocabulary";
import { categoryLabel, topicLabel } from "./format";

export type MemoryLabels = ReturnType<typeof useMemoryLabels>;

export function useMemoryLabels() {
  const t = useTranslations("MemoryLabels");
  const { categories, topics } = useMessages().MemoryLabels;
  return useMemo(() => {
    const known = (table: Record<string, string>, key: string) =>
      Object.hasOwn(table, key) ? table[key] : undefined;
    return {
      type: (type: MemoryType, count: "one" | "many" = "one") => t(`types.${type}.${count}`),
      category: (category: string) => known(categories, category) ?? categoryLabel(category),
      topic: (topic: string) =>
        (topic === topic.toLocaleLowerCase() ? known(topics, topic.trim()) : undefined) ??
        topicLabel(topic),
    };
  }, [t, categories, topics]);
}
