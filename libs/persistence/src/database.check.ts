import type { DataSource } from 'typeorm';

/** True when the database answers `SELECT 1` within `timeoutMs`; false if not initialised or down. */
export async function checkDatabase(ds: DataSource, timeoutMs = 2_000): Promise<boolean> {
  if (!ds.isInitialized) return false;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const attempt = ds.query('SELECT 1').then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([attempt, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
