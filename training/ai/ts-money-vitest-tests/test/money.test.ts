import { describe, expect, it, test } from "vitest";
import {
  add,
  allocate,
  compare,
  CurrencyMismatchError,
  format,
  money,
  multiply,
  parse,
  subtract,
  type Money,
} from "../src/money";

const usd = (n: number | bigint): Money => money(n, "USD");

describe("money()", () => {
  it("stores the amount as a bigint in minor units", () => {
    const m = usd(1234);
    expect(m.amount).toBe(1234n);
    expect(m.currency).toBe("USD");
  });

  it("returns a frozen object", () => {
    expect(Object.isFrozen(usd(1))).toBe(true);
  });

  it("rejects fractional minor units", () => {
    expect(() => usd(1.5)).toThrow(RangeError);
  });
});

describe("parse()", () => {
  test.each([
    ["12.34", "USD", 1234n],
    ["12.3", "USD", 1230n],
    ["12", "USD", 1200n],
    ["0.05", "EUR", 5n],
    ["-7.50", "GBP", -750n],
    ["1,234,567.89", "USD", 123456789n],
    ["  42.00  ", "USD", 4200n],
    ["500", "JPY", 500n],
    ["1.234", "KWD", 1234n],
  ] as const)("parse(%j, %s) -> %s", (input, currency, expected) => {
    expect(parse(input, currency).amount).toBe(expected);
  });

  it("rejects more decimals than the currency allows", () => {
    expect(() => parse("1.234", "USD")).toThrowError(/at most 2 decimal places/);
    expect(() => parse("1.5", "JPY")).toThrowError(/at most 0 decimal places/);
  });

  it.each(["", "abc", "1.2.3", "$5", "1e3", "--1"])("rejects malformed input %j", (input) => {
    expect(() => parse(input, "USD")).toThrow(SyntaxError);
  });

  it("handles amounts beyond Number.MAX_SAFE_INTEGER without precision loss", () => {
    const m = parse("92233720368547758.07", "USD");
    expect(m.amount).toBe(9223372036854775807n);
  });
});

describe("add() / subtract()", () => {
  it("adds two amounts of the same currency", () => {
    expect(add(usd(150), usd(275)).amount).toBe(425n);
  });

  it("subtracts and can go negative", () => {
    expect(subtract(usd(100), usd(250)).amount).toBe(-150n);
  });

  it("throws CurrencyMismatchError when currencies differ", () => {
    const err = (() => {
      try {
        add(usd(1), money(1, "EUR"));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CurrencyMismatchError);
    expect((err as Error).message).toBe("Cannot combine USD with EUR");
  });

  it("does not mutate its operands", () => {
    const a = usd(10);
    const b = usd(20);
    add(a, b);
    expect(a.amount).toBe(10n);
    expect(b.amount).toBe(20n);
  });
});

describe("multiply()", () => {
  it.each([
    [1000, "1.5", 1500n],
    [1000, 0.075, 75n],
    [1000, "0", 0n],
    [333, "3", 999n],
    [-1000, "0.5", -500n],
  ])("%i * %s = %s", (amount, factor, expected) => {
    expect(multiply(usd(amount), factor).amount).toBe(expected);
  });

  describe("banker's rounding on exact halves", () => {
    it.each([
      [5, "0.5", 2n], // 2.5 -> 2
      [7, "0.5", 4n], // 3.5 -> 4
      [-5, "0.5", -2n], // -2.5 -> -2
      [-7, "0.5", -4n], // -3.5 -> -4
    ])("%i * %s rounds to %s", (amount, factor, expected) => {
      expect(multiply(usd(amount), factor).amount).toBe(expected);
    });
  });

  it("rounds non-half remainders to the nearest unit", () => {
    expect(multiply(usd(10), "0.33").amount).toBe(3n); // 3.3
    expect(multiply(usd(10), "0.37").amount).toBe(4n); // 3.7
  });

  it("accepts negative factors", () => {
    expect(multiply(usd(200), "-1.25").amount).toBe(-250n);
  });

  it("rejects factors in exponent notation", () => {
    expect(() => multiply(usd(1), 1e-7)).toThrow(SyntaxError);
  });
});

describe("allocate()", () => {
  const sum = (xs: Money[]) => xs.reduce((s, m) => s + m.amount, 0n);

  it("splits evenly when possible", () => {
    expect(allocate(usd(900), [1, 1, 1]).map((m) => m.amount)).toEqual([300n, 300n, 300n]);
  });

  it("gives the leftover cents to the first parts", () => {
    expect(allocate(usd(100), [1, 1, 1]).map((m) => m.amount)).toEqual([34n, 33n, 33n]);
  });

  it("respects uneven ratios", () => {
    expect(allocate(usd(1000), [70, 30]).map((m) => m.amount)).toEqual([700n, 300n]);
  });

  it("never gives anything to a zero ratio", () => {
    const parts = allocate(usd(101), [0, 1, 1]);
    expect(parts[0].amount).toBe(0n);
    expect(sum(parts)).toBe(101n);
  });

  it("handles negative amounts", () => {
    const parts = allocate(usd(-100), [1, 1, 1]);
    expect(parts.map((m) => m.amount)).toEqual([-34n, -33n, -33n]);
  });

  it.each([
    [[1, 2, 3]],
    [[5, 5]],
    [[1, 1, 1, 1, 1, 1, 1]],
    [[13, 0, 29]],
  ])("preserves the total for ratios %j", (ratios) => {
    for (const amount of [1, 7, 99, 1001, 123457]) {
      expect(sum(allocate(usd(amount), ratios))).toBe(BigInt(amount));
    }
  });

  it.each([
    [[], "At least one ratio"],
    [[0, 0], "must not all be zero"],
    [[1, -1], "non-negative integers"],
    [[0.5, 0.5], "non-negative integers"],
  ])("rejects %j", (ratios, message) => {
    expect(() => allocate(usd(100), ratios)).toThrowError(message);
  });

  it("keeps the currency on every part", () => {
    for (const part of allocate(money(10, "EUR"), [1, 2])) {
      expect(part.currency).toBe("EUR");
    }
  });
});

describe("format()", () => {
  it("formats US dollars", () => {
    expect(format(usd(123456))).toBe("$1,234.56");
  });

  it("pads small amounts with leading zeros", () => {
    expect(format(usd(5))).toBe("$0.05");
    expect(format(usd(0))).toBe("$0.00");
  });

  it("formats negatives with the locale's minus sign", () => {
    expect(format(usd(-250))).toBe("-$2.50");
  });

  it("omits the fraction for zero-decimal currencies", () => {
    expect(format(money(1500, "JPY"), "en-US")).toBe("¥1,500");
  });

  it("uses three decimals for KWD", () => {
    expect(format(money(1234, "KWD"), "en-US")).toMatch(/1\.234$/);
  });

  it("uses locale-specific separators", () => {
    // de-DE uses "." for grouping and "," for decimals; spaces vary by ICU version.
    expect(format(money(123456, "EUR"), "de-DE").replace(/\s/g, " ")).toBe("1.234,56 €");
  });

  it("does not lose precision on very large amounts", () => {
    expect(format(usd(9007199254740993n))).toBe("$90,071,992,547,409.93");
  });
});

describe("compare()", () => {
  it("orders amounts", () => {
    expect(compare(usd(1), usd(2))).toBe(-1);
    expect(compare(usd(2), usd(1))).toBe(1);
    expect(compare(usd(2), usd(2))).toBe(0);
  });

  it("can be used as a sort comparator", () => {
    const sorted = [usd(30), usd(-5), usd(10)].sort(compare).map((m) => m.amount);
    expect(sorted).toEqual([-5n, 10n, 30n]);
  });

  it("refuses to compare different currencies", () => {
    expect(() => compare(usd(1), money(1, "GBP"))).toThrow(CurrencyMismatchError);
  });
});
