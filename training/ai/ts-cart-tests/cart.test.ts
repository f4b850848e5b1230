import { beforeEach, describe, expect, it } from "vitest";
import { Cart, CartError, type Coupon, type Product } from "./cart";

const makeProduct = (overrides: Partial<Product> = {}): Product => ({
  sku: "SKU-1",
  name: "Widget",
  priceCents: 1_000,
  stock: 10,
  ...overrides,
});

const FIXED_NOW = new Date("2024-06-01T12:00:00Z");

describe("Cart", () => {
  let cart: Cart;
  let widget: Product;
  let gadget: Product;

  beforeEach(() => {
    cart = new Cart(() => FIXED_NOW);
    widget = makeProduct();
    gadget = makeProduct({ sku: "SKU-2", name: "Gadget", priceCents: 2_550, stock: 3 });
  });

  describe("add", () => {
    it("adds a new line with quantity 1 by default", () => {
      cart.add(widget);

      expect(cart.items()).toEqual([{ product: widget, qty: 1 }]);
      expect(cart.count).toBe(1);
    });

    it("merges repeated adds of the same product into one line", () => {
      cart.add(widget, 2);
      cart.add(widget, 3);

      expect(cart.items()).toHaveLength(1);
      expect(cart.items()[0].qty).toBe(5);
    });

    it.each([0, -1, 1.5, Number.NaN])("rejects invalid quantity %s", (qty) => {
      expect(() => cart.add(widget, qty)).toThrow(CartError);
      expect(cart.items()).toHaveLength(0);
    });

    it("rejects adding more than is in stock", () => {
      expect(() => cart.add(gadget, 4)).toThrow("only 3 of SKU-2 in stock");
    });

    it("counts existing quantity against stock", () => {
      cart.add(gadget, 2);

      expect(() => cart.add(gadget, 2)).toThrow(CartError);
      expect(cart.items()[0].qty).toBe(2);
    });
  });

  describe("setQty", () => {
    beforeEach(() => cart.add(widget, 2));

    it("updates the quantity of an existing line", () => {
      cart.setQty(widget.sku, 7);
      expect(cart.count).toBe(7);
    });

    it("removes the line when quantity is set to 0", () => {
      cart.setQty(widget.sku, 0);
      expect(cart.items()).toEqual([]);
    });

    it("throws for a product that is not in the cart", () => {
      expect(() => cart.setQty("nope", 1)).toThrow(/not in the cart/);
    });

    it.each([-1, 11])("throws for out-of-range quantity %i", (qty) => {
      expect(() => cart.setQty(widget.sku, qty)).toThrow("invalid quantity");
    });
  });

  describe("remove", () => {
    it("returns true when a line was removed", () => {
      cart.add(widget);
      expect(cart.remove(widget.sku)).toBe(true);
      expect(cart.count).toBe(0);
    });

    it("returns false when the sku was not present", () => {
      expect(cart.remove("missing")).toBe(false);
    });
  });

  describe("subtotal", () => {
    it("is 0 for an empty cart", () => {
      expect(cart.subtotal).toBe(0);
    });

    it("sums price times quantity across lines", () => {
      cart.add(widget, 2); // 2 x 10.00
      cart.add(gadget, 3); // 3 x 25.50
      expect(cart.subtotal).toBe(2_000 + 7_650);
    });
  });

  describe("coupons", () => {
    const percent = (value: number, extra: Partial<Coupon> = {}): Coupon => ({
      code: `PCT${value}`,
      kind: "percent",
      value,
      ...extra,
    });

    beforeEach(() => cart.add(widget, 3)); // subtotal 30.00

    it("applies a percentage discount, rounded to the nearest cent", () => {
      cart.add(gadget, 1); // subtotal 55.50
      cart.applyCoupon(percent(15));
      expect(cart.discount).toBe(833); // 832.5 rounds up
    });

    it("applies a fixed discount", () => {
      cart.applyCoupon({ code: "FIVE", kind: "fixed", value: 500 });
      expect(cart.discount).toBe(500);
      expect(cart.total()).toBe(2_500);
    });

    it("never discounts more than the subtotal", () => {
      cart.applyCoupon({ code: "BIG", kind: "fixed", value: 10_000 });
      expect(cart.discount).toBe(3_000);
      expect(cart.total()).toBe(0);
    });

    it.each([0, -5, 101])("rejects an invalid percentage of %i", (value) => {
      expect(() => cart.applyCoupon(percent(value))).toThrow("invalid percent");
    });

    it("rejects an expired coupon", () => {
      const expired = percent(10, { expiresAt: new Date("2024-05-31T23:59:59Z") });
      expect(() => cart.applyCoupon(expired)).toThrow("coupon expired");
    });

    it("treats a coupon expiring exactly now as expired", () => {
      expect(() => cart.applyCoupon(percent(10, { expiresAt: FIXED_NOW }))).toThrow("coupon expired");
    });

    it("accepts a coupon that has not expired yet", () => {
      cart.applyCoupon(percent(10, { expiresAt: new Date("2024-06-02T00:00:00Z") }));
      expect(cart.discount).toBe(300);
    });

    it("rejects a coupon whose minimum subtotal is not met", () => {
      expect(() => cart.applyCoupon(percent(10, { minSubtotalCents: 5_000 }))).toThrow(/too low/);
    });

    it("stops discounting if the cart later drops below the minimum", () => {
      cart.applyCoupon(percent(10, { minSubtotalCents: 2_000 }));
      expect(cart.discount).toBe(300);

      cart.setQty(widget.sku, 1);

      expect(cart.discount).toBe(0);
    });

    it("replaces a previously applied coupon", () => {
      cart.applyCoupon(percent(10));
      cart.applyCoupon(percent(50));
      expect(cart.discount).toBe(1_500);
    });
  });

  describe("total", () => {
    it("applies tax after the discount", () => {
      cart.add(widget, 4); // 40.00
      cart.applyCoupon({ code: "TEN", kind: "fixed", value: 1_000 });
      expect(cart.total(0.0825)).toBe(3_000 + 248); // 247.5 -> 248
    });

    it("equals the subtotal when there is no tax or coupon", () => {
      cart.add(gadget, 2);
      expect(cart.total()).toBe(cart.subtotal);
    });
  });

  describe("clear", () => {
    it("removes all lines and the coupon", () => {
      cart.add(widget, 2);
      cart.applyCoupon({ code: "X", kind: "fixed", value: 100 });

      cart.clear();

      expect(cart.items()).toEqual([]);
      expect(cart.discount).toBe(0);
      expect(cart.total()).toBe(0);
    });
  });
});
