import { describe, expect, it, vi } from 'vitest';
import { collectAll, paginate, pageRange } from '../src/paginate';

type Page<T> = { items: T[]; next: string | null };

function fakeApi(pages: number[][]) {
  const fetchPage = vi.fn(async (cursor: string | null): Promise<Page<number>> => {
    const idx = cursor === null ? 0 : Number(cursor);
    const next = idx + 1 < pages.length ? String(idx + 1) : null;
    return { items: pages[idx], next };
  });
  return fetchPage;
}

describe('paginate', () => {
  it('yields items from every page in order', async () => {
    const fetchPage = fakeApi([[1, 2], [3, 4], [5]]);
    const seen: number[] = [];
    for await (const n of paginate(fetchPage)) seen.push(n);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(fetchPage).toHaveBeenCalledTimes(3);
    expect(fetchPage.mock.calls.map((c) => c[0])).toEqual([null, '1', '2']);
  });

  it('stops early when the consumer breaks', async () => {
    const fetchPage = fakeApi([[1, 2], [3, 4], [5]]);
    for await (const n of paginate(fetchPage)) {
      if (n === 2) break;
    }
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it('handles an empty first page', async () => {
    const fetchPage = fakeApi([[]]);
    expect(await collectAll(paginate(fetchPage))).toEqual([]);
  });

  it('skips empty pages in the middle', async () => {
    const fetchPage = fakeApi([[1], [], [2]]);
    expect(await collectAll(paginate(fetchPage))).toEqual([1, 2]);
  });

  it('propagates errors from fetchPage', async () => {
    const fetchPage = vi
      .fn()
      .mockResolvedValueOnce({ items: [1], next: 'x' })
      .mockRejectedValueOnce(new Error('boom'));
    await expect(collectAll(paginate(fetchPage))).rejects.toThrow('boom');
  });

  it('respects maxPages', async () => {
    const fetchPage = fakeApi([[1], [2], [3], [4]]);
    const got = await collectAll(paginate(fetchPage, { maxPages: 2 }));
    expect(got).toEqual([1, 2]);
  });

  it('throws if the cursor repeats (server bug guard)', async () => {
    const fetchPage = vi.fn(async () => ({ items: [1], next: 'same' }));
    await expect(collectAll(paginate(fetchPage))).rejects.toThrow(/cursor/i);
  });
});

describe('pageRange', () => {
  it.each([
    // [current, total, width, expected]
    [1, 1, 5, [1]],
    [1, 3, 5, [1, 2, 3]],
    [1, 10, 5, [1, 2, 3, 4, 5, '…', 10]],
    [5, 10, 5, [1, '…', 3, 4, 5, 6, 7, '…', 10]],
    [10, 10, 5, [1, '…', 6, 7, 8, 9, 10]],
    [2, 10, 5, [1, 2, 3, 4, 5, '…', 10]],
  ])('pageRange(%i, %i, %i)', (current, total, width, expected) => {
    expect(pageRange(current as number, total as number, width as number)).toEqual(expected);
  });

  it('clamps current into range', () => {
    expect(pageRange(0, 3, 5)).toEqual([1, 2, 3]);
    expect(pageRange(99, 3, 5)).toEqual([1, 2, 3]);
  });

  it('rejects a non-positive total', () => {
    expect(() => pageRange(1, 0, 5)).toThrow(RangeError);
  });
});
