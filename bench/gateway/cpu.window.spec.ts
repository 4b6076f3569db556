import { describe, expect, it } from 'vitest';
import { busyFromStatLine, openCpuWindow, processCpuSeconds } from './cpu.window.js';

describe('busyFromStatLine', () => {
  it.each([
    // user nice system idle iowait irq softirq steal
    ['cpu  100 0 50 900 10 5 5 0 0 0', 1.6],
    ['cpu 0 0 0 1000 0 0 0 0', 0],
    ['cpu0 100 0 50 900 10 5 5 0', null],
    ['cpu 1 2', null],
    ['cpu a b c d e f g h', null],
  ])('reads %j as %s busy seconds', (line, expected) => {
    expect(busyFromStatLine(line)).toBe(expected);
  });
});

describe('processCpuSeconds', () => {
  it('reads a live process and gives null for one that does not exist', () => {
    expect(processCpuSeconds(process.pid)).toBeGreaterThan(0);
    expect(processCpuSeconds(2 ** 30)).toBeNull();
  });
});

describe('openCpuWindow', () => {
  // Loose bounds: the box is shared, so the spin may get only part of a core.
  it('sees this process working as up to one busy core', () => {
    const finish = openCpuWindow({ me: process.pid, gone: 2 ** 30, absent: undefined });
    const until = performance.now() + 300;
    let spin = 0;
    while (performance.now() < until) spin += 1;
    const reading = finish();
    expect(spin).toBeGreaterThan(0);
    expect(reading['self']).toBeGreaterThan(0.1);
    expect(reading['self']).toBeLessThan(1.5);
    expect(reading['machine']).toBeGreaterThan(0.1);
    expect(reading['gone']).toBeNull();
    expect(reading['absent']).toBeNull();
    expect(reading['me']).not.toBeNull();
  });
});
