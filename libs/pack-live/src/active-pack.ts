import type { Pack } from '@kt/pack';

/**
 * The pack in force. Swapped atomically by hot reload: a request reads `current` once when it starts
 * and finishes on that object, so in-flight requests never see half of an old and half of a new pack.
 */
export class ActivePack {
  private pack: Pack;
  private readonly listeners: ((pack: Pack, previous: Pack) => void)[] = [];

  constructor(initial: Pack) {
    this.pack = initial;
  }

  get current(): Pack {
    return this.pack;
  }

  swap(next: Pack): void {
    const previous = this.pack;
    this.pack = next;
    for (const listener of this.listeners) listener(next, previous);
  }

  onSwap(listener: (pack: Pack, previous: Pack) => void): void {
    this.listeners.push(listener);
  }
}
