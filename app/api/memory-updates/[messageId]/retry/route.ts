import { after } from "next/server";
import { parseId, requireUser } from "@/lib/api/request";
import { route } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { findJobForTurn, requeueFailedJob } from "@/lib/jobs/extraction-queue";
import { runTurnExtraction } from "@/lib/jobs/run-extraction";

/** Retry of "Couldn't update memory": the turn's failed extraction is queued again and run now. */
export const POST = route<{ messageId: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const assistantMessageId = parseId((await params).messageId, "Message not found");
  const db = await getDb();
  const job = await findJobForTurn(db, { userId: user.id, assistantMessageId });
  if (!job) throw notFound("No memory update for this message");
  if (!(await requeueFailedJob(db, { userId: user.id, jobId: job.id }))) {
    throw new AppError("conflict", "Only a memory update that failed can be retried.");
  }
  after(() => runTurnExtraction(job.id));
  return Response.json({ status: "pending" }, { status: 202 });
});
