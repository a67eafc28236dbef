import { describeAlarmStore } from './store.conformance.ts';
import { MemoryAlarmStore } from './memory-store.ts';

describeAlarmStore('memory', async () => {
  const sut = { store: new MemoryAlarmStore(40_000), reset: async () => void (sut.store = new MemoryAlarmStore(40_000)) };
  return sut;
});
