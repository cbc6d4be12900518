import { rotationCrashSuite } from "../helpers/keys-crash";

// The embedded database is in the suite too: PGlite's directory reopens after a SIGKILL (its
// writes reach the files before a statement returns; PostgreSQL's recovery replays the WAL).
rotationCrashSuite("embedded");
