-- Likely duplicates are found by trigram similarity (lib/memory/duplicates.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "memory_distinct_pairs" (
	"user_id" uuid NOT NULL,
	"first_memory_id" uuid NOT NULL,
	"second_memory_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memory_distinct_pairs_first_memory_id_second_memory_id_pk" PRIMARY KEY("first_memory_id","second_memory_id")
);
--> statement-breakpoint
ALTER TABLE "memories" ADD COLUMN "imported" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "memory_distinct_pairs" ADD CONSTRAINT "memory_distinct_pairs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memory_distinct_pairs" ADD CONSTRAINT "memory_distinct_pairs_first_memory_id_memories_id_fk" FOREIGN KEY ("first_memory_id") REFERENCES "public"."memories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memory_distinct_pairs" ADD CONSTRAINT "memory_distinct_pairs_second_memory_id_memories_id_fk" FOREIGN KEY ("second_memory_id") REFERENCES "public"."memories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "memory_distinct_pairs_user_idx" ON "memory_distinct_pairs" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "memory_distinct_pairs_second_idx" ON "memory_distinct_pairs" USING btree ("second_memory_id");