/**
 * Explicit requests in the user's own words, English and Indonesian: "remember that…",
 * "tolong ingat…", "forget that…", "lupakan…". The model's `explicit` flag and its forget items
 * only count when the user message really contains such a request — a model cannot upgrade its
 * own guess to an explicit instruction, nor delete a memory nobody asked to delete.
 */
import { foldForMatching } from "./evidence";

/**
 * Imperatives only: "I remember that summer", "do you remember…?", "saya ingat…" (I recall)
 * and "don't you remember" are not requests.
 */
const REMEMBER_REQUESTS: RegExp[] = [
  // "Remember that…", "Please remember…", "Also, remember: …" — at the start of a sentence/clause.
  /(?:^|[.!?;:,(\n-]\s*|\b(?:please|pls|plz|also|and|so|now|oh|hey|ok|okay|btw)\s+)remember\b(?!\s*\?|\s+(?:when|how|what|if)\b)/u,
  /\b(?:can|could|would|will)\s+you\s+(?:please\s+)?remember\b(?!\s+(?:when|how|what|if)\b)/u,
  /\b(?:want|need|like|ask)\s+you\s+to\s+remember\b/u,
  /(?<!\b(?:i|we|you|they|he|she)\s+)\b(?:don't|dont|do\s+not|never)\s+forget\b/u,
  /\bkeep\s+in\s+mind\b/u,
  /\bmake\s+a\s+note\b/u,
  /\b(?:save|store|memori[sz]e)\s+(?:this|that|it)\b/u,
  // Indonesian: "ingatlah", "tolong ingat", "ingat bahwa" (not "saya ingat bahwa" = I recall).
  /\bingatlah\b/u,
  /\b(?:tolong|mohon|harap|coba|please)\s+(?:di)?ingat(?:kan|lah)?\b/u,
  /(?<!\b(?:saya|aku|gue|gw|kami|kita|dia|mereka|kamu|anda)\s+(?:masih\s+|tidak\s+|nggak\s+|gak\s+)?)\bingat\s+(?:bahwa|ya|ini|baik-baik)\b/u,
  /(?:^|[.!?;:,(\n-]\s*)ingat[,:!]/u,
  /\b(?:tolong|mohon)\s+(?:di)?catat\b/u,
  /\bcatat\s+(?:bahwa|ini|ya)\b/u,
  /\bjangan\s+(?:sampai\s+)?lupa(?:kan)?\s+(?:bahwa|kalau|ini|ya)\b/u,
];

/** "Forget…", "lupakan…", "hapus…" — but not "don't forget", "jangan lupakan". */
const FORGET_REQUESTS: RegExp[] = [
  /(?<!\b(?:don't|dont|not|never|i|we|they|he|she|won't|wont|can't|cant|always|often|sometimes|usually|tend\s+to)\s+)\bforget\b/u,
  /\bstop\s+remembering\b/u,
  /\b(?:delete|erase|remove)\s+(?:this|that|it|what|the\s+(?:memory|fact|note)|my|everything|from\s+(?:your\s+)?memory)\b/u,
  /(?<!\bjangan\s+(?:sampai\s+)?)\blupa(?:kan|kanlah|in)\b/u,
  /(?<!\bjangan\s+)\bhapus(?:kan|lah)?\b/u,
  /\bjangan\s+ingat\b/u,
];

export function containsRememberRequest(userMessage: string): boolean {
  const text = foldForMatching(userMessage);
  return REMEMBER_REQUESTS.some((pattern) => pattern.test(text));
}

export function containsForgetRequest(userMessage: string): boolean {
  const text = foldForMatching(userMessage);
  return FORGET_REQUESTS.some((pattern) => pattern.test(text));
}
