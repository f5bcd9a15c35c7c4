/**
 * Secret detection: passwords, API keys and tokens, card numbers, national ID numbers and bank
 * account numbers are never stored as memories, whatever the model says. Errs on the
 * side of refusing: a false positive costs one memory, a false negative leaks a secret into the
 * database and every later prompt. Ordinary numbers (years, ages, counts, times) stay allowed.
 */

/** "my password is …", "password: …", "kata sandi saya …", "PIN saya 1234". */
const PASSWORD_PHRASES: RegExp[] = [
  /\b(?:password|passwd|passphrase|passcode|pwd|pin(?:\s+code)?)\s*(?:is|was|=|:|adalah|ialah)\s*\S/iu,
  /\b(?:my|the|our)\s+(?:password|passwd|passphrase|passcode)\s+(?:(?:for|to|on)\s+(?:\S+\s+){1,3})?(?:is|was)\b/iu,
  /\b(?:kata\s*sandi|sandi|kata\s*kunci|password|pin)\s+(?:saya|aku|ku|gue|gw)\b\s*(?:(?:adalah|ialah|=|:)\s*)?\S/iu,
  /\b(?:kata\s*sandi|kata\s*kunci)\s*(?:adalah|ialah|=|:)\s*\S+/iu,
];

/** Well-known credential formats. */
const TOKEN_FORMATS: RegExp[] = [
  /\bsk-(?:proj-|ant-|live-|test-)?[A-Za-z0-9_-]{16,}/u, // OpenAI / Anthropic style
  /\b[sr]k_(?:live|test)_[A-Za-z0-9]{10,}/u, // Stripe
  /\bgh[pousr]_[A-Za-z0-9]{20,}/u, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{20,}/u,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/u, // AWS access key id
  /\bxox[abpors]-[A-Za-z0-9-]{10,}/u, // Slack
  /\bAIza[0-9A-Za-z_-]{30,}/u, // Google API key
  /\bglpat-[A-Za-z0-9_-]{20}/u, // GitLab
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,512}\.[A-Za-z0-9_-]{8,2048}\.[A-Za-z0-9_-]{8}/u, // JWT (bounded: linear)
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/u,
];

/** "api key is …", "my token: …", "secret key = …" followed by something key-like. */
const CREDENTIAL_PHRASE =
  /\b(?:api[\s_-]?key|api[\s_-]?token|access[\s_-]?token|auth[\s_-]?token|bearer(?:\s+token)?|secret[\s_-]?key|client[\s_-]?secret|private[\s_-]?key|token|kunci\s+api)\b\s*(?:(?:is|was|=|:|adalah)\s*)?["']?([A-Za-z0-9_\-./+=]{8,})/iu;

/**
 * "passport number X1234567", "nomor paspor …", "NIK saya …", "SSN: …", "nomor KTP …". The
 * number's parts are bounded, so the pattern stays linear on a long message.
 */
const ID_PHRASE =
  /\b(?:passport|paspor|nik|ktp|e-?ktp|ssn|social\s+security|national\s+id|id\s+card|identity\s+card|nomor\s+induk|driver'?s\s+licen[cs]e|nomor\s+sim|npwp|tax\s+id|account\s+(?:number|no)|rekening|iban)\b[^\n]{0,30}?\b([A-Za-z]{0,3}\d[\dA-Za-z.-]{0,40}(?:\s\d[\d.-]{0,20}){0,4})/iu;

/** US social security number shape. */
const SSN_SHAPE = /\b\d{3}-\d{2}-\d{4}\b/u;
/** Indonesian NIK: exactly sixteen digits. */
const NIK_SHAPE = /(?<!\d)\d{16}(?!\d)/u;
/** Digit runs of 13–19 digits, possibly grouped with single spaces or dashes. */
const CARD_CANDIDATE = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/gu;
/** Country code, check digits, then groups: "DE89 3704 0044 0532 0130 00". */
const IBAN_CANDIDATE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/giu;
/** Runs of characters that make up generated keys and tokens. */
const TOKEN_CANDIDATE = /[A-Za-z0-9_\-+=]{20,}/gu;

export function looksLikeSecret(text: string): boolean {
  const normalized = text.normalize("NFKC").replace(/[’‘]/gu, "'");
  if (PASSWORD_PHRASES.some((pattern) => pattern.test(normalized))) return true;
  if (TOKEN_FORMATS.some((pattern) => pattern.test(normalized))) return true;
  const credential = CREDENTIAL_PHRASE.exec(normalized);
  if (credential?.[1] && looksKeyLike(credential[1])) return true;
  const idNumber = ID_PHRASE.exec(normalized);
  if (idNumber?.[1] && countDigits(idNumber[1]) >= 5) return true;
  if (SSN_SHAPE.test(normalized) || NIK_SHAPE.test(normalized)) return true;
  if (hasCardNumber(normalized) || hasIban(normalized)) return true;
  return hasHighEntropyToken(normalized);
}

function countDigits(text: string): number {
  return text.replace(/\D/gu, "").length;
}

/** A value after "api key"/"token": mixes letters and digits, or is long. */
function looksKeyLike(value: string): boolean {
  const hasLetter = /[A-Za-z]/u.test(value);
  const hasDigit = /\d/u.test(value);
  return (hasLetter && hasDigit) || value.length >= 16;
}

function hasCardNumber(text: string): boolean {
  for (const match of text.matchAll(CARD_CANDIDATE)) {
    const digits = match[0].replace(/\D/gu, "");
    if (digits.length >= 13 && digits.length <= 19 && passesLuhn(digits)) return true;
  }
  return false;
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function hasIban(text: string): boolean {
  for (const match of text.matchAll(IBAN_CANDIDATE)) {
    const iban = match[0].replace(/\s/gu, "").toUpperCase();
    if (iban.length >= 15 && iban.length <= 34 && /\d{6}/u.test(iban) && ibanChecksumOk(iban)) {
      return true;
    }
  }
  return false;
}

/** ISO 13616 mod-97 check: move the first four characters to the end, letters to numbers. */
function ibanChecksumOk(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = /\d/u.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/**
 * Generated secrets look random: long, mixing letters with digits (or cases), and high in
 * Shannon entropy. Words, URLs' host names and long numbers do not pass all three.
 */
function hasHighEntropyToken(text: string): boolean {
  for (const match of text.matchAll(TOKEN_CANDIDATE)) {
    const token = match[0];
    const classes = [/[a-z]/u, /[A-Z]/u, /\d/u].filter((pattern) => pattern.test(token)).length;
    const hasDigit = /\d/u.test(token);
    if (classes >= 2 && hasDigit && shannonEntropy(token) >= 3.5) return true;
    if (classes === 3 && shannonEntropy(token) >= 3.2) return true;
  }
  return false;
}

function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}
