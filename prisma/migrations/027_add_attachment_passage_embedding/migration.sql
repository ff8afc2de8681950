-- Recall of attached documents by meaning (docs/attachments.md): each passage's vector from the
-- embedding model, beside the model that made it (a vector of another model is never compared).

-- A question that names a page ("page 7") reads that page of each file by this index, not every
-- passage. Built first: its lock lets readers on, where adding a column takes one that does not,
-- held to the end of the migration.
CREATE INDEX "AttachmentPassage_contentId_page_idx" ON "AttachmentPassage"("contentId", "page");

ALTER TABLE "AttachmentPassage" ADD COLUMN "embeddingModel" TEXT;
ALTER TABLE "AttachmentPassage" ADD COLUMN "embedding" BYTEA;

-- Passages still without a vector (a document read before this migration, or while its instance
-- stopped): what the sweep embeds. Partial (Prisma cannot declare it).
CREATE INDEX "AttachmentPassage_unembedded_idx" ON "AttachmentPassage"("contentId") WHERE "embedding" IS NULL;
