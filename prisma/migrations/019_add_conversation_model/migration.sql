-- A model per conversation: the one chosen in the header's Model picker (one of OPENAI_MODELS, or
-- of the endpoint's /v1/models), used for its replies, summaries, extraction and title. NULL, as in
-- every conversation stored before, means the server's default (OPENAI_MODEL).

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "model" TEXT;
