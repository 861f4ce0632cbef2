// The page reader's primitives against values worked out from the file-format document, and its
// refusal to read past a page (every such read is a Damage the scan skips, never a crash).
import { describe, expect, it } from 'vitest';
import {
  Damage,
  decodeRecord,
  decodeValue,
  localPayloadSize,
  serialLength,
  varint,
} from '../../electron/core/recover/page-reader';

describe('the SQLite page reader', () => {
  it('reads varints of one, two and nine bytes, the ninth giving all 8 bits', () => {
    expect(varint(Uint8Array.from([0x05]), 0)).toEqual([5, 1]);
    expect(varint(Uint8Array.from([0x81, 0x00]), 0)).toEqual([128, 2]);
    expect(varint(Uint8Array.from(Array(9).fill(0xff)), 0)).toEqual([-1, 9]);
    expect(() => varint(Uint8Array.from([0x81]), 0)).toThrow(Damage);
  });

  it('knows every serial type: sizes, signed integers, the constants 0 and 1, text and blobs', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15].map(serialLength)).toEqual([
      0, 1, 2, 3, 4, 6, 8, 8, 0, 0, 0, 0, 1, 1,
    ]);
    expect(serialLength(10)).toBe(-1);
    expect(decodeValue(5, Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]), 0)).toBe(-2);
    expect(decodeValue(8, new Uint8Array(), 0)).toBe(0);
    expect(decodeValue(9, new Uint8Array(), 0)).toBe(1);
    expect(decodeValue(19, Buffer.from('abc'), 0)).toBe('abc');
    expect(decodeValue(18, Uint8Array.from([1, 2, 3]), 0)).toEqual(Uint8Array.from([1, 2, 3]));
    expect(() => decodeValue(19, Uint8Array.from([0xff, 0xfe, 0xfd]), 0)).toThrow(Damage);
    expect(() => decodeValue(19, Uint8Array.from([0x61, 0, 0x62]), 0)).toThrow(/NUL/);
  });

  it('decodes a record only when its bodies fill the payload exactly', () => {
    // header size 3: NULL (the id), text of 2 bytes; body "hi"
    expect(decodeRecord(Uint8Array.from([3, 0, 17, 0x68, 0x69]))).toEqual({
      types: [0, 17],
      values: [null, 'hi'],
    });
    expect(() => decodeRecord(Uint8Array.from([3, 0, 17, 0x68]))).toThrow(Damage);
    expect(() => decodeRecord(Uint8Array.from([3, 0, 17, 0x68, 0x69, 0x00]))).toThrow(Damage);
  });

  it('splits a payload between the page and its overflow chain as SQLite does (U = 4096)', () => {
    // X = U-35 = 4061; M = ((U-12)*32/255)-23 = 489; K = M + ((P-M) % (U-4))
    expect(localPayloadSize(4061, 4096)).toBe(4061);
    expect(localPayloadSize(10_000, 4096)).toBe(489 + ((10_000 - 489) % 4092));
    // K = 4089 > X: only M bytes stay on the page
    expect(localPayloadSize(489 + 3600, 4096)).toBe(489);
  });
});
