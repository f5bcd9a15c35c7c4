// The floor has nothing to start. Without this file Next would pick up the repository's own
// instrumentation (Ingat's start-up checks) from the workspace root.
export function register() {}
