import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Spawns standalone.ts with tsx and waits for its READY line (crash test and benchmark). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ChildReceiver {
  child: ChildProcess;
  tcpPort: number;
  udpPort: number | null;
  /** SIGTERM and wait for exit; returns the STATS line the receiver printed, if any. */
  stop(): Promise<string | null>;
  /** SIGKILL the whole process group (tsx and the node process running the receiver). */
  kill(): Promise<void>;
}

export async function spawnReceiver(args: string[], timeoutMs = 60_000): Promise<ChildReceiver> {
  const child = spawn(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), [path.join(REPO_ROOT, 'src/alarms/receiver/standalone.ts'), ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // tsx runs the script in a child node process: give them their own process group so that a SIGKILL reaches
    // the receiver itself, not only the tsx wrapper.
    detached: true,
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const ports = await new Promise<{ tcpPort: number; udpPort: number | null }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`receiver did not start: ${stderr.slice(-2000)}`)), timeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\{.*\})\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(JSON.parse(m[1]!) as { tcpPort: number; udpPort: number | null });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`receiver exited with ${code}: ${stderr.slice(-2000)}`));
    });
  });
  return {
    child,
    ...ports,
    async stop() {
      child.kill('SIGTERM'); // tsx relays SIGTERM to the script
      await exited;
      return /STATS (.*)\n/.exec(stderr)?.[1] ?? null;
    },
    async kill() {
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
    },
  };
}
