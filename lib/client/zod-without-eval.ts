/**
 * Zod (which the AI SDK uses to read the chat stream in the browser) probes `new Function` once
 * to decide whether to compile its parsers. The app's Content-Security-Policy forbids eval, so
 * the probe is blocked and reported as a violation; the plain parsers are fast enough for a chat.
 */
import { z } from "zod";

// Only in the browser: the server (which renders this module too) has no such policy.
if (typeof window !== "undefined") z.config({ jitless: true });
