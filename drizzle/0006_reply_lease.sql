ALTER TABLE "chats" ADD COLUMN "reply_stream_id" uuid;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "reply_lease_until" timestamp with time zone;