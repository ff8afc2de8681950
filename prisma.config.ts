import { defineConfig } from "prisma/config";

// The CLI needs a URL only for migrate commands, which this project runs itself (npm run db:migrate);
// `prisma generate` needs none.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
