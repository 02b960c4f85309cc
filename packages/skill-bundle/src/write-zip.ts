import { zipSync, type Zippable } from "fflate";

/**
 * Every entry gets this timestamp, so the same files always make the same bytes. Zip stores local
 * DOS time and fflate reads the Date's local fields: a local-time Date gives the same bytes in
 * every time zone.
 */
export const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);

export interface ZipFile {
  path: string;
  data: Uint8Array;
  executable: boolean;
}

const UNIX = 3;
const REGULAR_FILE = 0o100000;

/** A reproducible zip: sorted entries, one timestamp, fixed permissions, fixed compression level. */
export function makeReproducibleZip(files: ZipFile[]): Uint8Array {
  const zippable: Zippable = {};
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const mode = REGULAR_FILE | (file.executable ? 0o755 : 0o644);
    zippable[file.path] = [file.data, { level: 9, mtime: FIXED_MTIME, os: UNIX, attrs: mode << 16 }];
  }
  return zipSync(zippable);
}
