/**
 * Long-polling support for the citizen's chat: a request for new messages may wait (up to a limit) until the
 * bus says the conversation has a new message (`chat.message`, published in whichever server process wrote
 * it). Pure bookkeeping; the caller wires `notify` to the bus and passes timers in.
 */
export interface MessageWaiters {
  /** Resolves true when notified, false at the timeout. */
  wait(conversationId: string, timeoutMs: number): Promise<boolean>;
  notify(conversationId: string): void;
  /** Wakes every waiter (shutdown). */
  releaseAll(): void;
  readonly size: number;
}

export function createMessageWaiters(maxWaiters = 10_000): MessageWaiters {
  const waiting = new Map<string, Set<(v: boolean) => void>>();
  let size = 0;
  const remove = (id: string, fn: (v: boolean) => void) => {
    const set = waiting.get(id);
    if (set?.delete(fn)) size--;
    if (set && set.size === 0) waiting.delete(id);
  };
  return {
    wait(conversationId, timeoutMs) {
      if (timeoutMs <= 0 || size >= maxWaiters) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        const done = (v: boolean) => {
          clearTimeout(timer);
          remove(conversationId, done);
          resolve(v);
        };
        const timer = setTimeout(() => done(false), timeoutMs);
        timer.unref?.();
        const set = waiting.get(conversationId) ?? new Set();
        set.add(done);
        waiting.set(conversationId, set);
        size++;
      });
    },
    notify(conversationId) {
      for (const fn of [...(waiting.get(conversationId) ?? [])]) fn(true);
    },
    releaseAll() {
      for (const set of [...waiting.values()]) for (const fn of [...set]) fn(false);
    },
    get size() {
      return size;
    },
  };
}
