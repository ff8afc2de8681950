export type MigrationErrorCode =
  | "MIGRATION_EDITED"
  | "MIGRATION_FAILED_EARLIER"
  | "MIGRATION_MISSING"
  | "MIGRATION_FAILED"
  | "ROLLBACK_MISSING"
  | "ROLLBACK_FAILED"
  | "NOT_APPLIED"
  | "UNKNOWN_MIGRATION";

/** A refusal or failure of the migration runner, with a message meant for the operator. */
export class MigrationError extends Error {
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}
