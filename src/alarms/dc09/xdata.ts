import { XDATA_IDENTIFIERS } from './data/xdata.ts';

/**
 * DC-09 extended data blocks (`[X006E07.7777777]`, `[ITầng 3]`, ...): the first character identifies the field.
 * Unknown identifiers are kept with a null name. Values may be free text (I, L, O, R, S, V): never log them.
 */
export interface XdataField {
  id: string;
  name: string | null;
  value: string;
}

export function readXdata(blocks: readonly string[]): XdataField[] {
  return blocks
    .filter((b) => b.length > 0)
    .map((b) => ({ id: b[0]!, name: XDATA_IDENTIFIERS[b[0]!]?.name ?? null, value: b.slice(1) }));
}
