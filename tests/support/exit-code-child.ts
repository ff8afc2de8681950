// Loads the embedded server module and ends with exit code 3, which must survive its exit hooks.
import "../../lib/db/embedded";

process.exitCode = 3;
