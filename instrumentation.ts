// Runs once when the server process starts: refuse an unsupported Node.js, then open and migrate
// the database before the first request, so a schema problem shows at start and not on a user's
// first click.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseUnsupportedNode } = await import("@/lib/runtime/refuse-unsupported-node");
  refuseUnsupportedNode();
  const { startServer } = await import("@/lib/server-start");
  await startServer();
}
