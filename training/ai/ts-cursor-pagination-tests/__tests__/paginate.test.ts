import {
  arraySource,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  MAX_PAGE_SIZE,
  paginate,
  type Source,
} from "../src/pagination";

interface Post {
  id: string;
  score: number;
}

const makePosts = (n: number): Post[] =>
  Array.from({ length: n }, (_, i) => ({ id: `p${String(i).padStart(3, "0")}`, score: i * 10 }));

const keyOf = (p: Post) => ({ k: p.score, id: p.id });
const ids = (ps: Post[]) => ps.map((p) => p.id);

describe("paginate", () => {
  let source: Source<Post>;

  beforeEach(() => {
    source = arraySource(makePosts(7), keyOf);
  });

  describe("forward (first/after)", () => {
    it("returns the first page with default size when no arguments are given", async () => {
      const big = arraySource(makePosts(50), keyOf);
      const page = await paginate(big);
      expect(page.items).toHaveLength(DEFAULT_PAGE_SIZE);
      expect(page.pageInfo.hasNextPage).toBe(true);
      expect(page.pageInfo.hasPreviousPage).toBe(false);
    });

    it("returns `first` items in ascending order", async () => {
      const page = await paginate(source, { first: 3 });
      expect(ids(page.items)).toEqual(["p000", "p001", "p002"]);
    });

    it("continues from endCursor without overlap or gaps", async () => {
      const p1 = await paginate(source, { first: 3 });
      const p2 = await paginate(source, { first: 3, after: p1.pageInfo.endCursor! });
      const p3 = await paginate(source, { first: 3, after: p2.pageInfo.endCursor! });

      expect(ids(p2.items)).toEqual(["p003", "p004", "p005"]);
      expect(ids(p3.items)).toEqual(["p006"]);
      expect(p2.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
      expect(p3.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    });

    it("walks the whole collection exactly once", async () => {
      const seen: string[] = [];
      let after: string | undefined;
      for (let guard = 0; guard < 10; guard++) {
        const page = await paginate(source, { first: 2, after });
        seen.push(...ids(page.items));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor!;
      }
      expect(seen).toEqual(ids(makePosts(7)));
    });

    it("reports no next page when the last page is exactly full", async () => {
      const page = await paginate(source, { first: 7 });
      expect(page.items).toHaveLength(7);
      expect(page.pageInfo.hasNextPage).toBe(false);
    });
  });

  describe("backward (last/before)", () => {
    it("returns the last `last` items in ascending order", async () => {
      const page = await paginate(source, { last: 2 });
      expect(ids(page.items)).toEqual(["p005", "p006"]);
      expect(page.pageInfo.hasPreviousPage).toBe(true);
      expect(page.pageInfo.hasNextPage).toBe(false);
    });

    it("pages backwards from startCursor", async () => {
      const tail = await paginate(source, { last: 3 });
      const prev = await paginate(source, { last: 3, before: tail.pageInfo.startCursor! });
      expect(ids(prev.items)).toEqual(["p001", "p002", "p003"]);
      expect(prev.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    });

    it("stops at the beginning", async () => {
      const page = await paginate(source, { last: 5, before: encodeCursor({ k: 20, id: "p002", d: "b" }) });
      expect(ids(page.items)).toEqual(["p000", "p001"]);
      expect(page.pageInfo.hasPreviousPage).toBe(false);
    });
  });

  describe("cursors", () => {
    it("tags start and end cursors with their direction", async () => {
      const page = await paginate(source, { first: 2 });
      expect(decodeCursor(page.pageInfo.startCursor!)).toEqual({ k: 0, id: "p000", d: "b" });
      expect(decodeCursor(page.pageInfo.endCursor!)).toEqual({ k: 10, id: "p001", d: "f" });
    });

    it("returns null cursors for an empty page", async () => {
      const page = await paginate(arraySource<Post>([], keyOf), { first: 5 });
      expect(page).toEqual({
        items: [],
        pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      });
    });

    it("uses the id as a tie-breaker when sort keys collide", async () => {
      const tied = arraySource<Post>(
        [
          { id: "c", score: 1 },
          { id: "a", score: 1 },
          { id: "b", score: 1 },
        ],
        keyOf,
      );
      const p1 = await paginate(tied, { first: 2 });
      const p2 = await paginate(tied, { first: 2, after: p1.pageInfo.endCursor! });
      expect(ids(p1.items)).toEqual(["a", "b"]);
      expect(ids(p2.items)).toEqual(["c"]);
    });
  });

  describe("validation", () => {
    it.each([0, -1, 1.5, Number.NaN])("rejects page size %p", async (n) => {
      await expect(paginate(source, { first: n })).rejects.toThrow(RangeError);
    });

    it("caps page size at MAX_PAGE_SIZE", async () => {
      const fetch = jest.fn().mockResolvedValue([]);
      await paginate({ fetch, key: keyOf }, { first: 10_000 });
      expect(fetch).toHaveBeenCalledWith(expect.objectContaining({ limit: MAX_PAGE_SIZE + 1 }));
    });

    it("rejects mixing first and last", async () => {
      await expect(paginate(source, { first: 1, last: 1 })).rejects.toThrow(/either first\/after or last\/before/);
    });

    it("rejects mixing after and before", async () => {
      const c = encodeCursor({ k: 0, id: "p000", d: "f" });
      await expect(paginate(source, { after: c, before: c })).rejects.toThrow(/Cannot combine/);
    });

    it("propagates invalid cursor errors without calling the source", async () => {
      const fetch = jest.fn();
      await expect(paginate({ fetch, key: keyOf }, { after: "nope" })).rejects.toThrow("Invalid cursor");
      expect(fetch).not.toHaveBeenCalled();
    });
  });

  describe("source contract", () => {
    it("asks for one extra row and the right direction", async () => {
      const fetch = jest.fn().mockResolvedValue([]);
      await paginate({ fetch, key: keyOf }, { first: 5, after: encodeCursor({ k: 30, id: "p003", d: "f" }) });
      expect(fetch).toHaveBeenCalledTimes(1);
      expect(fetch).toHaveBeenCalledWith({ after: { k: 30, id: "p003" }, dir: "asc", limit: 6 });
    });

    it("fetches descending for backward pagination", async () => {
      const fetch = jest.fn().mockResolvedValue([]);
      await paginate({ fetch, key: keyOf }, { last: 4 });
      expect(fetch).toHaveBeenCalledWith({ after: undefined, dir: "desc", limit: 5 });
    });

    it("surfaces errors thrown by the source", async () => {
      const fetch = jest.fn().mockRejectedValue(new Error("db down"));
      await expect(paginate({ fetch, key: keyOf })).rejects.toThrow("db down");
    });
  });
});
