import type { AccountDirectory, AlarmAccountInfo } from './ports.ts';

/** A fixed set of accounts (tests, benchmarks, the standalone receiver). */
export class StaticAccountDirectory implements AccountDirectory {
  private readonly accounts = new Map<string, AlarmAccountInfo>();

  constructor(accounts: readonly AlarmAccountInfo[] = []) {
    for (const a of accounts) this.set(a);
  }

  set(a: AlarmAccountInfo): void {
    this.accounts.set(a.account.toUpperCase(), { ...a, account: a.account.toUpperCase() });
  }

  async get(account: string): Promise<AlarmAccountInfo | null> {
    return this.accounts.get(account.toUpperCase()) ?? null;
  }
}
