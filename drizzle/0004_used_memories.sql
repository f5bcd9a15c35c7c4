ALTER TABLE "memories" ADD COLUMN "use_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "memories" ADD COLUMN "last_used_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "used_memories" jsonb;--> statement-breakpoint
CREATE INDEX "messages_used_memories_idx" ON "messages" USING gin ("used_memories" jsonb_path_ops);