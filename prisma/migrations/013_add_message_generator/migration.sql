-- Which app instance is generating a "streaming" reply. A restarted instance marks its own unfinished
-- replies interrupted at once; other instances' replies are judged by how fresh "updatedAt" is.

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "generator" TEXT;
