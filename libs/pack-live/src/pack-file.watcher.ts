import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { loadPackFile, type Env, type PackResult } from '@kt/pack';

export interface PackFileWatcher {
  close(): void;
}

/**
 * Calls `onResult` with the re-validated pack each time the file changes. The directory is watched,
 * not the file, because editors and Kubernetes ConfigMaps replace the file (rename) rather than
 * write it in place; bursts of events are folded into one reload.
 */
export function watchPackFile(
  path: string,
  onResult: (result: PackResult) => void,
  options: { readonly debounceMs?: number; readonly env: Env },
): PackFileWatcher {
  const file = resolve(path);
  const name = basename(file);
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(dirname(file), (_event, changed) => {
    // ConfigMaps swap a `..data` symlink: any change in the folder may be ours.
    if (changed !== null && changed !== name && !changed.startsWith('..')) return;
    clearTimeout(timer);
    timer = setTimeout(
      () => void loadPackFile(file, { env: options.env }).then(onResult),
      options.debounceMs ?? 200,
    );
  });
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
