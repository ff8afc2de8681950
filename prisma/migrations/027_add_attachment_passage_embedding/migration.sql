-- Recall of attached documents by meaning (docs/attachments.md): each passage's vector from the
-- embedding model, beside the model that made it (a vector of another model is never compared, and is
-- replaced). A document's passages never change, so neither does a vector once written.
ALTER TABLE "AttachmentPassage" ADD COLUMN "embeddingModel" TEXT;
ALTER TABLE "AttachmentPassage" ADD COLUMN "embedding" BYTEA;

-- A question that names a page ("page 7") reads that page of each file by this index, not every passage.
CREATE INDEX "AttachmentPassage_contentId_page_idx" ON "AttachmentPassage"("contentId", "page");
