CREATE TABLE "forgotten_memories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"undo_token_hash" text,
	"job_id" uuid,
	"memories" jsonb NOT NULL,
	"history" jsonb NOT NULL,
	"scrubbed" jsonb NOT NULL,
	"purge_after" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "extraction_jobs" ADD COLUMN "lease_token" uuid;--> statement-breakpoint
ALTER TABLE "forgotten_memories" ADD CONSTRAINT "forgotten_memories_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forgotten_memories" ADD CONSTRAINT "forgotten_memories_job_id_extraction_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."extraction_jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "forgotten_memories_token_idx" ON "forgotten_memories" USING btree ("undo_token_hash");--> statement-breakpoint
CREATE INDEX "forgotten_memories_user_idx" ON "forgotten_memories" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "forgotten_memories_purge_idx" ON "forgotten_memories" USING btree ("purge_after");--> statement-breakpoint
CREATE INDEX "forgotten_memories_job_idx" ON "forgotten_memories" USING btree ("job_id");