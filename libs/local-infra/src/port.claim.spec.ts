import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimPort } from './port.claim.js';

const lockOf = (port: number): string => join(tmpdir(), `kt-port-${port}.lock`);

describe('claimPort', () => {
  it('gives two claims with the same preference two different ports', async () => {
    const first = await claimPort(47_311);
    const second = await claimPort(first.port);
    try {
      expect(second.port).not.toBe(first.port);
      expect(existsSync(lockOf(first.port))).toBe(true);
    } finally {
      await Promise.all([first.release(), second.release()]);
    }
    expect(existsSync(lockOf(first.port))).toBe(false);
  });

  it('takes over a claim whose process has ended', async () => {
    const probe = await claimPort(47_321);
    await probe.release();
    // A pid that surely ended: a finished child of ours.
    const ended = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(lockOf(probe.port), `${ended}\n`);
    const claim = await claimPort(probe.port);
    try {
      expect(claim.port).toBe(probe.port);
    } finally {
      await claim.release();
    }
  });

  it('skips a port claimed by a process that is still running', async () => {
    const probe = await claimPort(47_331);
    await probe.release();
    writeFileSync(lockOf(probe.port), `${process.ppid}\n`);
    try {
      const claim = await claimPort(probe.port);
      expect(claim.port).not.toBe(probe.port);
      await claim.release();
    } finally {
      rmSync(lockOf(probe.port), { force: true });
    }
  });
});
