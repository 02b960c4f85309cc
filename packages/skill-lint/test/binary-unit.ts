/**
 * fast-check's `unit: "binary"` (any code point but lone surrogates), built without its one cost:
 * `fc.string` tries to split a few "dangerous" strings into units, which makes the built-in unit
 * build a reverse map of all 1.1 million code points (seconds of CPU per test file). This unit is
 * the same `nat().map()` over the same choices, so it draws the same strings from the same seed;
 * only its unmapper computes a code point's index instead of looking it up.
 */
import fc from "fast-check";

const SURROGATES_START = 0xd800;
const SURROGATES_END = 0xdfff;
const LAST = 0x10ffff;
const CHOICES = LAST + 1 - (SURROGATES_END - SURROGATES_START + 1);

const toUnit = (index: number) => String.fromCodePoint(index < SURROGATES_START ? index : index + (SURROGATES_END + 1 - SURROGATES_START));

function toIndex(value: unknown): number {
  const codePoint = typeof value === "string" ? value.codePointAt(0) : undefined;
  const isUnit =
    codePoint !== undefined && (codePoint < SURROGATES_START || codePoint > SURROGATES_END) && String.fromCodePoint(codePoint) === value;
  if (!isUnit) throw new Error("not a single code point outside the surrogates");
  return codePoint < SURROGATES_START ? codePoint : codePoint - (SURROGATES_END + 1 - SURROGATES_START);
}

export const binaryUnit: fc.Arbitrary<string> = fc.nat({ max: CHOICES - 1 }).map(toUnit, toIndex);
