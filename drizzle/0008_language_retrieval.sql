CREATE TABLE "memory_embeddings" (
	"memory_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"model" text NOT NULL,
	"content_hash" text NOT NULL,
	"embedding" real[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "memories" drop column "search_vector";--> statement-breakpoint
ALTER TABLE "memories" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', coalesce(topic, '') || ' ' || coalesce(detail, '') || ' ' || coalesce(category, '')) || to_tsvector('english', coalesce(topic, '') || ' ' || coalesce(detail, '')) || to_tsvector('indonesian', coalesce(topic, '') || ' ' || coalesce(detail, ''))) STORED;--> statement-breakpoint
-- Added by hand (drizzle-kit does not see it): dropping the column dropped its GIN index.
CREATE INDEX "memories_search_idx" ON "memories" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
ALTER TABLE "memory_embeddings" ADD CONSTRAINT "memory_embeddings_memory_id_memories_id_fk" FOREIGN KEY ("memory_id") REFERENCES "public"."memories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memory_embeddings" ADD CONSTRAINT "memory_embeddings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "memory_embeddings_user_idx" ON "memory_embeddings" USING btree ("user_id","model");