/**
 * How every JSON route answers: `{ error: { code, message, field?, reason?, params? } }` (a
 * client says `reason`, or else `code`, in the user's language) with the status of the
 * code. Unknown errors are logged on the server and reach the client as a plain 500.
 */
import "server-only";
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { loggableError } from "@/lib/observability/log-error";
import { assertSameOriginJson } from "./request-origin";

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds) headers["Retry-After"] = String(error.retryAfterSeconds);
    return NextResponse.json(
      {
        error: {
          code: error.code,
          message: error.message,
          ...(error.field ? { field: error.field } : {}),
          ...(error.reason ? { reason: error.reason } : {}),
          ...(error.params ? { params: error.params } : {}),
        },
      },
      { status: error.status, headers },
    );
  }
  console.error("[api] unexpected error:", loggableError(error));
  return NextResponse.json(
    { error: { code: "internal", message: "Something went wrong on our side. Please try again." } },
    { status: 500 },
  );
}

type RouteContext<P> = { params: Promise<P> };

/**
 * Wraps a route handler so that any thrown error becomes the standard error response, and a
 * state-changing request from another site, or with a body that is not JSON, is refused first.
 */
export function route<P = Record<string, never>>(
  handler: (request: Request, context: RouteContext<P>) => Promise<Response>,
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      assertSameOriginJson(request);
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
