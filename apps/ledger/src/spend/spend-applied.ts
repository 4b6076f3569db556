import { Injectable } from '@nestjs/common';

/** What one committed projection batch changed: the UTC hour starts of `spend_hourly` it touched. */
export interface SpendApplied {
  /** ISO UTC hour starts (`2025-03-01T12:00:00.000Z`) whose rollup rows changed. */
  readonly hours: readonly string[];
  /** Route events newly applied (duplicates excluded). */
  readonly events: number;
}

export type SpendAppliedListener = (applied: SpendApplied) => void;

export interface SpendAppliedBus {
  emit(applied: SpendApplied): void;
  on(listener: SpendAppliedListener): void;
}

/** Injection token of the in-process `SpendAppliedBus` (budgets listen; the projector emits). */
export const SPEND_APPLIED = Symbol('kt.ledger.spend-applied');

/** Synchronous fan-out; a failing listener is isolated so it cannot stall the projector. */
@Injectable()
export class SpendAppliedEmitter implements SpendAppliedBus {
  private readonly listeners: SpendAppliedListener[] = [];

  emit(applied: SpendApplied): void {
    for (const listener of this.listeners) {
      try {
        listener(applied);
      } catch {
        // A listener's failure is its own; the spend is already committed.
      }
    }
  }

  on(listener: SpendAppliedListener): void {
    this.listeners.push(listener);
  }
}
