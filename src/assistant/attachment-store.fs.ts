import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AttachmentStore } from './attachments.ts';

const KEY_RE = /^[a-f0-9]{32}\.[a-z0-9]{2,5}$/;

/**
 * Evidence files under `dir` (DATA_DIR/uploads), one file per key. Keys are random names made by the report
 * service; anything else is refused, so a key can never point outside the directory. Files are written with
 * mode 0600 and never served by the static file server (it only serves web/dist).
 */
export function fsAttachmentStore(dir: string): AttachmentStore {
  const file = (key: string) => {
    if (!KEY_RE.test(key)) throw new Error('invalid attachment key');
    return path.join(dir, key.slice(0, 2), key);
  };
  return {
    async put(key, bytes) {
      const f = file(key);
      await mkdir(path.dirname(f), { recursive: true, mode: 0o700 });
      await writeFile(f, bytes, { mode: 0o600, flag: 'wx' });
    },
    async get(key) {
      try {
        return await readFile(file(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async delete(key) {
      await rm(file(key), { force: true });
    },
  };
}
