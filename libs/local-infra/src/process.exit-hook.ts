// Children started here must not outlive this process when it ends without calling stop()
// (an uncaught error, process.exit()); an 'exit' listener can only act synchronously, so it signals.
const hooks = new Set<() => void>();
let installed = false;

/** Runs `fn` synchronously when this process exits; returns the function that cancels it. */
export function onProcessExit(fn: () => void): () => void {
  if (!installed) {
    installed = true;
    process.on('exit', () => {
      for (const hook of hooks) {
        try {
          hook();
        } catch {
          // best effort: the process is going away anyway
        }
      }
    });
  }
  hooks.add(fn);
  return () => {
    hooks.delete(fn);
  };
}
