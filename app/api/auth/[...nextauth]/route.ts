import type { NextRequest } from "next/server";
import { errorResponse } from "@/lib/api/respond";
import { handlers } from "@/lib/auth";
import { withSignInThrottleNote } from "@/lib/auth/sign-in-throttled";
import { tooManyAttemptsMessage } from "@/lib/auth/throttle";
import { AppError } from "@/lib/errors";

export const { GET } = handlers;

/** Auth.js, except that a throttled sign-in answers 429 with Retry-After instead of a redirect. */
export async function POST(request: NextRequest): Promise<Response> {
  const { result, retryAfterSeconds } = await withSignInThrottleNote(() => handlers.POST(request));
  if (retryAfterSeconds === undefined) return result;
  return errorResponse(
    new AppError("rate_limited", tooManyAttemptsMessage(retryAfterSeconds), { retryAfterSeconds }),
  );
}
